"""A fax cover page for outbound letters, as the plan's fax server expects one in front."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen import canvas

from casework.letters.fonts import BODY, BODY_BOLD, register_body_fonts
from casework.settings import PlanDetails

CONFIDENTIAL = ("CONFIDENTIAL: this fax contains protected health information. If you are not "
                "the intended recipient, do not read, copy or share it; call the sender and "
                "destroy it.")


def with_cover_page(pdf: bytes, plan: PlanDetails, to_name: str, to_fax: str, subject: str,
                    sent: date) -> bytes:
    """`pdf` with a cover page in front: to, from, date, page count and the privacy notice."""
    letter_pages = len(PdfReader(io.BytesIO(pdf)).pages)
    cover = _cover(plan, to_name, to_fax, subject, sent, letter_pages + 1)
    writer = PdfWriter()
    for part in (cover, pdf):
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _cover(plan: PlanDetails, to_name: str, to_fax: str, subject: str, sent: date,
           pages: int) -> bytes:
    register_body_fonts()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=letter)
    height = letter[1]
    page.setFont(BODY_BOLD, 28)
    page.drawString(inch, height - 1.3 * inch, "FAX")
    page.setFont(BODY, 12)
    rows = [("To", to_name or "-"), ("Fax", _phone(to_fax)), ("From", plan.name),
            ("Fax", plan.fax), ("Phone", plan.member_services_phone),
            ("Date", f"{sent:%B} {sent.day}, {sent.year}"),
            ("Pages", f"{pages} including this one"),
            ("Subject", subject)]
    y = height - 2.1 * inch
    for label, value in rows:
        page.setFont(BODY_BOLD, 12)
        page.drawString(inch, y, f"{label}:")
        page.setFont(BODY, 12)
        page.drawString(2.2 * inch, y, value)
        y -= 0.38 * inch
    text = page.beginText(inch, y - 0.4 * inch)
    text.setFont(BODY, 10)
    line = ""
    for word in CONFIDENTIAL.split():
        if len(line) + len(word) > 88:
            text.textLine(line)
            line = ""
        line = f"{line} {word}".strip()
    text.textLine(line)
    page.drawText(text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _phone(digits: str) -> str:
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else digits or "-"
