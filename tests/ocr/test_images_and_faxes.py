"""Scans and faxes read with real Tesseract: the known text survives every resolution."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from ocr import ReadSettings, inspect_document, read_document
from tests.ocr.conftest import recall

SETTINGS = ReadSettings()


class CountingProgress:
    def __init__(self) -> None:
        self.pages = 0

    def advance(self, n: int = 1) -> None:
        self.pages += n


@pytest.mark.parametrize(("name", "kind"), [("scan_png", "png"), ("scan_jpeg", "jpeg"),
                                            ("fax_fine", "tiff"), ("fax_standard", "tiff")])
def test_known_text_survives_each_resolution(docs: dict[str, Path], name: str, kind: str) -> None:
    reading = read_document(docs[name], SETTINGS)
    assert reading.kind == kind
    assert len(reading.pages) == 1
    page = reading.pages[0]
    assert page.source == "ocr"
    assert recall(page.text) >= 0.97
    assert reading.ocr_confidence is not None and reading.ocr_confidence > 0.8
    assert all(0 <= w.confidence <= 1 for w in page.words)
    assert all(0 <= w.box.x0 < w.box.x1 <= page.width and 0 <= w.box.y0 < w.box.y1 <= page.height
               for w in page.words)
    assert page.warnings == [] and reading.warnings == []


def test_words_of_a_line_share_its_index_and_lines_run_in_reading_order(
        docs: dict[str, Path]) -> None:
    page = read_document(docs["fax_fine"], SETTINGS).pages[0]
    first = [w.text for w in page.words if w.line == page.words[0].line]
    assert first == ["Prior", "Authorization", "Request"]
    assert page.text.splitlines()[1].startswith("Member Name")


def test_standard_fax_has_its_rows_doubled(docs: dict[str, Path]) -> None:
    """GIVEN a 204 x 98 dpi fax (squashed to half height) THEN each row is shown twice, the
    page is a letter page again and Tesseract is told its real resolution (about 200 dpi)."""
    with Image.open(docs["fax_standard"]) as stored:
        stored_size = stored.size
        first_rows = stored.crop((0, 0, stored.width, 40)).convert("L")
    page = read_document(docs["fax_standard"], SETTINGS).pages[0]
    assert page.dpi == 200
    assert (page.width, page.height) == (stored_size[0], 2 * stored_size[1])
    assert 1.2 < page.height / page.width < 1.4  # a letter page again, not a squashed one
    with Image.open(io.BytesIO(page.image_png)) as shown:
        top = shown.convert("L").crop((0, 0, shown.width, 80))
    doubled = first_rows.resize((first_rows.width, 80), Image.Resampling.NEAREST)
    assert top.tobytes() == doubled.tobytes()  # the fax's own pixels, no new gray


def test_fine_fax_is_read_as_it_is(docs: dict[str, Path]) -> None:
    """GIVEN a 204 x 196 dpi fax THEN its pixels are not stretched, and it counts as 200 dpi."""
    with Image.open(docs["fax_fine"]) as stored:
        stored_size = stored.size
    page = read_document(docs["fax_fine"], SETTINGS).pages[0]
    assert (page.width, page.height, page.dpi) == (*stored_size, 200)


def test_fax_page_image_stays_one_bit(docs: dict[str, Path]) -> None:
    page = read_document(docs["fax_fine"], SETTINGS).pages[0]
    assert page.image_png.startswith(b"\x89PNG")
    assert page.image_png[24:26] == b"\x01\x00"  # IHDR: bit depth 1, grayscale


def test_multi_page_tiff_reports_each_page(docs: dict[str, Path]) -> None:
    assert inspect_document(docs["multi"], SETTINGS).pages == 3
    progress = CountingProgress()
    reading = read_document(docs["multi"], SETTINGS, progress)
    assert [p.number for p in reading.pages] == [1, 2, 3]
    assert progress.pages == 3
    assert all(recall(p.text) >= 0.97 for p in reading.pages)


def test_exif_orientation_is_honoured(docs: dict[str, Path]) -> None:
    page = read_document(docs["exif_jpeg"], SETTINGS).pages[0]
    assert page.height > page.width
    assert page.rotation == 0  # turned by its EXIF tag while decoding, not by OCR
    assert recall(page.text) >= 0.97


def test_a_page_chain_that_loops_is_read_once_with_a_warning(docs: dict[str, Path]) -> None:
    """GIVEN a TIFF whose last page points back to the first THEN its two pages are read once."""
    assert inspect_document(docs["looping_tiff"], SETTINGS).pages == 2
    reading = read_document(docs["looping_tiff"], SETTINGS)
    assert len(reading.pages) == 2
    assert any("loops back" in w for w in reading.warnings)
