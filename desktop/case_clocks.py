"""The clocks of one case as a table: what is due when (plan time), and how it stands."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from casework.cases.views import ClockView
from casework.plan.timezone import plan_time
from desktop.case_table import DUE_TODAY, OVERDUE, time_left
from desktop.row_table import RowTableModel

COLUMNS = ("Clock", "Due (Pacific)", "Time left", "Extension", "What is due")
CLOCK_WORDS = {"acknowledge": "Acknowledge", "resolve": "Resolve", "decide": "Decide",
               "notify": "Notify", "prepare": "Prepare"}


def shown_time(moment: datetime) -> str:
    """'11/03/2026 11:59 PM' in the plan's time zone, as the queue table shows it."""
    return plan_time(moment).strftime("%m/%d/%Y %I:%M %p")


def due_words(clock: ClockView) -> str:
    """'acknowledge by Fri 12/4': what the clock asks for and by which day."""
    verb = CLOCK_WORDS.get(clock.name, clock.name.replace("_", " ")).lower()
    due = plan_time(clock.due_at)
    day = f"{due:%a} {due.month}/{due.day}"
    if clock.met_at is not None:
        return f"{verb} by {day} (done)"
    return f"{verb} by {day}"


def standing(clock: ClockView, now: datetime) -> str:
    """'met 11/03/2026 10:12 AM', '3 d 4 h' or 'overdue 5 h 2 min'."""
    if clock.met_at is not None:
        return f"met {shown_time(clock.met_at)}"
    return time_left(clock.due_at, now)


class ClockTableModel(RowTableModel[ClockView]):
    """Rows are `ClockView`s; `now` is the moment time left is counted from."""

    def __init__(self, now: datetime) -> None:
        super().__init__(COLUMNS, self._cell)
        self.now = now

    def set_clocks(self, clocks: list[ClockView], now: datetime) -> None:
        """Show `clocks`, their time left counted from `now`."""
        with self.resetting():
            self.rows = list(clocks)
            self.now = now

    def _cell(self, clock: ClockView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(clock, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3 and clock.extended:
            return f"Originally due {shown_time(clock.original_due_at)}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and clock.citation:
            return f"The rule: {clock.citation}"
        if role == Qt.ItemDataRole.BackgroundRole and column in {1, 2}:
            return self._urgency(clock)
        if role == Qt.ItemDataRole.UserRole:
            return clock.name
        return None

    def _text(self, clock: ClockView, column: int) -> str:
        if column == 0:
            return CLOCK_WORDS.get(clock.name, clock.name.replace("_", " ").capitalize())
        if column == 1:
            return shown_time(clock.due_at)
        if column == 2:
            return standing(clock, self.now)
        if column == 3:
            if not clock.extended:
                return ""
            days = (clock.due_at - clock.original_due_at).days
            return f"+{days} d: {clock.extension_reason or 'no reason recorded'}"
        return due_words(clock)

    def _urgency(self, clock: ClockView) -> object:
        if clock.met_at is not None:
            return None
        if clock.due_at < self.now:
            return OVERDUE
        if plan_time(clock.due_at).date() == plan_time(self.now).date():
            return DUE_TODAY
        return None
