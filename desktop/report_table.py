"""A supervisor report (`casework.table_export.Table`) as a read-only table model."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt

from casework.table_export import Cell, Table
from desktop.row_table import RowTableModel

RATE_COLUMNS = {"On-time rate", "Reach rate"}


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


class ReportTableModel(RowTableModel[tuple[Cell, ...]]):
    """The rows of one report; numbers align right, the raw value is under UserRole."""

    def __init__(self) -> None:
        super().__init__((), self._cell)
        self.table = Table("", "", (), ())

    def set_table(self, table: Table) -> None:
        """Show `table`: its columns and its rows."""
        with self.resetting():
            self.table = table
            self.columns = table.columns
            self.rows = list(table.rows)

    def _cell(self, row: tuple[Cell, ...], column: int, role: int) -> object:
        cell = row[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell, self.columns[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(cell, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return cell
        return None
