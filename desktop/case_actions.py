"""The small dialogs a case workspace asks its questions with: status, referral, extension,
letter.

Each only collects what the person chose; the workspace calls the service and shows any
refusal through the error presenter, so the rules live in one place (casework).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from casework.cases.staff import StaffMember
from casework.cases.states import WORDS, workflow
from casework.cases.views import ClockView
from casework.letters.issuing import DATE_FIELDS, TEXT_FIELDS
from casework.letters.reviewer import FROM_THE_DECISION
from casework.plan.letter_kinds import LetterKind
from desktop.case_clocks import CLOCK_WORDS, shown_time

NO_OUTCOME = "(no outcome needed)"
# Values staff write into a letter; the rest comes from the case, the rosters and the plan.
WRITTEN_VALUES = TEXT_FIELDS | DATE_FIELDS | {"criteria", "problems", "reviewer.name",
                                              "reviewer.phone", "reviewer.credentials"}
VALUE_HINTS = {"criteria": "separate criteria with ;", "reply_by": "a date like 2026-11-30",
               "problems": "what the faxed request lacks, if left empty; or write: a; b",
               "decision_date": "a date like 2026-11-30"}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
# Values the case itself supplies (from the form); anything else the letter needs, staff write.
FROM_THE_CASE = {"summary", "service", "authorization_number", "problems"}


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("confirm")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def status_words(status: str) -> str:
    """'waiting for information' for 'pending_information'."""
    words = WORDS.get(status)
    return words.state if words else status.replace("_", " ")


class AssignDialog(QDialog):
    """Choose who works the case, or give it back to its queue."""

    BACK_TO_QUEUE = ""

    def __init__(self, staff: list[StaffMember], current: str | None,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Assign the case")
        self.setMinimumWidth(380)
        self.person = QComboBox()
        self.person.setObjectName("assignee")
        self.person.addItem("Nobody — back to the queue", self.BACK_TO_QUEUE)
        for member in staff:
            self.person.addItem(member.shown, member.username)
            if member.username == current:
                self.person.setCurrentIndex(self.person.count() - 1)
        form = QFormLayout()
        form.addRow("Assign to", self.person)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Assign"))

    def chosen(self) -> str | None:
        """The user name chosen, or None for back to the queue."""
        return str(self.person.currentData()) or None


class StatusDialog(QDialog):
    """Choose the next status (and the outcome, when that status records one). Outcomes the
    person may not record (`refused`: outcome -> reason) are shown disabled, with the reason."""

    def __init__(self, case_type: str, moves: tuple[str, ...], parent: QWidget | None,
                 refused: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change status")
        self.setMinimumWidth(340)
        self.outcomes = workflow(case_type).outcomes
        self.refused = refused or {}
        self.target = QComboBox()
        self.target.setObjectName("target")
        for move in moves:
            self.target.addItem(status_words(move).capitalize(), move)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.target.currentIndexChanged.connect(self._offer_outcomes)
        form = QFormLayout()
        form.addRow("Move to", self.target)
        form.addRow("Outcome", self.outcome)
        self.gate_note = QLabel("")
        self.gate_note.setObjectName("gate_note")
        self.gate_note.setWordWrap(True)
        self.gate_note.setMaximumWidth(460)
        self.gate_note.setStyleSheet("color: #8a1010;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.gate_note)
        layout.addWidget(_buttons(self, "Change status"))
        self._offer_outcomes()

    def _offer_outcomes(self) -> None:
        choices = self.outcomes.get(self.chosen_target(), ())
        self.outcome.clear()
        reasons: list[str] = []
        if choices:
            self.outcome.addItem("Choose…", None)
            for choice in choices:
                self.outcome.addItem(choice.replace("_", " ").capitalize(), choice)
                if choice in self.refused:
                    self._refuse(self.outcome.count() - 1, self.refused[choice])
                    if self.refused[choice] not in reasons:
                        reasons.append(self.refused[choice])
        else:
            self.outcome.addItem(NO_OUTCOME, None)
        self.outcome.setEnabled(bool(choices))
        self.gate_note.setText(" ".join(reasons))
        self.gate_note.setVisible(bool(reasons))

    def _refuse(self, index: int, reason: str) -> None:
        """Show an outcome the person may not record, greyed out, the reason in its tooltip."""
        model = self.outcome.model()
        assert isinstance(model, QStandardItemModel)
        item = model.item(index)
        item.setEnabled(False)
        item.setText(f"{item.text()} (clinical reviewer only)")
        item.setToolTip(reason)

    def chosen_target(self) -> str:
        return str(self.target.currentData() or "")

    def chosen_outcome(self) -> str | None:
        value = self.outcome.currentData()
        return str(value) if value else None


def extendable(clocks: Sequence[ClockView]) -> list[ClockView]:
    """The running clocks whose rule still allows days of extension."""
    return [c for c in clocks if c.met_at is None and c.extension_days_left > 0]


class ReferDialog(QDialog):
    """Refer a request to a clinical reviewer, with what the reviewer should look at."""

    def __init__(self, number: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Refer to a clinical reviewer")
        self.note = QLineEdit()
        self.note.setObjectName("refer_note")
        self.note.setMinimumWidth(380)
        self.note.setPlaceholderText("What the reviewer should look at (optional; kept as a "
                                     "note)")
        layout = QVBoxLayout(self)
        words = QLabel(f"{number} goes to the Clinical review queue, in review, until a "
                       "physician or pharmacist records the decision; then it comes back to its "
                       "queue for the notice.")
        words.setWordWrap(True)
        layout.addWidget(words)
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self, "Refer"))

    def chosen(self) -> str:
        return self.note.text().strip()


class ExtendDialog(QDialog):
    """Choose a clock its rule lets be extended, the days to add (up to what the rule still
    allows) and the reason the member will read."""

    def __init__(self, clocks: list[ClockView], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Extend clock")
        self.offered = {c.name: c for c in extendable(clocks)}
        self.clock = QComboBox()
        self.clock.setObjectName("clock")
        for clock in self.offered.values():
            label = CLOCK_WORDS.get(clock.name, clock.name)
            self.clock.addItem(f"{label} — due {shown_time(clock.due_at)}", clock.name)
        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setSuffix(" days")
        resolve = self.clock.findData("resolve")  # the clock extensions are usually for
        if resolve >= 0:
            self.clock.setCurrentIndex(resolve)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("Why more time is in the member's interest")
        self.reason.setMinimumWidth(360)
        form = QFormLayout()
        form.addRow("Clock", self.clock)
        form.addRow("Extend by", self.days)
        form.addRow("Reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.note = QLabel()
        self.note.setObjectName("extension_rule")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        layout.addWidget(_buttons(self, "Extend"))
        self.clock.currentIndexChanged.connect(self._show_rule)
        self._show_rule()

    def _show_rule(self) -> None:
        """The days and notice the chosen clock's rule allows and requires."""
        clock = self.offered.get(str(self.clock.currentData() or ""))
        if clock is None:
            self.days.setRange(0, 0)
            self.note.setText("No running clock of this case may be extended.")
            return
        self.days.setRange(1, clock.extension_days_left)
        self.days.setValue(clock.extension_days_left)
        text = (f"This clock can be extended by at most {clock.extension_days_left} more "
                f"days ({clock.extension_citation}).")
        if clock.extension_notice:
            text += " The member must be sent the written notice of the extension."
        self.note.setText(text)

    def chosen(self) -> tuple[str, int, str]:
        return str(self.clock.currentData() or ""), self.days.value(), self.reason.text()


