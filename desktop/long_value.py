"""A free-text value (a description, a clinical justification) on the verification screen:
several wrapped lines, read whole, yet edited as a one-line value is (Enter saves it; the
panel asks the same questions of it as of a line)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

LINES = 4
DOUBTFUL_STYLE = "{} {{ background: #fff4ce; border: 2px solid #c77700; }}"


def doubtful_style(edit: QWidget) -> str:
    """The amber box of a value to check, for a line or a text box alike."""
    return DOUBTFUL_STYLE.format("QLineEdit" if isinstance(edit, QLineEdit) else
                                 "QPlainTextEdit")


class LongValueEdit(QPlainTextEdit):
    """The calls FieldRow makes of a QLineEdit, on a wrapped text box; Enter saves (the value
    is one paragraph), Shift+Enter too, Tab moves on."""

    focused = Signal(str)
    returnPressed = Signal()
    textEdited = Signal(str)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.setObjectName(f"value_{name}")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        height = self.fontMetrics().lineSpacing() * LINES + 2 * self.frameWidth() + 8
        self.setFixedHeight(height)
        self._setting = False
        self.textChanged.connect(self._changed)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False

    def isModified(self) -> bool:
        return self.document().isModified()

    def setModified(self, modified: bool) -> None:
        self.document().setModified(modified)

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def selectAll(self) -> None:
        self.moveCursor(QTextCursor.MoveOperation.End)
        super().selectAll()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit(self.name)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.returnPressed.emit()
            return
        super().keyPressEvent(event)

    def _changed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())
