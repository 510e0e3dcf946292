"""PDFs: text-layer words where the page has them, rendered images for OCR where it does not."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from ocr.errors import CorruptFile, PageTooLarge, PasswordProtected, TooManyPages
from ocr.page_ocr import page_png, words_to_text
from ocr.types import Box, PageReading, ReadSettings, Word

log = logging.getLogger(__name__)
TEXT_LAYER_MIN_WORDS = 5  # fewer real words than this and the page is treated as a scan
VIEW_DPI = 150  # text-layer pages need an image only for the viewer


@dataclass
class OpenPdf:
    data: bytes
    document: pypdfium2.PdfDocument
    password: str | None

    def close(self) -> None:
        self.document.close()


def open_pdf(path: Path, settings: ReadSettings) -> OpenPdf:
    """Open with pdfium, trying the configured passwords on an encrypted file."""
    data = path.read_bytes()
    last_error: Exception | None = None
    for password in (None, "", *settings.pdf_passwords):
        try:
            document = pypdfium2.PdfDocument(data, password=password)
        except pypdfium2.PdfiumError as exc:
            if "password" not in str(exc).lower():
                raise CorruptFile(_pdfium_reason(exc)) from exc
            last_error = exc
            continue
        pages = len(document)
        if pages == 0:
            document.close()
            raise CorruptFile("it has no pages")
        if pages > settings.max_pages:
            document.close()
            raise TooManyPages(pages, settings.max_pages)
        return OpenPdf(data, document, password)
    raise PasswordProtected from last_error


def _pdfium_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "format" in text or "not found" in text:
        return "it is not a valid PDF"
    return "the PDF structure is broken"


def form_fields(pdf: OpenPdf) -> dict[str, str]:
    """Values of a fillable form's fields (checkboxes as their export value), best effort."""
    try:
        import pypdf

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(pdf.data), strict=False)
            if reader.is_encrypted:
                reader.decrypt(pdf.password or "")
            fields = reader.get_fields() or {}
    except Exception as exc:  # a damaged form dictionary must not lose the pages
        log.info("form fields unreadable: %s", type(exc).__name__)
        return {}
    values: dict[str, str] = {}
    for name, field in fields.items():
        value = field.get("/V")
        if value is None:
            continue
        text = str(value).lstrip("/")
        if text and text not in {"Off", "None"}:
            values[str(name)] = text
    return values


def text_layer_words(pdf: OpenPdf, settings: ReadSettings) -> dict[int, list[Word]]:
    """Words with boxes per page (0-based) from the text layer, in VIEW_DPI pixels."""
    import pdfplumber

    scale = VIEW_DPI / 72
    result: dict[int, list[Word]] = {}
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(pdf.data), password=pdf.password or "") as plumber:
                for index, page in enumerate(plumber.pages):
                    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                    words = _with_lines(raw, scale)
                    if len(words) >= TEXT_LAYER_MIN_WORDS:
                        result[index] = words
    except Exception as exc:  # pdfminer chokes on some broken files pdfium renders fine
        log.info("text layer unreadable: %s", type(exc).__name__)
    return result


def _with_lines(raw: list[dict[str, object]], scale: float) -> list[Word]:
    words: list[Word] = []
    line = -1
    last_top: float | None = None
    for item in sorted(raw, key=lambda w: (round(float(w["top"]) / 3), float(w["x0"]))):  # type: ignore[arg-type]
        top = float(item["top"])  # type: ignore[arg-type]
        if last_top is None or abs(top - last_top) > 3:
            line += 1
            last_top = top
        text = str(item["text"]).strip()
        if not text:
            continue
        words.append(Word(text, 1.0, Box(float(item["x0"]) * scale, top * scale,  # type: ignore[arg-type]
                                         float(item["x1"]) * scale,  # type: ignore[arg-type]
                                         float(item["bottom"]) * scale), line))  # type: ignore[arg-type]
    return words


def render(pdf: OpenPdf, index: int, dpi: int, settings: ReadSettings):  # type: ignore[no-untyped-def]
    """One page as a grayscale PIL image at `dpi`."""
    page = pdf.document[index]
    try:
        width, height = page.get_size()
        megapixels = (width * dpi / 72) * (height * dpi / 72) / 1e6
        if megapixels > settings.max_megapixels:
            raise PageTooLarge(megapixels, settings.max_megapixels)
        return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    except pypdfium2.PdfiumError as exc:
        raise CorruptFile(f"page {index + 1} cannot be drawn") from exc
    finally:
        page.close()


def text_layer_page(pdf: OpenPdf, index: int, words: list[Word],
                    settings: ReadSettings) -> PageReading:
    image = render(pdf, index, VIEW_DPI, settings)
    return PageReading(number=index + 1, width=image.width, height=image.height, dpi=VIEW_DPI,
                       source="text_layer", words=words, text=words_to_text(words), rotation=0,
                       image_png=page_png(image))


def page_indexes(pdf: OpenPdf) -> Iterator[int]:
    yield from range(len(pdf.document))
