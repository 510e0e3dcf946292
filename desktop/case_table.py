"""The queue table: holds rows fetched a page at a time, sorted and filtered in the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from casework.actor import Actor
from casework.cases.queues import CaseFilter, list_cases
from casework.cases.views import CaseRow
from casework.plan.timezone import plan_date, plan_time
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.operations import BackgroundOp
from desktop.row_table import RowTableModel

PAGE = 200
# What is due comes before who has it, so time left stays in view on a narrow window; the
# queue names the case type, so the table does not repeat it.
COLUMNS = (
    ("number", "Case"), ("member_name", "Member"), ("language", "Language"),
    ("priority", "Priority"), ("status", "Status"), ("next_due_at", "Next due"),
    ("time_left", "Time left"), ("assignee", "Assignee"), ("received_at", "Received"),
)
SORTED_BY_DEFAULT = 5  # next due, oldest first, as coordinators work
PRIORITY_TIPS = {
    "exempt": "Exempt grievance: resolved by the close of the next business day, so no "
              "acknowledgement or resolution letter is due (28 CCR §1300.68(d)(8)). Not "
              "resolved by then, it becomes standard.",
    "expedited": "Expedited: the member's health could be seriously harmed by waiting; "
                 "decided or resolved within 72 hours.",
    "standard": "Standard: the usual time limits of its case type.",
}
HEADER_TIPS = {
    "Priority": "Standard, expedited (72 hours) or exempt (a grievance resolved by the next "
                "business day, no letters due). Point at a case's priority for more.",
    "Time left": "Until the next clock of the case is due; red once it is overdue, amber on "
                 "its last day.",
    "Language": "The member's preferred language: letters go out in it.",
}
OVERDUE = QColor("#f8d0d0")
DUE_TODAY = QColor("#fbe7b5")
Index = QModelIndex | QPersistentModelIndex


LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "eng": "English", "spa": "Spanish"}


def language_name(value: object) -> str:
    """'Spanish' whether a form wrote 'Spanish', 'spanish' or the letter code 'es'."""
    text = str(value or "").strip()
    return LANGUAGE_NAMES.get(text.lower(), text[:1].upper() + text[1:])


def time_left(due: datetime | None, now: datetime) -> str:
    """'3 d 4 h', '5 h', or 'overdue 2 d' — what a coordinator reads at a glance."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    sign = "overdue " if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(int(seconds), 86400)
    hours = rest // 3600
    if days:
        return f"{sign}{days} d {hours} h"
    return f"{sign}{hours} h {rest % 3600 // 60} min"


@dataclass(frozen=True)
class PageQuery:
    """One page of a queue as asked for: fixed when asked, so a later sort cannot change it."""

    filters: CaseFilter
    sort: str
    descending: bool
    offset: int = 0

    def fetch(self, ws: Workspace, actor: Actor) -> list[CaseRow]:
        """The page's rows (run off the GUI thread)."""
        return list_cases(ws, actor, self.filters, sort=self.sort, descending=self.descending,
                          offset=self.offset, limit=PAGE)


class CaseTableModel(RowTableModel[CaseRow]):
    """Rows of one queue view, fetched off the GUI thread; more are fetched as the view scrolls.

    Each reload or sort is a numbered request; rows answering an older request than the newest
    are dropped, so a slow first sort or a page asked for before a reload never shows. Emits
    `reloaded` with the number of rows once a reload or sort has landed.
    """

    reloaded = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(tuple(label for _key, label in COLUMNS), self._cell, parent)
        self.ws = ws
        self.actor = actor
        self.owner = parent  # what a slow fetch's progress dialog and errors are shown over
        self.filters = CaseFilter()
        self.sort_key = "next_due_at"
        self.descending = False
        self._request = 0  # the newest reload or sort; a fetched page carries the one it answers
        self._in_flight = False  # a fetch of the newest request has not landed yet
        self._exhausted = True

    # Loading -------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while rows of the newest request are still being fetched."""
        return self._in_flight

    def reload(self, filters: CaseFilter | None = None, progress: str | None = None) -> None:
        """Fetch the first page again (for `filters` when given); it replaces the rows shown
        when it lands, unless another reload or sort was asked for meanwhile."""
        if filters is not None:
            self.filters = filters
        self._request += 1
        tag = self._request
        self._in_flight = True
        self._run(self._query(0), lambda rows: self._reset_landed(tag, rows), tag, progress)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._in_flight

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        tag = self._request
        self._in_flight = True
        self._run(self._query(len(self.rows)), lambda rows: self._more_landed(tag, rows), tag,
                  "Loading more cases…")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][0]
        if key in {"assignee", "time_left"}:
            key = "next_due_at" if key == "time_left" else "number"
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        # A view applies its first order before any queue is chosen: that order waits for
        # the first reload, rather than fetching every case for nothing.
        if self._request:
            self.reload(progress="Sorting the cases…")

    def _query(self, offset: int) -> PageQuery:
        return PageQuery(self.filters, self.sort_key, self.descending, offset)

    def _run(self, query: PageQuery, landed: Callable[[list[CaseRow]], None], tag: int,
             progress: str | None) -> None:
        ws, actor = self.ws, self.actor
        op = BackgroundOp(self.owner, lambda: query.fetch(ws, actor)).success(landed).failure(
            lambda error: self._failed(tag, error))
        if progress is not None:
            op = op.with_progress(progress)
        op.run()

    def _reset_landed(self, tag: int, rows: list[CaseRow]) -> None:
        if tag != self._request:
            return  # a newer reload or sort is on its way; these rows are out of date
        with self.resetting():
            self.rows = list(rows)
            self._exhausted = len(rows) < PAGE
            self._in_flight = False
        self.reloaded.emit(len(self.rows))

    def _more_landed(self, tag: int, rows: list[CaseRow]) -> None:
        if tag != self._request:
            return  # the rows were reset since: this page continues a list no longer shown
        self._in_flight = False
        self._exhausted = len(rows) < PAGE
        self.append_rows(rows)

    def _failed(self, tag: int, error: BaseException) -> None:
        if tag != self._request:
            return  # the newer request reports its own failure
        self._in_flight = False
        self._exhausted = True  # stop asking until the next reload, not once per scroll
        show_error(self.owner, error)

    # Cells ---------------------------------------------------------------------------------

    def _cell(self, row: CaseRow, column: int, role: int) -> object:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.BackgroundRole and key in {"next_due_at", "time_left"}:
            return self._urgency(row)
        if role == Qt.ItemDataRole.ToolTipRole and key == "priority":
            return PRIORITY_TIPS.get(row.priority)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: CaseRow, key: str) -> str:
        if key == "time_left":
            return time_left(row.next_due_at, self.ws.now())
        value = getattr(row, key)
        if isinstance(value, datetime):
            return plan_time(value).strftime("%m/%d/%Y %I:%M %p")
        if key == "language":
            return language_name(value)
        if key in {"case_type", "priority", "status"} and isinstance(value, str):
            return value.replace("_", " ")
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return HEADER_TIPS.get(COLUMNS[section][1])
        return super().headerData(section, orientation, role)

    def _urgency(self, row: CaseRow) -> QColor | None:
        if row.next_due_at is None:
            return None
        now = self.ws.now()
        if row.next_due_at < now:
            return OVERDUE
        if plan_date(row.next_due_at) == plan_date(now):
            return DUE_TODAY
        return None
