"""Accounts: argon2 passwords, roles, disabling, the first administrator."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework import users
from casework.db.models import User
from casework.errors import AuthenticationFailed, InvalidValue, UserError
from casework.permissions import Role
from casework.workspace import Workspace
from tests.conftest import ADMIN


def test_first_admin_then_sign_in(workspace: Workspace) -> None:
    assert not users.has_users(workspace)
    users.create_first_admin(workspace, "Admin", "a long admin password")
    actor = users.authenticate(workspace, "admin", "a long admin password")
    assert actor.role is Role.ADMIN and actor.user_id is not None
    with pytest.raises(UserError, match="already exists"):
        users.create_first_admin(workspace, "second", "another long password")


def test_password_is_stored_as_argon2_not_plain(workspace: Workspace) -> None:
    users.add_user(workspace, ADMIN, "lee", "um_coordinator", "plain text secret")
    with workspace.db.read() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "lee"))
    assert stored is not None and stored.startswith("$argon2id$")
    assert "plain text secret" not in stored


def test_disabled_user_cannot_sign_in_and_passwd_works(workspace: Workspace) -> None:
    users.add_user(workspace, ADMIN, "lee", "um_coordinator", "first password!")
    users.change_password(workspace, ADMIN, "lee", "second password!")
    with pytest.raises(AuthenticationFailed):
        users.authenticate(workspace, "lee", "first password!")
    assert users.authenticate(workspace, "lee", "second password!").username == "lee"
    users.disable_user(workspace, ADMIN, "lee")
    with pytest.raises(AuthenticationFailed):
        users.authenticate(workspace, "lee", "second password!")
    listed = {u.username: u.active for u in users.list_users(workspace, ADMIN)}
    assert listed == {"lee": False}


@pytest.mark.parametrize(
    ("name", "role", "password", "words"),
    [
        ("x", "admin", "long enough pw", "cannot be a user name"),
        ("system", "admin", "long enough pw", "reserved"),
        ("pat", "wizard", "long enough pw", "Unknown role"),
        ("pat", "system", "long enough pw", "Unknown role"),
        ("pat", "admin", "short", "at least 10"),
    ],
)
def test_bad_accounts_are_refused_in_words(
    workspace: Workspace, name: str, role: str, password: str, words: str
) -> None:
    with pytest.raises(InvalidValue, match=words):
        users.add_user(workspace, ADMIN, name, role, password)


def test_last_admin_cannot_be_disabled(workspace: Workspace) -> None:
    users.add_user(workspace, ADMIN, "root-admin", "admin", "long enough pw")
    with pytest.raises(UserError, match="last active administrator"):
        users.disable_user(workspace, ADMIN, "root-admin")
