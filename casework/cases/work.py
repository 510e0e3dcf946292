"""Working a case: moving its status, meeting and extending clocks, and reading it whole."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clinical_review import back_from_review, check_decider
from casework.cases.clocks import END_OF_DAY, Clock, compute_clocks, days_extended, extend
from casework.cases.flags import standing_flags
from casework.cases.lookup import get_case
from casework.cases.opening import refresh_next_due
from casework.cases.queues import case_row
from casework.cases.relations import related_cases
from casework.cases.states import check_move
from casework.cases.statuses import CaseStatus, Outcome
from casework.cases.views import CaseDetail, ClockView, NoteView, TaskView
from casework.db.case_models import Case, CaseClock, CaseDocument, CaseNote, CaseTask
from casework.db.models import User
from casework.errors import InvalidValue, NotFound, UserError
from casework.outreach.contacts import check_case_unreachable
from casework.permissions import Permission
from casework.plan.clock_rules import ClockName, ClockRule, ExtensionNotice
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import PLAN_ZONE, plan_date
from casework.transport.authorization import authorize_on_decision
from casework.workspace import Workspace

# Reaching a status meets the clock that was waiting for it.
MILESTONES: dict[str, ClockName] = {
    CaseStatus.ACKNOWLEDGED: ClockName.ACKNOWLEDGE, CaseStatus.RESOLVED: ClockName.RESOLVE,
    CaseStatus.DECIDED: ClockName.DECIDE, CaseStatus.NOTIFIED: ClockName.NOTIFY,
    CaseStatus.SUBMITTED: ClockName.PREPARE,
}


@dataclass(frozen=True)
class NoticeDue:
    """The written notice a member must be sent about an extension: the letter kind, by when,
    and the regulation that requires it."""

    letter: str
    title: str
    due_at: datetime
    citation: str


@dataclass(frozen=True)
class ClockExtension:
    """A clock extended: when it now falls due, and the member's notice the rule requires."""

    clock: str
    due_at: datetime
    notice: NoticeDue | None = None


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
        if outcome == Outcome.UNREACHABLE:  # only after the plan's outreach attempts
            check_case_unreachable(session, ws.rules.outreach.outreach, case)
        previous = case.status
        case.status = target
        if outcome is not None:
            case.outcome = outcome
        if target == CaseStatus.DECIDED:
            case.decided_at, case.decided_by_id = now, actor.user_id
            _start_notify_clock(session, ws.rules, case, now)
            # An approved transportation request's trip gets its authorization number.
            authorize_on_decision(session, ws.rules.transport, actor, now, case, outcome)
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
                 reason: str) -> ClockExtension:
    """Move a clock's due date by `days` calendar days with a recorded reason, only where its
    clock rule allows an extension and within the days it allows; where the rule requires the
    member be told in writing, the case gets a task to send that notice, by the rule's time."""
    actor.require(Permission.WORK_CASES)
    if not reason.strip():
        raise InvalidValue("An extension needs its reason (it goes in the member's notice).")
    now = ws.now()
    with ws.db.write() as session:
        case = get_case(session, case_id)
        row = session.scalar(select(CaseClock).where(CaseClock.case_id == case_id,
                                                     CaseClock.name == name))
        if row is None:
            raise NotFound(f"Case {case.number} has no {name} clock.")
        if row.met_at is not None:
            raise UserError(f"The {name} clock of {case.number} is already met.")
        rule = clock_rule(ws.rules, case, name)
        extended = extend(_as_clock(row, rule), reason, days)
        before = row.due_at
        row.due_at, row.extension_reason = extended.due_at, extended.extension_reason
        notice = _notice_due(ws.rules, rule, before, now)
        if notice is not None:
            session.add(CaseTask(
                case_id=case.id, kind=notice.letter, due_at=notice.due_at, created_at=now,
                assignee_id=case.assignee_id,
                description=f"Send the member the {notice.title.lower()} ({notice.letter}): "
                            f"the {name} clock was extended ({reason.strip()}). Required by "
                            f"{notice.citation}."))
        refresh_next_due(session, case)
        case.updated_at = now
        record(session, actor, AuditAction.CASE_CLOCK_EXTENDED, "case", case.id, now,
               {"number": case.number, "clock": name, "from": before.isoformat(),
                "to": row.due_at.isoformat(), "reason": reason.strip(),
                "kind": notice.letter if notice else None,
                "notice_due": notice.due_at.isoformat() if notice else None})
        return ClockExtension(name, row.due_at, notice)


