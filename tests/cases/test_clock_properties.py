"""Properties of every due date, over receipt moments from 2025 to 2028."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.cases.clocks import compute_due
from casework.plan.timezone import PLAN_ZONE
from tests.support.rules import BUNDLED_RULES

moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
hearing_dates = st.dates(min_value=date(2025, 2, 1), max_value=date(2028, 12, 31))
typed_cases = st.sampled_from([
    ("grievance", "standard"), ("grievance", "expedited"), ("grievance", "exempt"),
    ("appeal", "standard"), ("appeal", "expedited"), ("prior_auth", "standard"),
    ("prior_auth", "expedited"), ("nemt", "standard"), ("nemt", "expedited"),
])
FEW = settings(max_examples=150, deadline=None)


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end`, counted one day at a time."""
    calendar = BUNDLED_RULES.calendar
    return sum(calendar.is_business_day(start + timedelta(days=n))
               for n in range(1, (end - start).days + 1))


@FEW
@given(typed_cases, moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)))
def test_no_clock_falls_due_before_receipt(
    case: tuple[str, str], received: datetime, delay: timedelta
) -> None:
    due = compute_due(BUNDLED_RULES, *case, received, decided_at=received + delay)
    assert due
    for moment in due.values():
        assert moment > received
        assert moment.tzinfo is PLAN_ZONE


@FEW
@given(moments)
def test_exempt_grievance_is_due_at_the_end_of_the_next_business_day(received: datetime) -> None:
    due = compute_due(BUNDLED_RULES, "grievance", "exempt", received)["resolve"]
    local_receipt = received.astimezone(PLAN_ZONE).date()
    assert BUNDLED_RULES.calendar.is_business_day(due.date())
    assert business_days_between(local_receipt, due.date()) == 1
    assert due.timetz() == time(23, 59, 59, tzinfo=PLAN_ZONE)


@FEW
@given(moments, st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=14)))
def test_member_notice_is_on_the_second_business_day_after_the_decision(
    received: datetime, delay: timedelta
) -> None:
    decided = received + delay
    due = compute_due(BUNDLED_RULES, "nemt", "standard", received, decided_at=decided)["notify"]
    assert BUNDLED_RULES.calendar.is_business_day(due.date())
    assert business_days_between(decided.astimezone(PLAN_ZONE).date(), due.date()) == 2


@FEW
@given(hearing_dates)
def test_preparation_is_a_business_day_five_business_days_before_the_hearing(
    hearing: date,
) -> None:
    received = datetime(2025, 1, 2, 9, tzinfo=PLAN_ZONE)
    due = compute_due(BUNDLED_RULES, "sfh", "standard", received, hearing_date=hearing)["prepare"]
    assert BUNDLED_RULES.calendar.is_business_day(due.date())
    assert due.date() < hearing
    assert business_days_between(due.date(), hearing - timedelta(days=1)) == 4
    assert not BUNDLED_RULES.calendar.is_business_day(hearing) or (
        business_days_between(due.date(), hearing) == 5)


@FEW
@given(moments)
def test_standard_request_decision_is_never_later_than_the_calendar_cap(
    received: datetime,
) -> None:
    due = compute_due(BUNDLED_RULES, "prior_auth", "standard", received)["decide"]
    local_receipt = received.astimezone(PLAN_ZONE).date()
    cap = 7 if local_receipt >= date(2026, 1, 1) else 14
    assert (due.date() - local_receipt).days <= cap
    assert business_days_between(local_receipt, due.date()) <= 5


@FEW
@given(moments)
def test_expedited_clocks_are_exactly_72_elapsed_hours(received: datetime) -> None:
    due = compute_due(BUNDLED_RULES, "appeal", "expedited", received)["resolve"]
    assert due.astimezone(UTC) - received == timedelta(hours=72)
