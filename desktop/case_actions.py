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
from desktop.case_clocks import CLOCK_WORDS, shown_time
from desktop.letter_dialog import LANGUAGE_NAMES, LetterDialog

__all__ = ["LANGUAGE_NAMES", "AssignDialog", "ExtendDialog", "LetterDialog", "StatusDialog"]

NO_OUTCOME = "(no outcome needed)"
def buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
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
        layout.addWidget(buttons(self, "Assign"))

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
        flow = workflow(case_type)
        self.outcomes = flow.outcomes
        self.optional = flow.optional_outcomes  # may be recorded, need not be
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
        layout.addWidget(buttons(self, "Change status"))
        self._offer_outcomes()

    def _offer_outcomes(self) -> None:
        choices = self.outcomes.get(self.chosen_target(), ())
        optional = self.optional.get(self.chosen_target(), ())
        self.outcome.clear()
        reasons: list[str] = []
        if optional and not choices:
            self.outcome.addItem("(none)", None)
            for choice in optional:
                self.outcome.addItem(choice.replace("_", " ").capitalize(), choice)
            choices = optional
        elif choices:
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
        layout.addWidget(buttons(self, "Refer"))

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
        layout.addWidget(buttons(self, "Extend"))
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
