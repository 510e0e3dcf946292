"""Test documents made here: born-digital PDFs with known text, rendered as scans and faxes."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

KNOWN_LINES = [
    "Prior Authorization Request",
    "Member Name: Guadalupe Hernandez",
    "Requesting provider Valley Family Medicine",
    "Diagnosis code M54.5 and procedure code 97110",
    "Please review this request for physical therapy",
    "The member has chronic low back pain since March",
]


def known_words() -> list[str]:
    return [w.strip(":,.").lower() for line in KNOWN_LINES for w in line.split()]


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
    size = (round(image.width * 204 / 300), round(image.height * (196 if fine else 98) / 300))
    return image.resize(size, Image.Resampling.LANCZOS).point(lambda v: 255 if v > 150 else 0, "1")


@pytest.fixture(scope="session")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ocr-docs")
    pdf = make_pdf()
    scan = render_gray(pdf)
    paths = {
        "text_pdf": folder / "text.pdf",
        "scan_png": folder / "scan.png",
        "scan_jpeg": folder / "scan.jpg",
        "fax_fine": folder / "fine.tif",
        "fax_standard": folder / "standard.tif",
        "rotated": folder / "rotated.png",
        "multi": folder / "multi.tif",
    }
    paths["text_pdf"].write_bytes(pdf)
    scan.save(paths["scan_png"], dpi=(300, 300))
    scan.save(paths["scan_jpeg"], dpi=(300, 300), quality=85)
    as_fax(scan, True).save(paths["fax_fine"], compression="group4", dpi=(204, 196))
    as_fax(scan, False).save(paths["fax_standard"], compression="group4", dpi=(204, 98))
    scan.rotate(180).save(paths["rotated"], dpi=(300, 300))
    first = as_fax(scan, True)
    first.save(paths["multi"], compression="group4", dpi=(204, 196), save_all=True,
               append_images=[first, first])
    return paths
