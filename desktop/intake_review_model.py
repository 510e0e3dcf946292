"""The Intake Review table: the documents waiting for a person, as the service listed them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from casework.documents.review import ReviewItem, ReviewReason
from casework.plan.timezone import plan_time
from desktop.row_table import RowTableModel

COLUMNS = ("Received", "File", "Pages", "Reason", "Could be")
# What kind of attention each reason asks for, at a glance (soft, so the text stays readable).
KIND_COLOURS = {ReviewReason.REJECTED: QColor("#f8d0d0"),
                ReviewReason.DUPLICATE: QColor("#e4e4e4"),
                ReviewReason.NOT_RECOGNISED: QColor("#fbe7b5"),
                ReviewReason.LOW_CONFIDENCE: QColor("#fbe7b5"),
                ReviewReason.WARNINGS: QColor("#dde9f7")}
KIND_WORDS = {ReviewReason.REJECTED: "Could not be read", ReviewReason.DUPLICATE: "Sent twice",
              ReviewReason.NOT_RECOGNISED: "Not recognised",
              ReviewReason.LOW_CONFIDENCE: "Unsure of the form",
              ReviewReason.WARNINGS: "Read with warnings"}
ItemRole = Qt.ItemDataRole.UserRole + 1


class ReviewTableModel(RowTableModel[ReviewItem]):
    """One row per review item; UserRole gives the document id, ItemRole the whole item."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, self._cell)

    def item(self, row: int) -> ReviewItem | None:
        """The item shown on `row`, if there is one."""
        return self.row_at(row)

    def row_of(self, document_id: int) -> int | None:
        """The row showing this document, if it is listed."""
        return next((n for n, i in enumerate(self.rows) if i.document_id == document_id), None)

    def _cell(self, item: ReviewItem, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return f"{KIND_WORDS.get(item.kind, '')}: {item.reason}"
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and item.guesses:
            return "How well the pages match each form: " + ", ".join(
                f"{g.label} {g.score:.0%}" for g in item.guesses)
        if role == Qt.ItemDataRole.BackgroundRole and column == 3:
            return KIND_COLOURS.get(item.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item.document_id
        if role == ItemRole:
            return item
        return None

    def _text(self, item: ReviewItem, column: int) -> str:
        if column == 0:
            return plan_time(item.received_at).strftime("%m/%d/%Y %I:%M %p")
        if column == 1:
            return item.original_name
        if column == 2:
            return "" if item.pages is None else str(item.pages)
        if column == 3:
            return item.reason
        return item.guesses_text
