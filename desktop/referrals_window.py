"""The care coordinator's referrals: the queue (open ones, soonest first contact due first),
the chosen referral's attempts and the rule, and the moves: refer, log an attempt, change the
status, record a day attended, open the member's record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.outreach.attendance import record_attendance
from casework.outreach.contacts import ContactEntry, ContactLog
from casework.outreach.referral_queue import list_referrals
from casework.outreach.referral_states import MOVES, ReferralStatus
from casework.outreach.referrals import (
    NewReferral,
    ReferralView,
    change_referral_status,
    log_referral_contact,
    new_referral,
    referral_detail,
)
from casework.permissions import Permission, allows
from casework.plan.timezone import plan_date
from casework.workspace import Workspace
from desktop.bring_forward import bring_forward
from desktop.case_contacts import rule_words
from desktop.member_rows import contact_rows, day
from desktop.member_window import MemberWindow
from desktop.operations import BackgroundOp
from desktop.referral_dialogs import (
    AttendanceDialog,
    ContactDialog,
    NewReferralDialog,
    ReferralStatusDialog,
)
from desktop.text_table import TextRow, TextTableModel, fit_columns, text_table

COLUMNS = ("Referral", "Member", "Medi-Cal ID", "Program", "Site", "Status", "Referred",
           "First contact", "Days")
ATTEMPT_COLUMNS = ("#", "When", "Channel", "Outcome", "Language", "By", "Note")


def referral_row(view: ReferralView, now: datetime) -> TextRow:
    return TextRow((view.number, view.member_name, view.member_cin, view.program_says,
                    view.site or "(no site yet)", view.status, day(view.referred_at),
                    view.clock_words(now).removeprefix("first contact "),
                    str(view.attended_days) if view.attendance else ""),
                   view.number)


class ReferralsWindow(QDialog):
    """Non-modal; `loaded` fires when the queue arrives, `detail_loaded` when the chosen
    referral's attempts do, `case_opened` (a case id) from the member's record."""

    loaded = Signal()
    detail_loaded = Signal()
    case_opened = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.views: list[ReferralView] = []
        self.chosen: ReferralView | None = None
        self.dialog: QDialog | None = None
        self.member_window: MemberWindow | None = None
        self.setWindowTitle("Referrals — Intake Workstation")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1150, 700)
        self.model = TextTableModel(COLUMNS, self)
        self.table = text_table("referrals", self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.attempts = TextTableModel(ATTEMPT_COLUMNS, self)
        self.attempt_table = text_table("attempts", self.attempts)
        self.about = QLabel("Choose a referral to see its attempts.")
        self.about.setObjectName("about")
        self.about.setWordWrap(True)
        self.rule = QLabel("")
        self.rule.setObjectName("outreach_rule")
        self.rule.setWordWrap(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.about)
        lower_layout.addWidget(self.attempt_table, 1)
        lower_layout.addWidget(self.rule)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #1b5e20;")
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(self._action_row())
        self.refresh()

    def _filter_row(self) -> QHBoxLayout:
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem("Open", None)
        self.status_filter.addItem("All", "all")
        for status in MOVES:
            self.status_filter.addItem(status.capitalize(), status)
        self.program_filter = QComboBox()
        self.program_filter.setObjectName("program_filter")
        self.program_filter.addItem("Every program", None)
        for program in self.ws.rules.outreach.programs.values():
            self.program_filter.addItem(program.says, program.name)
        for combo in (self.status_filter, self.program_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        row = QHBoxLayout()
        for text, combo in (("&Status:", self.status_filter), ("&Program:", self.program_filter)):
            label = QLabel(text)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        return row

    def _action_row(self) -> QHBoxLayout:
        manages = allows(self.actor.role, Permission.MANAGE_REFERRALS)
        self.new_button = QPushButton("&New referral…")
        self.new_button.setObjectName("new_referral")
        self.new_button.clicked.connect(self.ask_new)
        self.contact_button = QPushButton("&Log attempt…")
        self.contact_button.setObjectName("log_attempt")
        self.contact_button.clicked.connect(self.ask_contact)
        self.status_button = QPushButton("Change &status…")
        self.status_button.setObjectName("change_status")
        self.status_button.clicked.connect(self.ask_status)
        self.attend_button = QPushButton("Record &attendance…")
        self.attend_button.setObjectName("record_attendance")
        self.attend_button.clicked.connect(self.ask_attendance)
        self.member_button = QPushButton("&Member record…")
        self.member_button.setObjectName("member_record")
        self.member_button.clicked.connect(self.open_member)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (self.new_button, self.contact_button, self.status_button,
                       self.attend_button):
            button.setVisible(manages)
            row.addWidget(button)
        row.addWidget(self.member_button)
        row.addStretch(1)
        row.addWidget(close)
        self._enable()
        return row

    # Loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the queue as the filters ask (on a worker)."""
        status, program = self.status_filter.currentData(), self.program_filter.currentData()
        BackgroundOp(self, lambda: list_referrals(
            self.ws, self.actor, status=status, program=program)).success(
            self.show_referrals).run()

    def show_referrals(self, views: list[ReferralView]) -> None:
        keep = self.chosen.number if self.chosen else None
        self.views = views
        now = self.ws.now()
        self.model.set_rows([referral_row(v, now) for v in views])
        fit_columns(self.table, room=6)  # nine columns: all of them in the window's width
        row = next((i for i, v in enumerate(views) if v.number == keep), None)
        if row is not None:
            self.table.selectRow(row)
        else:
            self.chosen = None
            self._show_none()
        self.loaded.emit()

    def select(self, number: str) -> None:
        """Choose the referral `number` in the table."""
        row = next(i for i, v in enumerate(self.views) if v.number == number)
        self.table.selectRow(row)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.chosen = self.views[rows[0].row()] if rows else None
        self._enable()
        if self.chosen is None:
            self._show_none()
            return
        number = self.chosen.number
        BackgroundOp(self, lambda: referral_detail(self.ws, self.actor, number)).success(
            self._show_detail).run()

    def _show_none(self) -> None:
        self.attempts.set_rows([])
        self.about.setText("Choose a referral to see its attempts.")
        self.rule.setText("")
        self._enable()

    def _show_detail(self, found: tuple[ReferralView, ContactLog]) -> None:
        view, log = found
        if self.chosen is None or view.number != self.chosen.number:
            return  # another referral was chosen meanwhile
        self.chosen = view
        parts = [f"{view.number}: {view.member_name} to {view.program_says}"]
        if view.referred_by:
            parts.append(f"referred by {view.referred_by}")
        if view.case_number:
            parts.append(f"from case {view.case_number}")
        if view.reason:
            parts.append(f"reason: {view.reason}")
        if view.outcome_note:
            parts.append(f"outcome: {view.outcome_note}")
        self.about.setText(" · ".join(parts))
        self.attempts.set_rows([TextRow((r.cells[2], r.cells[0], *r.cells[3:]), r.key)
                                for r in contact_rows(log.contacts)])
        fit_columns(self.attempt_table)
        self.rule.setText(rule_words(log).replace("the case may", "the referral may"))
        self._enable()
        self.detail_loaded.emit()

    def _enable(self) -> None:
        chosen = self.chosen
        self.contact_button.setEnabled(chosen is not None
                                       and chosen.status != ReferralStatus.CLOSED)
        self.status_button.setEnabled(chosen is not None and bool(MOVES.get(chosen.status)))
        self.attend_button.setEnabled(chosen is not None and chosen.attendance
                                      and chosen.status == ReferralStatus.ENROLLED)
        self.member_button.setEnabled(chosen is not None)

    # Changes -------------------------------------------------------------------------------

    def _do(self, fn: Callable[[], Any], said: Callable[[Any], str]) -> None:
        def finished(result: Any) -> None:
            self.message.setText(said(result))
            self.refresh()
        BackgroundOp(self, fn).success(finished).run()

    def new_referral(self, new: NewReferral) -> None:
        self._do(lambda: new_referral(self.ws, self.actor, new),
                 lambda view: f"Opened {view.number} for {view.member_name}.")

    def log_attempt(self, entry: ContactEntry) -> None:
        assert self.chosen is not None
        number = self.chosen.number
        self._do(lambda: log_referral_contact(self.ws, self.actor, number, entry),
                 lambda made: f"{number}: attempt {made.attempt} logged ({made.says()}).")

    def change_status(self, target: str, note: str = "", site: str = "") -> None:
        assert self.chosen is not None
        number = self.chosen.number
        self._do(lambda: change_referral_status(self.ws, self.actor, number, target, note,
                                                site),
                 lambda view: f"{view.number} is now {view.status}.")

    def attend(self, day_attended: date) -> None:
        assert self.chosen is not None
        number = self.chosen.number
        self._do(lambda: record_attendance(self.ws, self.actor, number, day_attended),
                 lambda days: f"{number}: attended {day_attended:%m/%d/%Y}; {days} day(s) "
                              "in all.")

    def _ask(self, dialog: QDialog, on_accept: Callable[[], None]) -> QDialog:
        dialog.accepted.connect(on_accept)
        dialog.setModal(True)
        self.dialog = dialog
        dialog.show()
        return dialog

    def ask_new(self) -> NewReferralDialog:
        dialog = NewReferralDialog(self.ws.rules.outreach, self)
        self._ask(dialog, lambda: self.new_referral(dialog.new_referral()))
        return dialog

    def ask_contact(self) -> ContactDialog:
        dialog = ContactDialog(self.ws.rules.routing.languages, self)
        self._ask(dialog, lambda: self.log_attempt(dialog.entry()))
        return dialog

    def ask_status(self) -> ReferralStatusDialog | None:
        if self.chosen is None:
            return None
        dialog = ReferralStatusDialog(self.ws.rules.outreach, self.chosen, self)
        self._ask(dialog, lambda: self.change_status(*dialog.chosen()))
        return dialog

    def ask_attendance(self) -> AttendanceDialog:
        dialog = AttendanceDialog(plan_date(self.ws.now()), self)
        self._ask(dialog, lambda: self.attend(dialog.chosen()))
        return dialog

    def open_member(self) -> MemberWindow | None:
        """Open the chosen referral's member record."""
        if self.chosen is None:
            return None
        cin = self.chosen.member_cin
        if self.member_window is None or self.member_window.cin != cin:
            self.member_window = MemberWindow(self.ws, self.actor, cin, self)
            self.member_window.case_opened.connect(self.case_opened)
        else:
            self.member_window.load(opening=not self.member_window.isVisible())
        return bring_forward(self.member_window)
