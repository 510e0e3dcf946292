"""Intake Review: the documents intake could not finish alone, and the clerk's actions on them.

Every action runs as a background operation through a casework service; the list reloads
afterwards and the message line says what happened ("Document 14 split into 15 and 16.").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.documents.page_images import page_thumbnails
from casework.documents.page_split import merge_documents, split_document
from casework.documents.refiling import Refiled
from casework.documents.review import ReviewItem, ReviewReason, form_choices, review_items
from casework.documents.review_actions import Dismissed, dismiss_item, set_document_type
from casework.intake.documents import retry_document
from casework.permissions import Permission, allows
from casework.workspace import Workspace
from desktop.intake_review_dialogs import DismissDialog, SetTypeDialog
from desktop.intake_review_model import ReviewTableModel
from desktop.operations import BackgroundOp
from desktop.split_dialog import SplitDialog

EMPTY_TEXT = ("Nothing is waiting for review. Faxes and scans that cannot be read, are not "
              "recognised, or came in twice appear here.")
# No pages of their own to type, split or merge.
UNREAD = (ReviewReason.REJECTED, ReviewReason.DUPLICATE)
MAX_NAME_WIDTH, MAX_GUESS_WIDTH = 260, 240  # pixels; the reason gets the rest


def _and(values: Sequence[object]) -> str:
    """'15', '15 and 16', '3, 4 and 5'."""
    text = [str(v) for v in values]
    return text[0] if len(text) == 1 else ", ".join(text[:-1]) + f" and {text[-1]}"


class IntakeReview(QWidget):
    """Emits `document_opened` with a document id (Open, Enter or double-click) and `status`
    with the sentence the message line shows, for a status bar."""

    document_opened = Signal(int)
    status = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.model = ReviewTableModel()
        self.loaded = False
        self.dialog: QDialog | None = None  # the question being asked, if any
        self.table = self._review_table()
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555; font-size: 13pt; padding: 40px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.heading = QLabel("Intake review")
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Last action")
        self.buttons: dict[str, QPushButton] = {}
        self._lay_out()
        self.setFocusProxy(self.table)  # arriving on the screen puts the keyboard in the list
        self._update_buttons()

    # Building ------------------------------------------------------------------------------

    def _review_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("review_items")
        table.setAccessibleName("Documents waiting for review")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)  # a reason is read whole, not guessed from its start
        table.verticalHeader().setVisible(False)
        # Rows grow to their wrapped reason, and follow when the window is resized.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        table.activated.connect(self._row_activated)
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        return table

    def _lay_out(self) -> None:
        actions: list[tuple[str, str, Callable[[], None], str | None]] = [
            ("open", "&Open", self.open_selected, None),
            ("set_type", "Set &type…", self.set_type, "Ctrl+T"),
            ("split", "&Split…", self.split, None),
            ("merge", "&Merge", self.merge, None),
            ("retry", "&Retry", self.retry, None),
            ("dismiss", "&Dismiss…", self.dismiss, "Del"),
            ("refresh", "Re&fresh", self.refresh, "F5"),
        ]
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for key, text, slot, shortcut in actions:
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, slot,
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
                button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
            self.buttons[key] = button
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)

    # Selection -----------------------------------------------------------------------------

    def selected(self) -> list[ReviewItem]:
        """The chosen items, top to bottom."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [item for item in (self.model.item(r) for r in rows) if item is not None]

    def select_documents(self, document_ids: list[int]) -> None:
        """Select the rows of these documents (the first becomes current)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for n, document_id in enumerate(document_ids):
            row = self.model.row_of(document_id)
            if row is None:
                continue
            index = self.model.index(row, 0)
            flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
            if n == 0:
                selection.setCurrentIndex(index, flags)
            else:
                selection.select(index, flags)

    def _update_buttons(self, *_args: object) -> None:
        items = self.selected()
        one = items[0] if len(items) == 1 else None
        readable = [i for i in items if i.kind not in UNREAD]
        may_review = allows(self.actor.role, Permission.REVIEW_DOCUMENTS)
        may_retry = allows(self.actor.role, Permission.RETRY_DOCUMENTS)
        enabled = {
            "open": one is not None and one.kind != ReviewReason.REJECTED,
            "set_type": may_review and one is not None and one.kind not in UNREAD,
            "split": may_review and one is not None and one.kind not in UNREAD
            and (one.pages or 0) > 1,
            "merge": may_review and len(items) > 1 and len(readable) == len(items),
            "retry": may_retry and bool(items)
                     and all(i.kind == ReviewReason.REJECTED for i in items),
            "dismiss": may_review and one is not None,
            "refresh": True,
        }
        for key, button in self.buttons.items():
            button.setEnabled(enabled[key])

    # Loading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list (keeping the chosen rows where they still are)."""
        keep = [i.document_id for i in self.selected()]
        BackgroundOp(self, lambda: review_items(self.ws, self.actor)).success(
            lambda items: self._show(items, keep)).run()

    def _show(self, items: list[ReviewItem], keep: list[int]) -> None:
        self.model.set_rows(items)
        self.loaded = True
        self.stack.setCurrentIndex(0 if items else 1)
        self.heading.setText(f"Intake review — {len(items)} waiting" if items
                             else "Intake review")
        if items:
            for column in (0, 1, 2, 4):
                self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), MAX_NAME_WIDTH))
            self.table.setColumnWidth(4, min(self.table.columnWidth(4), MAX_GUESS_WIDTH))
            self.select_documents([k for k in keep if self.model.row_of(k) is not None]
                                  or [items[0].document_id])
        self._update_buttons()

    def say(self, text: str) -> None:
        """Show what happened on the message line (and tell the window's status bar)."""
        self.message.setText(text)
        self.status.emit(text)

    def _act(self, call: Callable[[], Any], done: Callable[[Any], str], label: str) -> None:
        """Run a service call, then say what happened and reload the list."""
        def finished(result: Any) -> None:
            self.say(done(result))
            self.refresh()
        BackgroundOp(self, call).success(finished).with_progress(label).run()

    def _ask(self, dialog: QDialog) -> None:
        """Show a question without blocking; its answer arrives through `accepted`."""
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._asked(dialog))
        dialog.open()

    def _asked(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # Actions -------------------------------------------------------------------------------

    def _row_activated(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None and item.kind != ReviewReason.REJECTED:
            self.document_opened.emit(item.shown_document)

    def open_selected(self) -> None:
        """Show the chosen document's pages (a copy shows the original it repeats)."""
        items = self.selected()
        if len(items) == 1 and items[0].kind != ReviewReason.REJECTED:
            self.document_opened.emit(items[0].shown_document)

    def set_type(self) -> None:
        items = self.selected()
        if len(items) != 1 or items[0].kind in UNREAD:
            return
        item = items[0]
        dialog = SetTypeDialog(item, form_choices(self.ws.rules), self)
        dialog.accepted.connect(lambda: self.set_type_to(item.document_id, dialog.chosen(),
                                                         dialog.form.currentText()))
        self._ask(dialog)

    def set_type_to(self, document_id: int, form_type: str, label: str) -> None:
        """Set the document's type (the dialog's answer) and say where it was filed."""
        def done(refiled: Refiled) -> str:
            return f"Document {document_id} set to {label}; filed in {refiled.case_number}."
        self._act(lambda: set_document_type(self.ws, self.actor, document_id, form_type),
                  done, "Filing the document…")

    def split(self) -> None:
        items = self.selected()
        if len(items) != 1 or items[0].kind in UNREAD:
            return
        dialog = SplitDialog(items[0], self)
        document_id = items[0].document_id
        dialog.accepted.connect(lambda: self.split_into(document_id, dialog.groups()))
        self._ask(dialog)
        BackgroundOp(dialog, lambda: page_thumbnails(self.ws, self.actor, document_id)).success(
            dialog.show_thumbnails).run()

    def split_into(self, document_id: int, groups: list[list[int]]) -> None:
        """Split the document into these groups of pages."""
        self._act(lambda: split_document(self.ws, self.actor, document_id, groups),
                  lambda ids: f"Document {document_id} split into {_and(ids)}.",
                  "Splitting the document…")

    def merge(self) -> None:
        """Merge the chosen documents into one, their pages in the order they arrived."""
        arrived = sorted(self.selected(), key=lambda i: (i.received_at, i.document_id))
        ids = [i.document_id for i in arrived]
        if len(ids) < 2:
            return
        self._act(lambda: merge_documents(self.ws, self.actor, ids),
                  lambda merged: f"Documents {_and(ids)} merged into {merged}.",
                  "Merging the documents…")

    def retry(self) -> None:
        """Queue the chosen rejected documents to be read again (after a fix)."""
        ids = [i.document_id for i in self.selected() if i.kind == ReviewReason.REJECTED]
        if not ids:
            return

        def queue_all() -> list[int]:
            return [retry_document(self.ws, self.actor, i) for i in ids]
        noun = "Document" if len(ids) == 1 else "Documents"
        self._act(queue_all, lambda _jobs: f"{noun} {_and(ids)} queued to be read again.",
                  "Queuing…")

    def dismiss(self) -> None:
        items = self.selected()
        if len(items) != 1:
            return
        document_id = items[0].document_id
        dialog = DismissDialog(items[0], self)
        dialog.accepted.connect(lambda: self.dismiss_with(document_id, dialog.chosen()))
        self._ask(dialog)

    def dismiss_with(self, document_id: int, reason: str) -> None:
        """Take the document off the list with this reason."""
        def done(dismissed: Dismissed) -> str:
            closed = (f"; {_and(dismissed.closed_cases)} closed"
                      if dismissed.closed_cases else "")
            return f"Document {document_id} dismissed ({reason}){closed}."
        self._act(lambda: dismiss_item(self.ws, self.actor, document_id, reason), done,
                  "Dismissing…")

