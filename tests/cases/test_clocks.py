"""Due dates computed by hand, around weekends, every 2026 California holiday and DST changes.

Each expectation shows its counting. "bd" is a business day after the day of receipt;
calendar-day and business-day clocks fall due at 23:59:59 Pacific time on the day shown.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from casework.cases.clocks import compute_clocks, compute_due, extend
from casework.errors import InvalidValue, UserError
from casework.plan.timezone import PLAN_ZONE
from tests.support.rules import BUNDLED_RULES

LA = PLAN_ZONE


def local(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LA)


def end_of(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=LA)


# --- Prior authorization and NEMT, standard: earlier of 5th bd and 7th calendar day (2026) ----

@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Thu 2026-07-02. bd: Fri 07-03 is Independence Day observed; Mon 06 (1), Tue 07 (2),
        # Wed 08 (3), Thu 09 (4), Fri 10 (5). 7 calendar days: Thu 07-09. Earlier: 07-09.
        (local(2026, 7, 2), end_of(2026, 7, 9)),
        # Sat 2026-01-03. bd: Mon 05 (1) .. Fri 09 (5). 7 calendar days: Sat 01-10. Earlier: 01-09.
        (local(2026, 1, 3), end_of(2026, 1, 9)),
        # Fri 2026-01-16. bd: Mon 19 is MLK Day; Tue 20 (1) .. Fri 23 (4), Mon 26 (5).
        # 7 calendar days: Fri 01-23. Earlier: 01-23.
        (local(2026, 1, 16), end_of(2026, 1, 23)),
        # Mon 2026-03-30. bd: Tue 31 is Cesar Chavez Day; Wed 04-01 (1), Thu 02 (2), Fri 03 (3),
        # Mon 06 (4), Tue 07 (5). 7 calendar days: Mon 04-06. Earlier: 04-06.
        (local(2026, 3, 30), end_of(2026, 4, 6)),
        # Sat 2026-05-23. bd: Mon 25 is Memorial Day; Tue 26 (1) .. Fri 29 (4), Mon 06-01 (5).
        # 7 calendar days: Sat 05-30. Earlier: Sat 05-30 (the calendar-day cap may end on a weekend).
        (local(2026, 5, 23), end_of(2026, 5, 30)),
        # Wed 2026-11-25. bd: Thu 26 and Fri 27 are Thanksgiving and the day after; Mon 30 (1),
        # Tue 12-01 (2), Wed 02 (3), Thu 03 (4), Fri 04 (5). 7 calendar days: Wed 12-02.
        (local(2026, 11, 25), end_of(2026, 12, 2)),
        # Sat 2026-12-19. bd: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 is
        # Christmas, Mon 28 (5). 7 calendar days: Sat 12-26. Earlier: 12-26.
        (local(2026, 12, 19), end_of(2026, 12, 26)),
    ],
)
@pytest.mark.parametrize("case_type", ["prior_auth", "nemt"])
def test_standard_request_decision_2026(case_type: str, received: datetime, due: datetime) -> None:
    assert compute_due(BUNDLED_RULES, case_type, "standard", received) == {"decide": due}


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Sat 2025-12-20, before the 7-day cap: bd Mon 22 (1), Tue 23 (2), Wed 24 (3),
        # Thu 25 is Christmas, Fri 26 (4), Mon 29 (5). 14 calendar days: Sat 2026-01-03.
        # Earlier: 12-29 (the 2026 rule would have said Sat 12-27).
        (local(2025, 12, 20), end_of(2025, 12, 29)),
        # Wed 2025-11-26: Thu 27, Fri 28 are holidays; Mon 12-01 (1) .. Fri 12-05 (5).
        # 14 calendar days: 12-10. Earlier: 12-05 (2026 rule: Wed 12-03).
        (local(2025, 11, 26), end_of(2025, 12, 5)),
    ],
)
def test_standard_request_before_2026_is_capped_at_14_days(
    received: datetime, due: datetime
) -> None:
    assert compute_due(BUNDLED_RULES, "prior_auth", "standard", received) == {"decide": due}


def test_the_rule_in_force_is_chosen_by_the_local_date_of_receipt() -> None:
    # 2026-01-01 07:59 UTC is 2025-12-31 23:59 in Los Angeles: the 14-day rule applies.
    # Local receipt Wed 12-31: bd Thu 01-01 is New Year's Day; Fri 02 (1), Mon 05 (2),
    # Tue 06 (3), Wed 07 (4), Thu 08 (5). 14 days: 01-14. Due 01-08 (the 7-day cap would
    # have made it Wed 01-07).
    before = datetime(2026, 1, 1, 7, 59, tzinfo=UTC)
    assert compute_due(BUNDLED_RULES, "prior_auth", "standard", before) == {"decide": end_of(2026, 1, 8)}
    # Sat 2026-01-03 00:30 UTC is Fri 01-02 16:30 local: bd Mon 05 (1) .. Fri 09 (5);
    # 7 days: Fri 01-09. Counting from the UTC date (Sat) would also give 01-09 via business
    # days but Sat 01-10 via the cap; the local answer is Fri 01-09.
    after = datetime(2026, 1, 3, 0, 30, tzinfo=UTC)
    assert compute_due(BUNDLED_RULES, "prior_auth", "standard", after) == {"decide": end_of(2026, 1, 9)}


def test_utc_receipt_after_local_midnight_counts_from_the_local_date() -> None:
    # 2026-01-02 07:30 UTC is Thu 2026-01-01 23:30 local (a fax on the holiday).
    # bd: Fri 02 (1), Mon 05 (2), Tue 06 (3), Wed 07 (4), Thu 08 (5); 7 days: Thu 01-08.
    # Counting from the UTC date (Fri 01-02) would wrongly give Fri 01-09.
    received = datetime(2026, 1, 2, 7, 30, tzinfo=UTC)
    assert compute_due(BUNDLED_RULES, "prior_auth", "standard", received) == {"decide": end_of(2026, 1, 8)}


# --- Notification after a decision: 2 business days ------------------------------------------

@pytest.mark.parametrize(
    ("decided", "due"),
    [
        # Thu 07-02: Fri 03 is a holiday; Mon 06 (1), Tue 07 (2).
        (local(2026, 7, 2, 16), end_of(2026, 7, 7)),
        # Fri 02-13: Mon 16 is Presidents' Day; Tue 17 (1), Wed 18 (2).
        (local(2026, 2, 13, 15), end_of(2026, 2, 18)),
        # Mon 03-30: Tue 31 is Cesar Chavez Day; Wed 04-01 (1), Thu 02 (2).
        (local(2026, 3, 30, 9), end_of(2026, 4, 2)),
        # Thu 06-18: Fri 19 is Juneteenth; Mon 22 (1), Tue 23 (2).
        (local(2026, 6, 18, 9), end_of(2026, 6, 23)),
        # Thu 09-24: Fri 25 is Native American Day; Mon 28 (1), Tue 29 (2).
        (local(2026, 9, 24, 9), end_of(2026, 9, 29)),
        # Fri 10-09: Mon 12 is Columbus Day; Tue 13 (1), Wed 14 (2).
        (local(2026, 10, 9, 9), end_of(2026, 10, 14)),
        # Tue 11-10: Wed 11 is Veterans Day; Thu 12 (1), Fri 13 (2).
        (local(2026, 11, 10, 9), end_of(2026, 11, 13)),
        # Wed 11-25: Thu 26, Fri 27 holidays; Mon 30 (1), Tue 12-01 (2).
        (local(2026, 11, 25, 9), end_of(2026, 12, 1)),
        # Wed 12-23: Thu 24 (1), Fri 25 is Christmas, Mon 28 (2).
        (local(2026, 12, 23, 9), end_of(2026, 12, 28)),
    ],
)
def test_member_notice_is_due_two_business_days_after_the_decision(
    decided: datetime, due: datetime
) -> None:
    received = decided - timedelta(days=1)
    clocks = compute_due(BUNDLED_RULES, "prior_auth", "standard", received, decided_at=decided)
    assert clocks["notify"] == due


def test_no_notice_clock_until_there_is_a_decision() -> None:
    assert set(compute_due(BUNDLED_RULES, "nemt", "expedited", local(2026, 5, 4))) == {"decide"}


# --- Expedited: exact hours, across daylight-saving changes -----------------------------------

def test_expedited_72_hours_across_the_spring_change() -> None:
    # Sat 2026-03-07 09:30 PST (17:30 UTC). 72 elapsed hours: Tue 03-10 17:30 UTC, which is
    # 10:30 PDT because clocks went forward on Sun 03-08: the wall clock shows 73 hours.
    received = local(2026, 3, 7, 9, 30)
    due = compute_due(BUNDLED_RULES, "prior_auth", "expedited", received)["decide"]
    assert due == datetime(2026, 3, 10, 10, 30, tzinfo=LA)
    # Subtracting two datetimes of the same zone compares wall clocks; compare in UTC.
    assert due.astimezone(UTC) - received.astimezone(UTC) == timedelta(hours=72)
    assert due.utcoffset() == timedelta(hours=-7)


def test_expedited_72_hours_across_the_autumn_change() -> None:
    # Fri 2026-10-30 14:00 PDT (21:00 UTC). 72 hours: Mon 11-02 21:00 UTC = 13:00 PST
    # (clocks went back on Sun 11-01: the wall clock shows 71 hours).
    received = local(2026, 10, 30, 14)
    due = compute_due(BUNDLED_RULES, "grievance", "expedited", received)["resolve"]
    assert due == datetime(2026, 11, 2, 13, 0, tzinfo=LA)
    assert due.astimezone(UTC) == datetime(2026, 11, 2, 21, 0, tzinfo=UTC)


def test_expedited_received_in_the_repeated_hour() -> None:
    # 2026-11-01 09:30 UTC is 01:30 PST, the second 01:30 of that night.
    received = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    due = compute_due(BUNDLED_RULES, "appeal", "expedited", received)["resolve"]
    assert due.astimezone(UTC) == datetime(2026, 11, 4, 9, 30, tzinfo=UTC)
    assert (due.hour, due.minute) == (1, 30)


# --- Grievances and appeals ------------------------------------------------------------------

def test_standard_grievance_acknowledge_and_resolve_in_calendar_days() -> None:
    # Sun 2026-03-08 (the day clocks go forward): +5 = Fri 03-13; +30 = Tue 04-07.
    assert compute_due(BUNDLED_RULES, "grievance", "standard", local(2026, 3, 8, 11)) == {
        "acknowledge": end_of(2026, 3, 13), "resolve": end_of(2026, 4, 7),
    }


def test_calendar_day_clocks_may_end_on_a_weekend_or_holiday() -> None:
    # Fri 2026-06-26: +5 = Wed 07-01; +30 = Sun 07-26. Calendar days do not roll forward.
    due = compute_due(BUNDLED_RULES, "appeal", "standard", local(2026, 6, 26))
    assert due == {"acknowledge": end_of(2026, 7, 1), "resolve": end_of(2026, 7, 26)}


def test_a_late_evening_utc_receipt_counts_from_the_local_day() -> None:
    # 2026-03-02 07:30 UTC is Sun 03-01 23:30 PST: acknowledge by 03-01 + 5 = Fri 03-06.
    due = compute_due(BUNDLED_RULES, "grievance", "standard", datetime(2026, 3, 2, 7, 30, tzinfo=UTC))
    assert due["acknowledge"] == end_of(2026, 3, 6)
    assert due["acknowledge"].astimezone(UTC) == datetime(2026, 3, 7, 7, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Fri 01-16, Mon 19 is MLK Day: close of Tue 01-20.
        (local(2026, 1, 16, 15), end_of(2026, 1, 20)),
        # Fri 02-13, Mon 16 Presidents' Day: Tue 02-17.
        (local(2026, 2, 13, 15), end_of(2026, 2, 17)),
        # Fri 05-22, Mon 25 Memorial Day: Tue 05-26.
        (local(2026, 5, 22, 15), end_of(2026, 5, 26)),
        # Fri 09-04, Mon 07 Labor Day: Tue 09-08.
        (local(2026, 9, 4, 15), end_of(2026, 9, 8)),
        # Fri 10-09, Mon 12 Columbus Day: Tue 10-13.
        (local(2026, 10, 9, 15), end_of(2026, 10, 13)),
        # Thu 07-02, Fri 03 observed Independence Day: Mon 07-06.
        (local(2026, 7, 2, 15), end_of(2026, 7, 6)),
        # Thu 12-31, Fri 2027-01-01 New Year's Day: Mon 2027-01-04.
        (local(2026, 12, 31, 15), end_of(2027, 1, 4)),
        # Sat 03-28 (a weekend call), Mon 30 (1): close of Mon 03-30; Tue 31 is Cesar Chavez Day.
        (local(2026, 3, 28, 11), end_of(2026, 3, 30)),
        # Mon 03-30, Tue 31 Cesar Chavez Day: Wed 04-01.
        (local(2026, 3, 30, 11), end_of(2026, 4, 1)),
    ],
)
def test_exempt_grievance_is_due_at_the_close_of_the_next_business_day(
    received: datetime, due: datetime
) -> None:
    assert compute_due(BUNDLED_RULES, "grievance", "exempt", received) == {"resolve": due}


# --- State Hearings --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("hearing", "due"),
    [
        # Tue 2026-09-08 after Labor Day: Fri 04 (1), Thu 03 (2), Wed 02 (3), Tue 01 (4), Mon 08-31 (5).
        (date(2026, 9, 8), end_of(2026, 8, 31)),
        # Tue 2026-05-26 after Memorial Day: Fri 22 (1), Thu 21 (2), Wed 20 (3), Tue 19 (4), Mon 18 (5).
        (date(2026, 5, 26), end_of(2026, 5, 18)),
        # Tue 2026-09-29: Mon 28 (1), Fri 25 Native American Day, Thu 24 (2), Wed 23 (3), Tue 22 (4), Mon 21 (5).
        (date(2026, 9, 29), end_of(2026, 9, 21)),
        # Tue 2026-12-01: Mon 30 (1), Fri 27 and Thu 26 holidays, Wed 25 (2), Tue 24 (3), Mon 23 (4), Fri 20 (5).
        (date(2026, 12, 1), end_of(2026, 11, 20)),
    ],
)
def test_state_hearing_preparation_is_due_five_business_days_before_the_hearing(
    hearing: date, due: datetime
) -> None:
    received = local(2026, 5, 1)
    assert compute_due(BUNDLED_RULES, "sfh", "standard", received, hearing_date=hearing) == {"prepare": due}


def test_no_preparation_clock_without_a_hearing_date() -> None:
    assert compute_due(BUNDLED_RULES, "sfh", "standard", local(2026, 5, 1)) == {}


# --- Which clocks, refusals ------------------------------------------------------------------

def test_cases_without_a_regulatory_clock_have_none() -> None:
    assert compute_due(BUNDLED_RULES, "care_coordination", "standard", local(2026, 5, 1)) == {}
    assert compute_due(BUNDLED_RULES, "intake_review", "standard", local(2026, 5, 1)) == {}


def test_a_priority_a_case_type_cannot_have_is_refused() -> None:
    with pytest.raises(InvalidValue, match="A prior authorization request cannot be exempt"):
        compute_due(BUNDLED_RULES, "prior_auth", "exempt", local(2026, 5, 1))


def test_a_naive_receipt_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        compute_due(BUNDLED_RULES, "grievance", "standard", datetime(2026, 5, 1, 10, 0))


def test_a_decision_before_receipt_is_refused() -> None:
    with pytest.raises(InvalidValue, match="before the request was received"):
        compute_due(BUNDLED_RULES, "prior_auth", "standard", local(2026, 5, 4),
                    decided_at=local(2026, 5, 3))


def test_each_clock_carries_its_citation() -> None:
    clocks = compute_clocks(BUNDLED_RULES, "prior_auth", "standard", local(2026, 5, 4),
                            decided_at=local(2026, 5, 6))
    assert "CMS-0057-F" in clocks["decide"].citation
    assert "§1367.01(h)(3)" in clocks["notify"].citation
    old = compute_clocks(BUNDLED_RULES, "prior_auth", "standard", local(2025, 5, 5))
    assert "CMS-0057-F" not in old["decide"].citation.split("(before")[0]


# --- Extensions ------------------------------------------------------------------------------

def test_extension_moves_the_due_date_and_keeps_the_reason() -> None:
    # Grievance received Fri 2026-10-16: resolve by +30 = Sun 11-15; extended 14 days: Sun 11-29.
    clock = compute_clocks(BUNDLED_RULES, "grievance", "standard", local(2026, 10, 16))["resolve"]
    extended = extend(clock, "Waiting for the provider's records", 14)
    assert extended.due_at == end_of(2026, 11, 29)
    assert extended.original_due_at == end_of(2026, 11, 15)
    assert extended.extension_reason == "Waiting for the provider's records"
    assert clock.due_at == end_of(2026, 11, 15)  # the original clock is unchanged


def test_extension_across_the_autumn_change_stays_at_end_of_day() -> None:
    # Appeal received Wed 2026-09-30: resolve by +30 = Fri 10-30 (PDT); +14 = Fri 11-13 (PST).
    clock = compute_clocks(BUNDLED_RULES, "appeal", "standard", local(2026, 9, 30))["resolve"]
    assert extend(clock, "Member asked for time", 14).due_at == end_of(2026, 11, 13)


def test_extensions_add_up_to_the_regulatory_limit() -> None:
    clock = compute_clocks(BUNDLED_RULES, "prior_auth", "expedited", local(2026, 4, 1))["decide"]
    once = extend(clock, "Member requested", 7)
    twice = extend(once, "Specialist review", 7)
    assert twice.due_at - clock.due_at == timedelta(days=14)
    assert twice.extension_reason == "Member requested; Specialist review"
    with pytest.raises(UserError, match="at most 14 days in all"):
        extend(twice, "More", 1)


def test_a_clock_without_an_extension_rule_cannot_be_extended() -> None:
    clock = compute_clocks(BUNDLED_RULES, "grievance", "standard", local(2026, 4, 1))["acknowledge"]
    with pytest.raises(UserError, match="cannot be extended"):
        extend(clock, "Busy", 3)


def test_an_extension_needs_a_reason() -> None:
    clock = compute_clocks(BUNDLED_RULES, "appeal", "standard", local(2026, 4, 1))["resolve"]
    with pytest.raises(InvalidValue, match="needs a reason"):
        extend(clock, "  ", 3)
