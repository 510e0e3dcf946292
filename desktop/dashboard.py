"""The supervisor dashboard: inventory, aging, on-time rate, overdue cases, workload,
referrals and outreach.

Each report is shown as a chart above its table, for a chosen period (the last three months by
default, in plan time), and can be exported as CSV, Excel or PDF. Every figure comes from
`casework.cases.reports`; this window only draws and saves what it is given.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.cases.report_charts import chart_data
from casework.cases.reports import build_reports
from casework.errors import InvalidValue
from casework.permissions import Permission
from casework.plan.timezone import plan_date
from casework.table_export import FORMATS, Table, export_table
from casework.workspace import Workspace
from desktop.dashboard_charts import build_chart, chart_height, chart_view
from desktop.operations import BackgroundOp
from desktop.report_table import ReportTableModel

DASHBOARD_REPORTS = ("inventory", "aging", "on_time", "overdue", "workload", "referrals",
                     "outreach")
TAB_TITLES = {"inventory": "&Inventory", "aging": "&Aging", "on_time": "On-&time rate",
              "overdue": "O&verdue", "workload": "&Workload", "referrals": "Re&ferrals",
              "outreach": "O&utreach"}
DEFAULT_MONTHS = 3
FILE_FILTERS = {"xlsx": "Excel workbook (*.xlsx)", "csv": "CSV spreadsheet (*.csv)",
                "pdf": "PDF document (*.pdf)"}


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def format_for(path: Path, chosen_filter: str) -> str:
    """The export format a save dialog's answer asks for: the file's suffix, else the filter."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    return next((fmt for fmt, text in FILE_FILTERS.items() if text == chosen_filter), "xlsx")


class ReportPanel(QWidget):
    """One report: its period line, its chart above its table, and an export button."""

    export_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"report_{name}")
        self.model = ReportTableModel()
        self.subtitle = QLabel("Loading…")
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setStyleSheet("color: #444;")
        self.chart = chart_view()
        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(False)  # rows come in the report's own order
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.export_button = QPushButton("&Export…")
        self.export_button.setObjectName("export")
        self.export_button.setToolTip("Save this report as an Excel workbook, CSV or PDF.")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_requested.emit(self.name))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        row = QHBoxLayout()
        row.addWidget(self.subtitle, 1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(splitter, 1)

    def show_table(self, table: Table) -> None:
        """Draw the report's chart and fill its table."""
        old = self.chart.chart()
        data = chart_data(self.name, table)
        self.chart.setChart(build_chart(data))
        self.chart.setMinimumHeight(chart_height(data))
        if old is not None:
            old.deleteLater()
        self.model.set_table(table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, header.sectionSize(column) + 16)  # room to breathe
        count = len(table.rows)
        self.subtitle.setText(f"{table.subtitle} · {count} row{'' if count == 1 else 's'}")
        self.export_button.setEnabled(True)


class Dashboard(QDialog):
    """Non-modal supervisor window; `loaded` fires each time the reports arrive."""

    loaded = Signal()
    exported = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor.require(Permission.VIEW_REPORTS)
        self.ws = ws
        self.actor = actor
        self.tables: dict[str, Table] = {}
        self.setWindowTitle("Supervisor dashboard — Intake Workstation")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setMinimumSize(820, 560)
        self.resize(1120, 780)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports")
        self.panels: dict[str, ReportPanel] = {}
        for name in DASHBOARD_REPORTS:
            panel = ReportPanel(name)
            panel.export_requested.connect(self.choose_export)
            self.panels[name] = panel
            self.tabs.addTab(panel, TAB_TITLES[name])
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.notice, 1)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self._period_row())
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        self.refresh()

    def _period_row(self) -> QHBoxLayout:
        today = plan_date(self.ws.now())
        self.start = QDateEdit(_qdate(months_before(today, DEFAULT_MONTHS)))
        self.start.setObjectName("start")
        self.end = QDateEdit(_qdate(today))
        self.end.setObjectName("end")
        row = QHBoxLayout()
        for text, edit in (("&From:", self.start), ("&To:", self.end)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("MM/dd/yyyy")
            label = QLabel(text)
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("refresh")
        self.refresh_button.setDefault(True)
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        hint = QLabel("Dates are Pacific time. Inventory, aging, overdue and open workload are "
                      "as of now; on-time rate and closures count the period.")
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        return row

    def period(self) -> tuple[date, date]:
        return _date(self.start.date()), _date(self.end.date())

    # Loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch every report for the chosen period in the background."""
        start, end = self.period()
        if end < start:
            self.notice.setText("The end date is before the start date; nothing was loaded.")
            return
        self.refresh_button.setEnabled(False)
        self.notice.setText("Loading the reports…")
        BackgroundOp(self, lambda: build_reports(self.ws, self.actor, DASHBOARD_REPORTS,
                                                 start, end)).success(
            self.show_tables).failure(self._load_failed).run()

    def show_tables(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        for name, table in tables.items():
            self.panels[name].show_table(table)
        self.refresh_button.setEnabled(True)
        start, end = self.period()
        self.notice.setText(f"Reports for {start:%m/%d/%Y} to {end:%m/%d/%Y}.")
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        from desktop.errors import show_error

        self.refresh_button.setEnabled(True)
        self.notice.setText("The reports could not be loaded.")
        show_error(self, error)

    # Export --------------------------------------------------------------------------------

    def suggested_name(self, name: str, fmt: str = "xlsx") -> str:
        """'on-time-rate-2026-08-02-to-2026-11-02.xlsx'."""
        start, end = self.period()
        return f"{name.replace('_', '-')}-{start.isoformat()}-to-{end.isoformat()}.{fmt}"

    def choose_export(self, name: str) -> None:
        filters = ";;".join(FILE_FILTERS.values())
        path, chosen = QFileDialog.getSaveFileName(
            self, f"Export {self.panels[name].model.table.title.lower()}",
            str(Path.home() / self.suggested_name(name)), filters)
        if path:
            chosen_path = Path(path)
            self.export(name, chosen_path, format_for(chosen_path, chosen))

    def export(self, name: str, path: Path, fmt: str) -> None:
        """Write the report as shown to `path` in `fmt` (csv, xlsx or pdf), atomically."""
        table = self.tables.get(name)
        if table is None:
            raise InvalidValue("The report has not loaded yet; export it once it shows.")
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        BackgroundOp(self, lambda: export_table(table, fmt, path)).success(
            lambda _none: self._exported(table, path)).with_progress(
            "Exporting the report…").run()

    def _exported(self, table: Table, path: Path) -> None:
        self.notice.setText(f"Exported {table.title.lower()} ({len(table.rows)} rows) to "
                            f"{path}.")
        self.exported.emit(str(path))
