"""Automatic lock after idle time: member data is hidden until the password is given again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from casework import users
from casework.actor import Actor
from casework.errors import CaseworkError
from casework.workspace import Workspace

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
        if event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockScreen(QWidget):
    """Shown in place of the work area; only the signed-in user's password unlocks it."""

    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        title = QLabel(f"<h2>Locked</h2><p>The workstation was idle, so member information is "
                       f"hidden. Enter the password for <b>{actor.username}</b> to continue.</p>")
        title.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("unlock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("Password")
        self.password.returnPressed.connect(self.try_unlock)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #a00;")
        unlock = QPushButton("&Unlock")
        unlock.clicked.connect(self.try_unlock)
        leave = QPushButton("Sign &out")
        leave.clicked.connect(self.sign_out)
        layout = QVBoxLayout(self)
        layout.addStretch()
        for widget in (title, self.password, self.message, unlock, leave):
            layout.addWidget(widget)
        layout.addStretch()
        self.setMaximumWidth(520)

    def try_unlock(self) -> None:
        try:
            users.authenticate(self.ws, self.actor.username, self.password.text())
        except CaseworkError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            return
        self.password.clear()
        self.message.setText("")
        self.unlocked.emit()
