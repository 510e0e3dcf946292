"""The main window: queues on the left, the selected queue's cases in the centre."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casework.actor import SYSTEM, Actor
from casework.cases.conversion import Conversion, convert_overdue_exempt
from casework.permissions import Permission, allows
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.admin_home import AdminHome
from desktop.case_notifier import CaseNotifier
from desktop.case_table import CaseTableModel
from desktop.idle_lock import IdleWatcher, LockScreen, centred
from desktop.intake_review import IntakeReview
from desktop.intake_service import IntakeService
from desktop.intake_status import IntakeStatus
from desktop.operations import BackgroundOp
from desktop.queue_view import QueueView
from desktop.tool_windows import ToolWindowsMixin

log = logging.getLogger(__name__)
REFRESH_MS = 30_000
CONVERTED_MESSAGE_MS = 60_000
WORK, LOCKED = 0, 1
Shortcut = QKeySequence | QKeySequence.StandardKey | str


class MainWindow(ToolWindowsMixin):
    """Emits `signed_out` when the person signs out and `closed` when the window closes."""

    signed_out = Signal()
    closed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 idle_ms: int | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.sees_cases = allows(actor.role, Permission.VIEW_CASES)
        self.tool_windows: dict[str, QWidget] = {}
        self._hidden_by_lock: list[QWidget] = []
        self.setWindowTitle(f"Intake Workstation — {actor.username}")
        self.setMinimumSize(720, 480)
        self.resize(1200, 760)
        self.model = CaseTableModel(ws, actor, self)
        self._build_actions()
        self._build_body()
        self._build_status_bar()
        self._start_background_work()
        self.idle = IdleWatcher(idle_ms or settings.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.timeout.connect(self.apply_deadlines)
        if self.sees_cases:
            self.refresh_timer.start()
        self._restore_geometry()
        self.refresh()
        self.apply_deadlines()

    # Layout --------------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: Shortcut | None = None,
                permission: Permission | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if permission is not None:
            # Hidden, not greyed out: a clerk has no use for a menu entry they can never use.
            action.setVisible(allows(self.actor.role, permission))
        return action

    def _build_actions(self) -> None:
        self.refresh_action = self._action("&Refresh", self.refresh,
                                           QKeySequence.StandardKey.Refresh)
        self.refresh_action.setVisible(self.sees_cases)
        self.sign_out_action = self._action("Sign &out", self.sign_out)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.users_action = self._action("&Users…", self.open_users, "Ctrl+Shift+U",
                                         Permission.MANAGE_USERS)
        self.audit_action = self._action("&Audit trail…", self.open_audit, "Ctrl+Shift+A",
                                         Permission.VIEW_AUDIT)
        self.vendors_action = self._action("Transportation &vendors…", self.open_vendors, None,
                                           Permission.MANAGE_VENDORS)
        self.settings_action = self._action("&Settings…", self.open_settings, None,
                                            Permission.MANAGE_SETTINGS)
        self.about_action = self._action("&About", self._about)
        self.claim_action = self._action("&Claim next", self.claim, "Ctrl+N",
                                         Permission.WORK_CASES)
        self.phone_action = self._action("New &phone case…", self.open_phone_intake,
                                         "Ctrl+Shift+P", Permission.WORK_CASES)
        self.dashboard_action = self._action("Supervisor &dashboard…", self.open_dashboard,
                                             "Ctrl+Shift+D", Permission.VIEW_REPORTS)
        self.letters_due_action = self._action("&Letters due today…", self.open_letters_due,
                                               "Ctrl+Shift+L", Permission.GENERATE_LETTERS)
        self.review_action = self._action("Intake &review…", self.open_intake_review,
                                          "Ctrl+Shift+R", Permission.REVIEW_DOCUMENTS)
        self.member_action = self._action("Find a &member…", self.open_member_finder,
                                          "Ctrl+Shift+M", Permission.VIEW_CASES)
        self.referrals_action = self._action("Re&ferrals…", self.open_referrals,
                                             "Ctrl+Shift+F", Permission.MANAGE_REFERRALS)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.phone_action, self.refresh_action])
        file_menu.addSeparator()
        file_menu.addActions([self.sign_out_action, self.quit_action])
        self._menu("&Work", [self.review_action, self.letters_due_action, self.member_action,
                             self.referrals_action, self.vendors_action])
        self._menu("&Reports", [self.dashboard_action])
        self.admin_menu = self._menu("&Admin", [self.users_action, self.audit_action,
                                                self.settings_action])
        menu.addMenu("&Help").addAction(self.about_action)
        self.toolbar = QToolBar("Actions", self)
        self.toolbar.setObjectName("actions")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.claim_action, self.phone_action, self.review_action,
                                 self.refresh_action])
        self.addToolBar(self.toolbar)
        # Locking disables these; File > Sign out stays reachable from the lock screen itself.
        self.work_actions = [self.refresh_action, self.sign_out_action, self.users_action,
                             self.audit_action, self.settings_action, self.claim_action,
                             self.phone_action, self.dashboard_action, self.review_action,
                             self.letters_due_action, self.member_action,
                             self.referrals_action, self.about_action]

    def _menu(self, title: str, actions: list[QAction]) -> QMenu:
        """A menu shown only when the role may use one of its entries."""
        menu = QMenu(title, self)
        self.menuBar().addMenu(menu)
        menu.addActions(actions)
        menu.menuAction().setVisible(any(a.isVisible() for a in actions))
        return menu

    def _build_body(self) -> None:
        self.lock_screen = LockScreen(self.ws, self.actor)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out.connect(self.sign_out)
        self.body = QStackedWidget()
        self.body.addWidget(self._cases_view() if self.sees_cases else self._admin_view())
        self.body.addWidget(centred(self.lock_screen))
        self.setCentralWidget(self.body)

    def _cases_view(self) -> QWidget:
        self.queue_view = QueueView(self.ws, self.actor, self.model)
        self.queue_view.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.queue_view.case_opened.connect(self.open_case)
        self.queues = self.queue_view.queues
        self.search = self.queue_view.search
        self.table = self.queue_view.table
        self.table_stack = self.queue_view.table_stack
        self.empty = self.queue_view.empty
        find = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: self.search.setFocus())
        self.addAction(find)
        self.work_actions.append(find)
        return self.queue_view

    def _admin_view(self) -> QWidget:
        home = AdminHome(self.actor, [self.users_action, self.audit_action,
                                      self.settings_action, self.dashboard_action])
        self.empty = home.note
        return home

    def _build_status_bar(self) -> None:
        role = self.actor.role.value.replace("_", " ")
        self.user_label = QLabel(f"Signed in as {self.actor.username} ({role})")
        self.user_label.setObjectName("signed_in")
        self.db_label = QLabel(f"Database: {self.ws.db.short_name}")
        self.db_label.setToolTip(self.ws.db.display_url)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_label.setObjectName("database")
        for label in (self.user_label, self.db_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

    def _start_background_work(self) -> None:
        """Folder intake in a process of its own, and the watch for new (expedited) cases."""
        self.intake = IntakeService(self.ws, self.actor, self.settings, self)
        self.intake_status = IntakeStatus()
        self.intake_status.setObjectName("intake_status")
        self.statusBar().insertPermanentWidget(0, self.intake_status)
        self.intake.state_changed.connect(self.intake_status.show_state)
        self.notifier = CaseNotifier(self.ws, self.actor, self.settings, self)
        self.notifier.arrived.connect(self.refresh)
        self.notifier.open_case.connect(self.open_case)
        # A document just filed is a case to announce now, not at the next poll.
        self.intake.document_updated.connect(lambda _update: self.notifier.poll())
        if self.sees_cases:
            layout = self.queue_view.layout()
            if isinstance(layout, QVBoxLayout):
                layout.insertWidget(0, self.notifier.banner)
        self.intake.start()
        self.notifier.start()

    # Locking -------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.body.currentIndex() == LOCKED

    def lock(self) -> None:
        """Hide member data behind the lock screen, including any open tool windows."""
        if self.locked:
            self.lock_screen.password.setFocus()
            return
        self.body.setCurrentIndex(LOCKED)
        for action in self.work_actions:
            action.setEnabled(False)
        self.toolbar.setEnabled(False)
        self._hidden_by_lock = self._open_child_windows()
        for window in self._hidden_by_lock:
            window.hide()
        self.lock_screen.reset()
        self.lock_screen.password.setFocus()

    def _open_child_windows(self) -> list[QWidget]:
        """Visible windows owned by this one: tool windows, their dialogs, message boxes."""
        owned = []
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            ancestor = widget.parentWidget()
            while ancestor is not None and ancestor is not self:
                ancestor = ancestor.parentWidget()
            if ancestor is self:
                owned.append(widget)
        return owned

    def unlock(self) -> None:
        self.body.setCurrentIndex(WORK)
        for action in self.work_actions:
            action.setEnabled(True)
        self.toolbar.setEnabled(True)
        for window in self._hidden_by_lock:
            window.show()
        self._hidden_by_lock = []
        self.idle.timer.start()
        self.refresh()

    # Queues and cases ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Recount the queues and reload the table (not while locked)."""
        if not self.locked and self.sees_cases:
            self.queue_view.refresh()
            review = self.tool_windows.get("review")
            if isinstance(review, IntakeReview) and review.isVisible():
                review.refresh()

    def claim(self) -> None:
        self.queue_view.claim()

    def apply_deadlines(self) -> None:
        """Apply the clock rules' deadlines off the GUI thread (an exempt grievance not resolved
        by the close of the next business day becomes standard), as the program itself: a
        site whose intake runs elsewhere still converts on time."""
        if not self.sees_cases:
            return
        BackgroundOp(self, lambda: convert_overdue_exempt(self.ws, SYSTEM, self.ws.now())) \
            .success(self._announce_conversions).failure(
                lambda error: log.warning("applying the clock rules' deadlines: %s", error)).run()

    def _announce_conversions(self, done: list[Conversion]) -> None:
        """Say which cases changed priority (number and type only, never the member)."""
        if not done:
            return
        text = " ".join(c.sentence() for c in done[:2])
        if len(done) > 2:
            text += f" {len(done) - 2} more cases became standard; see their notes."
        self.statusBar().showMessage(text, CONVERTED_MESSAGE_MS)
        self.refresh()

    # Leaving -------------------------------------------------------------------------------

    def sign_out(self) -> None:
        self.idle.stop()
        self.refresh_timer.stop()
        self.signed_out.emit()
        self.close()

    def _about(self) -> None:
        QMessageBox.about(self, "Intake Workstation",
                          "Intake Workstation reads faxes and scans, opens cases with their "
                          "regulatory clocks, and produces letters.")

    def _window_state(self) -> QSettings:
        # Kept apart from the settings file: geometry is the machine's, not a policy.
        path = self.settings.paths.state_dir / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        state = self._window_state()
        geometry = state.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()
        layout = state.value("main/state")
        if layout is not None:
            self.restoreState(layout)
        # The saved state may come from another person's window; the role decides the toolbar.
        self.toolbar.setVisible(self.sees_cases)

    def _fit_to_screen(self) -> None:
        """First start: a comfortable size that still fits a small or scaled-up screen."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.resize(min(1200, int(room.width() * 0.92)), min(760, int(room.height() * 0.9)))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.paths.state_dir.mkdir(parents=True, exist_ok=True)
        state = self._window_state()
        state.setValue("main/geometry", self.saveGeometry())
        state.setValue("main/state", self.saveState())
        state.sync()
        self.idle.stop()
        self.refresh_timer.stop()
        self.notifier.stop()
        self.intake.stop()  # returns at once; a page being read goes back to the queue
        for window in self.tool_windows.values():
            window.close()
        super().closeEvent(event)
        self.closed.emit()
