"""PDFs: text layers without OCR, scans with OCR, mixed pages, passwords and form fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr import ReadSettings, inspect_document, read_document
from ocr.errors import PasswordProtected, TooManyPages
from tests.ocr.conftest import PASSWORD, make_pdf, recall

SETTINGS = ReadSettings()


def test_text_layer_pdf_needs_no_ocr(docs: dict[str, Path]) -> None:
    reading = read_document(docs["text_pdf"], SETTINGS)
    assert reading.kind == "pdf_text"
    assert reading.ocr_confidence is None
    page = reading.pages[0]
    assert page.source == "text_layer" and page.dpi == 300
    assert page.text.splitlines() == [
        "Prior Authorization Request",
        "Member Name: Guadalupe Hernandez",
        "Requesting provider Valley Family Medicine",
        "Diagnosis code M54.5 and procedure code 97110",
        "Please review this request for physical therapy",
        "The member has chronic low back pain since March",
    ]
    # pixel boxes at 300 dpi: the text starts one inch (72 pt) from the left edge
    assert page.words[0].box.x0 == pytest.approx(300, abs=3)
    assert page.width == pytest.approx(2550, abs=1) and page.height == pytest.approx(3300, abs=1)


def test_text_layer_pdf_reads_without_tesseract_languages(docs: dict[str, Path]) -> None:
    """A born-digital PDF never loads the OCR engine, so missing languages do not matter."""
    reading = read_document(docs["text_pdf"], ReadSettings(languages=("xx_missing",)))
    assert recall(reading.pages[0].text) == 1.0


def test_scanned_pdf_is_rendered_and_read(docs: dict[str, Path]) -> None:
    assert inspect_document(docs["scanned_pdf"], SETTINGS).kind == "pdf_scanned"
    reading = read_document(docs["scanned_pdf"], SETTINGS)
    assert reading.kind == "pdf_scanned"
    assert reading.pages[0].source == "ocr"
    assert recall(reading.pages[0].text) >= 0.97


def test_mixed_pdf_is_read_page_by_page(docs: dict[str, Path]) -> None:
    reading = read_document(docs["mixed_pdf"], SETTINGS)
    assert [p.source for p in reading.pages] == ["text_layer", "ocr"]
    assert reading.kind == "pdf_scanned"
    assert all(recall(p.text) >= 0.97 for p in reading.pages)
    assert reading.ocr_confidence is not None


def test_password_pdf_opens_only_with_a_configured_password(docs: dict[str, Path]) -> None:
    with pytest.raises(PasswordProtected) as refused:
        inspect_document(docs["locked_pdf"], SETTINGS)
    assert refused.value.reason == ("The PDF is password-protected and none of the configured "
                                    "passwords opens it.")
    with pytest.raises(PasswordProtected):
        read_document(docs["locked_pdf"], ReadSettings(pdf_passwords=("wrong",)))
    opened = ReadSettings(pdf_passwords=("wrong", PASSWORD))
    assert inspect_document(docs["locked_pdf"], opened).pages == 1
    reading = read_document(docs["locked_pdf"], opened)
    assert reading.kind == "pdf_text"
    assert recall(reading.pages[0].text) == 1.0


def test_fillable_form_values_are_returned(docs: dict[str, Path]) -> None:
    assert inspect_document(docs["form_pdf"], SETTINGS).kind == "pdf_form"
    reading = read_document(docs["form_pdf"], SETTINGS)
    assert reading.kind == "pdf_form"
    assert reading.form_fields == {"member_name": "Ana Flores", "member_id": "91234567A",
                                   "expedited": "Yes", "interpreter": ""}
    assert "Grievance Form" in reading.pages[0].text


def test_too_many_pages_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(pages=4))
    with pytest.raises(TooManyPages) as refused:
        inspect_document(path, ReadSettings(max_pages=3))
    assert refused.value.reason.startswith("The document has 4 pages; the limit is 3.")
    assert len(read_document(path, ReadSettings(max_pages=4)).pages) == 4
