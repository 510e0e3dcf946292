"""Changing a case's priority re-routes it and counts its running clocks again, in the trail.

A request that turns out to be urgent must not keep a seven-day clock; one marked urgent by
mistake must leave the expedited queue. The change, the queue and every clock moved are written
in one transaction with their audit events.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from casework import users
from casework.actor import Actor
from casework.cases.filing import case_json
from casework.cases.priority import change_priority
from casework.cases.work import case_detail, change_status, extend_clock
from casework.db.models import AuditEvent
from casework.errors import InvalidValue, PermissionDenied, UserError
from casework.permissions import Role
from casework.settings import Settings
from casework.workspace import Workspace
from tests.cases.faxed_cases import file_faxed
from tests.conftest import ADMIN, SUPERVISOR
from tests.test_cli import run_main

RECEIVED = datetime(2026, 7, 2, 17, 0, tzinfo=UTC)  # Thursday 2 July 2026, 10:00 Pacific
COORDINATOR = Actor("uma", Role.UM_COORDINATOR)


def _open(ws: Workspace, form_type: str, **fields: object) -> int:
    return file_faxed(ws, form_type, RECEIVED, **fields).case_id


def _shown(ws: Workspace, case_id: int) -> dict[str, object]:
    with ws.db.read() as session:
        return case_json(session, case_id)


def _events(ws: Workspace, case_id: int) -> list[tuple[str, dict[str, object]]]:
    with ws.db.read() as session:
        return [(e.action, json.loads(e.details)) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == str(case_id),
                                     AuditEvent.entity_type == "case")
            .order_by(AuditEvent.seq))]


def test_a_request_made_expedited_moves_queue_and_runs_the_72_hour_clock(
        workspace: Workspace) -> None:
    """GIVEN a standard prior authorization due in seven days WHEN the coordinator makes it
    expedited THEN it sits in the expedited UM queue, must be decided 72 hours after receipt,
    and the trail says who changed it, why, and which clock moved from when to when."""
    case_id = _open(workspace, "prior_auth_request", procedure_codes=["97110"])
    before = _shown(workspace, case_id)
    assert (before["priority"], before["queue"]) == ("standard", "um_standard")
    assert before["due"] == {"decide": "2026-07-09T23:59:59-07:00"}

    change = change_priority(workspace, COORDINATOR, case_id, "expedited",
                             "surgeon called: member cannot walk")

    after = _shown(workspace, case_id)
    assert (after["priority"], after["queue"]) == ("expedited", "um_expedited")
    assert after["due"] == {"decide": "2026-07-05T10:00:00-07:00"}
    assert (change.before, change.after, change.queue_after) == (
        "standard", "expedited", "um_expedited")
    detail = case_detail(workspace, SUPERVISOR, case_id, opening=False)
    assert detail.row.next_due_at == datetime(2026, 7, 5, 17, 0, tzinfo=UTC)
    changed, moved = _events(workspace, case_id)[-2:]
    assert changed[0] == "case.priority_changed"
    assert changed[1]["from"] == "standard" and changed[1]["to"] == "expedited"
    assert changed[1]["reason"] == "surgeon called: member cannot walk"
    assert changed[1]["queue"] == "um_expedited"
    assert moved == ("case.clock_moved", {
        "number": after["number"], "clock": "decide", "from": "2026-07-09T23:59:59-07:00",
        "to": "2026-07-05T10:00:00-07:00", "document": None,
        "reason": "the priority changed from standard to expedited"})


def test_an_expedited_grievance_made_standard_gets_its_letters_clocks_back(
        workspace: Workspace) -> None:
    """An expedited grievance has no acknowledgement clock; made standard it starts one, and
    its resolution clock returns to 30 days, keeping the extension already taken."""
    case_id = _open(workspace, "grievance_form", description="no interpreter", expedited=True)
    assert _shown(workspace, case_id)["due"] == {"resolve": "2026-07-05T10:00:00-07:00"}
    extend_clock(workspace, SUPERVISOR, case_id, "resolve", 3, "waiting for the clinic")

    change_priority(workspace, SUPERVISOR, case_id, "standard", "not urgent after all")

    shown = _shown(workspace, case_id)
    assert (shown["priority"], shown["queue"]) == ("standard", "grievance")
    assert shown["due"] == {"acknowledge": "2026-07-07T23:59:59-07:00",
                            "resolve": "2026-08-04T23:59:59-07:00"}  # 1 August + 3 days


def test_a_met_clock_stays_met(workspace: Workspace) -> None:
    case_id = _open(workspace, "grievance_form", description="rude staff")
    change_status(workspace, SUPERVISOR, case_id, "acknowledged")
    change_priority(workspace, SUPERVISOR, case_id, "expedited", "member in hospital")
    detail = case_detail(workspace, SUPERVISOR, case_id, opening=False)
    clocks = {c.name: (c.due_at.isoformat(), c.met_at) for c in detail.clocks}
    assert clocks["acknowledge"][1] == workspace.now()  # kept as it was met
    assert detail.row.next_due_at == datetime(2026, 7, 5, 17, 0, tzinfo=UTC)


def test_refusals_are_in_words_and_change_nothing(workspace: Workspace) -> None:
    case_id = _open(workspace, "prior_auth_request", procedure_codes=["97110"])
    with pytest.raises(InvalidValue, match="cannot be exempt"):
        change_priority(workspace, SUPERVISOR, case_id, "exempt", "phone")
    with pytest.raises(InvalidValue, match="Say why"):
        change_priority(workspace, SUPERVISOR, case_id, "expedited", "  ")
    with pytest.raises(UserError, match="already standard"):
        change_priority(workspace, SUPERVISOR, case_id, "standard", "check")
    with pytest.raises(PermissionDenied):
        change_priority(workspace, Actor("ada", Role.ADMIN), case_id, "expedited", "why")
    shown = _shown(workspace, case_id)
    assert (shown["priority"], shown["queue"]) == ("standard", "um_standard")
    assert shown["due"] == {"decide": "2026-07-09T23:59:59-07:00"}
    assert not [a for a, _ in _events(workspace, case_id) if a == "case.priority_changed"]
    change_status(workspace, SUPERVISOR, case_id, "withdrawn")
    with pytest.raises(UserError, match="closed case's priority cannot change"):
        change_priority(workspace, SUPERVISOR, case_id, "expedited", "too late")


def test_case_priority_command_reroutes_and_refuses_in_one_line(
        workspace: Workspace, settings: Settings) -> None:
    case_id = _open(workspace, "prior_auth_request", procedure_codes=["97110"])
    number = str(_shown(workspace, case_id)["number"])
    users.add_user(workspace, ADMIN, "sam", "supervisor", "a long enough password")
    env = {"INTAKE_HOME": os.environ["INTAKE_HOME"], "INTAKE_PASSWORD": "a long enough password"}
    refused = run_main("case", "--as", "sam", "priority", number, "exempt", "--reason", "phone",
                       "--db", settings.database_url, env_extra=env)
    assert refused.returncode == 1 and "cannot be exempt" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

    done = run_main("case", "priority", number, "expedited", "--reason", "surgeon called",
                    "--as", "sam", "--db", settings.database_url, env_extra=env)

    assert done.returncode == 0, done.stderr
    assert f"{number} is now expedited (was standard), in UM — expedited." in done.stdout
    assert "decide       now due 2026-07-05 10:00" in done.stdout
    assert _shown(workspace, case_id)["queue"] == "um_expedited"
