"""Reading real files with real Tesseract: text survives every fax resolution and orientation."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from ocr import ReadSettings, UnreadableDocument, inspect_document, read_document
from ocr.errors import CorruptFile, EmptyFile, PasswordProtected, TooManyPages, UnsupportedFileType
from tests.conftest import CORPORA
from tests.ocr.conftest import known_words, make_pdf

SETTINGS = ReadSettings()


def recall(text: str) -> float:
    found = {w.strip(":,.").lower() for w in text.split()}
    wanted = known_words()
    return sum(1 for w in wanted if w in found) / len(wanted)


@pytest.mark.parametrize("name", ["scan_png", "scan_jpeg", "fax_fine", "fax_standard"])
def test_known_text_survives_each_resolution(docs: dict[str, Path], name: str) -> None:
    reading = read_document(docs[name], SETTINGS)
    assert len(reading.pages) == 1
    page = reading.pages[0]
    assert page.source == "ocr"
    assert recall(page.text) >= 0.97
    assert reading.ocr_confidence is not None and reading.ocr_confidence > 0.8
    assert page.image_png.startswith(b"\x89PNG")
    # every word carries a box inside the page
    assert all(0 <= w.box.x0 < w.box.x1 <= page.width for w in page.words)


def test_standard_fax_is_stretched_to_square_pixels(docs: dict[str, Path]) -> None:
    page = read_document(docs["fax_standard"], SETTINGS).pages[0]
    assert page.dpi == 204
    assert 1.2 < page.height / page.width < 1.4  # a letter page again, not a squashed one


def test_text_layer_pdf_needs_no_ocr(docs: dict[str, Path]) -> None:
    reading = read_document(docs["text_pdf"], SETTINGS)
    assert reading.kind == "pdf_text"
    assert reading.ocr_confidence is None
    assert recall(reading.pages[0].text) == 1.0


def test_upside_down_page_is_turned_and_read(docs: dict[str, Path]) -> None:
    page = read_document(docs["rotated"], SETTINGS).pages[0]
    assert page.rotation == 180
    assert recall(page.text) >= 0.9


def test_multi_page_tiff(docs: dict[str, Path]) -> None:
    assert inspect_document(docs["multi"], SETTINGS).pages == 3
    reading = read_document(docs["multi"], SETTINGS)
    assert [p.number for p in reading.pages] == [1, 2, 3]


def test_password_pdf_opens_only_with_a_configured_password(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf()))
    writer.encrypt("fax2026")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(PasswordProtected) as refused:
        read_document(path, SETTINGS)
    assert refused.value.reason.startswith("The PDF is password-protected")
    reading = read_document(path, ReadSettings(pdf_passwords=("wrong", "fax2026")))
    assert recall(reading.pages[0].text) == 1.0


def test_fillable_form_values_are_returned(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "form.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 750, "Grievance Form - Member Name and Member ID below please")
    pdf.acroForm.textfield(name="member_name", value="Ana Flores", x=72, y=700, width=200)
    pdf.acroForm.checkbox(name="expedited", checked=True, x=72, y=650)
    pdf.save()
    reading = read_document(path, SETTINGS)
    assert reading.kind == "pdf_form"
    assert reading.form_fields["member_name"] == "Ana Flores"
    assert reading.form_fields["expedited"] not in {"", "Off"}


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", EmptyFile, "empty"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog", CorruptFile, "damaged or incomplete"),
        (b"PK\x03\x04" + b"\x00" * 100, UnsupportedFileType, "Word, Excel or ZIP"),
        (b"\x00\x01garbage" * 50, UnsupportedFileType, "cannot be read"),
        (b"II*\x00" + b"\xff" * 64, CorruptFile, "damaged"),
    ],
    ids=["empty", "truncated-pdf", "docx", "random", "broken-tiff"],
)
def test_bad_files_raise_a_readable_reason(
    tmp_path: Path, content: bytes, error: type[UnreadableDocument], words: str
) -> None:
    path = tmp_path / "incoming.bin"
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        read_document(path, SETTINGS)
    assert words in raised.value.reason
    assert "Traceback" not in raised.value.reason


def test_too_many_pages_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(pages=4))
    with pytest.raises(TooManyPages, match="4 pages; the limit is 3"):
        inspect_document(path, ReadSettings(max_pages=3))


@pytest.mark.skipif(not (CORPORA / "fax_tiff").is_dir(), reason="shared corpora folder absent")
def test_itu_business_letter_is_read() -> None:
    path = CORPORA / "fax_tiff" / "derived" / "itu1-8_g4.tif"
    reading = read_document(path, ReadSettings(max_pages=1 + 7))
    text = reading.pages[0].text
    for word in ("SLEREXE", "Dear", "facsimile", "Cundall"):
        assert word in text


def test_the_fallback_engine_reads_as_well(docs: dict[str, Path]) -> None:
    """The tesseract command through pytesseract, for machines where tesserocr will not install."""
    reading = read_document(docs["fax_fine"], ReadSettings(engine="pytesseract"))
    assert recall(reading.pages[0].text) >= 0.97
    assert reading.pages[0].words[0].line == 0


def test_a_page_that_times_out_becomes_an_empty_page_with_a_warning(docs: dict[str, Path]) -> None:
    """GIVEN an engine that never finishes in time, THEN the document survives with a warning."""
    from PIL import Image

    from ocr.engine import RecognitionTimeout
    from ocr.page_ocr import ocr_page
    from ocr.types import Word

    class StuckEngine:
        def recognize(self, image: Image.Image, timeout_s: float) -> list[Word]:
            raise RecognitionTimeout

        def detect_rotation(self, image: Image.Image) -> int:
            return 0

    with Image.open(docs["scan_png"]) as image:
        page = ocr_page(image.convert("L"), 300, 3, StuckEngine(), SETTINGS)
    assert page.words == [] and page.text == ""
    assert page.warnings == ["Page 3 took too long to read and was left unread."]
    assert page.image_png.startswith(b"\x89PNG")
