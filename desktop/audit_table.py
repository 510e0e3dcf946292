"""The audit viewer's table: the events of the current filter, as fetched."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from casework.audit.export import AuditRow
from casework.plan.timezone import plan_time
from desktop.row_table import RowTableModel

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


class AuditTableModel(RowTableModel[AuditRow]):
    """Rows of audit events; the broken one (after a verify) is shown in red."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, self._cell)
        self.broken_seq: int | None = None

    def mark_broken(self, seq: int | None) -> None:
        """Colour the row of the first broken event (None: nothing broken)."""
        self.broken_seq = seq
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def _cell(self, row: AuditRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"Hash {row.hash}"
        if role == Qt.ItemDataRole.ToolTipRole and column == len(COLUMNS) - 1:
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
