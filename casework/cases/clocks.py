"""Regulatory clocks: when each step of a case falls due, and extending a clock.

Counting happens in the plan's time zone. Calendar- and business-day clocks fall due at
23:59:59 local time on the due day; hour clocks fall due exactly that many elapsed hours after
the moment counted from, so a daylight-saving change neither adds nor removes an hour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from casework.errors import InvalidValue, UserError
from casework.plan.calendar import BusinessCalendar
from casework.plan.case_types import (
    CASE_TYPE_LABELS,
    CASE_TYPES,
    PRIORITIES,
    capitalized,
    with_article,
)
from casework.plan.clock_rules import ClockRule, ClockRules, Term
from casework.plan.rulebook import Rulebook
from casework.plan.timezone import PLAN_ZONE

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class Clock:
    """One running clock of a case: when it falls due, why, and any extension taken."""

    name: str
    due_at: datetime  # aware, in the plan's time zone
    citation: str
    original_due_at: datetime
    extension_days_allowed: int = 0
    extension_citation: str = ""
    extended_days: int = 0
    extension_reason: str | None = None

    @property
    def extended(self) -> bool:
        return self.extended_days > 0


def compute_due(
    rulebook: Rulebook, case_type: str, priority: str, received_at: datetime, *,
    hearing_date: date | None = None, decided_at: datetime | None = None,
) -> dict[str, datetime]:
    """When each clock of a new case falls due, keyed acknowledge/resolve/decide/notify/prepare.

    Only the clocks that apply are returned: `notify` needs `decided_at`, `prepare` needs the
    `hearing_date` from the hearing notice. Times are aware, in America/Los_Angeles.
    """
    clocks = compute_clocks(rulebook, case_type, priority, received_at,
                            hearing_date=hearing_date, decided_at=decided_at)
    return {name: clock.due_at for name, clock in clocks.items()}


def compute_clocks(
    rulebook: Rulebook, case_type: str, priority: str, received_at: datetime, *,
    hearing_date: date | None = None, decided_at: datetime | None = None,
) -> dict[str, Clock]:
    """Like `compute_due`, with each clock's citation and the extension its rule allows."""
    rules, calendar = rulebook.clocks, rulebook.calendar
    _require_aware("received_at", received_at)
    if decided_at is not None:
        _require_aware("decided_at", decided_at)
        if decided_at < received_at:
            raise InvalidValue("The decision time is before the request was received.")
    received_day = received_at.astimezone(PLAN_ZONE).date()
    anchors: dict[str, datetime | date | None] = {
        "received": received_at, "decided": decided_at, "hearing": hearing_date,
    }
    clocks: dict[str, Clock] = {}
    for rule in _rules_in_force(rules, case_type, priority, received_day):
        anchor = anchors[rule.anchor]
        if anchor is None:
            continue  # not yet known: no decision made, or no hearing date on the notice
        due = min(_due(term, anchor, calendar) for term in rule.terms)
        clocks[rule.clock] = _clock(rule, due)
    return clocks


def clocks_counted_from(
    rulebook: Rulebook, case_type: str, priority: str, received_at: datetime, anchor: str,
) -> frozenset[str]:
    """The clocks of a case counted from `anchor` (received, decided, hearing), whether or
    not that moment is known yet."""
    rules = rulebook.clocks
    received_day = received_at.astimezone(PLAN_ZONE).date()
    return frozenset(rule.clock for rule in _rules_in_force(rules, case_type, priority,
                                                            received_day)
                     if rule.anchor == anchor)


def days_extended(due_at: datetime, original_due_at: datetime) -> int:
    """How many calendar days a stored clock has been extended by, on the local calendar."""
    return (due_at.astimezone(PLAN_ZONE).date() - original_due_at.astimezone(PLAN_ZONE).date()).days


