"""One case in its own window: header, clocks, notes, tasks, and the moves a coordinator makes.

Everything is read through `case_detail` and changed through the casework services, each call
on a worker thread (BackgroundOp); the window reloads the case after every change and emits
`changed` so the queue can recount. Opening the window, or showing it again after it was
closed, records a look at the case; reloading it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.clinical_review import can_refer, refer_to_reviewer, refused_outcomes
from casework.cases.field_labels import labelled_fields
from casework.cases.notes import add_note, add_task, complete_task
from casework.cases.queues import assign
from casework.cases.staff import StaffMember, assignable_staff
from casework.cases.states import allowed_moves, asks_providers
from casework.cases.statuses import CaseStatus
from casework.cases.views import CaseDetail, CaseRow, TaskView
from casework.cases.work import ClockExtension, case_detail, change_status, extend_clock
from casework.permissions import Permission, allows
from casework.plan.timezone import plan_date
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.bring_forward import bring_forward
from desktop.case_actions import (
    AssignDialog,
    ExtendDialog,
    ReferDialog,
    StatusDialog,
    extendable,
    status_words,
)
from desktop.case_clocks import ClockTableModel, shown_time
from desktop.case_contacts import CaseContactsBox
from desktop.case_details import CaseDetailsView
from desktop.case_documents import CaseDocumentsBox
from desktop.case_exports import CaseExports
from desktop.case_header import header_html
from desktop.case_letters import CaseLetters
from desktop.case_lists import fill_notes
from desktop.case_related import RelatedCasesBox
from desktop.case_tasks import CaseTasksBox
from desktop.case_trail import CaseTrail
from desktop.member_window import MemberWindow
from desktop.operations import BackgroundOp


class CaseWorkspace(QDialog):
    """Non-modal window for the case `case_id`; `loaded` fires each time its detail arrives,
    `case_opened` when a related case is chosen (the id, for the main window to open)."""

    loaded = Signal()
    changed = Signal()
    case_opened = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings, case_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self.dialog: QDialog | None = None  # the question now asked, if any
        self.member_window: MemberWindow | None = None
        self.setWindowTitle("Case")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._fit_to_screen(1100, 820)
        self.clock_model = ClockTableModel(ws.now())
        self._build()
        self.seen = False  # whether this showing of the window recorded its look at the case
        self._load(opening=True)

    # Layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = QLabel("Loading…")
        self.header.setObjectName("header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #1b5e20;")
        self.clocks = QTableView()
        self.clocks.setObjectName("clocks")
        self.clocks.setModel(self.clock_model)
        self.clocks.verticalHeader().setVisible(False)
        self.clocks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.clocks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.clocks.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.clocks.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._notes_box())
        splitter.addWidget(self._tasks_box())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("case_tabs")
        self.tabs.addTab(splitter, "&Work")
        self.details = CaseDetailsView()
        self.tabs.addTab(self.details, "Detai&ls")
        self.tabs.addTab(self._documents_box(), "D&ocuments")
        self.tabs.addTab(self._letters_box(), "Le&tters")
        self.contacts_box = CaseContactsBox(self.ws, self.actor)
        self.contacts_box.changed.connect(self.reload)
        self.tabs.addTab(self.contacts_box, "Co&ntacts")
        self.trail = CaseTrail(self.ws, self.actor, self.case_id)
        self.tabs.addTab(self.trail, "&History")
        self.related = RelatedCasesBox()
        self.related.open_case.connect(self.case_opened)
        clocks_box = QGroupBox("Clocks")
        QVBoxLayout(clocks_box).addWidget(self.clocks)
        clocks_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.member_button = QPushButton("&Member record…")
        self.member_button.setObjectName("member_record")
        self.member_button.setToolTip("Every case, document, letter, contact and referral of "
                                      "this member.")
        self.member_button.setEnabled(False)  # until the case says who the member is
        self.member_button.clicked.connect(self.open_member)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.member_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.related)
        layout.addWidget(clocks_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(self._action_row())

    def _notes_box(self) -> QGroupBox:
        self.notes = QListWidget()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setAlternatingRowColors(True)
        self.note_text = QPlainTextEdit()
        self.note_text.setObjectName("note_text")
        self.note_text.setPlaceholderText("Write a note (notes are kept; a correction is a new "
                                          "note)")
        self.note_text.setMaximumHeight(70)
        self.add_note_button = QPushButton("Add &note")
        self.add_note_button.setObjectName("add_note")
        self.add_note_button.clicked.connect(lambda: self.add_note(self.note_text.toPlainText()))
        row = QHBoxLayout()
        row.addWidget(self.note_text, 1)
        row.addWidget(self.add_note_button, 0, Qt.AlignmentFlag.AlignBottom)
        box = QGroupBox("Notes")
        layout = QVBoxLayout(box)
        layout.addWidget(self.notes, 1)
        layout.addLayout(row)
        return box

    def _tasks_box(self) -> CaseTasksBox:
        self.tasks_box = CaseTasksBox()
        self.tasks = self.tasks_box.tasks
        self.done_button = self.tasks_box.done_button
        self.add_task_button = self.tasks_box.add_button
        self.add_task_button.clicked.connect(self.ask_task)
        self.tasks_box.add_asked.connect(self.add_task)
        self.tasks_box.done_asked.connect(self.complete_task)
        return self.tasks_box

    def _documents_box(self) -> CaseDocumentsBox:
        # The box lists and opens the documents itself; a correction there can rename the
        # member or change a field, so the case is read again and the queue told.
        self.documents_box = CaseDocumentsBox(self.ws, self.actor, self.case_id)
        self.documents_box.changed.connect(self.reload)
        self.documents_box.changed.connect(self.changed)
        self.documents_box.load()
        return self.documents_box

    def _letters_box(self) -> CaseLetters:
        self.letters_box = CaseLetters(self.ws, self.actor, self.settings, self.case_id)
        self.letters_box.setTitle("")  # the tab names it
        self.letters_box.changed.connect(self.reload)
        self.letters_box.changed.connect(self.changed)
        return self.letters_box

    def _action_row(self) -> QHBoxLayout:
        works = allows(self.actor.role, Permission.WORK_CASES)
        self.status_button = QPushButton("Change &status…")
        self.status_button.setObjectName("change_status")
        self.status_button.clicked.connect(self.ask_status)
        self.extend_button = QPushButton("&Extend clock…")
        self.extend_button.setObjectName("extend_clock")
        self.extend_button.clicked.connect(self.ask_extension)
        self.missing_button = QPushButton("Request &missing information")
        self.missing_button.setObjectName("request_missing")
        self.missing_button.setToolTip("Make the fax-back letter that asks the provider for what "
                                       "the request lacks (from its analysis); send it from "
                                       "the Letters tab.")
        self.missing_button.clicked.connect(self.request_missing_information)
        self.missing_button.setVisible(False)  # shown for requests a provider must complete
        self.refer_button = QPushButton("&Refer to reviewer…")
        self.refer_button.setObjectName("refer_to_reviewer")
        self.refer_button.setToolTip("Only a clinical reviewer may deny or modify a request: "
                                     "put it in the Clinical review queue for one.")
        self.refer_button.clicked.connect(self.ask_referral)
        self.refer_button.setVisible(False)  # shown while a reviewed request is undecided
        self.assign_button = QPushButton("&Assign…")
        self.assign_button.setObjectName("assign_case")
        self.assign_button.clicked.connect(self.ask_assignee)
        self.assign_button.setVisible(allows(self.actor.role, Permission.ASSIGN_CASES))
        for button in (self.status_button, self.extend_button, self.add_note_button,
                       self.done_button, self.add_task_button, self.note_text):
            button.setVisible(works)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for button in (self.status_button, self.refer_button, self.extend_button,
                       self.missing_button, self.assign_button):
            row.addWidget(button)
        row.addWidget(CaseExports(self))
        row.addStretch(1)
        row.addWidget(close)
        return row

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The comfortable size, or less on a small or scaled-up screen."""
        screen = self.screen()
        if screen is None:
            self.resize(width, height)
            return
        room = screen.availableGeometry()
        self.resize(min(width, int(room.width() * 0.92)), min(height, int(room.height() * 0.9)))

    # Loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the case again and show it (not another look at it: the person has it open)."""
        self._load(opening=False)

    def _load(self, opening: bool) -> None:
        if opening:
            self.seen = True
        BackgroundOp(self, lambda: case_detail(self.ws, self.actor, self.case_id,
                                               opening=opening)).success(
            self.show_detail).run()

    def showEvent(self, event: QShowEvent) -> None:
        """Shown again after it was closed: the person opened the case once more."""
        super().showEvent(event)
        if not event.spontaneous() and not self.seen:
            self._load(opening=True)

    def hideEvent(self, event: QHideEvent) -> None:
        """Closed (not minimised): the next showing is another opening."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.seen = False

    def show_detail(self, detail: CaseDetail) -> None:
        self.detail = detail
        row = detail.row
        self.setWindowTitle(f"{row.number} — {row.member_name or 'member not named'}")
        self.header.setText(header_html(detail))
        self.clock_model.set_clocks(detail.clocks, self.ws.now())
        self.related.show_related(detail.related)
        self._show_notes(detail)
        self._show_tasks(detail.tasks)
        moves = allowed_moves(row.case_type, row.status, row.priority)
        self.status_button.setEnabled(bool(moves))
        can_extend = bool(extendable(detail.clocks))
        self.extend_button.setEnabled(can_extend)
        self.extend_button.setToolTip(
            "" if can_extend else "No running clock of this case may be extended: its rule "
                                  "allows no extension, or all of it is taken.")
        self.refer_button.setVisible(
            allows(self.actor.role, Permission.WORK_CASES)
            and can_refer(self.ws.rules.clinical_review, row.case_type, row.status, row.queue))
        self.missing_button.setVisible(
            asks_providers(row.case_type)
            and row.status not in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)
            and allows(self.actor.role, Permission.GENERATE_LETTERS))
        self._show_details(detail)
        self.member_button.setEnabled(bool(row.member_cin))
        self.contacts_box.load(row.number)
        self.trail.load()
        self.loaded.emit()

    def open_member(self) -> MemberWindow | None:
        """Open (or bring forward) the record of the case's member."""
        cin = self.detail.row.member_cin if self.detail else None
        if not cin:
            return None
        if self.member_window is None or self.member_window.cin != cin:
            self.member_window = MemberWindow(self.ws, self.actor, cin, self)
            self.member_window.case_opened.connect(self.case_opened)
        else:
            self.member_window.load(opening=not self.member_window.isVisible())
        return bring_forward(self.member_window)

    def _show_details(self, detail: CaseDetail) -> None:
        self.details.show_values(labelled_fields(self.ws.rules, detail.fields))

    def _show_notes(self, detail: CaseDetail) -> None:
        fill_notes(self.notes, detail)

    def _show_tasks(self, tasks: list[TaskView]) -> None:
        self.tasks_box.show_tasks(tasks)

    # Actions -------------------------------------------------------------------------------

    def _do(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Run a change off the GUI thread; on success report, reload and tell the queue."""
        def finished(result: Any) -> None:
            if done is not None:
                done(result)
            self.reload()
            self.changed.emit()
        self.message.clear()
        BackgroundOp(self, fn).success(finished).run()

    def add_note(self, text: str) -> None:
        def added(_note_id: object) -> None:
            self.note_text.clear()
            self.message.setText("Note added.")
        self._do(lambda: add_note(self.ws, self.actor, self.case_id, text), added)

    def complete_task(self, task_id: int) -> None:
        self._do(lambda: complete_task(self.ws, self.actor, task_id),
                 lambda _none: self.message.setText("Task done."))

    def add_task(self, description: str, due_at: datetime | None = None) -> None:
        """Add a to-do to the case (due by the end of a day, or whenever)."""
        self._do(lambda: add_task(self.ws, self.actor, self.case_id, "to_do", description,
                                  due_at),
                 lambda _id: self.message.setText("Task added."))

    def ask_task(self) -> QDialog:
        """Ask what the new task is and by when."""
        dialog = self.tasks_box.ask_add(plan_date(self.ws.now()))
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        return dialog

    def change_status(self, target: str, outcome: str | None = None) -> None:
        words = status_words(target)
        self._do(lambda: change_status(self.ws, self.actor, self.case_id, target, outcome),
                 lambda _none: self.message.setText(f"Status changed to {words}."))

    def extend(self, clock: str, days: int, reason: str) -> None:
        """Extend the clock; where its rule requires the member's written notice, say by when
        and offer that letter at once."""
        def extended(done: ClockExtension) -> None:
            text = f"Clock extended; now due {shown_time(done.due_at)} (Pacific)."
            notice = done.notice
            if notice is not None:
                text += (f" Send the member the {notice.title.lower()} by "
                         f"{shown_time(notice.due_at)} ({notice.citation}).")
            self.message.setText(text)
            if notice is not None and allows(self.actor.role, Permission.GENERATE_LETTERS):
                self.tabs.setCurrentWidget(self.letters_box)
                self.letters_box.ask_generate(notice.letter)
        self._do(lambda: extend_clock(self.ws, self.actor, self.case_id, clock, days, reason),
                 extended)

    # Questions -----------------------------------------------------------------------------

    def _ask(self, dialog: QDialog, on_accept: Callable[[], None]) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()  # window-modal, non-blocking
        return dialog

    def ask_status(self) -> StatusDialog | None:
        if self.detail is None:
            return None
        row = self.detail.row
        refused = refused_outcomes(self.ws.rules.clinical_review, self.actor.role,
                                   row.case_type)
        dialog = StatusDialog(row.case_type, allowed_moves(row.case_type, row.status,
                                                           row.priority), self, refused)
        self._ask(dialog, lambda: self.change_status(dialog.chosen_target(),
                                                     dialog.chosen_outcome()))
        return dialog

    def refer(self, note: str = "") -> None:
        """Send the request to the Clinical review queue, with what the reviewer should see."""
        self._do(lambda: refer_to_reviewer(self.ws, self.actor, self.case_id, note),
                 lambda _row: self.message.setText("Referred to a clinical reviewer: the case "
                                                   "waits in the Clinical review queue."))

    def ask_referral(self) -> ReferDialog | None:
        if self.detail is None:
            return None
        dialog = ReferDialog(self.detail.row.number, self)
        self._ask(dialog, lambda: self.refer(dialog.chosen()))
        return dialog

    def assign_to(self, username: str | None) -> None:
        def assigned(row: CaseRow) -> None:
            self.message.setText(f"Assigned to {row.assignee}." if row.assignee
                                 else "Back in its queue, unassigned.")
        self._do(lambda: assign(self.ws, self.actor, self.case_id, username), assigned)

    def request_missing_information(self) -> QDialog | None:
        """Ask for the reply-by date of the provider's fax-back letter, on the Letters tab."""
        self.tabs.setCurrentWidget(self.letters_box)
        return self.letters_box.ask_generate("missing_information")

    def ask_assignee(self) -> None:
        """Load who may be given the case, then ask."""
        current = self.detail.row.assignee if self.detail else None

        def ask(staff: list[StaffMember]) -> None:
            dialog = AssignDialog(staff, current, self)
            self._ask(dialog, lambda: self.assign_to(dialog.chosen()))
        BackgroundOp(self, lambda: assignable_staff(self.ws, self.actor)).success(ask).run()

    def ask_extension(self) -> ExtendDialog | None:
        if self.detail is None:
            return None
        dialog = ExtendDialog(self.detail.clocks, self)
        self._ask(dialog, lambda: self.extend(*dialog.chosen()))
        return dialog
