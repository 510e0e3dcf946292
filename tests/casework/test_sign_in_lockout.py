"""Wrong passwords lock an account for a while, and a wrong user name gives nothing away."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from casework import users
from casework.db.models import AuditEvent
from casework.errors import AuthenticationFailed, PermissionDenied
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR, FixedClock

PASSWORD = "correct horse battery"


def _try(ws: Workspace, password: str, name: str = "maria") -> str:
    try:
        users.authenticate(ws, name, password)
    except AuthenticationFailed as exc:
        return str(exc)
    return "signed in"


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(
    workspace: Workspace, clock: FixedClock
) -> None:
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", PASSWORD)
    for _ in range(4):
        assert "not right" in _try(workspace, "guess!")
        clock.advance(seconds=1)
    assert "locked for 15 more minutes" in _try(workspace, "guess!")
    assert "locked" in _try(workspace, PASSWORD)  # the right password waits too
    clock.advance(minutes=14)
    assert "locked for 1 more minutes" in _try(workspace, PASSWORD)
    clock.advance(minutes=1, seconds=1)
    assert _try(workspace, PASSWORD) == "signed in"
    with workspace.db.read() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions.count("user.sign_in_failed") == 7 and actions.count("user.locked_out") == 1


def test_an_administrator_unlocks_early_and_only_an_administrator(
    workspace: Workspace, clock: FixedClock
) -> None:
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", PASSWORD)
    for _ in range(5):
        _try(workspace, "guess!")
    with pytest.raises(PermissionDenied):
        users.unlock_user(workspace, SUPERVISOR, "maria")
    assert "locked" in _try(workspace, PASSWORD)
    users.unlock_user(workspace, ADMIN, "maria")
    assert _try(workspace, PASSWORD) == "signed in"


def test_failures_spread_over_more_than_the_window_do_not_lock(
    workspace: Workspace, clock: FixedClock
) -> None:
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", PASSWORD)
    for _ in range(6):
        assert "not right" in _try(workspace, "guess!")
        clock.advance(minutes=4)
    assert _try(workspace, PASSWORD) == "signed in"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_unknown_name_takes_as_long_as_a_known_one(workspace: Workspace) -> None:
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", PASSWORD)
    _try(workspace, "warm up", "nobody")

    def median(name: str) -> float:
        spent = []
        for _ in range(5):
            started = time.perf_counter()
            _try(workspace, "wrong password", name)
            spent.append(time.perf_counter() - started)
        return sorted(spent)[2]

    known, unknown = median("maria"), median("nobody")
    assert unknown > known / 2 and known > 0.01  # both pay for one password check
