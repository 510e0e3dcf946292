"""Signing in, and creating the first administrator on an empty database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
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

ERROR_STYLE = "color: #a00000;"


def message_label() -> QLabel:
    """The red sentence under a form that says what is wrong, in words."""
    label = QLabel("")
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def password_problem(password: str, repeat: str) -> str:
    """What is wrong with a new password typed twice, or '' when nothing is."""
    if password and len(password) < users.MIN_PASSWORD_LENGTH:
        return f"A password needs at least {users.MIN_PASSWORD_LENGTH} characters."
    if repeat and password != repeat:
        return "The two passwords differ."
    return ""


class SignInDialog(QDialog):
    """User name and password; a wrong one gets a plain sentence, never a traceback."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.setWindowTitle("Sign in — Intake Workstation")
        self.setMinimumWidth(420)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = password_field("password")
        self.message = message_label()
        heading = QLabel("<h3>Sign in to Intake Workstation</h3>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Password:", self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Sign in")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_sign_in(self) -> None:
        """Check the password on a worker thread (hashing takes a noticeable moment)."""
        name, password = self.username.text(), self.password.text()
        if not name.strip():
            self.message.setText("Enter your user name.")
            self.username.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.setText("Signing in…")
        BackgroundOp(self, lambda: users.authenticate(self.ws, name, password)).success(
            self._signed_in).failure(self._refused).run()

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(str(error) if isinstance(error, CaseworkError) else "")
        self.password.clear()
        self.password.setFocus()
        if not isinstance(error, CaseworkError):
            show_error(self, error)


class FirstAdminDialog(QDialog):
    """The first start: create the administrator who will add everyone else."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.actor: Actor | None = None
        self.setWindowTitle("Welcome — create the administrator")
        self.setMinimumWidth(480)
        intro = QLabel(
            "This workstation has no accounts yet. Create the administrator account; the "
            "administrator then adds the clerks, coordinators and supervisors."
        )
        intro.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText("lower-case letters, e.g. jsmith")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = password_field("password")
        self.password.setPlaceholderText(f"at least {users.MIN_PASSWORD_LENGTH} characters")
        self.repeat = password_field("repeat")
        for field in (self.username, self.password, self.repeat):
            field.textChanged.connect(self._check)
        self.message = message_label()
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Full name:", self.full_name)
        form.addRow("&Password:", self.password)
        form.addRow("Password &again:", self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Create and sign in")
        buttons.accepted.connect(self.create_admin)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._check()

    def _check(self) -> None:
        """Say what is missing as the person types; the button waits until nothing is."""
        password, repeat = self.password.text(), self.repeat.text()
        problem = password_problem(password, repeat)
        self.message.setText(problem)
        complete = bool(self.username.text().strip() and password and password == repeat)
        self.ok.setEnabled(complete and not problem)

    def create_admin(self) -> None:
        """Create the account and sign it in, on a worker thread."""
        if not self.ok.isEnabled():
            return
        name, full_name, password = (self.username.text(), self.full_name.text(),
                                     self.password.text())

        def create() -> Actor:
            users.create_first_admin(self.ws, name, password, full_name)
            return users.authenticate(self.ws, name, password)

        self.ok.setEnabled(False)
        BackgroundOp(self, create).success(self._created).failure(self._refused).with_progress(
            "Creating the administrator…").run()

    def _created(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(error, CaseworkError):
            self.message.setText(str(error))
        else:
            show_error(self, error)
