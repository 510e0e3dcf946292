"""What an administrator sees in the centre: accounts and the trail, not members' cases."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from casework.actor import Actor
from desktop.idle_lock import centred

HINTS = {
    "&Users…": "add accounts, disable them, reset passwords",
    "&Audit trail…": "who did what, when; check the chain; export",
    "&Settings…": "watched folders, database, OCR, letterhead and plan details",
    "Supervisor &dashboard…": "counts and on-time rates, without member details",
}


class AdminHome(QWidget):
    """A large button for each thing an administrator does here."""

    def __init__(self, actor: Actor, actions: list[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(
            "<h2>Administration</h2><p>This account manages who may sign in and checks the "
            "audit trail. Administrators do not see members' cases; staff accounts do.</p>")
        self.note.setObjectName("admin_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        panel = QWidget()
        panel.setMinimumWidth(420)
        panel.setMaximumWidth(560)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.note)
        for action in actions:
            hint = HINTS.get(action.text(), "")
            if not action.isVisible():
                continue
            button = QPushButton(f"{action.text().replace('&', '')}  —  {hint}")
            button.setMinimumHeight(44)
            button.setStyleSheet("text-align: left; padding: 6px 14px;")
            button.clicked.connect(action.trigger)
            button.setEnabled(action.isEnabled())
            action.enabledChanged.connect(button.setEnabled)
            layout.addWidget(button)
        outer = QVBoxLayout(self)
        outer.addWidget(centred(panel))
