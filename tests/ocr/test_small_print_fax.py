"""Small print on a standard-resolution fax: codes and names read without character slips."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ocr import ReadSettings, read_document
from ocr.engine import engine_for
from ocr.enlarge import EnlargingEngine, read_scale
from tests.ocr.conftest import as_fax, recall, render_gray

SETTINGS = ReadSettings()
# What a provider's form prints: 7-point captions, 10-point italic values.
SMALL_PRINT = [
    ("Helvetica", 7, "Patient's Name  Birthdate  Member Tel.  Performing Provider"),
    ("Times-Italic", 10, "LINH RAMIREZ  95917737Y  24-Dec-2026  M17.11  L3000"),
    ("Helvetica", 7, "Requesting Clinician  Servicing NPI No.  Date of Service"),
    ("Times-Italic", 10, "Robert Garcia, MD  1407846033  (559) 555-0142"),
    ("Helvetica", 7, "Diagnosis Codes  Procedure Codes  Number of Visits"),
    ("Times-Italic", 10, "Hoang Smith  S82.101A  E11.9  97110  06/04/2016"),
]
VALUES = "LINH RAMIREZ 95917737Y 24-Dec-2026 M17.11 L3000"


def _small_print_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 720
    for font, size, text in SMALL_PRINT:
        pdf.setFont(font, size)
        pdf.drawString(72, y, text)
        y -= 22
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def small_print(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small-print page faxed at standard (204 x 98) and fine (204 x 196) resolution."""
    folder = tmp_path_factory.mktemp("small-print")
    scan = render_gray(_small_print_pdf())
    paths = {"standard": folder / "standard.tif", "fine": folder / "fine.tif"}
    as_fax(scan, False).save(paths["standard"], compression="group4", dpi=(204, 98))
    as_fax(scan, True).save(paths["fine"], compression="group4", dpi=(204, 196))
    return paths


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def test_values_on_a_standard_fax_read_exactly(small_print: dict[str, Path]) -> None:
    """GIVEN italic codes faxed at standard resolution THEN every character of them is read.

    Read once as it arrives ('M1711', '13000' are what Tesseract makes of it), a clerk would
    have to retype the diagnosis and the procedure code; a standard fax is read enlarged.
    """
    page = read_document(small_print["standard"], SETTINGS).pages[0]
    assert VALUES in _lines(page.text)
    assert recall(page.text, [t for _, _, t in SMALL_PRINT]) >= 0.9


def test_reading_the_page_only_once_slips(small_print: dict[str, Path]) -> None:
    """The same page read once at its own resolution: the values line is not read right."""
    page = read_document(small_print["standard"],
                         replace(SETTINGS, enlarge_faxes=(), reread_faxes=())).pages[0]
    assert VALUES not in _lines(page.text)


def test_reading_only_the_unsure_lines_again_reads_it_too(small_print: dict[str, Path]) -> None:
    """Reading the page at its own resolution and only its unsure lines again enlarged (the
    quicker way, kept as a setting) reads the values line as well, the words answered in the
    page's own pixels."""
    settings = replace(SETTINGS, enlarge_faxes=(), reread_faxes=("standard",))
    page = read_document(small_print["standard"], settings).pages[0]
    assert VALUES in _lines(page.text)
    assert all(w.box.x1 <= page.width and w.box.y1 <= page.height for w in page.words)


def test_fine_fax_small_print_reads_too(small_print: dict[str, Path]) -> None:
    page = read_document(small_print["fine"], SETTINGS).pages[0]
    assert VALUES in _lines(page.text)


def test_words_stay_in_the_coordinates_of_the_page_shown(small_print: dict[str, Path]) -> None:
    """GIVEN a fax with lines read again enlarged THEN page size, resolution and word boxes
    are the page's own."""
    page = read_document(small_print["standard"], SETTINGS).pages[0]
    with Image.open(io.BytesIO(page.image_png)) as shown:
        assert shown.size == (page.width, page.height)
    assert page.dpi == 200  # 204 x 98, its rows doubled: about 200 dpi both ways
    assert page.words
    assert all(0 <= w.box.x0 < w.box.x1 <= page.width and 0 <= w.box.y0 < w.box.y1 <= page.height
               for w in page.words)
    # The page is printed from one inch in, 1 inch = 204 pixels of the page shown.
    first = min(page.words, key=lambda w: w.box.x0)
    assert first.box.x0 == pytest.approx(204, abs=12)
    name = next(w for w in page.words if w.text == "RAMIREZ")
    with Image.open(io.BytesIO(page.image_png)) as shown:
        box = name.box
        ink = shown.convert("L").crop((round(box.x0), round(box.y0), round(box.x1),
                                       round(box.y1)))
        assert ink.getextrema()[0] == 0  # the box is on the word's ink, not beside it


def test_enlarged_reading_answers_in_the_given_pixels() -> None:
    """The same words from a page read directly at 300 dpi and one given at 204 dpi."""
    page = render_gray(_small_print_pdf(), dpi=204).point(lambda v: 255 if v > 150 else 0, "1")
    engine = engine_for(SETTINGS.languages, SETTINGS.engine)
    scale = read_scale(204)
    words = EnlargingEngine(engine, scale).recognize(page.convert("L"), 204, 60.0)
    assert words
    assert all(w.box.x1 <= page.width and w.box.y1 <= page.height for w in words)


@pytest.mark.parametrize(("dpi", "enlarged"), [(204, True), (200, True), (300, False),
                                               (600, False)])
def test_only_pages_under_300_dpi_are_enlarged(dpi: int, enlarged: bool) -> None:
    assert (read_scale(dpi) > 1) is enlarged
