"""Recording that a drafted letter went out: how (mailed, faxed, handed over) and on which day.

The day offered runs from the day the letter was drafted to today; the service checks the same
rule and refuses anything else in words, so a typed-in date never slips past it.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from casework.letters.sending import SEND_WORDS, SendMethod
from casework.plan.timezone import plan_date


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SendDialog(QDialog):
    """Ask how and when letters went out; `chosen()` once accepted."""

    def __init__(self, what: str, drafted_at: datetime, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record sending")
        self.setMinimumWidth(380)
        self.method = QComboBox()
        self.method.setObjectName("send_method")
        for method in SendMethod:
            self.method.addItem(SEND_WORDS[method].capitalize(), method.value)
        today = plan_date(now)
        self.day = QDateEdit(_qdate(today))
        self.day.setObjectName("sent_on")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("MM/dd/yyyy")
        self.day.setDateRange(_qdate(plan_date(drafted_at)), _qdate(today))
        form = QFormLayout()
        form.addRow("Letter", QLabel(what))
        form.addRow("&How it went", self.method)
        form.addRow("&On", self.day)
        note = QLabel("The day it really went out: today, or an earlier day since the letter "
                      "was drafted. Sending meets the clock waiting for the letter.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Record")
        ok.setObjectName("confirm")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[SendMethod, date]:
        """How and on which day (plan time) the letter went out."""
        day = self.day.date()
        return SendMethod(str(self.method.currentData())), date(day.year(), day.month(),
                                                                  day.day())
