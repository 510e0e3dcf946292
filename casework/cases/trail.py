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

from casework.actor import Actor
from casework.cases.lookup import get_case
from casework.db.case_models import CaseDocument
from casework.db.letter_models import Letter
from casework.db.models import AuditEvent
from casework.permissions import Permission
from casework.workspace import Workspace

# What each step says on the timeline; anything else shows its action name in words.
STEP_WORDS = {
    "case.opened": "opened the case",
    "case.viewed": "looked at the case",
    "case.claimed": "claimed the case",
    "case.assigned": "assigned the case",
    "case.clock_moved": "moved a clock (a date it counts from was corrected)",
    "case.status_changed": "changed the status",
    "case.clock_extended": "extended a clock",
    "case.note_added": "added a note",
    "case.task_added": "added a task",
    "case.task_done": "completed a task",
    "case.document_attached": "attached a document",
    "letter.generated": "generated a letter",
    "letter.printed": "printed a letter",
    "letter.faxed": "faxed a letter",
    "letter.mailed": "marked a letter mailed",
    "letter.exported": "saved a letter to a file",
    "document.read": "read the document",
    "document.viewed": "looked at a document",
    "document.field_corrected": "corrected a field",
    "document.verified": "accepted the document",
    "document.type_set": "set the document's form",
    "document.split": "split the document",
    "document.merged": "merged documents",
    "document.dismissed": "dismissed the document",
    "document.retried": "retried the document",
}
# Detail keys worth a word on the timeline, in the order shown; ids and hashes are left out.
SHOWN_DETAILS = ("from", "to", "outcome", "clock", "clock_met", "reason", "field", "old", "new",
                 "kind", "language", "version", "form_type")
DETAIL_LIMIT = 160
# A window reads its case again after every change; one look per person per hour is enough
# for the history (the full audit trail keeps every one).
VIEW_ACTIONS = ("case.viewed", "document.viewed")
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
