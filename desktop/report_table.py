"""A supervisor report (`casework.table_export.Table`) as a read-only table model."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from casework.table_export import Cell, Table

Index = QModelIndex | QPersistentModelIndex
RATE_COLUMNS = {"On-time rate"}


def cell_text(cell: Cell, heading: str = "") -> str:
    """How a report cell reads on screen: rates as percentages, times to the minute."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.1%}" if heading in RATE_COLUMNS else f"{cell:.1f}"
    if isinstance(cell, datetime):
        return cell.strftime("%m/%d/%Y %I:%M %p")
    if isinstance(cell, date):
        return cell.strftime("%m/%d/%Y")
    return str(cell)


class ReportTableModel(QAbstractTableModel):
    """The rows of one report; numbers align right, the raw value is under UserRole."""

    def __init__(self) -> None:
        super().__init__()
        self.table = Table("", "", (), ())

    def set_table(self, table: Table) -> None:
        self.beginResetModel()
        try:
            self.table = table
        finally:
            self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.table.columns)):
            return self.table.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (not index.isValid() or not 0 <= index.row() < len(self.table.rows)
                or not 0 <= index.column() < len(self.table.columns)):
            return None
        cell = self.table.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell, self.table.columns[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(cell, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return cell
        return None
