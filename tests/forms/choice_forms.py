"""Forms whose choices are tick boxes with no caption: the option words carry the meaning.

    form = choice_form("pa_urgency", ticked=1, seed=3)   # form.pdf, form.field, form.want

Each kind is a short real-looking form of its type ("Label: value" lines so that it is
recognised) with one caption-less choice: a row of boxes, a single box whose words ask for
an expedited review, or Yes/No boxes after a question in words of the form's own.
`ticked` is the index of the ticked box (None: every box left empty). Boxes are drawn and
marked with an X, a check mark or a filled square, or typed as text ("[X]").
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT, BOLD = "Helvetica", "Helvetica-Bold"
MARGIN = 54.0
WIDTH, HEIGHT = letter
MARKS = ("x", "check", "fill", "text")


@dataclass(frozen=True)
class Kind:
    """A form with one caption-less choice: its lines, and its boxes with their values."""

    form_type: str
    title: str
    lines: tuple[tuple[str, str], ...]
    field: str
    options: tuple[tuple[str, object], ...]  # (printed words, value read when ticked)
    question: str = ""  # printed before Yes/No boxes
    stacked: bool = False  # the boxes one under another, not in a row


_MEMBER = (("Member Name", "Rosa Delgado"), ("Member ID", "91234567A"),
           ("Date of Birth", "04/12/1961"))

KINDS: dict[str, Kind] = {
    "pa_urgency": Kind(
        "prior_auth_request", "Prior Authorization Request",
        (*_MEMBER, ("Requesting Provider", "Valley Family Medicine"),
         ("Requesting Provider NPI", "1234567893"), ("Diagnosis Codes", "M54.5"),
         ("Procedure Codes", "97110"), ("Units", "12")),
        "urgency", (("Routine / Standard", "standard"), ("Urgent / Expedited", "expedited"))),
    "nemt_mode": Kind(
        "nemt_request", "Transportation Request",
        (*_MEMBER, ("Pickup Address", "12 Elm St, Fresno, CA 93701"),
         ("Destination", "Fresno Heart Center"), ("Appointment Date", "11/20/2026"),
         ("Appointment Time", "10:30 AM"), ("Prescriber NPI", "1234567893")),
        "transport_mode", (("Wheelchair van", "wheelchair_van"), ("Ambulatory", None),
                           ("Gurney", "gurney"), ("Litter van", "litter_van"))),
    "nemt_stacked": Kind(
        "nemt_request", "Transportation Request",
        (*_MEMBER, ("Pickup Address", "12 Elm St, Fresno, CA 93701"),
         ("Appointment Date", "11/20/2026"), ("Prescriber NPI", "1234567893")),
        "transport_mode", (("Wheelchair van", "wheelchair_van"), ("Gurney", "gurney"),
                           ("Ambulance", "ambulance")), stacked=True),
    "grievance_box": Kind(
        "grievance_form", "Grievance Form",
        (*_MEMBER, ("Phone", "(559) 555-0142"),
         ("Description", "I waited three weeks for a call back about my referral.")),
        "expedited", (("This is urgent (expedited review)", True),)),
    "appeal_box": Kind(
        "appeal_request", "Appeal Request",
        (*_MEMBER, ("Authorization Number", "AUTH-88213"),
         ("Denied Service", "Knee surgery"),
         ("Reason for Appeal", "My doctor says the surgery helps me walk again.")),
        "expedited", (("Decide this appeal fast (expedited review)", True),)),
    "grievance_question": Kind(
        "grievance_form", "Grievance Form",
        (*_MEMBER, ("Description", "The clinic turned me away at the front desk.")),
        "expedited", (("Yes", True), ("No", False)),
        question="Do you want us to treat this grievance as expedited?"),
    "nemt_question": Kind(
        "nemt_request", "Transportation Request",
        (*_MEMBER, ("Pickup Address", "12 Elm St, Fresno, CA 93701"),
         ("Appointment Date", "11/20/2026"), ("Prescriber NPI", "1234567893")),
        "round_trip", (("Yes", True), ("No", False)),
        question="Does the member want a return trip home?"),
}


@dataclass(frozen=True)
class ChoiceForm:
    """A drawn form, the field its boxes answer and the value they say (None: nothing)."""

    name: str
    form_type: str
    pdf: bytes
    field: str
    want: object


def choice_form(kind: str, ticked: int | None, seed: int = 0,
                mark: str | None = None, stamp: str = "") -> ChoiceForm:
    """The form of `kind` with box `ticked` marked (None: none), and `stamp` typed large at
    the top right ("URGENT")."""
    spec = KINDS[kind]
    rnd = random.Random(f"{kind}-{ticked}-{seed}")
    style = mark or rnd.choice(MARKS)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont(FONT, 9)
    canvas.drawString(MARGIN, HEIGHT - MARGIN, "Central Valley Health Plan")
    if stamp:
        canvas.setFont(BOLD, 20)
        canvas.drawRightString(WIDTH - MARGIN, HEIGHT - MARGIN + 8, stamp)
    canvas.setFont(BOLD, 15)
    y = HEIGHT - MARGIN - 28
    canvas.drawString(MARGIN, y, spec.title)
    y -= 34
    size = rnd.choice((10.0, 10.5, 11.0))
    lines = list(spec.lines)
    split = rnd.randrange(1, len(lines))  # the choice sits among the written fields
    for label, value in lines[:split]:
        y = _line(canvas, y, label, value, size)
    y -= 6
    if spec.question:
        canvas.setFont(FONT, size)
        canvas.drawString(MARGIN, y, spec.question)
        x = MARGIN + stringWidth(spec.question, FONT, size) + 18
        _boxes(canvas, x, y, spec.options, ticked, size, style)
        y -= size * 2.4
    elif spec.stacked:
        for n, option in enumerate(spec.options):
            _boxes(canvas, MARGIN + 10, y, (option,), 0 if ticked == n else None, size, style)
            y -= size * 1.7
        y -= size * 0.7
    else:
        _boxes(canvas, MARGIN + rnd.choice((0, 10, 40)), y, spec.options, ticked, size, style)
        y -= size * 2.4
    for label, value in lines[split:]:
        y = _line(canvas, y, label, value, size)
    canvas.showPage()
    canvas.save()
    want = spec.options[ticked][1] if ticked is not None else None
    return ChoiceForm(f"{kind}-{ticked}-{seed}{stamp}", spec.form_type, buffer.getvalue(), spec.field,
                      want)


def _line(canvas: Canvas, y: float, label: str, value: str, size: float) -> float:
    canvas.setFont(BOLD, size)
    canvas.drawString(MARGIN, y, f"{label}:")
    canvas.setFont(FONT, size)
    canvas.drawString(MARGIN + stringWidth(f"{label}:", BOLD, size) + 6, y, value)
    return y - size * 2.1


def _boxes(canvas: Canvas, x: float, y: float, options: tuple[tuple[str, object], ...],
           ticked: int | None, size: float, style: str) -> None:
    for n, (words, _) in enumerate(options):
        canvas.setFont(FONT, size)
        if style == "text":
            printed = ("[X] " if n == ticked else "[ ] ") + words
            canvas.drawString(x, y, printed)
            x += stringWidth(printed, FONT, size) + 22
            continue
        box = size * 0.9
        canvas.setLineWidth(0.8)
        canvas.rect(x, y - 1, box, box)
        if n == ticked:
            _tick(canvas, x, y - 1, box, style)
        canvas.drawString(x + box + 5, y, words)
        x += box + 5 + stringWidth(words, FONT, size) + 22


def _tick(canvas: Canvas, x: float, y: float, box: float, style: str) -> None:
    canvas.setLineWidth(1.4)
    if style == "x":
        canvas.line(x + 1.5, y + 1.5, x + box - 1.5, y + box - 1.5)
        canvas.line(x + 1.5, y + box - 1.5, x + box - 1.5, y + 1.5)
    elif style == "check":
        path = canvas.beginPath()
        path.moveTo(x + 1.5, y + box * 0.5)
        path.lineTo(x + box * 0.4, y + 1.5)
        path.lineTo(x + box - 1, y + box - 1)
        canvas.drawPath(path)
    else:
        canvas.rect(x + 2, y + 2, box - 4, box - 4, fill=1)
    canvas.setLineWidth(0.8)
