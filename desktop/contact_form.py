"""The few fields of one attempt to reach a member: channel, outcome, interpreter, language,
note. Used by the case window's Contacts tab and the referrals window."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from casework.outreach.contacts import CHANNELS, OUTCOMES, ContactEntry

CHANNEL_WORDS = {"phone": "Phone call", "mail": "Letter", "email": "Email",
                 "in_person": "In person", "text": "Text message"}
OUTCOME_WORDS = {"reached": "Reached the member", "no_answer": "No answer",
                 "left_message": "Left a message", "wrong_number": "Wrong number",
                 "refused": "Member refused"}


class ContactForm(QWidget):
    """Channel and outcome choices, the interpreter and language, and a note."""

    def __init__(self, languages: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for name in CHANNELS:
            self.channel.addItem(CHANNEL_WORDS.get(name, name), name)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for name in OUTCOMES:
            self.outcome.addItem(OUTCOME_WORDS.get(name, name), name)
        self.interpreter = QCheckBox("&Interpreter used")
        self.interpreter.setObjectName("interpreter")
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setEditable(True)
        self.language.addItem("")
        self.language.addItems(list(languages))
        self.language.setToolTip("The language spoken (needed when an interpreter took part).")
        self.note = QLineEdit()
        self.note.setObjectName("contact_note")
        self.note.setPlaceholderText("what was said or left (optional)")
        talk = QWidget()
        talk_row = QHBoxLayout(talk)
        talk_row.setContentsMargins(0, 0, 0, 0)
        talk_row.addWidget(self.language, 1)
        talk_row.addWidget(self.interpreter)
        language_label = QLabel("&Language")
        language_label.setBuddy(self.language)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Channel", self.channel)
        form.addRow("&Outcome", self.outcome)
        form.addRow(language_label, talk)
        form.addRow("&Note", self.note)
        self.setMaximumWidth(620)  # a few short choices; the note is one line

    def entry(self) -> ContactEntry:
        """The attempt as filled in (checked by the service)."""
        return ContactEntry(str(self.channel.currentData()), str(self.outcome.currentData()),
                            self.note.text(), self.interpreter.isChecked(),
                            self.language.currentText().strip() or None)

    def clear(self) -> None:
        """Ready for the next attempt: the note and interpreter cleared, choices kept."""
        self.note.clear()
        self.interpreter.setChecked(False)
