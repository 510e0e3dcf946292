"""The case workspace's Documents box: the case's documents, each opened in its own window."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidgetItem, QPushButton, QVBoxLayout

from casework.actor import Actor
from casework.db.states import DocumentStatus
from casework.documents.case_documents import CaseDocumentView, case_documents
from casework.permissions import Permission, allows
from casework.workspace import Workspace
from desktop.bring_forward import bring_forward
from desktop.case_clocks import shown_time
from desktop.document_window import DocumentWindow
from desktop.opening_list import OpeningList
from desktop.operations import BackgroundOp


def document_line(view: CaseDocumentView) -> str:
    """One document as the list shows it: what it is, pages, when, verified or not."""
    pages = f"{view.pages} page{'s' if view.pages != 1 else ''}" if view.pages else "no pages"
    state = f"✓ verified by {view.verified_by}" if view.verified_by else "not yet verified"
    if view.status != DocumentStatus.PROCESSED:
        state = view.status
    return (f"{view.form_label}\nDocument {view.document_id} · {pages}\n"
            f"Received {shown_time(view.received_at)}\n{state}")


class CaseDocumentsBox(QGroupBox):
    """The documents filed into `case_id`; `loaded` when listed, `changed` after a correction."""

    loaded = Signal()
    changed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, case_id: int) -> None:
        super().__init__("Documents")
        self.ws = ws
        self.actor = actor
        self.case_id = case_id
        self.documents: list[CaseDocumentView] = []
        self.windows: dict[int, DocumentWindow] = {}
        self.list = OpeningList()
        self.list.setObjectName("documents")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_chosen())
        self.list.open_requested.connect(self.open_chosen)
        self.list.currentItemChanged.connect(self._chosen)
        self.open_button = QPushButton("&Open document")
        self.open_button.setObjectName("open_document")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setVisible(allows(actor.role, Permission.VIEW_DOCUMENTS))

    def load(self) -> None:
        """List the case's documents again (off the GUI thread)."""
        BackgroundOp(self, lambda: case_documents(self.ws, self.actor, self.case_id)).success(
            self.show_documents).run()

    def show_documents(self, documents: list[CaseDocumentView]) -> None:
        chosen = self._chosen_id()
        self.documents = documents
        self.list.clear()
        for view in documents:
            item = QListWidgetItem(document_line(view))
            item.setData(Qt.ItemDataRole.UserRole, view.document_id)
            item.setToolTip(f"{view.original_name} — {view.why_attached}")
            if view.status != DocumentStatus.PROCESSED:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # nothing read yet to show
            self.list.addItem(item)
            if view.document_id == chosen:
                self.list.setCurrentItem(item)
        if not documents:
            placeholder = QListWidgetItem("No documents (a phone case).")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self._chosen()
        self.loaded.emit()

    def _chosen_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def _chosen(self, *_args: object) -> None:
        self.open_button.setEnabled(self._chosen_id() is not None)

    def open_chosen(self) -> DocumentWindow | None:
        document_id = self._chosen_id()
        return self.open_document(document_id) if document_id is not None else None

    def open_document(self, document_id: int) -> DocumentWindow:
        """Open (or bring forward) the window of one document."""
        window = self.windows.get(document_id)
        if window is None or not shiboken6.isValid(window):
            window = DocumentWindow(self.ws, self.actor, document_id, self.window())
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.changed.connect(self.load)
            window.changed.connect(self.changed)
            window.closed.connect(lambda: self.windows.pop(document_id, None))
            self.windows[document_id] = window
        return bring_forward(window)
