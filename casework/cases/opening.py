"""Opening a case (from a document or a phone call) and attaching later documents to it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.numbers import CASE_PREFIXES, format_case_number
from casework.cases.statuses import CaseStatus
from casework.db.case_models import Case, CaseClock, CaseDocument, CaseTask
from casework.db.sequences import take_next
from casework.plan.timezone import plan_date
from casework.workspace import Workspace


@dataclass(frozen=True)
class DueClock:
    """A clock to start: its name (acknowledge, resolve, decide, notify, prepare) and due time."""

    name: str
    due_at: datetime
    citation: str = ""


@dataclass(frozen=True)
class NewCase:
    """Everything needed to open a case; routing and clock rules have already been applied."""

    case_type: str
    queue: str
    priority: str
    received_at: datetime
    clocks: tuple[DueClock, ...] = ()
    member_id: int | None = None
    member_name: str = ""
    member_cin: str | None = None
    language: str | None = None
    requesting_provider_id: int | None = None
    servicing_provider_id: int | None = None
    request_key: str | None = None
    hearing_date: date | None = None
    status: str = CaseStatus.RECEIVED
    fields: dict[str, object] = field(default_factory=dict)
    tasks: tuple[tuple[str, str, datetime | None], ...] = ()  # (kind, description, due)


def allocate_number(session: Session, case_type: str, year: int) -> str:
    """Take the next number for the type and year inside the caller's transaction."""
    return format_case_number(case_type, year,
                              take_next(session, CASE_PREFIXES[case_type], year))


def open_case(
    session: Session, actor: Actor, now: datetime, new: NewCase, document_id: int | None = None,
    reason: str = "opened the case",
) -> Case:
    """Create the case, its clocks and tasks, attach the document, and audit it: one transaction."""
    number = allocate_number(session, new.case_type, plan_date(new.received_at).year)
    case = Case(
        number=number, case_type=new.case_type, status=new.status, queue=new.queue,
        priority=new.priority, member_id=new.member_id, member_name=new.member_name,
        member_cin=new.member_cin, language=new.language,
        requesting_provider_id=new.requesting_provider_id,
        servicing_provider_id=new.servicing_provider_id, request_key=new.request_key,
        received_at=new.received_at, hearing_date=new.hearing_date,
        fields_json=json.dumps(new.fields, default=str, sort_keys=True),
        next_due_at=min((c.due_at for c in new.clocks), default=None),
        created_at=now, updated_at=now,
    )
    session.add(case)
    session.flush()
    for clock in new.clocks:
        session.add(CaseClock(case_id=case.id, name=clock.name, due_at=clock.due_at,
                              original_due_at=clock.due_at, citation=clock.citation))
    for kind, description, due in new.tasks:
        session.add(CaseTask(case_id=case.id, kind=kind, description=description, due_at=due,
                             created_at=now))
    record(session, actor, AuditAction.CASE_OPENED, "case", case.id, now,
           {"number": number, "type": new.case_type, "queue": new.queue,
            "priority": new.priority, "document": document_id,
            "clocks": {c.name: c.due_at.isoformat() for c in new.clocks}})
    if document_id is not None:
        attach_document(session, actor, now, case, document_id, reason)
    return case


def attach_document(
    session: Session, actor: Actor, now: datetime, case: Case, document_id: int, reason: str
) -> None:
    """Link a document to a case; the trail says why (opened it, same authorization, …)."""
    session.add(CaseDocument(case_id=case.id, document_id=document_id, attached_at=now,
                             reason=reason))
    case.updated_at = now
    record(session, actor, AuditAction.CASE_DOCUMENT_ATTACHED, "case", case.id, now,
           {"number": case.number, "document": document_id, "reason": reason})


def refresh_next_due(session: Session, case: Case) -> None:
    """Keep the queue's sort key: the earliest clock not yet met."""
    due = session.scalars(
        select(CaseClock.due_at).where(CaseClock.case_id == case.id, CaseClock.met_at.is_(None))
    ).all()
    case.next_due_at = min(due, default=None)


def open_case_now(ws: Workspace, actor: Actor, new: NewCase) -> int:
    """Open a case with no document (phone intake); returns its id."""
    from casework.permissions import Permission

    actor.require(Permission.WORK_CASES)
    with ws.db.write() as session:
        return open_case(session, actor, ws.now(), new).id
