"""The queue table: holds rows fetched a page at a time, sorted and filtered in the database."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from casework.actor import Actor
from casework.cases.queues import CaseFilter, list_cases
from casework.cases.views import CaseRow
from casework.plan.timezone import plan_date, plan_time
from casework.workspace import Workspace

PAGE = 200
COLUMNS = (
    ("number", "Case"), ("case_type", "Type"), ("member_name", "Member"),
    ("priority", "Priority"), ("status", "Status"), ("assignee", "Assignee"),
    ("received_at", "Received"), ("next_due_at", "Next due"), ("time_left", "Time left"),
)
OVERDUE = QColor("#f8d0d0")
DUE_TODAY = QColor("#fbe7b5")
Index = QModelIndex | QPersistentModelIndex


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


class CaseTableModel(QAbstractTableModel):
    """Rows of one queue view; more are fetched as the view scrolls."""

    def __init__(self, ws: Workspace, actor: Actor) -> None:
        super().__init__()
        self.ws = ws
        self.actor = actor
        self.filters = CaseFilter()
        self.sort_key = "next_due_at"
        self.descending = False
        self.rows: list[CaseRow] = []
        self._exhausted = True

    # Loading -------------------------------------------------------------------------------

    def first_page(self) -> list[CaseRow]:
        """Fetch the first page (safe to call off the GUI thread)."""
        return list_cases(self.ws, self.actor, self.filters, sort=self.sort_key,
                          descending=self.descending, limit=PAGE)

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        try:
            self.rows = list(rows)
            self._exhausted = len(rows) < PAGE
        finally:
            self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        more = list_cases(self.ws, self.actor, self.filters, sort=self.sort_key,
                          descending=self.descending, offset=len(self.rows), limit=PAGE)
        self._exhausted = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    # Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.BackgroundRole and key in {"next_due_at", "time_left"}:
            return self._urgency(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key in {"assignee", "time_left"}:
            key = "next_due_at" if key == "time_left" else "number"
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.set_rows(self.first_page())

    def _text(self, row: CaseRow, key: str) -> str:
        if key == "time_left":
            return time_left(row.next_due_at, self.ws.now())
        value = getattr(row, key)
        if isinstance(value, datetime):
            return plan_time(value).strftime("%m/%d/%Y %I:%M %p")
        if key in {"case_type", "priority", "status"} and isinstance(value, str):
            return value.replace("_", " ")
        return "" if value is None else str(value)

    def _urgency(self, row: CaseRow) -> QColor | None:
        if row.next_due_at is None:
            return None
        now = self.ws.now()
        if row.next_due_at < now:
            return OVERDUE
        if plan_date(row.next_due_at) == plan_date(now):
            return DUE_TODAY
        return None
