"""The letter dialog: the kind, its language, and what only staff can write.

The dialog stays open until the letter is made: a refusal (a value missing, English text in a
Spanish letter, a code without plain words) is shown in the dialog with what was typed kept,
and any box the refusal asks for is added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casework.letters.free_text import FREE_TEXT
from casework.letters.issuing import CONTACT_VALUES, DATE_FIELDS, TEXT_FIELDS, TRIP_VALUES
from casework.letters.reviewer import FROM_THE_DECISION
from casework.plan.letter_kinds import LetterKind
from desktop.draft_preview import DraftPreview

# Values staff write into a letter; the rest comes from the case, the rosters and the plan.
WRITTEN_VALUES = (TEXT_FIELDS | DATE_FIELDS | CONTACT_VALUES | TRIP_VALUES
                  | {"criteria", "problems"})
VALUE_HINTS = {"criteria": "separate criteria with ;", "reply_by": "a date like 2026-11-30",
               "problems": "what the faxed request lacks, if left empty; or write: "
                           "Item: what we need; Item: what we need",
               "decision_date": "a date like 2026-11-30",
               "trip.pickup_date": "a date like 2026-11-30"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
# Values the case itself supplies (from the form); anything else the letter needs, staff write.
FROM_THE_CASE = {"summary", "service", "authorization_number", "problems", "provider.name",
                 "provider.fax", "provider.phone"}
# Written in sentences: a box of several lines.
LONG_VALUES = frozenset(FREE_TEXT) | {"criteria", "problems"}
REFUSED_STYLE = "color: #a61b1b;"

ValueEdit = QLineEdit | QPlainTextEdit
Submit = Callable[[str, str | None, dict[str, str]], None]


class LetterDialog(QDialog):
    """Choose one of the letter kinds that fit the case, its language, and write the values
    only staff can give. A notice of a clinical reviewer's decision (`decided_kinds`) takes the
    reviewer from the decision.

    With `submit` set, Generate hands the choice to it and the dialog stays open until
    `finish` (made) or shows `refuse` (not made, what was typed kept). With `preview` set,
    Preview draft hands the same choice to it, and `show_draft` shows what came back."""

    def __init__(self, parent: QWidget | None, kinds: Sequence[LetterKind],
                 suggested: str | None = None, member_language: str | None = None,
                 decided_kinds: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Generate letter")
        self.submit: Submit | None = None
        self.preview: Submit | None = None
        self.draft: DraftPreview | None = None
        self.kinds = {kind.name: kind for kind in kinds}
        self.decided_kinds = decided_kinds
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for name, kind in self.kinds.items():
            self.kind.addItem(kind.title["en"], name)
        if suggested is not None and suggested in self.kinds:
            self.kind.setCurrentIndex(self.kind.findData(suggested))
        self.language = QComboBox()
        self.language.setObjectName("language")
        members = (f"The member's language ({LANGUAGE_NAMES[member_language]})"
                   if member_language in LANGUAGE_NAMES else "The member's language")
        self.language.addItem(members, None)
        for code, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, code)
        self.values_form = QFormLayout()
        self.value_edits: dict[str, ValueEdit] = {}
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(REFUSED_STYLE)
        form = QFormLayout()
        form.addRow("Letter", self.kind)
        form.addRow("Language", self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.values_form)
        layout.addWidget(self.refusal)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.generate_button.setText("Generate")
        self.generate_button.setObjectName("confirm")
        self.preview_button = box.addButton("&Preview draft",
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setObjectName("preview_draft")
        self.preview_button.setToolTip("See the letter as it would be generated now; nothing "
                                       "is stored.")
        self.preview_button.clicked.connect(self.ask_preview)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.kind.currentIndexChanged.connect(self._offer_values)
        self._offer_values()

    def _offer_values(self) -> None:
        typed = self.chosen_values()
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self.value_edits = {}
        self.refusal.clear()
        kind = self.kinds.get(self.chosen_kind())
        decided = kind is not None and kind.name in self.decided_kinds
        for name in kind.required if kind is not None else ():
            if name not in WRITTEN_VALUES or (decided and name in FROM_THE_DECISION):
                continue
            hint = ("taken from the case if left empty" if name in FROM_THE_CASE
                    else "the reviewer's own line, from their account, if left empty"
                    if decided and name == "reviewer.phone"
                    else "needed: write it for the member")
            self.add_value(name, VALUE_HINTS.get(name, hint), typed.get(name, ""))

    def add_value(self, name: str, hint: str, text: str = "",
                  label: str | None = None) -> ValueEdit:
        """A box for the value `name` (several lines for sentences), unless there is one."""
        if name in self.value_edits:
            return self.value_edits[name]
        edit: ValueEdit
        if name in LONG_VALUES:
            edit = QPlainTextEdit(text)
            edit.setFixedHeight(64)
        else:
            edit = QLineEdit(text)
        edit.setObjectName(f"value_{name}")
        edit.setMinimumWidth(420)
        edit.setPlaceholderText(hint)
        self.value_edits[name] = edit
        self.values_form.addRow(label or name.replace("_", " ").replace(".", " ").capitalize(),
                                edit)
        return edit

    def accept(self) -> None:
        """Generate: hand the choice to `submit` (the dialog waits), else close with it."""
        if self.submit is None:
            super().accept()
            return
        self.refusal.clear()
        self.generate_button.setEnabled(False)
        self.submit(self.chosen_kind(), self.chosen_language(), self.chosen_values())

    def ask_preview(self) -> None:
        """Preview draft: hand the choice to `preview`; `show_draft` or `refuse` answers."""
        if self.preview is None:
            return
        self.refusal.clear()
        self.preview_button.setEnabled(False)
        self.preview(self.chosen_kind(), self.chosen_language(), self.chosen_values())

    def show_draft(self, pdf: bytes) -> DraftPreview:
        """Show the draft letter over the dialog; what was typed stays as it is."""
        self.preview_button.setEnabled(True)
        kind = self.kinds.get(self.chosen_kind())
        self.draft = DraftPreview(self, kind.title["en"] if kind else "letter", pdf)
        self.draft.open()
        return self.draft

    def finish(self) -> None:
        """The letter was made: close."""
        self.generate_button.setEnabled(True)
        super().accept()

    def refuse(self, error: BaseException) -> None:
        """The letter was not made: say why, keep what was typed, add the boxes it asks for."""
        self.generate_button.setEnabled(True)
        self.preview_button.setEnabled(True)
        self.refusal.setText(str(error))
        language = LANGUAGE_NAMES.get(str(getattr(error, "language", "")), "")
        for code in getattr(error, "codes", ()):
            self.add_value(f"service.{code}", f"what {code} is, in plain {language} words",
                           label=f"Plain words for {code}")
        for name in getattr(error, "names", ()):
            self.add_value(name, "write it in Spanish")

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_language(self) -> str | None:
        code = self.language.currentData()
        return str(code) if code else None

    def chosen_values(self) -> dict[str, str]:
        values = {name: (edit.toPlainText() if isinstance(edit, QPlainTextEdit)
                         else edit.text()).strip()
                  for name, edit in self.value_edits.items()}
        return {name: text for name, text in values.items() if text}
