"""The pages of a case packet that the program writes itself: the cover, notes, the decision,
the trail in words, and document pages kept only as images. Each returns a PDF as bytes."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from casework.audit.actions import AuditAction
from casework.exports.packet_contents import PacketContents
from casework.letters.fonts import BODY, BODY_BOLD, register_body_fonts
from casework.plan.timezone import plan_time

PAGE = letter
MARGIN = 0.6 * inch
WITHHELD = "withheld: this account's role may not see members' information"


def when(moment: datetime | None) -> str:
    """A moment as staff read it: Pacific date and time."""
    return f"{plan_time(moment):%Y-%m-%d %H:%M}" if moment else "—"


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _styles() -> dict[str, ParagraphStyle]:
    register_body_fonts()  # DejaVu: members' and staff's names in any Latin script
    base = getSampleStyleSheet()
    body = ParagraphStyle("packet-body", parent=base["BodyText"], fontName=BODY, fontSize=9.5,
                          leading=12.5)
    return {
        "title": ParagraphStyle("packet-title", parent=body, fontName=BODY_BOLD, fontSize=17,
                                leading=21, spaceAfter=4),
        "heading": ParagraphStyle("packet-heading", parent=body, fontName=BODY_BOLD,
                                  fontSize=12, leading=15, spaceBefore=10, spaceAfter=4),
        "body": body,
        "small": ParagraphStyle("packet-small", parent=body, fontSize=7.5, leading=9.5,
                                textColor=colors.HexColor("#444444")),
    }


def _text(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


def _table(rows: Sequence[Sequence[object]], widths: Sequence[float], header: bool) -> Table:
    table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c0")),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5ee")))
    table.setStyle(TableStyle(style))
    return table


def _document(story: list[Flowable], footer_text: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN + 0.1 * inch,
                            title=footer_text, author="Intake Workstation")

    def footer(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        canvas.setFont(BODY, 7)
        canvas.drawString(MARGIN, 0.4 * inch, footer_text)
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def cover_pdf(packet: PacketContents, prepared_at: datetime, prepared_by: str,
              contents: Sequence[tuple[str, int, int]]) -> bytes:
    """The cover: the case at a glance, its clocks met or overdue, and the contents with the
    page each part starts on (`contents`: title, first page, pages)."""
    s = _styles()
    member = packet.member_name or "—" if packet.member_data else WITHHELD
    cin = packet.member_cin or "—" if packet.member_data else WITHHELD
    facts: list[tuple[str, str]] = [
        ("Member", member), ("Medi-Cal ID (CIN)", cin),
        ("Member's date of birth", _day(packet.member_dob) if packet.member_data else WITHHELD),
        ("Case type", packet.case_type), ("Priority", packet.priority),
        ("Status", packet.status), ("Queue", packet.queue),
        ("Assigned to", packet.assignee or "—"), ("Received", when(packet.received_at)),
        ("Decided", when(packet.decision.decided_at)),
        ("Outcome", (packet.decision.outcome or "—").replace("_", " ")),
        ("Closed", when(packet.decision.closed_at)),
    ]
    if packet.hearing_date:
        facts.append(("Hearing date", _day(packet.hearing_date)))
    story: list[Flowable] = [
        _text(f"Case file {packet.number}", s["title"]),
        _text(f"Prepared {when(prepared_at)} (Pacific) by {prepared_by}. " + (
            "Every document, every letter sent, the notes, the decision and the case's audit "
            "trail, in that order." if packet.member_data else
            "The decision and the case's audit trail, without the member's information."),
            s["small"]),
        Spacer(1, 8),
        _table([(_text(k, s["body"]), _text(v, s["body"])) for k, v in facts],
               [1.9 * inch, 5.2 * inch], header=False),
        _text("Clocks", s["heading"]),
    ]
    rows: list[list[object]] = [[_text(h, s["body"]) for h in
                                 ("Clock", "Due", "Met", "Standing", "Rule")]]
    for clock in packet.clocks:
        extended = f" (extended: {clock.extension_reason})" if clock.extension_reason else ""
        rows.append([_text(clock.name, s["body"]), _text(when(clock.due_at), s["body"]),
                     _text(when(clock.met_at), s["body"]),
                     _text(clock.standing(prepared_at) + extended, s["body"]),
                     _text(clock.citation, s["small"])])
    if not packet.clocks:
        rows.append([_text("This case has no clocks.", s["body"]), "", "", "", ""])
    story.append(_table(rows, [1.0 * inch, 1.2 * inch, 1.2 * inch, 1.4 * inch, 2.3 * inch],
                        header=True))
    story.append(_text("Contents", s["heading"]))
    rows = [[_text(h, s["body"]) for h in ("Part", "Page", "Pages")]]
    inner = ParagraphStyle("packet-inner", parent=s["body"], leftIndent=12)
    rows += [[_text(title.strip(), inner if title.startswith(" ") else s["body"]), str(first),
              str(count)] for title, first, count in contents]
    story.append(_table(rows, [5.1 * inch, 1.0 * inch, 1.0 * inch], header=True))
    if not packet.member_data:
        story.append(Spacer(1, 8))
        story.append(_text("Left out of this copy: the member's name, ID and date of birth, "
                           "the documents, the letters, the notes and the details of each "
                           "step of the trail. A person whose role may see members' "
                           "information can make the full packet.", s["body"]))
    return _document(story, f"Case file {packet.number} · cover")


def notes_pdf(packet: PacketContents) -> bytes:
    """Every note, oldest first, with who wrote it and when; corrections marked."""
    s = _styles()
    story: list[Flowable] = [_text("Notes", s["title"])]
    if not packet.notes:
        story.append(_text("No notes were written on this case.", s["body"]))
    for note in packet.notes:
        mark = " (corrects an earlier note)" if note.corrects else ""
        story.append(_text(f"{when(note.created_at)} · {note.author}{mark}", s["small"]))
        story.append(_text(note.text, s["body"]))
        story.append(Spacer(1, 6))
    return _document(story, f"Case file {packet.number} · notes")


def decision_pdf(packet: PacketContents) -> bytes:
    """The decision, when it was made and by whom (a reviewer with credentials)."""
    s = _styles()
    decision = packet.decision
    story: list[Flowable] = [_text("Decision and reviewer", s["title"])]
    if decision.outcome is None and decision.decided_at is None:
        story.append(_text(f"No decision is recorded yet; the case is {packet.status}.",
                           s["body"]))
    else:
        story.append(_table([
            (_text("Outcome", s["body"]),
             _text((decision.outcome or "—").replace("_", " "), s["body"])),
            (_text("Decided", s["body"]), _text(when(decision.decided_at), s["body"])),
            (_text("Decided by", s["body"]), _text(decision.decided_by or "—", s["body"])),
            (_text("Closed", s["body"]), _text(when(decision.closed_at), s["body"])),
        ], [1.9 * inch, 5.2 * inch], header=False))
    referrals = [step for step in packet.steps
                 if step.action == AuditAction.CASE_REFERRED_TO_REVIEWER]
    for step in referrals:
        story.append(_text(f"Referred to a clinical reviewer {when(step.occurred_at)} by "
                           f"{step.actor}.", s["body"]))
    return _document(story, f"Case file {packet.number} · decision")


def trail_pdf(packet: PacketContents) -> bytes:
    """Every step of the case's audit trail, oldest first, in words."""
    s = _styles()
    story: list[Flowable] = [
        _text("Audit trail", s["title"]),
        _text("Every recorded step on the case, its documents and its letters, oldest first "
              "(repeated looks by one person within an hour shown once). Times are Pacific.",
              s["small"]),
        Spacer(1, 6),
    ]
    rows: list[list[object]] = [[_text(h, s["body"]) for h in ("When", "Who", "What")]]
    for step in packet.steps:
        what = f"{step.words} ({step.subject})"
        if step.details:
            what += f": {step.details}"
        rows.append([_text(when(step.occurred_at), s["small"]), _text(step.actor, s["small"]),
                     _text(what, s["small"])])
    story.append(_table(rows, [1.15 * inch, 1.35 * inch, 4.6 * inch], header=True))
    return _document(story, f"Case file {packet.number} · audit trail")


