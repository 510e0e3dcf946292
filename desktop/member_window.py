"""One member across every case: the roster's details, then cases, documents, letters,
contacts and referrals, newest first. Opened from a case window or by searching the roster;
each opening is recorded as a look at the member's health information."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.members.member_record import MemberRecord, member_record
from casework.workspace import Workspace
from desktop.member_rows import (
    CASE_COLUMNS,
    CONTACT_COLUMNS,
    DOCUMENT_COLUMNS,
    LETTER_COLUMNS,
    REFERRAL_COLUMNS,
    case_rows,
    contact_rows,
    document_rows,
    header_lines,
    letter_rows,
    referral_rows,
)
from desktop.operations import BackgroundOp
from desktop.text_table import TextTableModel, fit_columns, text_table


class MemberWindow(QDialog):
    """Non-modal window for the member with Medi-Cal ID `cin`; `loaded` fires when the record
    arrives, `case_opened` (the case id) and `document_opened` when a row is opened."""

    loaded = Signal()
    case_opened = Signal(int)
    document_opened = Signal(int)

    def __init__(self, ws: Workspace, actor: Actor, cin: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.cin = cin
        self.record: MemberRecord | None = None
        self.setWindowTitle(f"Member {cin}")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1000, 640)
        self.header = QLabel("Loading…")
        self.header.setObjectName("member_header")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("member_tabs")
        self.models: dict[str, TextTableModel] = {}
        self.views: dict[str, QTableView] = {}
        for name, title, columns in (("cases", "&Cases", CASE_COLUMNS),
                                     ("documents", "&Documents", DOCUMENT_COLUMNS),
                                     ("letters", "&Letters", LETTER_COLUMNS),
                                     ("contacts", "C&ontacts", CONTACT_COLUMNS),
                                     ("referrals", "&Referrals", REFERRAL_COLUMNS)):
            model = TextTableModel(columns, self)
            view = text_table(name, model)
            self.models[name], self.views[name] = model, view
            self.tabs.addTab(view, title)
        self.views["cases"].doubleClicked.connect(self._open_case)
        self.views["cases"].setToolTip("Double-click a case to open it.")
        self.views["documents"].doubleClicked.connect(self._open_document)
        self.views["documents"].setToolTip("Double-click a document to look at it.")
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        self.load(opening=True)

    def load(self, opening: bool = False) -> None:
        """Read the member's record (a look at it when `opening`)."""
        BackgroundOp(self, lambda: member_record(self.ws, self.actor, self.cin,
                                                 opening=opening)).success(self.show_record).run()

    def show_record(self, record: MemberRecord) -> None:
        self.record = record
        self.setWindowTitle(f"{record.name or 'Member'} ({record.cin}) — member record")
        lines = [escape(line) for line in header_lines(record)]
        lines[0] = f"<span style='font-size:15pt; font-weight:bold'>{lines[0]}</span>"
        self.header.setText("<br>".join(lines))
        now = self.ws.now()
        rows = {"cases": case_rows(record.cases, self.ws.rules.routing.queue_label),
                "documents": document_rows(record.documents),
                "letters": letter_rows(record.letters), "contacts": contact_rows(record.contacts),
                "referrals": referral_rows(record.referrals, now)}
        for name, found in rows.items():
            self.models[name].set_rows(found)
            fit_columns(self.views[name])
            index = self.tabs.indexOf(self.views[name])
            self.tabs.setTabText(index, f"{self.tabs.tabText(index).split(' (')[0]} "
                                        f"({len(found)})")
        self.loaded.emit()

    def _open_case(self, index: QModelIndex) -> None:
        key = self.models["cases"].data(index, Qt.ItemDataRole.UserRole)
        if isinstance(key, int):
            self.case_opened.emit(key)

    def _open_document(self, index: QModelIndex) -> None:
        key = self.models["documents"].data(index, Qt.ItemDataRole.UserRole)
        if isinstance(key, int):
            self.document_opened.emit(key)