class LetterDialog(QDialog):
    """Choose one of the letter kinds that fit the case, its language, and write the values
    only staff can give. A notice of a clinical reviewer's decision (`decided_kinds`) takes the
    reviewer from the decision."""

    def __init__(self, parent: QWidget | None, kinds: Sequence[LetterKind],
                 suggested: str | None = None, member_language: str | None = None,
                 decided_kinds: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Generate letter")
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
        self.value_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("Letter", self.kind)
        form.addRow("Language", self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.values_form)
        layout.addWidget(_buttons(self, "Generate"))
        self.kind.currentIndexChanged.connect(self._offer_values)
        self._offer_values()

    def _offer_values(self) -> None:
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self.value_edits = {}
        kind = self.kinds.get(self.chosen_kind())
        decided = kind is not None and kind.name in self.decided_kinds
        for name in kind.required if kind is not None else ():
            if name not in WRITTEN_VALUES or (decided and name in FROM_THE_DECISION):
                continue
            edit = QLineEdit()
            edit.setObjectName(f"value_{name}")
            edit.setMinimumWidth(360)
            hint = ("taken from the case if left empty" if name in FROM_THE_CASE
                    else "the reviewer's own line, from their account, if left empty"
                    if decided and name == "reviewer.phone"
                    else "needed: write it for the member")
            edit.setPlaceholderText(VALUE_HINTS.get(name, hint))
            self.value_edits[name] = edit
            self.values_form.addRow(name.replace("_", " ").replace(".", " ").capitalize(), edit)

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_language(self) -> str | None:
        code = self.language.currentData()
        return str(code) if code else None

    def chosen_values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.value_edits.items()
                if edit.text().strip()}
