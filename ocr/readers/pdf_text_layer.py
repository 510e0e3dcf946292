"""A PDF page's own text: whether it has enough real words, and those words with boxes."""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from ocr.errors import ParseTimeout
from ocr.layout import group_into_lines
from ocr.readers.layer_words import LayerChar, LayerWord, join_words, plain_text, word_text
from ocr.readers.pdf_file import OpenPdf
from ocr.results import Box, Word
from ocr.time_limit import time_limit

if TYPE_CHECKING:
    import pdfplumber
    import pdfplumber.page

log = logging.getLogger(__name__)

# A fax server's header line ("From 555-0100  Page 1/3") is a few words over a page-sized
# image: such a page still needs OCR. A page of real text has more words than any header.
MANY_WORDS = 25
FEW_WORDS = 3
MOSTLY_IMAGE = 0.5
_REAL_WORD = re.compile(r"[^\W_]{2,}")


def has_text_layer(pdf: OpenPdf, index: int) -> bool:
    """Whether the page carries enough real words that OCR would add nothing."""
    page = pdf.document[index]
    try:
        textpage = page.get_textpage()
        try:
            words = count_words(textpage.get_text_range())
        finally:
            textpage.close()
        if words >= MANY_WORDS:
            return True
        return words >= FEW_WORDS and _image_coverage(page) < MOSTLY_IMAGE
    except pypdfium2.PdfiumError:
        return False
    finally:
        page.close()


def count_words(text: str) -> int:
    """Real words in pdfium's text of a page, a letter-spaced run ("L u c a s") as one.

    pdfium puts a space between characters drawn one by one with tracking, as payer forms
    draw their labels and values; such a page still has a text layer to read.
    """
    words = spaced = 0
    for token in text.split():
        if len(token) == 1 and token.isalnum():
            spaced += 1
            continue
        words += int(spaced >= 2)
        spaced = 0
        words += len(_REAL_WORD.findall(token))
    return words + int(spaced >= 2)


def _image_coverage(page: pypdfium2.PdfPage) -> float:
    """The share of the page covered by its largest image (a scan covers nearly all of it)."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    largest = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        largest = max(largest, (right - left) * (top - bottom))
    return float(largest / area)


class TextLayer:
    """pdfplumber over the same bytes and password, opened once for the document."""

    def __init__(self, pdf: OpenPdf, seconds: float) -> None:
        """`seconds`: the time limit for opening, and for each page's words."""
        # Imported here: pdfminer is slow to import and scans never need it.
        import pdfplumber

        self._plumber: pdfplumber.PDF | None = None
        self._seconds = seconds
        self.warnings: list[str] = []
        try:
            with _quiet(), time_limit(seconds, "opening the text layer"):
                self._plumber = pdfplumber.open(io.BytesIO(pdf.data), password=pdf.password or "")
        except ParseTimeout:
            self.warnings.append("The file's text took too long to open; its pages were read "
                                 "as images.")
        except Exception as exc:  # pdfminer chokes on some files pdfium reads; OCR them instead
            log.info("text layer unreadable: %s", type(exc).__name__)

    def words(self, index: int, width_px: int, height_px: int) -> list[Word]:
        """The page's words scaled to an image of width_px x height_px; [] if unreadable."""
        if self._plumber is None:
            return []
        try:
            with _quiet(), time_limit(self._seconds, f"the text of page {index + 1}"):
                page = self._plumber.pages[index]
                found = _page_words(page)
                x0, top, x1, bottom = (float(v) for v in page.bbox)
        except ParseTimeout:
            self.warnings.append(f"The text of page {index + 1} took too long to read; the "
                                 "page was read as an image.")
            return []
        except Exception as exc:  # one broken page: OCR it rather than lose the document
            log.info("text layer of page %d unreadable: %s", index + 1, type(exc).__name__)
            return []
        sx = width_px / max(x1 - x0, 1.0)
        sy = height_px / max(bottom - top, 1.0)
        boxes = [(word.text, Box(_clip((word.x0 - x0) * sx, width_px),
                                 _clip((word.top - top) * sy, height_px),
                                 _clip((word.x1 - x0) * sx, width_px),
                                 _clip((word.bottom - top) * sy, height_px)))
                 for word in found]
        return group_into_lines(boxes)

    def close(self) -> None:
        if self._plumber is not None:
            with contextlib.suppress(Exception):
                self._plumber.close()


def _page_words(page: pdfplumber.page.Page) -> list[LayerWord]:
    """The page's words: level text joined by its own spacing, sideways and diagonal text
    as pdfplumber groups it, reading up the page where the text runs upwards."""
    from pdfplumber.utils import extract_words

    level: list[LayerChar] = []
    downwards: list[dict[str, Any]] = []
    upwards: list[dict[str, Any]] = []
    for char in page.chars:
        if _level(char):
            level.append(LayerChar(plain_text(str(char.get("text") or "")),
                                   float(char["x0"]), float(char["top"]),
                                   float(char["x1"]), float(char["bottom"]),
                                   float(char.get("size") or 0.0),
                                   str(char.get("fontname") or "")))
        elif _running_up(char):
            upwards.append(char)
        else:
            downwards.append(char)
    words = join_words(level)
    turned = [*extract_words(downwards, keep_blank_chars=False, use_text_flow=False),
              *extract_words(upwards, keep_blank_chars=False, use_text_flow=False,
                             char_dir_rotated="btt")]
    for item in turned:
        text = word_text(plain_text(str(item["text"])))
        if text and not text.startswith("(cid:"):
            words.append(LayerWord(text, float(item["x0"]), float(item["top"]),
                                   float(item["x1"]), float(item["bottom"])))
    return words


def _level(char: dict[str, Any]) -> bool:
    """Whether a character sits on a level baseline, read left to right (a slanted italic
    does; a diagonal watermark, sideways or upside-down text does not)."""
    matrix = char.get("matrix") or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    a, b = float(matrix[0]), float(matrix[1])
    return bool(char.get("upright", True)) and a > 0 and abs(b) <= 0.05 * a


def _running_up(char: dict[str, Any]) -> bool:
    """Whether a turned character's baseline runs up the page (a margin note read bottom
    to top), from its text matrix as pdfminer gives it (PDF y runs upwards)."""
    matrix = char.get("matrix") or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return float(matrix[1]) > abs(float(matrix[0]))


def _clip(value: float, limit: int) -> float:
    return min(max(value, 0.0), float(limit))


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer warns about every oddity of a damaged file; none of it is ours to act on."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield
