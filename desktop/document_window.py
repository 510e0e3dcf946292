"""One document in its own window: the pages on the left, the form's fields on the right.

Choosing a field outlines it on its page. The window is not modal, so a clerk can keep the
case or the queue open beside it; `changed` fires after a saved correction or an acceptance.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from casework.actor import Actor
from casework.documents.document_fields import DocumentFields
from casework.documents.voicemail import is_voicemail
from casework.workspace import Workspace
from desktop.document_viewer import DocumentViewer
from desktop.field_verification import FieldVerification
from desktop.operations import BackgroundOp
from desktop.unrecognised_actions import UnrecognisedActions
from desktop.voicemail_player import VoicemailPlayer

DEFAULT_SIZE = (1280, 860)


class DocumentWindow(QWidget):
    """The viewer and the verification panel of `document_id`, side by side."""

    changed = Signal()
    closed = Signal()

    def __init__(self, ws: Workspace, actor: Actor, document_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.document_id = document_id
        self._warned = False  # about typing not saved, when the window was asked to close
        self.setWindowTitle(f"Document {document_id}")
        self.setObjectName("document_window")
        self.resize(*DEFAULT_SIZE)
        self.viewer = DocumentViewer(ws, actor, document_id, self)
        self.panel = FieldVerification(ws, actor, document_id, self)
        # Shown only for a document no form recognised, over the (empty) fields.
        self.unrecognised = UnrecognisedActions(ws, actor, document_id, self)
        self.unrecognised.hide()
        self.unrecognised.done.connect(self._filed)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.unrecognised)
        right_layout.addWidget(self.panel, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.viewer)
        self.splitter.addWidget(right)
        # Half each: the page fits its width in half, and the values need the room to be
        # read whole beside their labels.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([DEFAULT_SIZE[0] // 2, DEFAULT_SIZE[0] // 2])
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(6, 6, 6, 6)
        self._box.addWidget(self.splitter)
        self.panel.field_chosen.connect(self.viewer.highlight)
        self.panel.loaded.connect(self._title)
        self.panel.changed.connect(self.changed)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self.player: VoicemailPlayer | None = None
        self._ws, self._actor = ws, actor
        # A voicemail has no pages: the window plays it instead (asked off the GUI thread).
        BackgroundOp(self, lambda: is_voicemail(ws, actor, document_id)).success(
            self._open).run()

    def _open(self, voicemail: bool) -> None:
        if not voicemail:
            self.viewer.load()
            self.panel.load()
            return
        self.splitter.hide()
        self.player = VoicemailPlayer(self._ws, self._actor, self.document_id, self)
        self.player.saved.connect(lambda _text: self.changed.emit())
        self._box.addWidget(self.player)
        self.setWindowTitle(f"Document {self.document_id} — voicemail")
        self.player.load()

    def _title(self) -> None:
        fields: DocumentFields | None = self.panel.fields
        if fields is not None:
            self.setWindowTitle(f"Document {self.document_id} — {fields.form_label}")
            self.unrecognised.setVisible(fields.form_type == "unknown")

    def _filed(self, words: str) -> None:
        """Typed or dismissed from here: read the fields again and tell the queue."""
        self.panel.say(words)
        self.panel.reload()
        self.changed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.panel.unsaved_fields() if self.player is None else []
        if unsaved and not self._warned:
            # Typing is never thrown away unasked: say so once; closing again leaves it.
            self._warned = True
            event.ignore()
            self.panel.say(f"Not saved: {', '.join(unsaved)}. Press Enter in the field to "
                           "save it, or close again to leave without saving.", problem=True)
            return
        self.closed.emit()
        super().closeEvent(event)
