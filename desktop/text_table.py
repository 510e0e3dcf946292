"""A read-only table of rows already said in words, each row with the id it stands for."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.row_table import RowTableModel


@dataclass(frozen=True)
class TextRow:
    """The words of one row, and what it stands for (a case id, a referral number)."""

    cells: tuple[str, ...]
    key: object = None


class TextTableModel(RowTableModel[TextRow]):
    """Rows of words under `columns`; the row's key is under UserRole."""

    def __init__(self, columns: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(columns, self._cell, parent)

    def _cell(self, row: TextRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.UserRole:
            return row.key
        return None


def text_table(name: str, model: TextTableModel, parent: QWidget | None = None) -> QTableView:
    """A read-only view of `model`: whole rows selected, columns sized to their words."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, room: int = 16) -> None:
    """Size the columns to their contents with `room` to breathe, none wider than 360 px."""
    header = view.horizontalHeader()
    # The last column stretches over what is left; sizing it too would scroll the view.
    sized = header.count() - 1 if header.stretchLastSection() else header.count()
    for column in range(sized):
        view.resizeColumnToContents(column)
        header.resizeSection(column, min(header.sectionSize(column) + room, 360))
