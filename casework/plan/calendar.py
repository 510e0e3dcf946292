"""The plan's business-day calendar: Monday to Friday, except US federal and California holidays.

Holidays come from the `holidays` package (observed dates included: a Saturday holiday is kept
on the Friday before, a Sunday one on the Monday after) for the federal calendar and California's
state calendar together, then the plan's own edits in resources/holidays.yaml are applied: days
it adds (a date, or a rule such as "the fourth Friday of September") and days it removes.
"""

from __future__ import annotations

import calendar as std_calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.resources.abc import Traversable
from pathlib import Path

import holidays

from casework.plan.rule_files import Fields, RuleFileError, parse_yaml, read_rule_text

HOLIDAYS_FILE = "holidays.yaml"
WEEKDAYS = tuple(name.lower() for name in std_calendar.day_name)  # monday .. sunday
MONTHS = tuple(name.lower() for name in std_calendar.month_name[1:])


@dataclass(frozen=True)
class AddedHoliday:
    """A day the plan closes that the public calendars miss: one date, or a yearly rule."""

    name: str
    on: date | None = None
    month: int | None = None
    weekday: int | None = None  # 0 = Monday
    nth: int | None = None  # 1..5, or -1 for the last such weekday of the month
    citation: str = ""

    def date_in(self, year: int) -> date | None:
        """The day this holiday falls on in `year`, if it falls in that year at all."""
        if self.on is not None:
            return self.on if self.on.year == year else None
        assert self.month is not None and self.weekday is not None and self.nth is not None
        days = [d for d in _month_days(year, self.month) if d.weekday() == self.weekday]
        if self.nth == -1:
            return days[-1]
        return days[self.nth - 1] if self.nth <= len(days) else None


@dataclass(frozen=True)
class RemovedHoliday:
    """A public holiday the plan works: one date, or every day with this name."""

    on: date | None = None
    name: str | None = None
    reason: str = ""

    def removes(self, day: date, name: str) -> bool:
        if self.on is not None:
            return day == self.on
        return self.name is not None and self.name.casefold() in _names(name)


@dataclass(frozen=True)
class HolidayEdits:
    """The plan's additions to and removals from the public holiday calendars."""

    additions: tuple[AddedHoliday, ...] = ()
    removals: tuple[RemovedHoliday, ...] = ()


class BusinessCalendar:
    """Answers 'is this a business day?' and counts business days, in plan-local dates."""

    def __init__(self, edits: HolidayEdits | None = None) -> None:
        self.edits = edits if edits is not None else HolidayEdits()
        self._years: dict[int, dict[date, str]] = {}

    def holidays_in(self, year: int) -> dict[date, str]:
        """Every holiday of `year` (weekends included where a holiday falls on one), by date."""
        if year not in self._years:
            self._years[year] = self._build_year(year)
        return self._years[year]

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name if `day` is a holiday, else None."""
        return self.holidays_in(day.year).get(day)

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday and not a holiday."""
        return day.weekday() < 5 and day not in self.holidays_in(day.year)

    def add_business_days(self, start: date, count: int) -> date:
        """The `count`-th business day after `start` (before it when `count` is negative).

        `start` itself is never counted: a request received on Friday has Monday as its first
        business day after receipt (when Monday is not a holiday).
        """
        if count == 0:
            raise ValueError("count business days forwards or backwards, not zero")
        step = timedelta(days=1 if count > 0 else -1)
        day, left = start, abs(count)
        while left:
            day += step
            if self.is_business_day(day):
                left -= 1
        return day

    def _build_year(self, year: int) -> dict[date, str]:
        # Neighbouring years too: an observed day can fall in the year before its holiday
        # (New Year's Day on a Saturday is kept on the Friday, 31 December).
        years = (year - 1, year, year + 1)
        federal = holidays.country_holidays("US", years=years)
        state = holidays.country_holidays("US", subdiv="CA", years=years)
        days: dict[date, str] = {}
        for source in (federal, state):
            for day, name in source.items():
                if day.year == year:
                    days[day] = name if day not in days else _merge(days[day], name)
        for added in self.edits.additions:
            on = added.date_in(year)
            if on is not None:
                days[on] = added.name if on not in days else _merge(days[on], added.name)
        for day, name in list(days.items()):
            if any(removal.removes(day, name) for removal in self.edits.removals):
                del days[day]
        return days


