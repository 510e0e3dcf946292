"""The administrator's accounts window: add, disable, reset — and the new account signs in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework import users
from casework.audit.actions import AuditAction
from casework.db.models import AuditEvent, User
from casework.errors import AuthenticationFailed, PermissionDenied
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.users_dialog import UsersDialog
from tests.desktop.conftest import open_message_boxes, open_window, sign_in_as


@pytest.fixture
def dialog(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> Iterator[UsersDialog]:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "root", "admin"))
    dialog = window.open_users()
    assert isinstance(dialog, UsersDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    yield dialog  # the window, its parent, stays referenced until the test ends
    window.close()


def _usernames(dialog: UsersDialog) -> list[str]:
    return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]


def test_an_added_user_can_sign_in(
    qtbot: QtBot, gui_ws: Workspace, dialog: UsersDialog
) -> None:
    add = dialog.open_add()
    qtbot.keyClicks(add.username, "carla")
    qtbot.keyClicks(add.full_name, "Carla Clerk")
    add.role.setCurrentIndex(add.role.findData("intake_clerk"))
    qtbot.keyClicks(add.password, "carla's first password")
    assert not add.ok.isEnabled()
    qtbot.keyClicks(add.repeat, "carla's first password")
    qtbot.mouseClick(add.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "carla" in _usernames(dialog), timeout=10_000)
    row = _usernames(dialog).index("carla")
    assert [dialog.model.index(row, c).data() for c in range(4)] == [
        "carla", "Carla Clerk", "Intake clerk", "active"]
    assert dialog.selected_user() is not None and dialog.selected_user().username == "carla"  # type: ignore[union-attr]
    actor = users.authenticate(gui_ws, "carla", "carla's first password")
    assert actor.role.value == "intake_clerk"


def test_a_duplicate_name_is_refused_in_words(qtbot: QtBot, dialog: UsersDialog) -> None:
    dialog.add_user("root", "supervisor", "some long password", "")
    qtbot.waitUntil(lambda: len(open_message_boxes()) == 1, timeout=10_000)
    box = open_message_boxes()[0]
    assert box.text() == "There is already a user called root."
    box.close()


def test_disable_and_reset_password(
    qtbot: QtBot, gui_ws: Workspace, dialog: UsersDialog
) -> None:
    sign_in_as(gui_ws, "dan", "um_coordinator")
    dialog.reload()
    qtbot.waitUntil(lambda: "dan" in _usernames(dialog))
    dialog.table.selectRow(_usernames(dialog).index("dan"))
    assert dialog.reset_button.isEnabled() and dialog.disable_button.isEnabled()
    reset = dialog.open_reset()
    assert reset is not None
    qtbot.keyClicks(reset.password, "dan's new password")
    qtbot.keyClicks(reset.repeat, "dan's new password")
    reset.ok.click()
    # Waiting on the store, not on sign-in attempts: each failed attempt counts towards lockout.
    qtbot.waitUntil(lambda: _password_changed(gui_ws, "dan"), timeout=20_000)
    assert _password_works(gui_ws, "dan", "dan's new password")
    dialog.disable("dan")
    row = _usernames(dialog).index("dan")
    qtbot.waitUntil(lambda: dialog.model.index(row, 3).data() == "disabled", timeout=10_000)
    with pytest.raises(AuthenticationFailed):
        users.authenticate(gui_ws, "dan", "dan's new password")


def test_own_account_cannot_be_disabled_from_the_table(qtbot: QtBot, dialog: UsersDialog) -> None:
    dialog.table.selectRow(0)
    assert dialog.selected_user().username == "root"  # type: ignore[union-attr]
    assert not dialog.disable_button.isEnabled()


def test_only_an_administrator_opens_it(
    qtbot: QtBot, gui_ws: Workspace
) -> None:
    with pytest.raises(PermissionDenied):
        UsersDialog(gui_ws, sign_in_as(gui_ws, "sue", "supervisor"))


def test_user_model_passes_the_model_tester(
    qtmodeltester: object, dialog: UsersDialog
) -> None:
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]


def _password_changed(ws: Workspace, username: str) -> bool:
    with ws.db.read() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        return bool(session.scalars(select(AuditEvent).where(
            AuditEvent.action == AuditAction.USER_PASSWORD_CHANGED.value,
            AuditEvent.entity_id == str(user.id))).first())


def _password_works(ws: Workspace, username: str, password: str) -> bool:
    try:
        users.authenticate(ws, username, password)
    except AuthenticationFailed:
        return False
    return True


def test_a_clinical_reviewer_is_added_with_credentials_and_phone(
    qtbot: QtBot, gui_ws: Workspace, dialog: UsersDialog
) -> None:
    add = dialog.open_add()
    roles = [add.role.itemText(i) for i in range(add.role.count())]
    assert "Clinical reviewer" in roles
    assert not add.credentials.isEnabled()  # only a reviewer's notices print credentials
    qtbot.keyClicks(add.username, "aruiz")
    qtbot.keyClicks(add.full_name, "Ana Ruiz")
    add.role.setCurrentIndex(add.role.findData("clinical_reviewer"))
    qtbot.keyClicks(add.password, "ana's first password")
    qtbot.keyClicks(add.repeat, "ana's first password")
    assert not add.ok.isEnabled() and "needs a full name and credentials" in add.message.text()
    qtbot.keyClicks(add.credentials, "MD")
    qtbot.keyClicks(add.phone, "916-555-0150 ext. 210")
    assert add.ok.isEnabled()
    qtbot.mouseClick(add.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "aruiz" in _usernames(dialog), timeout=10_000)
    row = _usernames(dialog).index("aruiz")
    assert [dialog.model.index(row, c).data() for c in (2, 5)] == [
        "Clinical reviewer", "MD, 916-555-0150 ext. 210"]
    assert users.authenticate(gui_ws, "aruiz", "ana's first password").role.value == \
        "clinical_reviewer"