def message_pdf(title: str, lines: Sequence[str], footer: str) -> bytes:
    """A page saying something in place of pages that cannot be shown."""
    s = _styles()
    story: list[Flowable] = [_text(title, s["heading"])]
    story += [_text(line, s["body"]) for line in lines]
    return _document(story, footer)


def images_pdf(pages: Sequence[bytes | str], caption: Callable[[int], str]) -> bytes:
    """One page per image (PNG bytes), fitted to the paper; a str is printed instead, for a
    page whose image cannot be shown (why, and the words read on it)."""
    register_body_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE)
    width, height = PAGE
    for number, page in enumerate(pages, 1):
        canvas.setFont(BODY, 7)
        canvas.drawString(MARGIN, height - 0.35 * inch, caption(number))
        if isinstance(page, bytes):
            image = ImageReader(io.BytesIO(page))
            w, h = image.getSize()
            room_w, room_h = width - 2 * MARGIN, height - 2 * MARGIN
            scale = min(room_w / w, room_h / h)
            canvas.drawImage(image, (width - w * scale) / 2, MARGIN, w * scale, h * scale)
        else:
            text = canvas.beginText(MARGIN, height - MARGIN - 12)
            text.setFont(BODY, 9)
            lines = [piece for line in page.splitlines()
                     for piece in (textwrap.wrap(line, 100) or [""])]
            for line in lines[:64]:
                text.textLine(line)
            canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
