"""Working a case: moving its status, meeting and extending clocks, and reading it whole."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clinical_review import back_from_review, check_decider
from casework.cases.clocks import compute_clocks
from casework.cases.lookup import get_case
from casework.cases.opening import refresh_next_due
from casework.cases.queues import case_row
from casework.cases.states import check_move
from casework.cases.statuses import CaseStatus
from casework.cases.views import CaseDetail, ClockView, NoteView, TaskView
from casework.db.case_models import Case, CaseClock, CaseDocument, CaseNote, CaseTask
from casework.db.models import User
from casework.errors import InvalidValue, NotFound, UserError
from casework.permissions import Permission
from casework.plan.clock_rules import ClockName
from casework.plan.rulebook import Rulebook
from casework.workspace import Workspace

# Reaching a status meets the clock that was waiting for it.
MILESTONES: dict[str, ClockName] = {
    CaseStatus.ACKNOWLEDGED: ClockName.ACKNOWLEDGE, CaseStatus.RESOLVED: ClockName.RESOLVE,
    CaseStatus.DECIDED: ClockName.DECIDE, CaseStatus.NOTIFIED: ClockName.NOTIFY,
    CaseStatus.SUBMITTED: ClockName.PREPARE,
}
# The regulations allow at most this many days of extension (42 CFR 438.408(c), 438.210(d)).
MAX_EXTENSION_DAYS = 14


def change_status(
    ws: Workspace, actor: Actor, case_id: int, target: str, outcome: str | None = None
) -> None:
    """Move a case along its workflow; an illegal move is refused with the reason, and so is a
    denial or modification by anyone but a clinical reviewer."""
    actor.require(Permission.WORK_CASES)
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, case_id)
        check_move(case.case_type, case.status, target, priority=case.priority, outcome=outcome)
        check_decider(session, ws.rules.clinical_review, actor, case, outcome)
        previous = case.status
        case.status = target
        if outcome is not None:
            case.outcome = outcome
        if target == CaseStatus.DECIDED:
            case.decided_at, case.decided_by_id = now, actor.user_id
            _start_notify_clock(session, ws.rules, case, now)
        if target == CaseStatus.CLOSED:
            case.closed_at = now
        queue = back_from_review(case, target)
        met = meet_clock(session, case, MILESTONES.get(target), now)
        refresh_next_due(session, case)
        case.updated_at = now
        record(session, actor, AuditAction.CASE_STATUS_CHANGED, "case", case.id, now,
               {"number": case.number, "from": previous, "to": target, "outcome": outcome,
                "clock_met": met, "queue": queue,
                "decided_by": actor.username if target == CaseStatus.DECIDED else None})


def meet_clock(session: Session, case: Case, name: str | None, now: datetime) -> str | None:
    """Mark the named clock met (once); returns its name when it was running."""
    if name is None:
        return None
    clock = session.scalar(select(CaseClock).where(CaseClock.case_id == case.id,
                                                   CaseClock.name == name))
    if clock is None or clock.met_at is not None:
        return None
    clock.met_at = now
    return name


def _start_notify_clock(session: Session, rulebook: Rulebook, case: Case,
                        decided_at: datetime) -> None:
    clocks = compute_clocks(rulebook, case.case_type, case.priority, case.received_at,
                            decided_at=decided_at, hearing_date=case.hearing_date)
    for clock in clocks.values():
        if clock.name == ClockName.NOTIFY and session.scalar(
                select(CaseClock.id).where(CaseClock.case_id == case.id,
                                           CaseClock.name == ClockName.NOTIFY)) is None:
            session.add(CaseClock(case_id=case.id, name=ClockName.NOTIFY, due_at=clock.due_at,
                                  original_due_at=clock.due_at, citation=clock.citation))
    session.flush()


def extend_clock(ws: Workspace, actor: Actor, case_id: int, name: str, days: int,
                 reason: str) -> datetime:
    """Move a clock's due date by `days` with a recorded reason, within the legal limit."""
    actor.require(Permission.WORK_CASES)
    if not reason.strip():
        raise InvalidValue("An extension needs its reason (it goes in the member's notice).")
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, case_id)
        clock = session.scalar(select(CaseClock).where(CaseClock.case_id == case_id,
                                                       CaseClock.name == name))
        if clock is None:
            raise NotFound(f"Case {case.number} has no {name} clock.")
        if clock.met_at is not None:
            raise UserError(f"The {name} clock of {case.number} is already met.")
        used = (clock.due_at - clock.original_due_at).days
        if days < 1 or used + days > MAX_EXTENSION_DAYS:
            raise InvalidValue(f"A clock can be extended by at most {MAX_EXTENSION_DAYS} days in "
                               f"all; {used} already taken.")
        before = clock.due_at
        clock.due_at = clock.due_at + timedelta(days=days)
        clock.extension_reason = "; ".join(filter(None, [clock.extension_reason, reason.strip()]))
        refresh_next_due(session, case)
        case.updated_at = now
        record(session, actor, AuditAction.CASE_CLOCK_EXTENDED, "case", case.id, now,
               {"number": case.number, "clock": name, "from": before.isoformat(),
                "to": clock.due_at.isoformat(), "reason": reason.strip()})
        return clock.due_at


def case_detail(ws: Workspace, actor: Actor, case_id: int, *,
                opening: bool = True) -> CaseDetail:
    """Everything about a case; opening it is recorded (who looked at whose information).

    A window reading its case again after a change passes `opening=False`: the person opened
    it once, and a supervisor auditing access wants each opening, not each refresh.
    """
    actor.require(Permission.VIEW_CASES)
    if not opening:
        with ws.db.read() as session:
            return _detail(session, get_case(session, case_id))
    with ws.db.write() as session:
        case = get_case(session, case_id)
        record(session, actor, AuditAction.CASE_VIEWED, "case", case.id, ws.now(),
               {"number": case.number})
        return _detail(session, case)


def _detail(session: Session, case: Case) -> CaseDetail:
    """The case as its window shows it, read in `session`."""
    case_id = case.id
    assignee = (session.scalar(select(User.username).where(User.id == case.assignee_id))
                if case.assignee_id else None)
    decided_by = (session.scalar(select(User.username).where(User.id == case.decided_by_id))
                  if case.decided_by_id else None)
    clocks = session.scalars(select(CaseClock).where(CaseClock.case_id == case_id)
                             .order_by(CaseClock.due_at)).all()
    documents = session.scalars(select(CaseDocument.document_id)
                                .where(CaseDocument.case_id == case_id)
                                .order_by(CaseDocument.id)).all()
    notes = session.scalars(select(CaseNote).where(CaseNote.case_id == case_id)
                            .order_by(CaseNote.id)).all()
    tasks = session.scalars(select(CaseTask).where(CaseTask.case_id == case_id)
                            .order_by(CaseTask.id)).all()
    return CaseDetail(
        row=case_row(case, assignee), outcome=case.outcome, language=case.language,
        hearing_date=case.hearing_date.isoformat() if case.hearing_date else None,
        fields=json.loads(case.fields_json or "{}"),
        clocks=[ClockView(c.name, c.due_at, c.original_due_at, c.citation, c.met_at,
                          c.extension_reason) for c in clocks],
        document_ids=list(documents),
        notes=[NoteView(n.id, n.author, n.created_at, n.text, n.corrects_note_id)
               for n in notes],
        tasks=[TaskView(t.id, t.kind, t.description, t.due_at, None, t.done_at)
               for t in tasks],
        decided_by=decided_by,
    )
