"""The clock audit: every open case's running clocks recounted from the rules, differences listed.

A due date changed behind the workstation's back (a row edited in the database) must show up
in `clocks check` with the case, the clock, what is stored and what the rules give; a legal
extension, a met clock or a closed case must not.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from casework import users
from casework.actor import Actor
from casework.cases.clock_audit import check_clocks
from casework.cases.work import change_status, extend_clock
from casework.db.case_models import CaseClock
from casework.db.models import AuditEvent
from casework.errors import PermissionDenied
from casework.permissions import Role
from casework.settings import Settings
from casework.workspace import Workspace
from tests.cases.faxed_cases import file_faxed
from tests.conftest import ADMIN, SUPERVISOR
from tests.test_cli import run_main

RECEIVED = datetime(2026, 7, 2, 17, 0, tzinfo=UTC)  # Thursday 2 July 2026, 10:00 Pacific


def _open(ws: Workspace, form_type: str, **fields: object) -> tuple[int, str]:
    filing = file_faxed(ws, form_type, RECEIVED, **fields)
    return filing.case_id, filing.number


def _tamper(ws: Workspace, case_id: int, clock: str, by: timedelta) -> datetime:
    """Move a stored due date in the database itself, as a bad script or a bug would."""
    with ws.db.write() as session:
        row = session.scalar(select(CaseClock).where(CaseClock.case_id == case_id,
                                                     CaseClock.name == clock))
        assert row is not None
        moved = row.due_at + by
        session.execute(update(CaseClock).where(CaseClock.id == row.id).values(due_at=moved))
        return moved


@pytest.fixture
def cases(workspace: Workspace) -> dict[str, tuple[int, str]]:
    """A standard request, an extended grievance, an acknowledged appeal, a withdrawn one."""
    opened = {"request": _open(workspace, "prior_auth_request", procedure_codes=["97110"]),
              "grievance": _open(workspace, "grievance_form", description="late"),
              "appeal": _open(workspace, "appeal_request", denied_service="MRI"),
              "closed": _open(workspace, "grievance_form", description="rude")}
    extend_clock(workspace, SUPERVISOR, opened["grievance"][0], "resolve", 14, "records")
    change_status(workspace, SUPERVISOR, opened["appeal"][0], "acknowledged")
    change_status(workspace, SUPERVISOR, opened["closed"][0], "withdrawn")
    return opened


def test_clocks_that_follow_the_rules_agree(workspace: Workspace,
                                            cases: dict[str, tuple[int, str]]) -> None:
    """An extension in the trail, a met clock and a withdrawn case are not differences."""
    audit = check_clocks(workspace, SUPERVISOR)
    assert audit.agrees and audit.differences == ()
    assert audit.cases == 3  # the withdrawn grievance is not open
    assert audit.clocks == 4  # decide; acknowledge and resolve; the appeal's resolve


def test_a_tampered_due_date_is_found_with_both_times(
        workspace: Workspace, cases: dict[str, tuple[int, str]]) -> None:
    """GIVEN the request's decide clock moved a week later in the database WHEN a supervisor
    checks the clocks THEN exactly that clock is listed, stored 16 July, recomputed 9 July."""
    case_id, number = cases["request"]
    stored = _tamper(workspace, case_id, "decide", timedelta(days=7))
    extended_id, _ = cases["grievance"]
    _tamper(workspace, cases["closed"][0], "resolve", timedelta(days=3))  # closed: not audited

    audit = check_clocks(workspace, SUPERVISOR)

    assert not audit.agrees
    (difference,) = audit.differences
    assert (difference.number, difference.clock) == (number, "decide")
    assert difference.stored_due == stored
    assert difference.recomputed_due == datetime(2026, 7, 10, 6, 59, 59, tzinfo=UTC)
    with workspace.db.read() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "clocks.checked")
                               .order_by(AuditEvent.seq.desc()).limit(1))
    assert event is not None and event.actor == SUPERVISOR.username
    assert json.loads(event.details)["differ"] == [f"{number} decide"]
    # Taking the extension out of the table, not the trail, is found too.
    _tamper(workspace, extended_id, "resolve", -timedelta(days=14))
    assert {d.clock for d in check_clocks(workspace, SUPERVISOR).differences} == {
        "decide", "resolve"}


def test_only_a_supervisor_checks_clocks(workspace: Workspace,
                                         cases: dict[str, tuple[int, str]]) -> None:
    for role in (Role.UM_COORDINATOR, Role.INTAKE_CLERK, Role.ADMIN):
        with pytest.raises(PermissionDenied, match="check case clocks"):
            check_clocks(workspace, Actor("pat", role))


def test_clocks_check_command_exits_1_listing_the_tampered_clock(
        workspace: Workspace, settings: Settings, cases: dict[str, tuple[int, str]]) -> None:
    users.add_user(workspace, ADMIN, "sam", "supervisor", "a long enough password")
    env = {"INTAKE_HOME": os.environ["INTAKE_HOME"], "INTAKE_PASSWORD": "a long enough password"}
    clean = run_main("clocks", "check", "--as", "sam", "--db", settings.database_url,
                     env_extra=env)
    assert clean.returncode == 0, clean.stderr
    assert "Every clock is due when the rules say." in clean.stdout

    case_id, number = cases["request"]
    _tamper(workspace, case_id, "decide", timedelta(days=7))
    found = run_main("clocks", "--as", "sam", "check", "--db", settings.database_url,
                     env_extra=env)

    assert found.returncode == 1, found.stderr
    row = next(line for line in found.stdout.splitlines() if line.startswith(number))
    assert row.split() == [number, "decide", "2026-07-16", "23:59:59", "2026-07-09", "23:59:59"]
    assert "1 clock differs from the rules." in found.stdout
