"""The audit read service the viewer uses: filtered and paged in SQL, on both engines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework import users
from casework.audit.query import AuditFilter, audit_choices, find_events
from casework.errors import AuthenticationFailed, InvalidValue, PermissionDenied
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR, FixedClock

PASSWORD = "a long enough password"


@pytest.fixture
def trail(workspace: Workspace, clock: FixedClock) -> Workspace:
    """Users added on 11/02 (Pacific); carla signs in the next day, once with a wrong password."""
    users.add_user(workspace, ADMIN, "carla", "intake_clerk", PASSWORD)
    users.add_user(workspace, ADMIN, "dan", "um_coordinator", PASSWORD)
    clock.advance(days=1)
    users.authenticate(workspace, "carla", PASSWORD)
    with pytest.raises(AuthenticationFailed):
        users.authenticate(workspace, "carla", "wrong password!")
    return workspace


def test_filters_by_actor_action_and_record(trail: Workspace) -> None:
    everything = find_events(trail, SUPERVISOR, AuditFilter())
    assert [e.seq for e in everything] == [4, 3, 2, 1]
    by_carla = find_events(trail, SUPERVISOR, AuditFilter(actor=" Carla "))
    assert [e.action for e in by_carla] == ["user.sign_in_failed", "user.signed_in"]
    added = find_events(trail, SUPERVISOR, AuditFilter(action="user.added", newest_first=False))
    assert [e.seq for e in added] == [1, 2]
    record = find_events(trail, SUPERVISOR, AuditFilter(entity_type="user", entity_id="2"))
    assert [e.seq for e in record] == [2]


def test_filters_by_plan_local_dates(trail: Workspace) -> None:
    # The clock starts at 09:30 Pacific on 11/02; sign-ins happen on 11/03.
    first_day = AuditFilter(start=date(2026, 11, 2), end=date(2026, 11, 2))
    assert [e.action for e in find_events(trail, SUPERVISOR, first_day)] == ["user.added"] * 2
    next_day = AuditFilter(start=date(2026, 11, 3))
    assert len(find_events(trail, SUPERVISOR, next_day)) == 2
    assert find_events(trail, SUPERVISOR, AuditFilter(end=date(2026, 11, 1))) == []


def test_pages_with_limit_and_offset(trail: Workspace) -> None:
    pages = [find_events(trail, SUPERVISOR, AuditFilter(), limit=3, offset=o) for o in (0, 3)]
    assert [[e.seq for e in page] for page in pages] == [[4, 3, 2], [1]]


def test_refuses_what_it_should(trail: Workspace) -> None:
    clerk = users.authenticate(trail, "carla", PASSWORD)
    with pytest.raises(PermissionDenied):
        find_events(trail, clerk, AuditFilter())
    with pytest.raises(InvalidValue):
        find_events(trail, SUPERVISOR, AuditFilter(start=date(2026, 11, 3),
                                                    end=date(2026, 11, 3) - timedelta(days=1)))
    with pytest.raises(InvalidValue):
        find_events(trail, SUPERVISOR, AuditFilter(), limit=0)


def test_choices_list_what_the_trail_holds(trail: Workspace) -> None:
    choices = audit_choices(trail, SUPERVISOR)
    assert choices.actors == ("carla", "test-admin")
    assert choices.actions == ("user.added", "user.sign_in_failed", "user.signed_in")
    assert choices.entity_types == ("user",)
