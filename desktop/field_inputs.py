"""One input per form field, fitting its type: a combo for options, a check box for yes/no,
several lines for free text, one line with a format hint for the rest.

Every input gives and takes the raw text staff typed; parsing and checking stay in casework.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from casework.cases.phone_fields import FORMAT_HINTS, FieldProblem
from casework.plan.schema import FieldSpec

FREE_TEXT_LINES = 3
NO_CHOICE = "— choose —"
PROBLEM_STYLES = {"invalid": "color: #a00000;", "missing": "color: #8a5300;",
                  "unverified": "color: #8a5300;", "note": "color: #555555;"}
_WORDED_LABELS = ("icd10_list", "procedure_list", "boolean")
ONE_LINE_TEXT = frozenset({"preferred_language", "destination_name"})  # a word or two


def field_label(spec: FieldSpec) -> str:
    """'Member's date of birth' from 'the member's date of birth'; printed wording for lists
    and yes/no questions, whose sentence form reads badly as a label."""
    if spec.type in _WORDED_LABELS or not spec.says.startswith("the "):
        words = spec.labels[0].split()
        return " ".join([words[0], *(w if w.isupper() else w.lower() for w in words[1:])])
    text = spec.says.removeprefix("the ")
    return text[:1].upper() + text[1:]


class _FocusOut(QObject):
    """Tells when a multi-line box loses focus (it has no editingFinished)."""

    def __init__(self, on_leave: Callable[[], None]) -> None:
        super().__init__()
        self.on_leave = on_leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusOut:
            self.on_leave()
        return False


class FieldInput(QWidget):
    """The editor of one field with the message line under it."""

    edited = Signal()  # the value changed
    left = Signal()  # the person moved on from the field

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None,
                 suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editor = self._suggesting(suggestions) if suggestions else self._make_editor(spec)
        self.editor.setObjectName(spec.name)
        self.editor.setAccessibleName(field_label(spec))
        self.message = QLabel("")
        self.message.setObjectName(f"{spec.name}_message")
        self.message.setWordWrap(True)
        self.message.hide()
        # As tall as its contents: spare height in the form goes below the last field.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)

    def _suggesting(self, suggestions: tuple[str, ...]) -> QComboBox:
        """A list to pick from that still takes a value it does not hold (a rare language)."""
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(["", *suggestions])
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = combo.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText("choose, or type another")
        line.editingFinished.connect(self.left)
        combo.editTextChanged.connect(self.edited)
        combo.activated.connect(self.left)
        return combo

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.options:
            combo = QComboBox()
            combo.addItem(NO_CHOICE, "")
            for value, wordings in spec.options:
                combo.addItem(wordings[0] if wordings else value, value)
            combo.currentIndexChanged.connect(self.edited)
            combo.currentIndexChanged.connect(self.left)
            return combo
        if spec.type == "boolean":
            box = QCheckBox("Yes")
            box.toggled.connect(self.edited)
            box.toggled.connect(self.left)
            return box
        if spec.type == "text" and spec.name not in ONE_LINE_TEXT:
            area = QPlainTextEdit()
            area.setTabChangesFocus(True)  # keyboard-first: Tab moves on, as in every other box
            lines = area.fontMetrics().lineSpacing() * FREE_TEXT_LINES
            area.setFixedHeight(lines + 2 * area.frameWidth() + 8)
            area.textChanged.connect(self.edited)
            self._focus_out = _FocusOut(self.left.emit)
            area.installEventFilter(self._focus_out)
            return area
        line = QLineEdit()
        line.setPlaceholderText(FORMAT_HINTS.get(spec.type, ""))
        line.textChanged.connect(self.edited)
        line.editingFinished.connect(self.left)
        return line

    def text(self) -> str:
        """What staff entered, as text the service parses ('yes'/'no' for a check box)."""
        editor = self.editor
        if isinstance(editor, QComboBox) and editor.isEditable():
            return editor.currentText()
        if isinstance(editor, QComboBox):
            return str(editor.currentData() or "")
        if isinstance(editor, QCheckBox):
            return "yes" if editor.isChecked() else "no"
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def set_text(self, text: str) -> None:
        """Put a value in (from the roster, or carried over from another form type)."""
        editor = self.editor
        if isinstance(editor, QComboBox) and editor.isEditable():
            known = editor.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
            if known >= 0:
                editor.setCurrentIndex(known)
            else:
                editor.setCurrentText(text)
        elif isinstance(editor, QComboBox):
            index = editor.findData(text.strip().lower())
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(text.strip().lower() in {"yes", "true", "y"})
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText(text)

    def is_blank(self) -> bool:
        if isinstance(self.editor, QCheckBox):
            return not self.editor.isChecked()
        return not self.text().strip()

    def show_problem(self, problem: FieldProblem | None, note: str = "") -> None:
        """Show the problem's message under the field (or a grey note, or nothing)."""
        kind = problem.kind if problem is not None else "note"
        text = problem.message if problem is not None else note
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLES.get(kind, ""))
        self.message.setVisible(bool(text))
        self.editor.setProperty("problem", kind if problem is not None else "")
