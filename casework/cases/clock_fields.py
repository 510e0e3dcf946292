"""Clocks counted from a date on the request follow that date when a person corrects it.

A State Hearing's prepare clock counts back from the hearing date printed on the notice. When
staff correct that date, the case takes it and its running clocks counted from it are counted
again, in the caller's transaction; each clock that moves is audited with its old and new due
time. A met clock stays as it was met, and a closed case keeps the clocks it closed with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clocks import clocks_counted_from, compute_clocks
from casework.cases.filing import CLOSED, as_date
from casework.cases.opening import refresh_next_due
from casework.db.case_models import Case, CaseClock
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import PLAN_ZONE

# The request's fields the clock rules count from, by the rule's `from` (clock_rules.ANCHORS);
# receipt and the decision are moments of the case, not fields of a form.
FIELD_ANCHORS: Final = {"hearing_date": "hearing"}


@dataclass(frozen=True)
class ClockMove:
    """One clock counted again: when it fell due before and now (None: not running)."""

    clock: str
    before: datetime | None
    after: datetime | None


def counts_clocks(field: str) -> bool:
    """Whether a clock may be counted from this field of a request."""
    return field in FIELD_ANCHORS


def take_clock_field(session: Session, rulebook: Rulebook, actor: Actor, case: Case, field: str,
                     value: object, now: datetime, document_id: int | None = None
                     ) -> list[ClockMove]:
    """Give the case a corrected value of a field its clocks count from, and move its running
    clocks to match; each move is audited. Returns the moves."""
    anchor = FIELD_ANCHORS.get(field)
    if anchor is None:
        return []
    if field == "hearing_date":
        case.hearing_date = as_date(value)
    if case.status in CLOSED:
        return []
    moves = _recount(session, rulebook, case, anchor)
    if moves:
        refresh_next_due(session, case)
        case.updated_at = now
    for move in moves:
        record(session, actor, AuditAction.CASE_CLOCK_MOVED, "case", case.id, now,
               {"number": case.number, "clock": move.clock, "from": shown(move.before),
                "to": shown(move.after), "field": field, "document": document_id,
                "reason": f"the {field.replace('_', ' ')} was corrected"})
    return moves


def _recount(session: Session, rulebook: Rulebook, case: Case, anchor: str) -> list[ClockMove]:
    names = clocks_counted_from(rulebook, case.case_type, case.priority, case.received_at,
                                anchor)
    if not names:
        return []
    return recount_clocks(session, rulebook, case, names)


def recount_clocks(session: Session, rulebook: Rulebook, case: Case,
                   names: frozenset[str] | None = None) -> list[ClockMove]:
    """Count the case's running clocks (those in `names`, else all) again from the rules for
    its type, priority and dates: a clock the rules no longer give stops, a new one starts.
    A met clock stays as it was met; an extension already taken stays taken. Not audited here:
    the caller says why the clocks moved."""
    due = compute_clocks(rulebook, case.case_type, case.priority, case.received_at,
                         hearing_date=case.hearing_date, decided_at=case.decided_at)
    query = select(CaseClock).where(CaseClock.case_id == case.id)
    if names is not None:
        query = query.where(CaseClock.name.in_(names))
    stored = {c.name: c for c in session.scalars(query)}
    wanted = names if names is not None else frozenset(due) | frozenset(stored)
    moves = []
    for name in sorted(wanted):
        row, counted = stored.get(name), due.get(name)
        if row is not None and row.met_at is not None:
            continue  # met on time or late, it stays as it was met
        if row is None and counted is not None:
            session.add(CaseClock(case_id=case.id, name=name, due_at=counted.due_at,
                                  original_due_at=counted.due_at, citation=counted.citation))
            moves.append(ClockMove(name, None, counted.due_at))
        elif row is not None and counted is None:
            session.delete(row)  # the rules give no such clock now; the trail keeps the move
            moves.append(ClockMove(name, row.due_at, None))
        elif row is not None and counted is not None and row.original_due_at != counted.due_at:
            # An extension already taken stays taken, on top of the new date.
            taken: timedelta = row.due_at - row.original_due_at
            before = row.due_at
            row.original_due_at = counted.due_at
            row.due_at = counted.due_at + taken
            row.citation = counted.citation
            moves.append(ClockMove(name, before, row.due_at))
    session.flush()
    return moves


def shown(moment: datetime | None) -> str | None:
    """A clock's due time as the trail writes it (Pacific, ISO-8601), or None."""
    return moment.astimezone(PLAN_ZONE).isoformat() if moment is not None else None
