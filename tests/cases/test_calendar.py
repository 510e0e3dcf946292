"""The business-day calendar: the 2026 holidays a California plan closes for, and plan edits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casework.plan.calendar import BusinessCalendar, load_calendar, load_holiday_edits
from casework.plan.rule_files import RuleFileError

# Every weekday in 2026 on which business-day clocks stop, checked by hand against the federal
# calendar (5 U.S.C. §6103) and California's (Gov. Code §6700), observed days included.
WEEKDAY_HOLIDAYS_2026 = {
    date(2026, 1, 1): "New Year's Day",  # Thursday
    date(2026, 1, 19): "Martin Luther King Jr. Day",  # Monday
    date(2026, 2, 16): "Presidents' Day",  # Monday (federal: Washington's Birthday)
    date(2026, 3, 31): "Cesar Chavez Day",  # Tuesday, California only
    date(2026, 5, 25): "Memorial Day",  # Monday
    date(2026, 6, 19): "Juneteenth",  # Friday
    date(2026, 7, 3): "Independence Day (observed)",  # Friday: July 4 is a Saturday
    date(2026, 9, 7): "Labor Day",  # Monday
    date(2026, 9, 25): "Native American Day",  # Friday, fourth Friday in September (plan edit)
    date(2026, 10, 12): "Columbus Day",  # Monday, federal only
    date(2026, 11, 11): "Veterans Day",  # Wednesday
    date(2026, 11, 26): "Thanksgiving Day",  # Thursday
    date(2026, 11, 27): "Day After Thanksgiving",  # Friday, California only
    date(2026, 12, 25): "Christmas Day",  # Friday
}


@pytest.fixture(scope="module")
def plan_calendar() -> BusinessCalendar:
    return load_calendar()


def test_2026_weekday_holidays_are_exactly_the_federal_and_california_ones(
    plan_calendar: BusinessCalendar,
) -> None:
    weekday_holidays = {d for d in plan_calendar.holidays_in(2026) if d.weekday() < 5}
    assert weekday_holidays == set(WEEKDAY_HOLIDAYS_2026)
    for day, name in WEEKDAY_HOLIDAYS_2026.items():
        assert name.split(" (")[0].split()[0] in (plan_calendar.holiday_name(day) or "")


def test_weekends_and_holidays_are_not_business_days(plan_calendar: BusinessCalendar) -> None:
    assert plan_calendar.is_business_day(date(2026, 7, 2))  # Thursday
    assert not plan_calendar.is_business_day(date(2026, 7, 3))  # observed Independence Day
    assert not plan_calendar.is_business_day(date(2026, 7, 4))  # Saturday
    assert not plan_calendar.is_business_day(date(2026, 7, 5))  # Sunday
    assert plan_calendar.is_business_day(date(2026, 7, 6))  # Monday


def test_counting_business_days_skips_the_day_itself_weekends_and_holidays(
    plan_calendar: BusinessCalendar,
) -> None:
    # Wed 2026-11-25: Thu 26 and Fri 27 are holidays, then the weekend; Mon 30 is the first.
    assert plan_calendar.add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 30)
    # Thu 2026-12-31: Fri 2027-01-01 is New Year's Day; Mon 2027-01-04 is the first.
    assert plan_calendar.add_business_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    # Backwards from Tue 2026-09-08 (Labor Day Monday before): Fri 4 is the first.
    assert plan_calendar.add_business_days(date(2026, 9, 8), -1) == date(2026, 9, 4)


def test_saturday_new_year_is_observed_on_the_friday_before(
    plan_calendar: BusinessCalendar,
) -> None:
    # 2028-01-01 is a Saturday: federal offices close Friday 2027-12-31.
    assert not plan_calendar.is_business_day(date(2027, 12, 31))


def test_plan_edits_add_and_remove_days(tmp_path: Path) -> None:
    edits = tmp_path / "holidays.yaml"
    edits.write_text(
        "version: 1\n"
        "additions:\n"
        "  - name: Plan closure\n"
        "    date: 2026-12-24\n"
        "  - name: Last Friday of October\n"
        "    month: october\n"
        "    weekday: friday\n"
        "    nth: -1\n"
        "removals:\n"
        "  - name: Columbus Day\n"
        "    reason: The plan is open on Columbus Day.\n"
        "  - date: 2026-11-27\n"
        "    reason: Open the day after Thanksgiving this year.\n",
        encoding="utf-8",
    )
    calendar = load_calendar(edits)
    assert not calendar.is_business_day(date(2026, 12, 24))
    assert not calendar.is_business_day(date(2026, 10, 30))
    assert calendar.is_business_day(date(2026, 10, 12))
    assert calendar.is_business_day(date(2027, 10, 11))  # Columbus Day removed every year
    assert calendar.is_business_day(date(2026, 11, 27))
    assert not calendar.is_business_day(date(2027, 11, 26))  # only 2026's was removed
    # Native American Day is the bundled file's addition, not this one's.
    assert calendar.is_business_day(date(2026, 9, 25))


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("version: 1\nadditions:\n  - name: X\n    month: september\n    weekday: friday\n"
         "    nth: 6\n", 6, "'nth' must be 1, 2, 3, 4, 5 or -1"),
        ("version: 1\nadditions:\n  - name: X\n    date: 2026-01-02\n    month: may\n", 4,
         "either a 'date' or a yearly rule"),
        ("version: 1\nremovals:\n  - date: 2026-01-01\n", 3, "'reason'"),
        ("version: 1\nadditions:\n  - name: X\n    weekday: fryday\n    month: may\n    nth: 1\n",
         4, "'weekday' is 'fryday'"),
        ("version: 1\nadditons: []\n", 2, "unknown setting 'additons'"),
    ],
)
def test_a_bad_holiday_file_is_refused_with_file_line_and_reason(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        load_holiday_edits(path)
    message = str(refused.value)
    assert message.startswith(f"{path}, line {line}: ")
    assert reason in message
