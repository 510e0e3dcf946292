"""Accounts, for administrators: list, add, disable, reset a password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casework import users
from casework.actor import Actor
from casework.permissions import PERSON_ROLES, Permission, Role
from casework.plan.timezone import plan_time
from casework.users import UserInfo
from casework.workspace import Workspace
from desktop.operations import BackgroundOp
from desktop.row_table import RowTableModel
from desktop.sign_in import message_label, password_field, password_problem

COLUMNS = ("User name", "Full name", "Role", "Status", "Created", "Credentials")
GREY = QColor("#777777")


def role_text(role: Role) -> str:
    """'intake_clerk' -> 'Intake clerk', 'um_coordinator' -> 'UM coordinator'."""
    words = role.value.split("_")
    first = words[0].upper() if words[0] == "um" else words[0].capitalize()
    return " ".join([first, *words[1:]])


class UserTableModel(RowTableModel[UserInfo]):
    """The accounts, one row each, as last fetched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, self._cell, parent)

    @staticmethod
    def _cell(user: UserInfo, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (user.username, user.full_name, role_text(user.role),
                    "active" if user.active else "disabled",
                    plan_time(user.created_at).strftime("%m/%d/%Y"),
                    ", ".join(filter(None, (user.credentials, user.phone))))[column]
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return GREY
        if role == Qt.ItemDataRole.UserRole:
            return user.username
        return None


class AddUserDialog(QDialog):
    """The fields of a new account; `values()` once accepted. A clinical reviewer's credentials
    and phone, which denial notices print, are asked for that role only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a user")
        self.setMinimumWidth(440)
        self.username = QLineEdit()
        self.username.setObjectName("new_username")
        self.username.setPlaceholderText("lower-case letters, e.g. jsmith")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("new_full_name")
        self.role = QComboBox()
        self.role.setObjectName("new_role")
        for role in PERSON_ROLES:
            self.role.addItem(role_text(role), role.value)
        self.credentials = QLineEdit()
        self.credentials.setObjectName("new_credentials")
        self.credentials.setPlaceholderText("MD, DO, PharmD — printed on denial notices")
        self.phone = QLineEdit()
        self.phone.setObjectName("new_phone")
        self.phone.setPlaceholderText("direct line or extension for providers")
        self.password = password_field("new_password")
        self.repeat = password_field("new_repeat")
        self.message = message_label()
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Full name:", self.full_name)
        form.addRow("&Role:", self.role)
        form.addRow("&Credentials:", self.credentials)
        form.addRow("P&hone:", self.phone)
        form.addRow("&Password:", self.password)
        form.addRow("Password &again:", self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Add user")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        for field in (self.username, self.full_name, self.credentials, self.password,
                      self.repeat):
            field.textChanged.connect(self._check)
        self.role.currentIndexChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._check()

    def reviewer(self) -> bool:
        return str(self.role.currentData()) == Role.CLINICAL_REVIEWER.value

    def _check(self) -> None:
        reviewer = self.reviewer()
        for field in (self.credentials, self.phone):
            field.setEnabled(reviewer)
        problem = password_problem(self.password.text(), self.repeat.text())
        if reviewer and not (self.full_name.text().strip() and self.credentials.text().strip()):
            problem = problem or ("A clinical reviewer needs a full name and credentials: "
                                  "denial notices name them.")
        self.message.setText(problem)
        complete = bool(self.username.text().strip() and self.password.text()
                        and self.password.text() == self.repeat.text())
        self.ok.setEnabled(complete and not problem)

    def _submit(self) -> None:
        if self.ok.isEnabled():
            self.accept()

    def values(self) -> tuple[str, str, str, str, users.ReviewerDetails]:
        """User name, role, password, full name, reviewer details — as `users.add_user` takes
        them."""
        details = (users.ReviewerDetails(self.credentials.text(), self.phone.text())
                   if self.reviewer() else users.ReviewerDetails())
        return (self.username.text(), str(self.role.currentData()), self.password.text(),
                self.full_name.text(), details)


class PasswordDialog(QDialog):
    """A new password for someone else's account, typed twice."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Reset the password of {username}")
        self.setMinimumWidth(420)
        self.password = password_field("reset_password")
        self.repeat = password_field("reset_repeat")
        self.message = message_label()
        form = QFormLayout()
        form.addRow("New &password:", self.password)
        form.addRow("Password &again:", self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Set password")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for field in (self.password, self.repeat):
            field.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"The next time <b>{username}</b> signs in, it is with this "
                                "password. Tell them in person or by phone, not by e-mail."))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._check()

    def _check(self) -> None:
        problem = password_problem(self.password.text(), self.repeat.text())
        self.message.setText(problem)
        self.ok.setEnabled(not problem and bool(self.password.text())
                           and self.password.text() == self.repeat.text())


