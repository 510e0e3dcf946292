"""Exempt grievances not resolved in time become standard grievances, at the deadline.

28 CCR §1300.68(d)(8): a grievance taken by phone and resolved by the close of the next
business day needs no acknowledgment or resolution letter; one that is not resolved by then is
a standard grievance, with both letters due and their clocks counted from the original
receipt. The rule is data: a clock rule with `overdue: {becomes: standard}` in clocks.yaml.
Once that clock falls due unmet on an open case, the case takes the new priority, its clocks
are counted again from receipt, a note on the case tells its coordinator, and the trail records
it, in one transaction per case. The `watch` service and the window run this every minute or
so; running it again changes nothing (the case no longer has the old priority).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clocks import Clock, compute_clocks
from casework.cases.filing import CLOSED
from casework.cases.opening import refresh_next_due
from casework.db.case_models import Case, CaseClock, CaseNote
from casework.permissions import Permission
from casework.plan.case_types import CASE_TYPE_LABELS, with_article
from casework.plan.clock_rules import ClockRule
from casework.plan.timezone import plan_date, plan_time
from casework.workspace import Workspace

# How a sentence says a clock was (not) met, and what it asks for next.
CLOCK_DONE = {"acknowledge": "acknowledged", "resolve": "resolved", "decide": "decided",
              "notify": "notified", "prepare": "prepared"}
CLOCK_WORDS = {"acknowledge": "acknowledge", "resolve": "resolve", "decide": "decide",
               "notify": "notify the member", "prepare": "submit the position statement"}


@dataclass(frozen=True)
class Conversion:
    """One case whose priority a clock rule changed at its deadline."""

    case_id: int
    number: str
    case_type: str
    from_priority: str
    to_priority: str
    clock: str  # the clock that fell due unmet
    deadline: datetime  # when it fell due
    due: dict[str, datetime]  # each clock's due time now, counted from the original receipt

    def sentence(self) -> str:
        """'GRV-2026-000123 is now a standard grievance: it was not resolved by Tue 11/3/2026
        11:59 PM (Pacific), when its exempt time ended.'"""
        label = CASE_TYPE_LABELS.get(self.case_type, self.case_type.replace("_", " "))
        done = CLOCK_DONE.get(self.clock, f"{self.clock} met")
        becomes = with_article(f"{self.to_priority} {label}")
        return (f"{self.number} is now {becomes}: it was not {done} by "
                f"{_shown(self.deadline)} (Pacific), when its {self.from_priority} time ended.")


def convert_overdue_exempt(ws: Workspace, actor: Actor, now: datetime) -> list[Conversion]:
    """Give every open case whose `overdue` clock fell due unmet before `now` the priority the
    rule says (an exempt grievance becomes standard), with its clocks counted from receipt."""
    actor.require(Permission.APPLY_CLOCK_RULES)
    done = []
    for rule in ws.rules.clocks.with_overdue():
        for case_id in _overdue_cases(ws, rule, now):
            conversion = _convert(ws, actor, rule, case_id, now)
            if conversion is not None:
                done.append(conversion)
    return done


def _overdue_cases(ws: Workspace, rule: ClockRule, now: datetime) -> list[int]:
    """Open cases this rule covers whose clock fell due unmet before `now`, oldest first."""
    with ws.db.read() as session:
        rows = session.execute(
            select(Case.id, Case.received_at).join(CaseClock, CaseClock.case_id == Case.id)
            .where(Case.case_type.in_(rule.case_types), Case.priority.in_(rule.priorities),
                   Case.status.not_in(CLOSED), CaseClock.name == rule.clock,
                   CaseClock.met_at.is_(None), CaseClock.due_at < now)
            .order_by(CaseClock.due_at)).all()
    return [case_id for case_id, received in rows if rule.in_force_on(plan_date(received))]


def _convert(ws: Workspace, actor: Actor, rule: ClockRule, case_id: int,
             now: datetime) -> Conversion | None:
    assert rule.overdue is not None
    becomes = rule.overdue.becomes
    with ws.db.write() as session:
        case = session.get(Case, case_id)
        clock = session.scalar(select(CaseClock).where(CaseClock.case_id == case_id,
                                                       CaseClock.name == rule.clock))
        if (case is None or clock is None or clock.met_at is not None or clock.due_at >= now
                or case.status in CLOSED):
            return None  # met, closed or no longer due since it was found
        before = case.priority
        # Only the transaction that changes the priority goes on: a second service running the
        # same sweep at the same moment finds no row to change and leaves the case alone.
        changed = session.execute(update(Case).where(Case.id == case_id,
                                                     Case.priority.in_(rule.priorities))
                                  .values(priority=becomes, updated_at=now))
        if not isinstance(changed, CursorResult) or changed.rowcount != 1:
            return None
        deadline = clock.due_at
        due = compute_clocks(ws.rules, case.case_type, becomes, case.received_at,
                             hearing_date=case.hearing_date, decided_at=case.decided_at)
        _replace_clocks(session, case, due)
        refresh_next_due(session, case)
        conversion = Conversion(case.id, case.number, case.case_type, before, becomes,
                                rule.clock, deadline, {name: c.due_at for name, c in due.items()})
        note = CaseNote(case_id=case.id, author=actor.username, created_at=now,
                        text=_note(conversion, rule, case.received_at))
        session.add(note)
        session.flush()
        record(session, actor, AuditAction.CASE_CONVERTED, "case", case.id, now,
               {"number": case.number, "from": before, "to": becomes,
                "reason": f"the {rule.clock} clock fell due unmet",
                "deadline": deadline.isoformat(), "citation": rule.overdue.citation,
                "clocks": {name: moment.isoformat() for name, moment in conversion.due.items()},
                "note": note.id})
        return conversion


def _replace_clocks(session: Session, case: Case, due: dict[str, Clock]) -> None:
    """The case's clocks as the new priority counts them; a clock already met stays met."""
    stored = {c.name: c for c in session.scalars(select(CaseClock)
                                                 .where(CaseClock.case_id == case.id))}
    for name, row in stored.items():
        if name not in due and row.met_at is None:
            session.delete(row)  # the old priority's clock; the trail keeps its deadline
    for name, clock in due.items():
        existing = stored.get(name)
        if existing is None:
            session.add(CaseClock(case_id=case.id, name=name, due_at=clock.due_at,
                                  original_due_at=clock.due_at, citation=clock.citation))
        elif existing.met_at is None:
            existing.due_at = existing.original_due_at = clock.due_at
            existing.citation = clock.citation
    session.flush()


def _note(conversion: Conversion, rule: ClockRule, received_at: datetime) -> str:
    """What the coordinator reads on the case: why it changed, and what is due when."""
    assert rule.overdue is not None
    due = "; ".join(f"{CLOCK_WORDS.get(name, name)} by {_shown(moment)}"
                    for name, moment in sorted(conversion.due.items(), key=lambda i: i[1]))
    return (f"{conversion.sentence()} Its clocks count from receipt on "
            f"{_shown(received_at)}: {due}. Rule: {rule.overdue.citation}.")


def _shown(moment: datetime) -> str:
    """'Mon 11/9/2026 11:59 PM', in Pacific time."""
    local = plan_time(moment)
    hour = local.hour % 12 or 12
    return f"{local:%a} {local.month}/{local.day}/{local.year} {hour}:{local:%M %p}"
