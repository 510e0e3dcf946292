"""The case's history as a timeline: who did what to the case, its documents and letters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.trail import TrailStep, case_trail
from casework.workspace import Workspace
from desktop.case_clocks import shown_time
from desktop.operations import BackgroundOp

COLUMNS = ("When (Pacific)", "Who", "What", "On", "Details")


class CaseTrail(QWidget):
    """Newest step at the top; `loaded` fires each time the steps arrive."""

    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, case_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.case_id = case_id
        self.steps: list[TrailStep] = []
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("trail")
        self.timeline.setAccessibleName("Case history")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels(list(COLUMNS))
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setWordWrap(True)
        header = self.timeline.header()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel("Every step on this case, its documents and its letters is kept in "
                           "the audit trail; nothing here can be changed.")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.note)

    def load(self) -> None:
        """Fetch the steps again (after any change to the case)."""
        BackgroundOp(self, lambda: case_trail(self.ws, self.actor, self.case_id)).success(
            self._show).run()

    def _show(self, steps: list[TrailStep]) -> None:
        self.steps = steps
        self.timeline.clear()
        for step in reversed(steps):
            item = QTreeWidgetItem([shown_time(step.occurred_at), step.actor, step.words,
                                    step.subject, step.details])
            item.setToolTip(4, step.details)
            item.setData(0, Qt.ItemDataRole.UserRole, step.action)
            self.timeline.addTopLevelItem(item)
        self.loaded.emit()