class UsersDialog(QDialog):
    """Every account, with add, disable and reset-password; every change goes to the trail."""

    def __init__(self, ws: Workspace, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        actor.require(Permission.MANAGE_USERS)
        self.ws = ws
        self.actor = actor
        self.setWindowTitle("Users — Intake Workstation")
        self.setMinimumSize(640, 360)
        self.resize(780, 460)
        self.model = UserTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("users")
        self.table.setAccessibleName("User accounts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton("&Add user…")
        self.add_button.clicked.connect(self.open_add)
        self.disable_button = QPushButton("&Disable")
        self.disable_button.clicked.connect(self.disable_selected)
        self.reset_button = QPushButton("&Reset password…")
        self.reset_button.clicked.connect(self.open_reset)
        close = QPushButton("&Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_dialog: AddUserDialog | None = None
        self.reset_dialog: PasswordDialog | None = None
        self._selection_changed()
        self.reload()

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selection_changed(self, *_args: object) -> None:
        user = self.selected_user()
        self.disable_button.setEnabled(user is not None and user.active
                                       and user.username != self.actor.username)
        self.reset_button.setEnabled(user is not None and user.active)

    def reload(self, select: str | None = None) -> None:
        """Fetch the accounts again; select `select` when it is among them."""
        def show(rows: list[UserInfo]) -> None:
            self.model.set_rows(rows)
            names = [u.username for u in rows]
            if select in names:
                self.table.selectRow(names.index(select))
            self._selection_changed()

        BackgroundOp(self, lambda: users.list_users(self.ws, self.actor)).success(show).run()

    def open_add(self) -> AddUserDialog:
        dialog = AddUserDialog(self)
        dialog.accepted.connect(lambda: self.add_user(*dialog.values()))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def add_user(self, username: str, role: str, password: str, full_name: str,
                 reviewer: users.ReviewerDetails | None = None) -> None:
        """Create the account on a worker thread; errors go to the error presenter."""
        self._change(lambda: users.add_user(self.ws, self.actor, username, role, password,
                                            full_name, reviewer).username, "Adding the user…")

    def disable_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        answer = QMessageBox.question(
            self, "Disable account",
            f"Disable {user.username}? They can no longer sign in; their history stays.")
        if answer == QMessageBox.StandardButton.Yes:
            self.disable(user.username)

    def disable(self, username: str) -> None:
        def run() -> str:
            users.disable_user(self.ws, self.actor, username)
            return username

        self._change(run, "Disabling the account…")

    def open_reset(self) -> PasswordDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        dialog = PasswordDialog(user.username, self)
        dialog.accepted.connect(lambda: self.reset_password(user.username,
                                                            dialog.password.text()))
        self.reset_dialog = dialog
        dialog.open()
        return dialog

    def reset_password(self, username: str, password: str) -> None:
        def run() -> str:
            users.change_password(self.ws, self.actor, username, password)
            return username

        self._change(run, "Setting the password…")

    def _change(self, fn: Callable[[], str], label: str) -> None:
        BackgroundOp(self, fn).success(lambda name: self.reload(select=name)).with_progress(
            label).run()
