"""The audit trail for supervisors and administrators: filter, read, verify, export."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.audit.export import AuditRow, export_trail
from casework.audit.people import people_names
from casework.audit.query import AuditChoices, AuditFilter, audit_choices, find_events
from casework.audit.verify import ChainReport, verify_chain
from casework.audit.wording import ACTION_WORDS
from casework.permissions import Permission, allows
from casework.plan.timezone import plan_date
from casework.workspace import Workspace
from desktop.audit_table import AuditTableModel
from desktop.operations import BackgroundOp

PAGE = 500
DEFAULT_DAYS = 30
INTACT_STYLE = ("background: #dff0d8; color: #1d5e20; border: 1px solid #9cc99c; "
                "padding: 8px 12px; font-size: 12pt; font-weight: bold;")
BROKEN_STYLE = ("background: #f8d7d7; color: #8a1010; border: 1px solid #d39090; "
                "padding: 8px 12px; font-size: 12pt; font-weight: bold;")


def chain_text(report: ChainReport) -> str:
    """The sentence the verify button shows."""
    if report.intact:
        return f"Intact: {report.checked} events verified"
    return f"Broken at event {report.broken_seq}: {report.problem}"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AuditViewer(QDialog):
    """Events filtered by period, user, action and record; the chain checked on demand."""

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor.require(Permission.VIEW_AUDIT)
        self.ws = ws
        self.actor = actor
        self.setWindowTitle("Audit trail — Intake Workstation")
        self.setMinimumSize(860, 520)
        self.resize(1100, 680)
        self.model = AuditTableModel()
        self.chain_result = QLabel("")
        self.chain_result.setObjectName("chain_result")
        self.chain_result.setWordWrap(True)
        self.chain_result.setVisible(False)
        self.table = QTableView()
        self.table.setObjectName("audit_events")
        self.table.setAccessibleName("Audit events")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 190, 420)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count_label = QLabel("")
        self.count_label.setObjectName("count")
        self.more_button = QPushButton("Show &more")
        self.more_button.setEnabled(False)
        self.more_button.clicked.connect(self.load_more)
        self.verify_button = QPushButton("&Verify chain")
        self.verify_button.setToolTip("Recompute every event's hash and name the first one "
                                      "that was altered, removed or inserted.")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton("&Export…")
        self.export_button.setToolTip("Save every event of the chosen period as CSV or PDF.")
        self.export_button.setVisible(allows(actor.role, Permission.EXPORT_AUDIT))
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(self.more_button)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        footer.addWidget(self.notice, 1)
        footer.addWidget(self.verify_button)
        footer.addWidget(self.export_button)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._filters_box())
        layout.addWidget(self.chain_result)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        self._set_tab_order(close)
        self._filters: AuditFilter = self.current_filter()
        self.load_choices()
        self.search()

    def _filters_box(self) -> QGroupBox:
        box = QGroupBox("Show events")
        today = plan_date(self.ws.now())
        self.start = QDateEdit(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("MM/dd/yyyy")
        self.user = QComboBox()
        self.action = QComboBox()
        self.entity_type = QComboBox()
        for combo in (self.user, self.action, self.entity_type):
            combo.addItem("Any", None)
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText("any")
        self.entity_id.returnPressed.connect(self.search)
        self.search_button = QPushButton("&Show")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton("C&lear")
        self.clear_button.clicked.connect(self.clear_filters)
        grid = QGridLayout(box)
        cells = (("&From:", self.start), ("&To:", self.end), ("&User:", self.user),
                 ("&Action:", self.action), ("Record t&ype:", self.entity_type),
                 ("Record &id:", self.entity_id))
        for n, (text, widget) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(widget)
            row, column = divmod(n, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(self.search_button, 0, 4)
        grid.addWidget(self.clear_button, 1, 4)
        return box

    def _set_tab_order(self, close: QPushButton) -> None:
        """Filters first, in reading order, then the table, then the buttons under it."""
        chain: list[QWidget] = [self.start, self.end, self.user, self.action,
                                self.entity_type, self.entity_id, self.search_button,
                                self.clear_button, self.table, self.more_button,
                                self.verify_button, self.export_button, close]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self.start.setFocus()

    # Filters -------------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        """The filter the fields describe now."""
        return AuditFilter(
            start=_date(self.start.date()), end=_date(self.end.date()),
            actor=self.user.currentData(), action=self.action.currentData(),
            entity_type=self.entity_type.currentData(),
            entity_id=self.entity_id.text().strip() or None)

    def clear_filters(self) -> None:
        today = plan_date(self.ws.now())
        self.start.setDate(_qdate(today - timedelta(days=DEFAULT_DAYS)))
        self.end.setDate(_qdate(today))
        for combo in (self.user, self.action, self.entity_type):
            combo.setCurrentIndex(0)
        self.entity_id.clear()
        self.search()

    def load_choices(self) -> None:
        BackgroundOp(self, lambda: audit_choices(self.ws, self.actor)).success(
            self._show_choices).run()
        BackgroundOp(self, lambda: people_names(self.ws, self.actor)).success(
            self.model.set_names).run()

    def _show_choices(self, choices: AuditChoices) -> None:
        for combo, values in ((self.user, choices.actors), (self.action, choices.actions),
                              (self.entity_type, choices.entity_types)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("Any", None)
            for value in values:
                words = ACTION_WORDS.get(value, value) if combo is self.action else value
                combo.addItem(words, value)
            found = combo.findData(chosen)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def select_user(self, username: str) -> None:
        """Choose a user in the filter (the list fills in the background)."""
        self.user.setCurrentIndex(max(self.user.findData(username), 0))

    # Loading -------------------------------------------------------------------------------

    def search(self) -> None:
        """Fetch the first page of events for the filter the fields describe."""
        self._filters = filters = self.current_filter()
        self.count_label.setText("Loading…")
        BackgroundOp(self, lambda: find_events(self.ws, self.actor, filters, PAGE)).success(
            self._show_first).run()

    def _show_first(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self._after_load(len(rows))

    def load_more(self) -> None:
        filters, offset = self._filters, self.model.rowCount()
        self.more_button.setEnabled(False)
        BackgroundOp(self, lambda: find_events(self.ws, self.actor, filters, PAGE, offset)
                     ).success(self._show_more).run()

    def _show_more(self, rows: list[AuditRow]) -> None:
        self.model.append_rows(rows)
        self._after_load(len(rows))

    def _after_load(self, fetched: int) -> None:
        shown = self.model.rowCount()
        more = fetched == PAGE
        noun = "event" if shown == 1 else "events"
        self.count_label.setText(f"{shown} {noun} shown, newest first"
                                 + (" (more available)" if more else ""))
        self.more_button.setEnabled(more)

    # Verify and export ---------------------------------------------------------------------

    def verify(self) -> None:
        """Recompute the whole chain in the background and show the outcome above the table."""
        self.verify_button.setEnabled(False)
        BackgroundOp(self, lambda: verify_chain(self.ws, self.actor)).success(
            self._show_report).failure(self._verify_failed).with_progress(
            "Checking every event of the audit trail…").run()

    def _show_report(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.chain_result.setText(chain_text(report))
        self.chain_result.setStyleSheet(INTACT_STYLE if report.intact else BROKEN_STYLE)
        self.chain_result.setVisible(True)
        self.model.mark_broken(report.broken_seq)

    def _verify_failed(self, error: BaseException) -> None:
        from desktop.errors import show_error

        self.verify_button.setEnabled(True)
        show_error(self, error)

    def choose_export(self) -> None:
        start, end = _date(self.start.date()), _date(self.end.date())
        suggested = f"audit-trail-{start.isoformat()}-to-{end.isoformat()}.csv"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export the audit trail", str(Path.home() / suggested),
            "CSV spreadsheet (*.csv);;PDF document (*.pdf)")
        if path:
            fmt = "pdf" if "pdf" in chosen.lower() or path.lower().endswith(".pdf") else "csv"
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> None:
        """Write the period's events to `path` as csv or pdf (the export is itself audited)."""
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        start, end = _date(self.start.date()), _date(self.end.date())
        BackgroundOp(self, lambda: export_trail(self.ws, self.actor, start, end, fmt, path)
                     ).success(lambda n: self._exported(n, path)).with_progress(
            "Exporting the audit trail…").run()

    def _exported(self, count: int, path: Path) -> None:
        self.notice.setText(f"Exported {count} events to {path}.")
        self.search()  # the export is itself an event
