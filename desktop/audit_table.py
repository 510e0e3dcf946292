"""The audit viewer's table: the events of the current filter, as fetched."""

from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from casework.audit.export import AuditRow
from casework.plan.timezone import plan_time

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("#", "When (Pacific)", "User", "Action", "Record", "Details")
BROKEN = QColor("#f4c7c7")


def details_text(details: str) -> str:
    """'username: carla, role: intake_clerk' from the stored JSON; the raw text if not JSON."""
    try:
        value = json.loads(details) if details else {}
    except json.JSONDecodeError:
        return details
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


class AuditTableModel(QAbstractTableModel):
    """Rows of audit events; the broken one (after a verify) is shown in red."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []
        self.broken_seq: int | None = None

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        try:
            self.rows = list(rows)
        finally:
            self.endResetModel()

    def append_rows(self, rows: list[AuditRow]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        try:
            self.rows.extend(rows)
        finally:
            self.endInsertRows()

    def mark_broken(self, seq: int | None) -> None:
        """Colour the row of the first broken event (None: nothing broken)."""
        self.broken_seq = seq
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"Hash {row.hash}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(COLUMNS) - 1:
            return details_text(row.details)
        if role == Qt.ItemDataRole.BackgroundRole and row.seq == self.broken_seq:
            return BROKEN
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return None

    @staticmethod
    def _text(row: AuditRow, column: int) -> str:
        if column == 0:
            return str(row.seq)
        if column == 1:
            return plan_time(row.occurred_at).strftime("%m/%d/%Y %I:%M:%S %p")
        if column == 2:
            return row.actor
        if column == 3:
            return row.action
        if column == 4:
            return f"{row.entity_type} {row.entity_id}"
        return details_text(row.details)
