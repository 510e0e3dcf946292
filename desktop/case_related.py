"""The case workspace's Related cases box: the appeal of this request, the hearing of this
appeal, each opened in its own window by double-click or Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidgetItem, QVBoxLayout

from casework.cases.views import RelatedCase
from casework.plan.case_types import CASE_TYPE_LABELS
from desktop.case_actions import status_words
from desktop.opening_list import OpeningList


def related_line(related: RelatedCase) -> str:
    """One relation as the box shows it: 'Appealed by APL-2026-000002 — appeal, received'."""
    kind = CASE_TYPE_LABELS.get(related.case_type, related.case_type.replace("_", " "))
    words = related.relation[:1].upper() + related.relation[1:]
    return f"{words} {related.number} — {kind}, {status_words(related.status)}"


class RelatedCasesBox(QGroupBox):
    """The cases related to the one shown; hidden while there are none. `open_case` carries
    the id of the case chosen."""

    open_case = Signal(int)

    def __init__(self) -> None:
        super().__init__("Related cases")
        self.list = OpeningList()
        self.list.setObjectName("related_cases")
        self.list.setAccessibleName("Related cases")
        self.list.setMaximumHeight(80)
        self.list.itemDoubleClicked.connect(lambda _item: self._open_chosen())
        self.list.open_requested.connect(self._open_chosen)
        QVBoxLayout(self).addWidget(self.list)
        self.setVisible(False)

    def show_related(self, related: list[RelatedCase]) -> None:
        """List the relations, in this case's words."""
        self.list.clear()
        for one in related:
            item = QListWidgetItem(related_line(one))
            item.setData(Qt.ItemDataRole.UserRole, one.case_id)
            item.setToolTip("Double-click or press Enter to open this case.")
            self.list.addItem(item)
        self.setVisible(bool(related))

    def lines(self) -> list[str]:
        """What the box says, line by line."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _open_chosen(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_case.emit(int(item.data(Qt.ItemDataRole.UserRole)))
