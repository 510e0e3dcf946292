"""The plan's time zone: clocks and dates people see are counted in Pacific time."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PLAN_ZONE = ZoneInfo("America/Los_Angeles")


def plan_time(moment: datetime) -> datetime:
    """The same instant in the plan's local time."""
    return moment.astimezone(PLAN_ZONE)


def plan_date(moment: datetime) -> date:
    """The local calendar date of an instant, as staff and regulators count days."""
    return moment.astimezone(PLAN_ZONE).date()
