"""Prior-authorization pages where words that are not the member's name sit where a name is
looked for: the form's instruction beside the label, a drug table under it."""

from __future__ import annotations

import io
import random
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from tests.forms.generator.corpus import scan_pages

MEMBER = "Maria Lopez-Nuñez"


def _header(canvas: Canvas) -> float:
    """The form's title and the fields a PA request always has; returns where to go on."""
    canvas.setFont("Helvetica-Bold", 15)
    canvas.drawString(72, 740, "PRIOR AUTHORIZATION REQUEST")
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawString(72, 712, "MEMBER INFORMATION")
    return 690


def _rest(canvas: Canvas, top: float) -> None:
    """Member ID, birth date, provider, codes: everything but the member's name."""
    canvas.setFont("Helvetica", 10)
    lines = [
        ("Member ID:", "91234567A", "Date of Birth:", "04/12/1961"),
        ("Requesting Provider:", "Anita Shah, MD", "NPI:", "1234567893"),
        ("Diagnosis Code:", "M54.5", "Procedure Code:", "97110"),
        ("Start Date:", "11/30/2026", "Units:", "12"),
    ]
    y = top
    for left_label, left_value, right_label, right_value in lines:
        canvas.drawString(72, y, left_label)
        canvas.drawString(190, y, left_value)
        canvas.drawString(330, y, right_label)
        canvas.drawString(430, y, right_value)
        y -= 26
    canvas.drawString(72, y, "Urgency:")
    canvas.rect(150, y - 1, 8, 8)
    canvas.drawString(162, y, "Standard")
    canvas.rect(230, y - 1, 8, 8)
    canvas.drawString(242, y, "Expedited")


def instruction_beside_label(name: str = MEMBER) -> bytes:
    """The label, then the form's instruction on its row; the name written under both."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    y = _header(canvas)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, y, "Member Name")
    canvas.setFont("Helvetica-Oblique", 8)
    canvas.drawString(150, y, "Kindly write the member's name as shown on the ID card")
    canvas.setFont("Helvetica", 11)
    if name:
        canvas.drawString(72, y - 16, name)
    canvas.line(72, y - 20, 520, y - 20)
    _rest(canvas, y - 48)
    canvas.save()
    return buffer.getvalue()


def drug_table_under_name(name: str = "") -> bytes:
    """A member-name line left blank (or filled), and the medication table right under it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    y = _header(canvas)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, y, "Patient Name:")
    canvas.line(150, y - 3, 400, y - 3)
    if name:
        canvas.drawString(156, y, name)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(72, y - 22, "Metformin 500 mg tablet")
    canvas.drawString(250, y - 22, "twice daily")
    canvas.drawString(72, y - 38, "Lisinopril 10 mg tablet")
    canvas.drawString(250, y - 38, "once daily")
    _rest(canvas, y - 70)
    canvas.save()
    return buffer.getvalue()


def as_scan(pdf: bytes, folder: Path, name: str) -> Path:
    """The page as a 300-dpi grayscale scan, as intake receives it from a scanner."""
    images = scan_pages(pdf, random.Random(name))
    path = folder / f"{name}.tif"
    images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw",
                   dpi=(300, 300))
    return path


def as_pdf(pdf: bytes, folder: Path, name: str) -> Path:
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    return path
