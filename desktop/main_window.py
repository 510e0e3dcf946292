"""The main window: queues on the left, the selected queue's cases in the centre."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.queues import CaseFilter, QueueCount, claim_next, queue_counts
from casework.cases.views import CaseRow
from casework.permissions import Permission, allows
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.admin_home import AdminHome
from desktop.case_table import CaseTableModel
from desktop.idle_lock import IdleWatcher, LockScreen, centred
from desktop.operations import BackgroundOp

MY_WORK = "__mine__"
REFRESH_MS = 30_000
EMPTY_TEXT = ("No cases here yet. Faxes and scans dropped in the watched folders appear "
              "here as soon as they are read.")
WORK, LOCKED = 0, 1
Shortcut = QKeySequence | QKeySequence.StandardKey | str


class MainWindow(QMainWindow):
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
        self.model = CaseTableModel(ws, actor)
        self._build_actions()
        self._build_body()
        self._build_status_bar()
        self.idle = IdleWatcher(idle_ms or settings.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        if self.sees_cases:
            self.refresh_timer.start()
        self._restore_geometry()
        self.refresh()

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
        self.about_action = self._action("&About", self._about)
        self.claim_action = self._action("&Claim next", self.claim, "Ctrl+N",
                                         Permission.WORK_CASES)
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addActions([self.sign_out_action, self.quit_action])
        self.admin_menu = menu.addMenu("&Admin")
        self.admin_menu.addActions([self.users_action, self.audit_action])
        self.admin_menu.menuAction().setVisible(
            self.users_action.isVisible() or self.audit_action.isVisible())
        menu.addMenu("&Help").addAction(self.about_action)
        self.toolbar = QToolBar("Actions", self)
        self.toolbar.setObjectName("actions")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.claim_action, self.refresh_action])
        self.addToolBar(self.toolbar)
        # Locking disables these; File > Sign out stays reachable from the lock screen itself.
        self.work_actions = [self.refresh_action, self.sign_out_action, self.users_action,
                             self.audit_action, self.claim_action, self.about_action]

    def _build_body(self) -> None:
        self.lock_screen = LockScreen(self.ws, self.actor)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out.connect(self.sign_out)
        self.body = QStackedWidget()
        self.body.addWidget(self._cases_view() if self.sees_cases else self._admin_view())
        self.body.addWidget(centred(self.lock_screen))
        self.setCentralWidget(self.body)

    def _cases_view(self) -> QWidget:
        self.queues = QListWidget()
        self.queues.setObjectName("queues")
        self.queues.setMinimumWidth(220)
        self.queues.setAccessibleName("Queues")
        self.queues.currentItemChanged.connect(self._queue_chosen)
        queues_label = QLabel("&Queues")
        queues_label.setObjectName("queues_heading")
        queues_label.setStyleSheet("font-weight: bold;")
        queues_label.setBuddy(self.queues)
        nav = QWidget()
        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(0, 0, 0, 0)
        nav_layout.addWidget(queues_label)
        nav_layout.addWidget(self.queues)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search case number, member name or ID (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload_table)
        find = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: self.search.setFocus())
        self.addAction(find)
        self.work_actions.append(find)
        self.table = QTableView()
        self.table.setObjectName("cases")
        self.table.setAccessibleName("Cases")
        self.table.setModel(self.model)
        # Oldest due first, as coordinators work; set before sorting is enabled, which applies it.
        self.table.horizontalHeader().setSortIndicator(7, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 13pt; padding: 40px;")
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.search)
        centre_layout.addWidget(self.table_stack)
        splitter = QSplitter()
        splitter.setObjectName("work_splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(nav)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 940])
        self.setTabOrder(self.queues, self.search)
        self.setTabOrder(self.search, self.table)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(8, 8, 8, 4)
        holder_layout.addWidget(splitter)
        return holder

    def _admin_view(self) -> QWidget:
        home = AdminHome(self.actor, self.users_action, self.audit_action)
        self.empty = home.note
        return home

    def _build_status_bar(self) -> None:
        role = self.actor.role.value.replace("_", " ")
        self.user_label = QLabel(f"Signed in as {self.actor.username} ({role})")
        self.user_label.setObjectName("signed_in")
        self.db_label = QLabel(f"Database: {self.ws.db.display_url}")
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.db_label.setObjectName("database")
        for label in (self.user_label, self.db_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

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
        self._hidden_by_lock = [w for w in self.tool_windows.values() if w.isVisible()]
        for window in self._hidden_by_lock:
            window.hide()
        self.lock_screen.reset()
        self.lock_screen.password.setFocus()

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
        if self.locked or not self.sees_cases:
            return
        BackgroundOp(self, lambda: queue_counts(self.ws, self.actor)).success(
            self._show_queues).run()

    def _show_queues(self, counts: list[QueueCount]) -> None:
        current = self.queues.currentItem()
        wanted = current.data(Qt.ItemDataRole.UserRole) if current else MY_WORK
        self.queues.blockSignals(True)
        self.queues.clear()
        entries = [(MY_WORK, "My work")] + [
            (c.queue, f"{c.queue.replace('_', ' ').title()}  ({c.open}"
             + (f", {c.overdue} overdue)" if c.overdue else ")"))
            for c in counts
        ]
        for key, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.queues.addItem(item)
            if key == wanted:
                self.queues.setCurrentItem(item)
        if self.queues.currentItem() is None:
            self.queues.setCurrentRow(0)
        self.queues.blockSignals(False)
        self.reload_table()

    def _queue_chosen(self, *_args: object) -> None:
        self.reload_table()

    def current_filter(self) -> CaseFilter:
        item = self.queues.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else MY_WORK
        search = self.search.text().strip() or None
        if key == MY_WORK:
            return CaseFilter(assignee=self.actor.username, search=search)
        return CaseFilter(queue=key, search=search)

    def reload_table(self) -> None:
        self.model.filters = self.current_filter()
        BackgroundOp(self, self.model.first_page).success(self._show_rows).run()

    def _show_rows(self, rows: list[CaseRow]) -> None:
        self.model.set_rows(rows)
        self.table_stack.setCurrentIndex(0 if rows else 1)

    def claim(self) -> None:
        item = self.queues.currentItem()
        key = item.data(Qt.ItemDataRole.UserRole) if item else MY_WORK
        if key == MY_WORK:
            QMessageBox.information(self, "Claim next", "Choose a queue first.")
            return
        BackgroundOp(self, lambda: claim_next(self.ws, self.actor, key)).success(
            self._claimed).run()

    def _claimed(self, row: CaseRow | None) -> None:
        if row is None:
            self.statusBar().showMessage("Nothing left to claim in this queue.", 5000)
        else:
            self.statusBar().showMessage(f"{row.number} is yours.", 5000)
        self.refresh()

    # Tool windows --------------------------------------------------------------------------

    def open_users(self) -> QWidget:
        """Open (or bring forward) the user accounts window."""
        from desktop.users_dialog import UsersDialog

        return self._tool("users", lambda: UsersDialog(self.ws, self.actor, self))

    def open_audit(self) -> QWidget:
        """Open (or bring forward) the audit trail viewer."""
        from desktop.audit_viewer import AuditViewer

        return self._tool("audit", lambda: AuditViewer(self.ws, self.actor, self))

    def _tool(self, key: str, make: object) -> QWidget:
        window = self.tool_windows.get(key)
        if window is None:
            window = make()  # type: ignore[operator]
            assert isinstance(window, QWidget)
            self.tool_windows[key] = window
        if window.isVisible():  # already open somewhere behind: bring it forward
            window.raise_()
            window.activateWindow()
        else:
            window.show()
        return window

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
        for window in self.tool_windows.values():
            window.close()
        super().closeEvent(event)
        self.closed.emit()
