"""Files that land in Intake Review: an unknown letter, a fax of two requests, a broken file."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from tests.forms.generator.corpus import make_form

LETTER_LINES = [
    "Valley Family Practice",
    "Dear Sir or Madam,",
    "Please update our office address in your provider directory.",
    "Our new suite is 400 on Main Street, Fresno.",
    "Thank you, Front Desk",
]


def letter_pdf(lines: list[str] = LETTER_LINES) -> bytes:
    """A one-page letter that is none of our forms."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    y = 720.0
    for line in lines:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, y, line)
        y -= 22
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def joined_pdf(*pdfs: bytes) -> bytes:
    """The pages of several PDFs in one file, as a fax machine sends them."""
    writer = pypdf.PdfWriter()
    for data in pdfs:
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pages_of(pdf: bytes, numbers: list[int]) -> bytes:
    """Only the given pages (1-based) of a PDF."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    writer = pypdf.PdfWriter()
    for number in numbers:
        writer.add_page(reader.pages[number - 1])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def grievance_pdf() -> bytes:
    return make_form("grievance_form", "inline", 3).pdf


def prior_auth_pdf() -> bytes:
    return make_form("prior_auth_request", "boxes", 3).pdf


def write_review_files(folder: Path) -> dict[str, Path]:
    """The usual mix: letter, a second copy of it, two requests in one fax, an empty file."""
    folder.mkdir(parents=True, exist_ok=True)
    letter_bytes = letter_pdf()
    contents = {
        "letter": ("address-letter.pdf", letter_bytes),
        "copy": ("address-letter-again.pdf", letter_bytes),
        "two": ("two-requests.pdf", joined_pdf(grievance_pdf(), prior_auth_pdf())),
        "empty": ("empty.pdf", b""),
    }
    paths = {}
    for key, (name, data) in contents.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    return paths


def looping_tiff_of(pdf: bytes, dpi: int = 200) -> bytes:
    """The PDF's first page as a two-page fax TIFF whose page chain loops back on itself.

    Intake reads it (each page once) but warns about the file, as it would a damaged fax.
    """
    import struct

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("1")
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", compression="group4", save_all=True,
               append_images=[image], dpi=(dpi, dpi))
    data = bytearray(buffer.getvalue())
    first = offset = struct.unpack("<I", data[4:8])[0]
    while True:
        (entries,) = struct.unpack("<H", data[offset:offset + 2])
        at = offset + 2 + entries * 12
        (following,) = struct.unpack("<I", data[at:at + 4])
        if following == 0:
            data[at:at + 4] = struct.pack("<I", first)
            return bytes(data)
        offset = following
