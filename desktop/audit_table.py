"""The audit viewer's table: the events of the current filter, as fetched."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from casework.audit.export import AuditRow
from casework.audit.wording import details_words, event_sentence
from casework.plan.timezone import plan_time
from desktop.row_table import RowTableModel

# Said in words; the stored values (user name, action, record) are in each cell's tool tip
# and in the CSV export, for auditors' tools.
COLUMNS = ("#", "When (Pacific)", "What happened", "Details")
BROKEN = QColor("#f4c7c7")


class AuditTableModel(RowTableModel[AuditRow]):
    """Rows of audit events; the broken one (after a verify) is shown in red."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, self._cell)
        self.broken_seq: int | None = None
        self.names: dict[str, str] = {}  # user name to full name

    def set_names(self, names: dict[str, str]) -> None:
        """Say people by their full names (the rows are shown again)."""
        with self.resetting():
            self.names = dict(names)

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
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return f"{row.actor} · {row.action} · {row.entity_type} {row.entity_id}"
        if role == Qt.ItemDataRole.ToolTipRole and column == len(COLUMNS) - 1:
            return details_words(row.action, row.details) or None
        if role == Qt.ItemDataRole.BackgroundRole and row.seq == self.broken_seq:
            return BROKEN
        if role == Qt.ItemDataRole.UserRole:
            return row.seq
        return None

    def _text(self, row: AuditRow, column: int) -> str:
        if column == 0:
            return str(row.seq)
        if column == 1:
            return plan_time(row.occurred_at).strftime("%m/%d/%Y %I:%M:%S %p")
        if column == 2:
            who = self.names.get(row.actor, row.actor)
            return event_sentence(row.action, who, row.entity_type, row.entity_id, row.details)
        return details_words(row.action, row.details)
