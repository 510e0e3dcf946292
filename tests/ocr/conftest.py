"""Test documents made here: born-digital PDFs with known text, rendered as scans and faxes."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.conftest import CORPORA

KNOWN_LINES = [
    "Prior Authorization Request",
    "Member Name: Guadalupe Hernandez",
    "Requesting provider Valley Family Medicine",
    "Diagnosis code M54.5 and procedure code 97110",
    "Please review this request for physical therapy",
    "The member has chronic low back pain since March",
]
PASSWORD = "fax2026"
FAX_TIFF = CORPORA / "fax_tiff"
PDF_ODD = CORPORA / "pdf_odd"


def known_words(lines: list[str] = KNOWN_LINES) -> list[str]:
    return [w.strip(":,.").lower() for line in lines for w in line.split()]


def recall(text: str, lines: list[str] = KNOWN_LINES) -> float:
    """Share of the known words found in `text` (case and punctuation ignored)."""
    found = {w.strip(":,.").lower() for w in text.split()}
    wanted = known_words(lines)
    return sum(1 for w in wanted if w in found) / len(wanted)


def make_pdf(lines: list[str] = KNOWN_LINES, pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for _ in range(pages):
        pdf.setFont("Helvetica", 13)
        y = 700
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 30
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render_gray(pdf_bytes: bytes, dpi: int = 300) -> Image.Image:
    doc = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()


def as_fax(image: Image.Image, fine: bool) -> Image.Image:
    """A 300-dpi page as a fax server stores it: 1-bit, 204 x 196 (fine) or 204 x 98 dpi."""
    size = (round(image.width * 204 / 300), round(image.height * (196 if fine else 98) / 300))
    return image.resize(size, Image.Resampling.LANCZOS).point(lambda v: 255 if v > 150 else 0, "1")


def scanned_pdf(image: Image.Image) -> bytes:
    """A PDF whose only page is a picture of the page, as a scanner makes it."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.drawImage(ImageReader(image), 0, 0, width=letter[0], height=letter[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def mixed_pdf(image: Image.Image) -> bytes:
    """Page 1 typed (text layer), page 2 scanned (image only)."""
    writer = pypdf.PdfWriter()
    for part in (make_pdf(), scanned_pdf(image)):
        writer.append(pypdf.PdfReader(io.BytesIO(part)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf(password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf()))
    writer.encrypt(password, algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def form_pdf() -> bytes:
    """A fillable grievance form: two text fields filled, one checkbox ticked, one not."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica", 12)
    pdf.drawString(72, 750, "Grievance Form: fill in the member name and the member ID below")
    pdf.drawString(72, 730, "Check the box when the grievance needs an expedited review today")
    form = pdf.acroForm
    form.textfield(name="member_name", value="Ana Flores", x=72, y=680, width=220, height=20)
    form.textfield(name="member_id", value="91234567A", x=72, y=640, width=220, height=20)
    form.checkbox(name="expedited", checked=True, x=72, y=600, buttonStyle="check")
    form.checkbox(name="interpreter", checked=False, x=72, y=570, buttonStyle="check")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def looping_tiff(pages: int = 2) -> bytes:
    """A multi-page TIFF whose last page points back to the first: the chain never ends."""
    page = Image.new("1", (400, 300), 1)
    buffer = io.BytesIO()
    page.save(buffer, format="TIFF", compression="group4", save_all=True,
              append_images=[page] * (pages - 1))
    data = bytearray(buffer.getvalue())
    first = struct.unpack("<I", data[4:8])[0]
    offset = first
    while True:
        (entries,) = struct.unpack("<H", data[offset:offset + 2])
        at = offset + 2 + entries * 12
        (following,) = struct.unpack("<I", data[at:at + 4])
        if following == 0:
            data[at:at + 4] = struct.pack("<I", first)
            return bytes(data)
        offset = following


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims enormous dimensions: a decompression bomb in 60 bytes."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture(scope="session")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every generated document, written once per test session."""
    folder = tmp_path_factory.mktemp("ocr-docs")
    pdf = make_pdf()
    scan = render_gray(pdf)
    paths = {name: folder / file for name, file in {
        "text_pdf": "text.pdf", "scan_png": "scan.png", "scan_jpeg": "scan.jpg",
        "fax_fine": "fine.tif", "fax_standard": "standard.tif", "multi": "multi.tif",
        "turned_90": "turned-90.png", "turned_180": "turned-180.png",
        "turned_270": "turned-270.png", "skewed": "skewed.png", "exif_jpeg": "exif.jpg",
        "scanned_pdf": "scanned.pdf", "mixed_pdf": "mixed.pdf", "locked_pdf": "locked.pdf",
        "form_pdf": "form.pdf", "looping_tiff": "loop.tif",
    }.items()}
    paths["text_pdf"].write_bytes(pdf)
    scan.save(paths["scan_png"], dpi=(300, 300))
    scan.save(paths["scan_jpeg"], dpi=(300, 300), quality=85)
    as_fax(scan, True).save(paths["fax_fine"], compression="group4", dpi=(204, 196))
    as_fax(scan, False).save(paths["fax_standard"], compression="group4", dpi=(204, 98))
    fine = as_fax(scan, True)
    fine.save(paths["multi"], compression="group4", dpi=(204, 196), save_all=True,
              append_images=[fine, fine])
    # PIL turns counter-clockwise: rotate(90) leaves the text turned 270 degrees clockwise.
    for clockwise in (90, 180, 270):
        scan.rotate(-clockwise, expand=True).save(paths[f"turned_{clockwise}"], dpi=(300, 300))
    scan.rotate(2, fillcolor=255, resample=Image.Resampling.BILINEAR).save(
        paths["skewed"], dpi=(300, 300))
    # A phone-style JPEG: pixels stored sideways, EXIF orientation 6 says "turn 90 clockwise".
    exif = Image.Exif()
    exif[0x0112] = 6
    scan.rotate(90, expand=True).save(paths["exif_jpeg"], dpi=(300, 300), quality=85, exif=exif)
    paths["scanned_pdf"].write_bytes(scanned_pdf(scan))
    paths["mixed_pdf"].write_bytes(mixed_pdf(scan))
    paths["locked_pdf"].write_bytes(encrypted_pdf(PASSWORD))
    paths["form_pdf"].write_bytes(form_pdf())
    paths["looping_tiff"].write_bytes(looping_tiff())
    return paths
