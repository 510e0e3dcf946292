"""The work area of staff accounts: queues on the left, the chosen queue's cases on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.queues import CaseFilter, QueueCount, claim_next, queue_counts
from casework.cases.views import CaseRow
from casework.workspace import Workspace
from desktop.case_table import SORTED_BY_DEFAULT, CaseTableModel
from desktop.operations import BackgroundOp

MY_WORK = "__mine__"
EMPTY_TEXT = ("No cases here yet. Faxes and scans dropped in the watched folders appear "
              "here as soon as they are read.")
EMPTY_MINE = ("Nothing is assigned to you. Choose a queue on the left; Claim next (Ctrl+N) "
              "gives you its case due soonest.")
EMPTY_SEARCH = "No open case matches “{}” here. Search looks at case numbers, member names " \
    "and IDs, and the words of every faxed page."


class QueueView(QWidget):
    """Emits `status` with a short sentence for the status bar (after claiming, for one), and
    `case_opened` with a case id when a row is activated (double-click or Enter)."""

    status = Signal(str)
    case_opened = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, model: CaseTableModel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.model = model
        model.reloaded.connect(self._show_rows)
        self.queues = QListWidget()
        self.queues.setObjectName("queues")
        self.queues.setMinimumWidth(150)
        # The pane is as wide as its longest entry (see `_fit_queues`); narrower, an entry
        # ends in "…" and its tool tip says it whole.
        self.queues.setWordWrap(False)
        self.queues.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.queues.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queues.setAccessibleName("Queues")
        self.queues.currentItemChanged.connect(self._queue_chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            "Search case number, member name or ID, or words in the documents (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload_table)
        self.table = self._case_table()
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 13pt; padding: 40px;")
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty)
        self._lay_out()

    def _case_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("cases")
        table.setAccessibleName("Cases")
        table.setModel(self.model)
        # Oldest due first, as coordinators work; set before sorting is enabled, which applies it.
        table.horizontalHeader().setSortIndicator(SORTED_BY_DEFAULT, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        # A date and its time on one line, a name whole: each column as wide as its cells.
        table.setWordWrap(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setVisible(False)
        table.activated.connect(self._row_activated)
        return table

    def _row_activated(self, index: QModelIndex) -> None:
        case_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.case_opened.emit(int(case_id))

    def _lay_out(self) -> None:
        heading = QLabel("&Queues")
        heading.setObjectName("queues_heading")
        heading.setStyleSheet("font-weight: bold;")
        heading.setBuddy(self.queues)
        nav = QWidget()
        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(0, 0, 0, 0)
        nav_layout.addWidget(heading)
        nav_layout.addWidget(self.queues)
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
        splitter.setSizes([220, 980])
        self.splitter = splitter
        self.setTabOrder(self.queues, self.search)
        self.setTabOrder(self.search, self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(splitter)

    def refresh(self) -> None:
        """Recount the queues, then reload the chosen one."""
        BackgroundOp(self, lambda: queue_counts(self.ws, self.actor)).success(
            self._show_queues).run()

    def _show_queues(self, counts: list[QueueCount]) -> None:
        current = self.queues.currentItem()
        wanted = current.data(Qt.ItemDataRole.UserRole) if current else MY_WORK
        self.queues.blockSignals(True)
        self.queues.clear()
        entries = [(MY_WORK, "My work", "Cases assigned to you")] + [
            (c.queue, f"{c.label or c.queue}  ({c.open}"
             + (f", {c.overdue} overdue)" if c.overdue else ")"),
             f"{c.label or c.queue}: {c.open} open, {c.overdue} overdue")
            for c in counts
        ]
        for key, label, tip in entries:
            item = QListWidgetItem(label)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.queues.addItem(item)
            if key == wanted:
                self.queues.setCurrentItem(item)
        if self.queues.currentItem() is None:
            self.queues.setCurrentRow(0)
        self.queues.blockSignals(False)
        self._fit_queues()
        self.reload_table()

    def _fit_queues(self) -> None:
        """Make the queue pane as wide as its longest entry (within reason), the table the rest."""
        metrics = self.queues.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.queues.item(i).text())
                      for i in range(self.queues.count())), default=0)
        wanted = min(max(widest + 2 * self.queues.frameWidth() + 16, 150), 300)
        total = sum(self.splitter.sizes())
        if total > wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def _queue_chosen(self, *_args: object) -> None:
        self.reload_table()

    def current_queue(self) -> str:
        item = self.queues.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else MY_WORK

    def current_filter(self) -> CaseFilter:
        key = self.current_queue()
        search = self.search.text().strip() or None
        if key == MY_WORK:
            return CaseFilter(assignee=self.actor.username, search=search)
        return CaseFilter(queue=key, search=search)

    def reload_table(self) -> None:
        """Fetch the chosen queue's first page again; `_show_rows` follows when it lands."""
        self.model.reload(self.current_filter())

    def _show_rows(self, count: int) -> None:
        self.empty.setText(self._empty_text())
        self.table_stack.setCurrentIndex(0 if count else 1)
        if count:
            # Case numbers are read aloud and dates compared: every column shows its cells whole.
            self.table.resizeColumnsToContents()

    def _empty_text(self) -> str:
        searched = self.search.text().strip()
        if searched:
            return EMPTY_SEARCH.format(searched)
        # With no queue at all (a new installation) there is nothing to claim yet either.
        if self.current_queue() == MY_WORK and self.queues.count() > 1:
            return EMPTY_MINE
        return EMPTY_TEXT

    def claim(self) -> None:
        """Take the next case of the chosen queue."""
        key = self.current_queue()
        if key == MY_WORK:
            self.status.emit("Choose a queue first, then Claim next takes its oldest case.")
            return
        BackgroundOp(self, lambda: claim_next(self.ws, self.actor, key)).success(
            self._claimed).run()

    def _claimed(self, row: CaseRow | None) -> None:
        self.status.emit("Nothing left to claim in this queue." if row is None
                         else f"{row.number} is yours.")
        self.refresh()
