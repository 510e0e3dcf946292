"""What a clerk can do with a fax no form recognised, on the document's own window: say which
form it is (its fields are read again and it is filed), or dismiss it with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from casework.actor import Actor
from casework.documents.refiling import Refiled
from casework.documents.review import ReviewItem, form_choices, review_items
from casework.documents.review_actions import Dismissed, dismiss_item, set_document_type
from casework.permissions import Permission, allows
from casework.workspace import Workspace
from desktop.intake_review_dialogs import DismissDialog, SetTypeDialog
from desktop.operations import BackgroundOp

SAYS = ("<b>Not recognised as one of our forms.</b> Look at the page, then say which form "
        "it is, or dismiss it with the reason.")


class UnrecognisedActions(QFrame):
    """A bar over the fields; `done` carries a sentence saying what happened."""

    done = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, document_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.document_id = document_id
        self.dialog: QDialog | None = None
        self.setObjectName("unrecognised_actions")
        self.setStyleSheet("#unrecognised_actions { background: #fff4ce; border-radius: 4px; }")
        self.words = QLabel(SAYS)
        self.words.setWordWrap(True)
        self.set_type_button = QPushButton("Set &type…")
        self.set_type_button.setObjectName("set_type")
        self.set_type_button.clicked.connect(self.ask_type)
        self.dismiss_button = QPushButton("&Dismiss…")
        self.dismiss_button.setObjectName("dismiss")
        self.dismiss_button.clicked.connect(self.ask_dismissal)
        may = allows(actor.role, Permission.REVIEW_DOCUMENTS)
        self.set_type_button.setVisible(may)
        self.dismiss_button.setVisible(may)
        layout = QHBoxLayout(self)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.set_type_button)
        layout.addWidget(self.dismiss_button)

    def _with_item(self, ask: object) -> None:
        """Fetch the document's review entry (its guesses), then ask."""
        def found(items: list[ReviewItem]) -> None:
            item = next((i for i in items if i.document_id == self.document_id), None)
            if item is None:
                self.done.emit("This document is no longer waiting for review.")
                return
            assert callable(ask)
            ask(item)
        BackgroundOp(self, lambda: review_items(self.ws, self.actor)).success(found).run()

    def ask_type(self) -> None:
        """Ask which form the document is, the best guess first."""
        def ask(item: ReviewItem) -> None:
            dialog = SetTypeDialog(item, form_choices(self.ws.rules), self)
            dialog.accepted.connect(lambda: self.set_type(dialog.chosen(),
                                                          dialog.form.currentText()))
            self._open(dialog)
        self._with_item(ask)

    def set_type(self, form_type: str, label: str) -> None:
        """File the document as `form_type`."""
        def filed(refiled: Refiled) -> None:
            self.done.emit(f"Set to {label}; filed in {refiled.case_number}.")
        BackgroundOp(self, lambda: set_document_type(self.ws, self.actor, self.document_id,
                                                     form_type)).success(filed).run()

    def ask_dismissal(self) -> None:
        """Ask why the document needs no case."""
        def ask(item: ReviewItem) -> None:
            dialog = DismissDialog(item, self)
            dialog.accepted.connect(lambda: self.dismiss(dialog.chosen()))
            self._open(dialog)
        self._with_item(ask)

    def dismiss(self, reason: str) -> None:
        """Take the document off the review list with `reason`."""
        def dismissed(result: Dismissed) -> None:
            closed = f"; {', '.join(result.closed_cases)} closed" if result.closed_cases else ""
            self.done.emit(f"Dismissed ({reason}){closed}.")
        BackgroundOp(self, lambda: dismiss_item(self.ws, self.actor, self.document_id,
                                                reason)).success(dismissed).run()

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
