"""Signing in, and creating the first administrator on an empty database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casework import users
from casework.actor import Actor
from casework.errors import CaseworkError
from casework.workspace import Workspace


class SignInDialog(QDialog):
    """User name and password; a wrong one gets a plain sentence, never a traceback."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.setWindowTitle("Sign in — Intake Workstation")
        self.setMinimumWidth(380)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00;")
        form = QFormLayout()
        user_label = QLabel("&User name:")
        user_label.setBuddy(self.username)
        pass_label = QLabel("&Password:")
        pass_label.setBuddy(self.password)
        form.addRow(user_label, self.username)
        form.addRow(pass_label, self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        try:
            self.actor = users.authenticate(self.ws, self.username.text(), self.password.text())
        except CaseworkError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """The first start: create the administrator who will add everyone else."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.setWindowTitle("Welcome — create the administrator")
        self.setMinimumWidth(460)
        intro = QLabel(
            "This workstation has no accounts yet. Create the administrator account; the "
            "administrator then adds the clerks, coordinators and supervisors."
        )
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._check)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00;")
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Full name:", self.full_name)
        form.addRow("&Password:", self.password)
        form.addRow("&Again:", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create and sign in")
        self.buttons.accepted.connect(self.create_admin)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        password, repeat = self.password.text(), self.repeat.text()
        if password and len(password) < users.MIN_PASSWORD_LENGTH:
            minimum = users.MIN_PASSWORD_LENGTH
            self.message.setText(f"A password needs at least {minimum} characters.")
        elif repeat and password != repeat:
            self.message.setText("The two passwords differ.")
        else:
            self.message.setText("")

    def create_admin(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText("The two passwords differ.")
            return
        try:
            users.create_first_admin(self.ws, self.username.text(), self.password.text(),
                                     self.full_name.text())
            self.actor = users.authenticate(self.ws, self.username.text(), self.password.text())
        except CaseworkError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
