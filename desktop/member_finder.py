"""Find a member in the roster to open their record: type part of a name, an ID or a birth
date, pick one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from casework.actor import Actor
from casework.workspace import Workspace
from desktop.member_search import MemberSearch


class MemberFinder(QDialog):
    """Non-modal; `member_chosen` gives the Medi-Cal ID of the member picked."""

    member_chosen = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find a member")
        self.setModal(False)
        self.setMinimumWidth(520)
        self.search = MemberSearch(ws, actor, self)
        self.search.box.setPlaceholderText("part of the name, the Medi-Cal ID or the birth "
                                           "date; ↓ to choose, Enter to open the record")
        self.search.picked.connect(self._picked)
        hint = QLabel("Opening a member's record is recorded in the audit trail.")
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _picked(self, fields: dict[str, str]) -> None:
        cin = fields.get("member_id", "")
        if cin:
            self.member_chosen.emit(cin)
