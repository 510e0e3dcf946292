"""Automatic lock after idle time: member data is hidden until the password is given again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casework import users
from casework.actor import Actor
from casework.errors import CaseworkError
from casework.workspace import Workspace
from desktop.errors import show_error
from desktop.operations import BackgroundOp
from desktop.sign_in import message_label, password_field

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}


class IdleWatcher(QObject):
    """Emits `idle` after `timeout_ms` without keyboard or mouse input anywhere in the app."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def centred(widget: QWidget) -> QWidget:
    """A holder that keeps `widget` at its preferred size in the middle of the space."""
    holder = QWidget()
    grid = QGridLayout(holder)
    grid.addWidget(widget, 1, 1)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 1)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)
    return holder


class LockScreen(QFrame):
    """Shown in place of the work area; only the signed-in user's password unlocks it."""

    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.setObjectName("lock_screen")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(440)
        self.setMaximumWidth(560)
        title = QLabel("<h2>Workstation locked</h2>")
        explanation = QLabel(
            "The workstation was idle, so member information is hidden. Enter the password "
            f"for <b>{actor.username}</b> to continue, or sign out so someone else can sign in.")
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.RichText)
        self.password = password_field("unlock_password")
        self.password.returnPressed.connect(self.try_unlock)
        self.message = message_label()
        form = QFormLayout()
        form.addRow("&Password:", self.password)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        leave = QPushButton("Sign &out")
        leave.setObjectName("sign_out_button")
        leave.clicked.connect(self.sign_out)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(leave)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def reset(self) -> None:
        self.password.clear()
        self.message.setText("")
        self.unlock_button.setEnabled(True)

    def try_unlock(self) -> None:
        """Check the password on a worker thread; emits `unlocked` when it is right."""
        password = self.password.text()
        self.password.clear()
        self.unlock_button.setEnabled(False)
        BackgroundOp(self, lambda: users.authenticate(self.ws, self.actor.username, password)
                     ).success(self._accepted).failure(self._refused).run()

    def _accepted(self, _actor: Actor) -> None:
        self.reset()
        self.unlocked.emit()

    def _refused(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.setFocus()
        if isinstance(error, CaseworkError):
            self.message.setText(str(error))
        else:
            show_error(self, error)
