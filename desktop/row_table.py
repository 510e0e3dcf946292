"""A read-only table of plain rows: what every list model of the workstation has in common.

A subclass names its columns and says what one cell shows for a role; the row list, the
counts, the headers, appending and the reset (always closed, even when it fails) live here
once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


Cell = Callable[[T, int, int], object]  # (row, column, role) -> the cell's data, or None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """`rows` shown one per line under `columns`; `cell` decides each cell's data."""

    def __init__(self, columns: tuple[str, ...], cell: Cell[T],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.cell = cell
        self.rows: list[T] = []

    @contextmanager
    def resetting(self) -> Iterator[None]:
        """Change rows, columns or anything else cells depend on inside the block; the views
        are told once, and the reset is closed even when the block fails."""
        self.beginResetModel()
        try:
            yield
        finally:
            self.endResetModel()

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show `rows` instead of what is shown now."""
        with self.resetting():
            self.rows = list(rows)

    def append_rows(self, rows: Sequence[T]) -> None:
        """Show `rows` after those shown now."""
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        try:
            self.rows.extend(rows)
        finally:
            self.endInsertRows()

    def row_at(self, row: int) -> T | None:
        """The row shown at `row`, if there is one."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (not index.isValid() or not 0 <= index.row() < len(self.rows)
                or not 0 <= index.column() < len(self.columns)):
            return None
        return self.cell(self.rows[index.row()], index.column(), role)
