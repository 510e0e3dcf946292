"""A list whose chosen row opens with Enter as it does with a double-click."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget


class OpeningList(QListWidget):
    """Enter opens the chosen row, as a double-click does (`open_requested`)."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.open_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