def clock_rule(rules: Rulebook, case: Case, name: str) -> ClockRule | None:
    """The clock rule a stored clock of the case was counted by (the rule in force on the day
    the case was received)."""
    return rules.clocks.rule_for(case.case_type, case.priority, name, plan_date(case.received_at))


def _as_clock(row: CaseClock, rule: ClockRule | None) -> Clock:
    """A stored clock with the extension its rule allows (none when no rule allows one)."""
    extension = rule.extension if rule is not None else None
    return Clock(row.name, row.due_at.astimezone(PLAN_ZONE), row.citation,
                 row.original_due_at.astimezone(PLAN_ZONE),
                 extension_days_allowed=extension.days if extension else 0,
                 extension_citation=extension.citation if extension else "",
                 extended_days=days_extended(row.due_at, row.original_due_at),
                 extension_reason=row.extension_reason)


def _notice_due(rules: Rulebook, rule: ClockRule | None, due_before: datetime,
                now: datetime) -> NoticeDue | None:
    """The member's notice of an extension, when the rule requires one: within its days of
    now, else by the time the clock would have fallen due (never before now)."""
    notice: ExtensionNotice | None = rule.extension.notice if rule and rule.extension else None
    if notice is None:
        return None
    if notice.within_days is not None:
        day = plan_date(now) + timedelta(days=notice.within_days)
        due = datetime.combine(day, END_OF_DAY, PLAN_ZONE)
    else:
        due = max(due_before, now)
    kind = rules.letter_kinds.get(notice.letter)
    title = kind.title["en"] if kind else notice.letter.replace("_", " ")
    return NoticeDue(notice.letter, title, due, notice.citation)


def case_detail(ws: Workspace, actor: Actor, case_id: int, *,
                opening: bool = True) -> CaseDetail:
    """Everything about a case; opening it is recorded (who looked at whose information).

    A window reading its case again after a change passes `opening=False`: the person opened
    it once, and a supervisor auditing access wants each opening, not each refresh.
    """
    actor.require(Permission.VIEW_CASES)
    if not opening:
        with ws.db.read() as session:
            return _detail(session, ws.rules, get_case(session, case_id))
    with ws.db.write() as session:
        case = get_case(session, case_id)
        record(session, actor, AuditAction.CASE_VIEWED, "case", case.id, ws.now(),
               {"number": case.number})
        return _detail(session, ws.rules, case)


def _detail(session: Session, rules: Rulebook, case: Case) -> CaseDetail:
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
        clocks=[_clock_view(rules, case, c) for c in clocks],
        document_ids=list(documents),
        notes=[NoteView(n.id, n.author, n.created_at, n.text, n.corrects_note_id)
               for n in notes],
        tasks=[TaskView(t.id, t.kind, t.description, t.due_at, None, t.done_at)
               for t in tasks],
        related=related_cases(session, case_id),
        decided_by=decided_by,
        flags=standing_flags(session, case_id),
    )


def _clock_view(rules: Rulebook, case: Case, row: CaseClock) -> ClockView:
    """A stored clock as screens show it, with what is left of the extension its rule allows."""
    rule = clock_rule(rules, case, row.name)
    extension = rule.extension if rule is not None else None
    left = 0
    if extension is not None and row.met_at is None:
        left = max(0, extension.days - days_extended(row.due_at, row.original_due_at))
    return ClockView(row.name, row.due_at, row.original_due_at, row.citation, row.met_at,
                     row.extension_reason, extension_days_left=left,
                     extension_citation=extension.citation if extension else "",
                     extension_notice=extension.notice.letter
                     if extension and extension.notice else None)
