"""A case's own trail: every audited step on the case, its documents and its letters, in order.

The full audit trail is a supervisor's; the coordinator working a case still needs to see who
did what to it, so this reads only the events that belong to one case.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.cases.lookup import get_case
from casework.db.case_models import CaseDocument
from casework.db.letter_models import Letter
from casework.db.models import AuditEvent
from casework.permissions import Permission
from casework.workspace import Workspace

# What each step says on the timeline; anything else shows its action name in words.
STEP_WORDS: dict[str, str] = {
    AuditAction.CASE_OPENED: "opened the case",
    AuditAction.CASE_VIEWED: "looked at the case",
    AuditAction.CASE_CLAIMED: "claimed the case",
    AuditAction.CASE_ASSIGNED: "assigned the case",
    AuditAction.CASE_REFERRED_TO_REVIEWER: "referred the case to a clinical reviewer",
    AuditAction.CASE_EXPORTED_FHIR: "exported the request as FHIR",
    AuditAction.CASE_PACKET_CREATED: "made the case packet",
    AuditAction.CASE_CLOCK_MOVED: "moved a clock",
    AuditAction.CASE_PRIORITY_CHANGED: "changed the priority",
    AuditAction.CASE_RELATED: "related the case",
    AuditAction.CASE_STATUS_CHANGED: "changed the status",
    AuditAction.CASE_CLOCK_EXTENDED: "extended a clock",
    AuditAction.CASE_CONVERTED: "changed the priority at the deadline (clocks from receipt)",
    AuditAction.CASE_NOTE_ADDED: "added a note",
    AuditAction.CASE_TASK_ADDED: "added a task",
    AuditAction.CASE_TASK_DONE: "completed a task",
    AuditAction.CASE_DOCUMENT_ATTACHED: "attached a document",
    AuditAction.LETTER_GENERATED: "generated a letter",
    AuditAction.LETTER_PRINTED: "printed a letter",
    AuditAction.LETTER_FAX_QUEUED: "put a letter in the outbound fax folder",
    AuditAction.LETTER_FAXED: "recorded a letter faxed",
    AuditAction.LETTER_MAILED: "recorded a letter mailed",
    AuditAction.LETTER_HANDED_OVER: "recorded a letter handed over",
    AuditAction.LETTER_EXPORTED: "saved a letter to a file",
    AuditAction.DOCUMENT_READ: "read the document",
    AuditAction.DOCUMENT_VIEWED: "looked at a document",
    AuditAction.DOCUMENT_FIELD_CORRECTED: "corrected a field",
    AuditAction.DOCUMENT_VERIFIED: "accepted the document",
    AuditAction.DOCUMENT_TYPE_SET: "set the document's form",
    AuditAction.DOCUMENT_SPLIT: "split the document",
    AuditAction.DOCUMENT_MERGED: "merged documents",
    AuditAction.DOCUMENT_DISMISSED: "dismissed the document",
    AuditAction.DOCUMENT_RETRIED: "retried the document",
    AuditAction.TRIP_RECORDED: "recorded the trip",
    AuditAction.TRIP_VENDOR_CHOSEN: "chose the trip's vendor",
    AuditAction.TRIP_AUTHORIZED: "authorized the trip",
    AuditAction.TRIP_CANCELLED: "cancelled the trip",
    AuditAction.MILEAGE_REIMBURSEMENT_ROUTED: "routed mileage reimbursement to Finance",
}
# Detail keys worth a word on the timeline, in the order shown; ids and hashes are left out.
SHOWN_DETAILS = ("from", "to", "outcome", "decided_by", "clock", "clock_met", "sent_at",
                 "relation", "related", "queue", "reason", "field", "old", "new", "kind",
                 "language", "version", "form_type", "authorization", "vendor", "miles",
                 "amount")
DETAIL_LIMIT = 160
# A window reads its case again after every change; one look per person per hour is enough
# for the history (the full audit trail keeps every one).
VIEW_ACTIONS = (AuditAction.CASE_VIEWED, AuditAction.DOCUMENT_VIEWED)
VIEW_REPEAT = timedelta(hours=1)


@dataclass(frozen=True)
class TrailStep:
    """One step of a case's history as the timeline shows it."""

    occurred_at: datetime
    actor: str
    action: str
    words: str  # "changed the status"
    subject: str  # "case", "document 12", "letter 3"
    details: str  # the details that matter, in short


def case_trail(ws: Workspace, actor: Actor, case_id: int, limit: int = 500) -> list[TrailStep]:
    """The case's steps, oldest first: the case itself, its documents and its letters."""
    actor.require(Permission.VIEW_CASES)
    with ws.db.read() as session:
        return case_steps(session, case_id, limit)


def case_steps(session: Session, case_id: int, limit: int = 500) -> list[TrailStep]:
    """`case_trail` read in `session`, for a caller that has checked the permission."""
    get_case(session, case_id)  # refuses an unknown case in words
    documents = [str(d) for d in session.scalars(
        select(CaseDocument.document_id).where(CaseDocument.case_id == case_id))]
    letters = [str(i) for i in session.scalars(
        select(Letter.id).where(Letter.case_id == case_id))]
    belongs = [and_(AuditEvent.entity_type == "case",
                    AuditEvent.entity_id == str(case_id))]
    if documents:
        belongs.append(and_(AuditEvent.entity_type == "document",
                            AuditEvent.entity_id.in_(documents)))
    if letters:
        belongs.append(and_(AuditEvent.entity_type == "letter",
                            AuditEvent.entity_id.in_(letters)))
    events = session.scalars(select(AuditEvent).where(or_(*belongs))
                             .order_by(AuditEvent.seq).limit(limit)).all()
    return [_step(e) for e in _without_repeated_views(events)]


def _without_repeated_views(events: Sequence[AuditEvent]) -> list[AuditEvent]:
    last_view: dict[tuple[str, str, str], datetime] = {}
    kept = []
    for event in events:
        if event.action in VIEW_ACTIONS:
            key = (event.actor, event.entity_type, event.entity_id)
            previous = last_view.get(key)
            if previous is not None and event.occurred_at - previous < VIEW_REPEAT:
                continue
            last_view[key] = event.occurred_at
        kept.append(event)
    return kept


def _step(event: AuditEvent) -> TrailStep:
    subject = "case" if event.entity_type == "case" else f"{event.entity_type} {event.entity_id}"
    words = STEP_WORDS.get(event.action, event.action.split(".")[-1].replace("_", " "))
    return TrailStep(event.occurred_at, event.actor, event.action, words, subject,
                     _details(event.details))


def _details(raw: str) -> str:
    try:
        details: Any = json.loads(raw or "{}")
    except ValueError:
        return ""
    if not isinstance(details, dict):
        return ""
    parts = [f"{key.replace('_', ' ')}: {_short(details[key])}" for key in SHOWN_DETAILS
             if details.get(key) not in (None, "", [], {})]
    text = "; ".join(parts)
    return text if len(text) <= DETAIL_LIMIT else text[:DETAIL_LIMIT - 1] + "…"


def _short(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
