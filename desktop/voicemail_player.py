"""A voicemail in the document window: who called, when, for how long; play it, and type what
the caller said (saved as the recording's summary and a note on its case).

The recording plays with Qt Multimedia from memory. A machine without a sound device (a
server, the offscreen test platform) still loads it, so its length and the play button show.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from casework.actor import Actor
from casework.documents.voicemail import VoicemailView, summarise_voicemail, voicemail_of
from casework.permissions import Permission, allows
from casework.plan.timezone import plan_time
from casework.workspace import Workspace
from desktop.operations import BackgroundOp


def clock_text(milliseconds: int) -> str:
    """A length or a position as minutes and seconds (0:42)."""
    seconds = max(0, round(milliseconds / 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


class VoicemailPlayer(QWidget):
    """The recording of `document_id`, its facts, a play button and the summary box."""

    loaded = Signal()
    saved = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, document_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.actor, self.document_id = ws, actor, document_id
        self.view: VoicemailView | None = None
        self.player = QMediaPlayer(self)
        self.output = QAudioOutput(self)
        self.player.setAudioOutput(self.output)
        self._buffer = QBuffer(self)
        self.caller = QLabel("…")
        self.received = QLabel("…")
        self.length = QLabel("…")
        self.sent_by = QLabel("…")
        self.sent_by.setWordWrap(True)
        self.play_button = QPushButton("Play")
        self.play_button.setObjectName("voicemail_play")
        self.play_button.setEnabled(False)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setAccessibleName("Position in the recording")
        self.position.setEnabled(False)
        self.elapsed = QLabel("0:00")
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("voicemail_summary")
        self.summary.setPlaceholderText("Type what the caller said: who, about what, what they "
                                        "ask for, a number to call back.")
        self.save_button = QPushButton("Save summary")
        self.save_button.setEnabled(allows(actor.role, Permission.REVIEW_DOCUMENTS))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self._layout()
        self.play_button.clicked.connect(self.toggle)
        self.save_button.clicked.connect(self.save)
        self.position.sliderMoved.connect(self.player.setPosition)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(self._state)
        self.player.mediaStatusChanged.connect(self._status)

    def _layout(self) -> None:
        facts = QFormLayout()
        facts.addRow("Caller:", self.caller)
        facts.addRow("Received:", self.received)
        facts.addRow("Length:", self.length)
        facts.addRow("Sent by:", self.sent_by)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.elapsed)
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addLayout(controls)
        layout.addWidget(QLabel("What the caller said (no machine transcribes it):"))
        layout.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

    def load(self) -> None:
        """Fetch the recording and its facts off the GUI thread, then load it to play."""
        BackgroundOp(self, lambda: voicemail_of(self.ws, self.actor, self.document_id)) \
            .success(self.show_voicemail).run()

    def show_voicemail(self, view: VoicemailView) -> None:
        self.view = view
        self.caller.setText(view.caller or "not given by the phone system")
        self.received.setText(plan_time(view.received_at).strftime("%a %m/%d/%Y %I:%M %p"))
        self.length.setText(clock_text(round(view.duration_s * 1000))
                            if view.duration_s is not None else "…")
        self.sent_by.setText(f"{view.sender} — {view.subject}" if view.subject else view.sender)
        self.summary.setPlainText(view.summary)
        self._buffer.close()
        self._buffer.setData(QByteArray(view.audio))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        # The name only hints the format; the bytes are read from memory, never from a file.
        self.player.setSourceDevice(self._buffer, QUrl(view.file_name))
        self.loaded.emit()

    def toggle(self) -> None:
        """Play, or pause when playing."""
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def save(self) -> None:
        """Save the summary typed (audited, and noted on the case)."""
        text = self.summary.toPlainText()
        BackgroundOp(self, lambda: summarise_voicemail(self.ws, self.actor, self.document_id,
                                                       text)) \
            .success(self._saved).failure(self._refused).run()

    def _saved(self, text: str) -> None:
        self.message.setText("Summary saved, and noted on the case.")
        self.saved.emit(text)

    def _refused(self, error: BaseException) -> None:
        self.message.setText(str(error))

    def _duration(self, milliseconds: int) -> None:
        self.position.setRange(0, milliseconds)
        self.length.setText(clock_text(milliseconds))

    def _position(self, milliseconds: int) -> None:
        if not self.position.isSliderDown():
            self.position.setValue(milliseconds)
        self.elapsed.setText(clock_text(milliseconds))

    def _state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("Pause" if playing else "Play")

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        ready = status in (QMediaPlayer.MediaStatus.LoadedMedia,
                           QMediaPlayer.MediaStatus.BufferedMedia,
                           QMediaPlayer.MediaStatus.EndOfMedia)
        self.play_button.setEnabled(ready)
        self.position.setEnabled(ready)
        if status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.message.setText("The recording cannot be played here: "
                                 f"{self.player.errorString() or 'its format is not known'}. "
                                 "It is kept as received.")
