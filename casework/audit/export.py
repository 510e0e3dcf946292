"""The trail for an auditor, as CSV or PDF."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.audit.verify import chain_head, head_words
from casework.audit.wording import details_words, event_sentence
from casework.db.models import AuditEvent
from casework.permissions import Permission
from casework.plan.timezone import PLAN_ZONE, plan_time
from casework.workspace import Workspace

COLUMNS = ("seq", "occurred_at", "actor", "action", "entity_type", "entity_id", "details", "hash")


@dataclass(frozen=True)
class AuditRow:
    seq: int
    occurred_at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    details: str
    hash: str


def events_between(ws: Workspace, actor: Actor, start: date, end: date) -> list[AuditRow]:
    """Events from the start of `start` to the end of `end`, both plan-local dates."""
    actor.require(Permission.VIEW_AUDIT)
    low = datetime.combine(start, time.min, PLAN_ZONE)
    high = datetime.combine(end + timedelta(days=1), time.min, PLAN_ZONE)
    with ws.db.read() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.occurred_at >= low, AuditEvent.occurred_at < high)
            .order_by(AuditEvent.seq)
        ).all()
        return [
            AuditRow(
                e.seq,
                e.occurred_at,
                e.actor,
                e.action,
                e.entity_type,
                e.entity_id,
                e.details,
                e.hash,
            )
            for e in events
        ]


def export_trail(ws: Workspace, actor: Actor, start: date, end: date, fmt: str, out: Path) -> int:
    """Write the events of the period to `out` (csv or pdf), record the export, return the count."""
    actor.require(Permission.EXPORT_AUDIT)
    if end < start:
        from casework.errors import InvalidValue

        raise InvalidValue("The end date is before the start date.")
    rows = events_between(ws, actor, start, end)
    head = head_words(chain_head(ws, actor))
    data = _csv_bytes(rows) if fmt == "csv" else _pdf_bytes(rows, start, end, head)
    write_atomically(out, data)
    with ws.db.write() as session:
        record(
            session,
            actor,
            AuditAction.AUDIT_EXPORTED,
            "audit",
            "-",
            ws.now(),
            {"from": start.isoformat(), "to": end.isoformat(), "format": fmt, "events": len(rows)},
        )
    return len(rows)


def _local(moment: datetime) -> str:
    return moment.astimezone(PLAN_ZONE).isoformat(timespec="seconds")


def _csv_bytes(rows: list[AuditRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.seq,
                _local(r.occurred_at),
                r.actor,
                r.action,
                r.entity_type,
                r.entity_id,
                r.details,
                r.hash,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _pdf_bytes(rows: list[AuditRow], start: date, end: date, head: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(letter),
        leftMargin=0.5 * inch,
        rightMargin=0.5 * inch,
        topMargin=0.5 * inch,
        bottomMargin=0.5 * inch,
        title=f"Audit trail {start:%m/%d/%Y} to {end:%m/%d/%Y}",
        author="Intake Workstation",
    )
    # For people: each event said in words (the CSV keeps the stored values for tools).
    header = ["#", "When (Pacific)", "What happened", "Details", "Hash"]
    table_rows: list[list[object]] = [list(header)]
    for r in rows:
        said = event_sentence(r.action, r.actor, r.entity_type, r.entity_id, r.details)
        table_rows.append(
            [
                str(r.seq),
                plan_time(r.occurred_at).strftime("%m/%d/%Y %I:%M:%S %p"),
                Paragraph(_escape(said), small),
                Paragraph(_escape(details_words(r.action, r.details)), small),
                r.hash[:16] + "…",
            ]
        )
    table = Table(
        table_rows,
        repeatRows=1,
        colWidths=[0.45 * inch, 1.5 * inch, 3.1 * inch, 3.55 * inch, 1.4 * inch],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 7),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5ee")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )

    def footer(canvas: object, document: object) -> None:
        canvas.setFont("Helvetica", 7)  # type: ignore[attr-defined]
        canvas.drawRightString(  # type: ignore[attr-defined]
            landscape(letter)[0] - 0.5 * inch,
            0.3 * inch,
            f"Page {document.page}",  # type: ignore[attr-defined]
        )

    story = [
        Paragraph(f"Audit trail, {start:%m/%d/%Y} to {end:%m/%d/%Y}", styles["Title"]),
        Paragraph(f"{len(rows)} events, in order. Times are Pacific.", styles["BodyText"]),
        Paragraph(head, small),
        Spacer(1, 0.15 * inch),
        table,
    ]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
