"""The clock audit: every open case's running clocks counted again from the rules and compared
with what is stored, for a supervisor after a change of the rules, a bug, or a doubt.

A clock is due when the rules say, plus the extensions the trail records for it (the trail is
tamper-evident; the clock table is not). A met clock is history and is not counted again.
The audit reports and changes nothing; running it is itself recorded.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.clocks import Clock, compute_clocks
from casework.cases.filing import CLOSED
from casework.db.case_models import Case, CaseClock
from casework.db.models import AuditEvent
from casework.errors import CaseworkError
from casework.permissions import Permission
from casework.plan.case_types import CaseType
from casework.plan.rulebook import Rulebook
from casework.workspace import Workspace


@dataclass(frozen=True)
class ClockDifference:
    """A running clock whose stored due time is not what the rules give (None: no such clock)."""

    number: str
    clock: str
    stored_due: datetime | None
    recomputed_due: datetime | None
    note: str = ""  # why there is no recomputed time, when the rules refuse the case


@dataclass(frozen=True)
class ClockAudit:
    """What the audit looked at and what differs."""

    cases: int
    clocks: int
    differences: tuple[ClockDifference, ...]

    @property
    def agrees(self) -> bool:
        return not self.differences


def check_clocks(ws: Workspace, actor: Actor) -> ClockAudit:
    """Recount every open case's running clocks from `ws.rules`; list those that differ."""
    actor.require(Permission.CHECK_CLOCKS)
    with ws.db.read() as session:
        cases = session.scalars(select(Case).where(
            Case.status.not_in(CLOSED), Case.case_type != CaseType.INTAKE_REVIEW)
            .order_by(Case.id)).all()
        stored = _stored_clocks(session)
        extended = _extensions(session)
        differences: list[ClockDifference] = []
        counted = 0
        for case in cases:
            mine = stored.get(case.id, {})
            counted += sum(1 for c in mine.values() if c.met_at is None)
            differences.extend(_compare(ws.rules, case, mine, extended))
    audit = ClockAudit(len(cases), counted, tuple(differences))
    with ws.db.write() as session:
        record(session, actor, AuditAction.CLOCKS_CHECKED, "clocks", "-", ws.now(),
               {"cases": audit.cases, "clocks": audit.clocks,
                "differ": [f"{d.number} {d.clock}" for d in differences]})
    return audit


def _compare(rulebook: Rulebook, case: Case, stored: dict[str, CaseClock],
             extended: dict[tuple[int, str], timedelta]) -> list[ClockDifference]:
    try:
        due = compute_clocks(rulebook, case.case_type, case.priority, case.received_at,
                             hearing_date=case.hearing_date, decided_at=case.decided_at)
    except CaseworkError as refused:  # a rule change can leave a case no rule covers
        return [ClockDifference(case.number, name, row.due_at, None, str(refused))
                for name, row in sorted(stored.items()) if row.met_at is None]
    found = []
    for name in sorted(set(due) | set(stored)):
        row = stored.get(name)
        if row is not None and row.met_at is not None:
            continue
        expected = _expected(due.get(name), extended.get((case.id, name)))
        if row is None or expected is None or row.due_at != expected:
            found.append(ClockDifference(case.number, name, row.due_at if row else None,
                                         expected))
    return found


def _expected(clock: Clock | None, extension: timedelta | None) -> datetime | None:
    if clock is None:
        return None
    return clock.due_at + extension if extension else clock.due_at


def _stored_clocks(session: Session) -> dict[int, dict[str, CaseClock]]:
    """The clocks of every open case, by case id and name."""
    rows = session.scalars(select(CaseClock).join(Case, Case.id == CaseClock.case_id)
                           .where(Case.status.not_in(CLOSED))).all()
    by_case: dict[int, dict[str, CaseClock]] = defaultdict(dict)
    for row in rows:
        by_case[row.case_id][row.name] = row
    return by_case


def _extensions(session: Session) -> dict[tuple[int, str], timedelta]:
    """The time each clock was extended by, summed from the trail's extension events."""
    taken: dict[tuple[int, str], timedelta] = defaultdict(timedelta)
    events = session.execute(select(AuditEvent.entity_id, AuditEvent.details).where(
        AuditEvent.action == AuditAction.CASE_CLOCK_EXTENDED,
        AuditEvent.entity_type == "case")).all()
    for entity_id, raw in events:
        details = json.loads(raw or "{}")
        try:
            moved = (datetime.fromisoformat(details["to"])
                     - datetime.fromisoformat(details["from"]))
        except (KeyError, TypeError, ValueError):
            continue  # an event written before extensions recorded both times
        taken[(int(entity_id), str(details.get("clock")))] += moved
    return taken
