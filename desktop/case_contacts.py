"""The case window's Contacts tab: every attempt to reach the member, numbered, how far they
are against the plan's outreach rule, and a form to log the next one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from casework.actor import Actor
from casework.outreach.contacts import ContactLog, ContactView, case_contact_log, log_contact
from casework.permissions import Permission, allows
from casework.workspace import Workspace
from desktop.contact_form import ContactForm
from desktop.member_rows import contact_rows
from desktop.operations import BackgroundOp
from desktop.text_table import TextRow, TextTableModel, fit_columns, text_table

COLUMNS = ("#", "When", "Channel", "Outcome", "Language", "By", "Note")


def rule_words(log: ContactLog) -> str:
    """'Outreach rule (3 attempts on 3 different days): 2 of 3 attempts, on 1 of 3 …', or the
    count alone where the rule does not apply (a grievance never closes as unreachable)."""
    progress = log.progress
    if not log.rule_applies:
        count = len(log.contacts)
        return f"{count} attempt{'' if count == 1 else 's'} to reach the member logged."
    state = "met — the case may close as unreachable" if progress.satisfied else "not yet met"
    return (f"Outreach rule ({progress.rule.says()}): {state}; {progress.says()}. "
            f"{progress.rule.citation}")


class CaseContactsBox(QWidget):
    """Lists and logs the attempts of one case; `changed` after one is logged, `loaded` each
    time the log arrives."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.case_number = ""
        self.model = TextTableModel(COLUMNS, self)
        self.table = text_table("contacts", self.model)
        self.rule = QLabel("")
        self.rule.setObjectName("outreach_rule")
        self.rule.setWordWrap(True)
        self.form = ContactForm(ws.rules.routing.languages)
        self.log_button = QPushButton("&Log attempt")
        self.log_button.setObjectName("log_attempt")
        self.log_button.clicked.connect(self.log_attempt)
        works = allows(actor.role, Permission.WORK_CASES)
        self.form.setVisible(works)
        self.log_button.setVisible(works)
        row = QHBoxLayout()
        row.addWidget(self.form, 1)
        row.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rule)
        layout.addLayout(row)

    def load(self, case_number: str) -> None:
        """Read the case's attempts (on a worker)."""
        self.case_number = case_number
        BackgroundOp(self, lambda: case_contact_log(self.ws, self.actor, case_number)).success(
            self.show_log).run()

    def show_log(self, log: ContactLog) -> None:
        rows = contact_rows(log.contacts)
        # The case's own attempts, numbered: attempt first, the 'about' column left out.
        self.model.set_rows([TextRow((r.cells[2], r.cells[0], *r.cells[3:]), r.key)
                             for r in rows])
        fit_columns(self.table)
        self.rule.setText(rule_words(log))
        self.rule.setStyleSheet("color: #1b5e20;" if log.progress.satisfied else "color: #555;")
        self.loaded.emit()

    def log_attempt(self) -> None:
        """Log what the form says as the next attempt."""
        entry = self.form.entry()
        number = self.case_number
        BackgroundOp(self, lambda: log_contact(self.ws, self.actor, number, entry)).success(
            self._logged).run()

    def _logged(self, made: ContactView) -> None:
        self.form.clear()
        self.changed.emit()
        self.load(self.case_number)