def _merge(first: str, second: str) -> str:
    names = {n.strip() for n in first.split(";")}
    return first if second.strip() in names else f"{first}; {second}"


def _names(joined: str) -> set[str]:
    """The names of one day's holidays, casefolded, with and without '(observed)'."""
    names = {n.strip().casefold() for n in joined.split(";")}
    return names | {n.replace("(observed)", "").strip() for n in names}


def _month_days(year: int, month: int) -> list[date]:
    last = std_calendar.monthrange(year, month)[1]
    return [date(year, month, d) for d in range(1, last + 1)]


def load_holiday_edits(path: Path | Traversable | None = None) -> HolidayEdits:
    """Read the plan's holiday edits (the bundled resources/holidays.yaml by default)."""
    text, source = read_rule_text(HOLIDAYS_FILE, path)
    return parse_holiday_edits(text, source)


def load_calendar(path: Path | Traversable | None = None) -> BusinessCalendar:
    """The business-day calendar with the plan's edits applied."""
    return BusinessCalendar(load_holiday_edits(path))


def parse_holiday_edits(text: str, source: str) -> HolidayEdits:
    """Parse holidays.yaml text; a bad entry is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the holiday file")
    top.reject_unknown(("version", "additions", "removals"))
    additions = tuple(
        _addition(entry, source, top.line_of("additions")) for entry in top.items("additions",
                                                                                   required=False)
    )
    removals = tuple(
        _removal(entry, source, top.line_of("removals")) for entry in top.items("removals",
                                                                                 required=False)
    )
    return HolidayEdits(additions, removals)


def _addition(entry: object, source: str, line: int) -> AddedHoliday:
    item = Fields(entry, source, line, "an added holiday")
    item.reject_unknown(("name", "date", "month", "weekday", "nth", "citation"))
    name = item.text("name")
    assert name is not None
    on = _plain_date(item, "date")
    citation = item.text("citation", required=False) or ""
    if on is not None:
        if any(key in item.mapping for key in ("month", "weekday", "nth")):
            raise item.fail("date", "an added holiday has either a 'date' or a yearly rule "
                                    "('month', 'weekday', 'nth'), not both")
        return AddedHoliday(name, on=on, citation=citation)
    month = item.choice("month", MONTHS)
    weekday = item.choice("weekday", WEEKDAYS)
    nth = item.mapping.get("nth")
    if nth not in (1, 2, 3, 4, 5, -1) or isinstance(nth, bool):
        raise item.fail("nth" if "nth" in item.mapping else None,
                        "'nth' must be 1, 2, 3, 4, 5 or -1 (the last one of the month)")
    assert month is not None and weekday is not None
    return AddedHoliday(name, month=MONTHS.index(month) + 1, weekday=WEEKDAYS.index(weekday),
                        nth=int(nth), citation=citation)


def _removal(entry: object, source: str, line: int) -> RemovedHoliday:
    item = Fields(entry, source, line, "a removed holiday")
    item.reject_unknown(("date", "name", "reason"))
    on = _plain_date(item, "date")
    name = item.text("name", required=False)
    if (on is None) == (name is None):
        raise item.fail(None, "a removed holiday names either one 'date' or a holiday 'name' "
                              "(every year), not both and not neither")
    reason = item.text("reason")
    assert reason is not None
    return RemovedHoliday(on=on, name=name, reason=reason)


def _plain_date(item: Fields, key: str) -> date | None:
    value = item.day(key)
    if isinstance(value, datetime):
        raise RuleFileError(item.source, item.line_of(key),
                            f"'{key}' must be a date without a time")
    return value