def extend(clock: Clock, reason: str, days: int) -> Clock:
    """The clock pushed back by `days` calendar days, within what its regulation allows.

    Extensions add up: two extensions of 7 days use up a 14-day allowance. The reason is kept
    for the member's extension notice and the audit trail.
    """
    if not reason.strip():
        raise InvalidValue("An extension needs a reason (it goes on the member's notice).")
    if days < 1:
        raise InvalidValue("An extension is at least one day.")
    if clock.extension_days_allowed == 0:
        raise UserError(f"The {clock.name} clock cannot be extended: its rule allows no "
                        f"extension ({clock.citation}).")
    total = clock.extended_days + days
    if total > clock.extension_days_allowed:
        left = clock.extension_days_allowed - clock.extended_days
        raise InvalidValue(
            f"The {clock.name} clock can be extended by at most {clock.extension_days_allowed} "
            f"days in all ({clock.extension_citation}); {left} days are left."
        )
    # Calendar days on the local calendar: 23:59:59 stays 23:59:59 across a DST change.
    local = clock.original_due_at.astimezone(PLAN_ZONE).replace(tzinfo=None)
    moved = (local + timedelta(days=total)).replace(tzinfo=PLAN_ZONE)
    due = moved.astimezone(UTC).astimezone(PLAN_ZONE)
    reasons = [clock.extension_reason] if clock.extension_reason else []
    return replace(clock, due_at=due, extended_days=total,
                   extension_reason="; ".join([*reasons, reason.strip()]))


def _rules_in_force(
    rules: ClockRules, case_type: str, priority: str, received_day: date
) -> list[ClockRule]:
    """The rules for this case, refusing combinations no rule covers instead of skipping a
    clock silently."""
    if case_type not in CASE_TYPES:
        raise InvalidValue(f"There is no case type {case_type!r}.")
    if priority not in PRIORITIES:
        raise InvalidValue(f"There is no priority {priority!r}; use one of "
                           f"{', '.join(PRIORITIES)}.")
    label = CASE_TYPE_LABELS[case_type]
    for_case = rules.for_case(case_type, priority)
    if not for_case:
        allowed = rules.priorities_of(case_type)
        if not allowed:
            return []  # this kind of case runs no regulatory clock
        raise InvalidValue(f"{capitalized(with_article(label))} cannot be {priority}; it can be "
                           f"{' or '.join(allowed)}.")
    in_force = [r for r in for_case if r.in_force_on(received_day)]
    missing = {r.clock for r in for_case} - {r.clock for r in in_force}
    if missing:
        raise UserError(
            f"No rule in the clock rules is in force for the {', '.join(sorted(missing))} clock "
            f"of {with_article(priority + ' ' + label)} received on {received_day.isoformat()}."
        )
    return in_force


def _due(term: Term, anchor: datetime | date, calendar: BusinessCalendar) -> datetime:
    if term.kind == "hours":
        assert isinstance(anchor, datetime)
        # Exact elapsed time: add in UTC, where every hour is an hour.
        return (anchor.astimezone(UTC) + timedelta(hours=term.count)).astimezone(PLAN_ZONE)
    start = anchor.astimezone(PLAN_ZONE).date() if isinstance(anchor, datetime) else anchor
    if term.kind == "calendar_days":
        day = start + timedelta(days=term.count)
    elif term.kind == "business_days":
        day = calendar.add_business_days(start, term.count)
    elif term.kind == "business_days_before":
        day = calendar.add_business_days(start, -term.count)
    else:  # the loader refuses other kinds; reaching here is a bug
        raise ValueError(f"unknown kind of clock {term.kind!r}")
    return datetime.combine(day, END_OF_DAY, PLAN_ZONE)


def _clock(rule: ClockRule, due: datetime) -> Clock:
    extension = rule.extension
    return Clock(
        name=rule.clock, due_at=due, citation=rule.citation, original_due_at=due,
        extension_days_allowed=extension.days if extension else 0,
        extension_citation=extension.citation if extension else "",
    )


def _require_aware(name: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with a time zone)")
