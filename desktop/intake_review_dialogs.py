"""The questions Intake Review asks: which form a document is, and why it is dismissed.

The dialogs only collect the answer; the screen calls the service, which keeps the rules.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework.documents.review import ReviewItem

DISMISS_REASONS = ("Junk fax", "Not a form we handle", "Sent to the wrong plan",
                   "Blank or unreadable pages")


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("confirm")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def _about(item: ReviewItem) -> QLabel:
    label = QLabel(f"<b>Document {item.document_id}</b> — {item.original_name}<br>"
                   f"{item.reason}")
    label.setWordWrap(True)
    label.setObjectName("about")
    return label


class SetTypeDialog(QDialog):
    """Choose the form a document is; the best guess is offered first."""

    def __init__(self, item: ReviewItem, choices: list[tuple[str, str]],
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Set document type")
        self.setMinimumWidth(420)
        self.form = QComboBox()
        self.form.setObjectName("form_type")
        self.form.setAccessibleName("Form type")
        for form_type, label in choices:
            self.form.addItem(label, form_type)
        guess = item.guesses[0].form_type if item.guesses else item.form_type
        found = self.form.findData(guess)
        self.form.setCurrentIndex(max(found, 0))
        fields = QFormLayout()
        fields.addRow("&Form", self.form)
        note = QLabel("Its fields are read again from the saved pages, and it is filed in the "
                      "queue of that form with its clocks running from when it was received.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        box, _ok = _buttons(self, "Set type")
        layout = QVBoxLayout(self)
        layout.addWidget(_about(item))
        layout.addLayout(fields)
        layout.addWidget(note)
        layout.addWidget(box)
        self.form.setFocus()

    def chosen(self) -> str:
        """The form type chosen."""
        return str(self.form.currentData())


class DismissDialog(QDialog):
    """Ask why a document is taken off the list; it is kept whatever the answer."""

    def __init__(self, item: ReviewItem, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Dismiss document")
        self.setMinimumWidth(420)
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName("Reason")
        self.reason.setEditable(True)
        self.reason.addItems(DISMISS_REASONS)
        self.reason.setCurrentIndex(-1)
        editor = self.reason.lineEdit()
        assert isinstance(editor, QLineEdit)
        editor.setPlaceholderText("Choose or type why")
        fields = QFormLayout()
        fields.addRow("&Reason", self.reason)
        note = QLabel("The document is kept as it came in; it only leaves this list.")
        note.setStyleSheet("color: #555;")
        box, self.ok = _buttons(self, "Dismiss")
        self.reason.currentTextChanged.connect(self._allow)
        self._allow()
        layout = QVBoxLayout(self)
        layout.addWidget(_about(item))
        layout.addLayout(fields)
        layout.addWidget(note)
        layout.addWidget(box)
        self.reason.setFocus()

    def _allow(self) -> None:
        self.ok.setEnabled(bool(self.chosen()))

    def chosen(self) -> str:
        """The reason given, trimmed."""
        return self.reason.currentText().strip()
