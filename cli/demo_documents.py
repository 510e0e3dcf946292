"""Documents and calls for `main.py demo`: what a plan's fax line and phones bring in a week.

Faxes are made as the born-digital PDFs many provider offices send (a text layer, no OCR
needed, so the demo loads in seconds); the bundled sample fax is a real scanned TIFF.
Received times lie in the past so the queue shows clocks due today, tomorrow and overdue.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

PAGE_WIDTH = letter[0]


@dataclass(frozen=True)
class DemoFax:
    """A faxed document: its file name, how long ago it arrived, and its lines of text."""

    name: str
    days_ago: float
    pages: tuple[tuple[str, ...], ...]

    def received_at(self, now: datetime) -> datetime:
        return now - timedelta(days=self.days_ago)

    def pdf(self) -> bytes:
        """The fax as a PDF with a text layer: first line of each page as its heading."""
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=letter)
        for lines in self.pages:
            y = 720.0
            for number, text in enumerate(lines):
                font, size = ("Helvetica-Bold", 16) if number == 0 else ("Helvetica", 11)
                pdf.setFont(font, size)
                # Long lines wrap inside the margins, as an office's form would print them.
                for part in simpleSplit(text, font, size, PAGE_WIDTH - 144):
                    pdf.drawString(72, y, part)
                    y -= 16
                y -= 14 if number == 0 else 6
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


@dataclass(frozen=True)
class DemoCall:
    """A phone call logged as a case: the form, staff's priority, the values, days ago."""

    form: str
    priority: str | None
    days_ago: float
    fields: dict[str, str] = field(default_factory=dict)


FAXES: tuple[DemoFax, ...] = (
    DemoFax("valley-family-medicine-pa.pdf", 1.2, (
        ("Prior Authorization Request",
         "Member Name: Maria Hernandez", "Member ID: 96667778E", "Date of Birth: 02/17/1958",
         "Member Phone: (559) 555-0177",
         "Requesting Provider: Valley Family Medicine", "Requesting Provider NPI: 1234567893",
         "Provider Phone: 559-555-0100", "Provider Fax: 559-555-0101",
         "Servicing Provider: Dr. Maria Lopez", "Servicing Provider NPI: 1245319599",
         "Diagnosis Codes: M17.11", "Procedure Codes: 97110, 97140",
         "Start Date: 12/07/2026", "End Date: 01/29/2027", "Units: 16",
         "Urgency: Standard",
         "Clinical Justification: right knee osteoarthritis; home exercise failed after"
         " eight weeks; physical therapy twice weekly."),
    )),
    DemoFax("address-change-letter.pdf", 0.3, (
        ("To whom it may concern,",
         "I moved last month. Please send my mail to 77 Willow Lane, Merced, CA 95340.",
         "My card still shows the old address on Elm Street.",
         "Thank you, Lan Nguyen"),
    )),
)

CALLS: tuple[DemoCall, ...] = (
    DemoCall("grievance_form", "exempt", 0.1, {
        "member_name": "Ana Garcia", "member_id": "95551234D", "member_phone": "209-555-0123",
        "description": "The pharmacy refused my refill twice this week."}),
    DemoCall("grievance_form", "expedited", 0.05, {
        "member_name": "John Smith", "member_id": "98765432C", "member_phone": "916-555-0100",
        "description": "Discharged from hospital without the oxygen supplier being arranged."}),
    DemoCall("nemt_request", "standard", 0.5, {
        "member_name": "Lan Nguyen", "member_id": "93456781B", "member_dob": "07/02/1990",
        "pickup_address": "9 Oak Ave, Stockton, CA 95202",
        "destination_name": "Valley Family Medicine",
        "destination_address": "100 Clinic Way, Fresno, CA 93701",
        "appointment_date": "12/15/2026", "appointment_time": "10:30 AM",
        "transport_mode": "wheelchair_van"}),
    DemoCall("grievance_form", None, 4.2, {
        "member_name": "David Kim", "member_id": "97778889F", "member_phone": "559-555-0188",
        "description": "The specialist's office cancelled my appointment three times and "
                       "nobody called me back.",
        "desired_resolution": "An appointment this month."}),
    DemoCall("grievance_form", None, 6.5, {
        "member_name": "Maria Hernandez", "member_id": "96667778E",
        "member_phone": "559-555-0177",
        "description": "Me cobraron un copago en la farmacia aunque tengo Medi-Cal.",
        "preferred_language": "Spanish"}),
    DemoCall("appeal_request", None, 21.0, {
        "member_name": "John Smith", "member_id": "98765432C", "member_phone": "916-555-0100",
        "authorization_number": "PA-2026-004411",
        "denied_service": "Continuous glucose monitor",
        "reason": "My doctor says finger sticks are not enough; my sugars drop at night."}),
    DemoCall("care_coordination_referral", None, 2.0, {
        "member_name": "David Kim", "member_id": "97778889F", "member_phone": "559-555-0188",
        "referral_source_name": "Dr. Maria Lopez", "referral_source_phone": "916-555-0110",
        "program": "complex_case_management",
        "reason": "Three emergency visits in two months for uncontrolled asthma."}),
)
