"""The main window: queues on the left, the selected queue's cases in the centre."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
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
from desktop.case_table import CaseTableModel
from desktop.idle_lock import IdleWatcher, LockScreen
from desktop.operations import BackgroundOp

MY_WORK = "__mine__"
REFRESH_MS = 30_000
EMPTY_TEXT = ("No cases here yet. Faxes and scans dropped in the watched folders appear "
              "here as soon as they are read.")


class MainWindow(QMainWindow):
    """Emits `signed_out` when the person signs out (the app then shows the sign-in again)."""

    signed_out = Signal()

    def __init__(self, ws: Workspace, actor: Actor, settings: Settings,
                 idle_ms: int | None = None) -> None:
        super().__init__()
        self.ws = ws
        self.actor = actor
        self.settings = settings
        self.setWindowTitle(f"Intake Workstation — {actor.username}")
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
        self.refresh_timer.start()
        self._restore_geometry()
        self.refresh()

    # Layout --------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        refresh_key = QKeySequence(QKeySequence.StandardKey.Refresh)
        self.refresh_action = QAction("&Refresh", self, shortcut=refresh_key)
        self.refresh_action.triggered.connect(self.refresh)
        sign_out = QAction("Sign &out", self)
        sign_out.triggered.connect(self.sign_out)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        for action in (self.refresh_action, sign_out, quit_action):
            file_menu.addAction(action)
        help_menu = menu.addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.claim_action = QAction("&Claim next", self, shortcut=QKeySequence("Ctrl+N"))
        self.claim_action.setEnabled(allows(self.actor.role, Permission.WORK_CASES))
        self.claim_action.triggered.connect(self.claim)
        toolbar = QToolBar("Actions", self)
        toolbar.setObjectName("actions")
        toolbar.addAction(self.claim_action)
        toolbar.addAction(self.refresh_action)
        self.addToolBar(toolbar)

    def _build_body(self) -> None:
        self.queues = QListWidget()
        self.queues.setObjectName("queues")
        self.queues.setMinimumWidth(220)
        self.queues.currentItemChanged.connect(self._queue_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search case number, member name or ID")
        self.search.returnPressed.connect(self.reload_table)
        self.table = QTableView()
        self.table.setObjectName("cases")
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
        centre_layout.addWidget(self.search)
        centre_layout.addWidget(self.table_stack)
        splitter = QSplitter()
        splitter.addWidget(self.queues)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 1)
        self.lock_screen = LockScreen(self.ws, self.actor)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out.connect(self.sign_out)
        lock_holder = QWidget()
        lock_layout = QHBoxLayout(lock_holder)
        lock_layout.addWidget(self.lock_screen)
        self.body = QStackedWidget()
        self.body.addWidget(splitter)
        self.body.addWidget(lock_holder)
        self.setCentralWidget(self.body)

    def _build_status_bar(self) -> None:
        role = self.actor.role.value.replace("_", " ")
        self.statusBar().addPermanentWidget(
            QLabel(f"{self.actor.username} ({role})  ·  {self.ws.db.display_url}"))

    # Behaviour -----------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.body.currentIndex() == 1

    def lock(self) -> None:
        self.body.setCurrentIndex(1)
        self.menuBar().setEnabled(False)
        self.lock_screen.password.setFocus()

    def unlock(self) -> None:
        self.body.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.idle.timer.start()

    def refresh(self) -> None:
        if self.locked:
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

    def sign_out(self) -> None:
        self.idle.stop()
        self.refresh_timer.stop()
        self.signed_out.emit()
        self.close()

    def _about(self) -> None:
        QMessageBox.about(self, "Intake Workstation",
                          "Intake Workstation reads faxes and scans, opens cases with their "
                          "regulatory clocks, and produces letters.")

    def _restore_geometry(self) -> None:
        state = QSettings("intake-workstation", "window")
        geometry = state.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings("intake-workstation", "window").setValue("geometry", self.saveGeometry())
        self.idle.stop()
        self.refresh_timer.stop()
        super().closeEvent(event)
