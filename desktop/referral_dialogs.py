"""The questions the referrals window asks: a new referral, the next status, a day attended,
an attempt to reach the member."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casework.outreach.contacts import ContactEntry
from casework.outreach.referral_states import MOVES
from casework.outreach.referrals import NewReferral, ReferralView
from casework.plan.outreach_rules import OutreachRules
from desktop.case_actions import buttons
from desktop.contact_form import ContactForm

NO_SITE = "(choose later)"


def fill_sites(combo: QComboBox, rules: OutreachRules, program: str, current: str = "") -> None:
    """The sites offering `program`, the current one chosen."""
    combo.clear()
    combo.addItem(NO_SITE, "")
    for site in rules.sites_of(program):
        combo.addItem(f"{site.name} — {site.address}" if site.address else site.name,
                      site.name)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))


class NewReferralDialog(QDialog):
    """Refer a member: Medi-Cal ID, program, site, reason, who referred."""

    def __init__(self, rules: OutreachRules, parent: QWidget | None, cin: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New referral")
        self.setMinimumWidth(460)
        self.rules = rules
        self.cin = QLineEdit(cin)
        self.cin.setObjectName("cin")
        self.cin.setPlaceholderText("Medi-Cal ID, e.g. 91234567A")
        self.program = QComboBox()
        self.program.setObjectName("program")
        for program in rules.programs.values():
            self.program.addItem(program.says, program.name)
        self.site = QComboBox()
        self.site.setObjectName("site")
        self.program.currentIndexChanged.connect(
            lambda _i: fill_sites(self.site, rules, self.chosen_program()))
        fill_sites(self.site, rules, self.chosen_program())
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.referred_by = QLineEdit()
        self.referred_by.setObjectName("referred_by")
        self.referred_by.setPlaceholderText("a provider, a family member, the member")
        form = QFormLayout()
        form.addRow("Medi-Cal &ID", self.cin)
        form.addRow("&Program", self.program)
        form.addRow("&Site", self.site)
        form.addRow("&Reason", self.reason)
        form.addRow("Referred &by", self.referred_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Refer"))

    def chosen_program(self) -> str:
        return str(self.program.currentData() or "")

    def new_referral(self) -> NewReferral:
        return NewReferral(self.cin.text(), self.chosen_program(), str(self.site.currentData()),
                           self.reason.text(), self.referred_by.text())


class ReferralStatusDialog(QDialog):
    """Move a referral on: the next status, the site (for enrolment), the outcome in words."""

    def __init__(self, rules: OutreachRules, referral: ReferralView,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Change status of {referral.number}")
        self.setMinimumWidth(460)
        self.target = QComboBox()
        self.target.setObjectName("target")
        for move in MOVES.get(referral.status, ()):
            self.target.addItem(move.capitalize(), move)
        self.site = QComboBox()
        self.site.setObjectName("site")
        fill_sites(self.site, rules, referral.program, referral.site)
        self.note = QLineEdit(referral.outcome_note)
        self.note.setObjectName("note")
        self.note.setPlaceholderText("the outcome in words (optional)")
        hint = QLabel(f"Unreachable needs {rules.outreach.says()} first "
                      f"({rules.outreach.citation}).")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow("Move &to", self.target)
        form.addRow("&Site", self.site)
        form.addRow("&Outcome", self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons(self, "Change status"))

    def chosen(self) -> tuple[str, str, str]:
        """(status, note, site)."""
        return (str(self.target.currentData() or ""), self.note.text(),
                str(self.site.currentData() or ""))


class AttendanceDialog(QDialog):
    """The day an enrolled member attended."""

    def __init__(self, today: date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record attendance")
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("MM/dd/yyyy")
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow("&Attended on", self.day)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Record"))

    def chosen(self) -> date:
        value = self.day.date()
        return date(value.year(), value.month(), value.day())


class ContactDialog(QDialog):
    """One attempt to reach the referred member."""

    def __init__(self, languages: tuple[str, ...], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Log an attempt")
        self.setMinimumWidth(420)
        self.form = ContactForm(languages)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons(self, "Log attempt"))

    def entry(self) -> ContactEntry:
        return self.form.entry()
