"""Intake applies the clock rules' deadlines as it runs: `watch` (and the window's intake)
makes an exempt grievance not resolved in time a standard one within a minute."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.intake.clock_sweep import ClockSweep
from casework.intake.runner import RunnerConfig
from casework.intake.service import FolderIntake
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings, WatchFolder
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock
from tests.intake.test_folder_intake import Recorder

CALLER = {"member_name": "Rosa Delgado", "member_id": "91234567A",
          "description": "Nobody called me back about my wheelchair."}


def _exempt_call(ws: Workspace, clock: FixedClock, day: int) -> int:
    clock.current = datetime(2026, 11, day, 10, tzinfo=PLAN_ZONE).astimezone(UTC)
    return open_phone_case(ws, SUPERVISOR, "grievance_form", CALLER, priority="exempt").case_id


def _priority(ws: Workspace, case_id: int) -> str:
    return case_detail(ws, SUPERVISOR, case_id, opening=False).row.priority


def test_the_sweep_runs_at_most_once_a_minute(workspace: Workspace, clock: FixedClock) -> None:
    ticks = [1000.0]
    sweep = ClockSweep(workspace, every_s=60.0, clock=lambda: ticks[0])
    first = _exempt_call(workspace, clock, 2)  # Monday: due the close of Tuesday
    clock.current = datetime(2026, 11, 4, 9, tzinfo=PLAN_ZONE).astimezone(UTC)
    assert [c.case_id for c in sweep.run_if_due()] == [first]
    second = _exempt_call(workspace, clock, 5)  # Thursday: due the close of Friday 11/6
    clock.current = datetime(2026, 11, 9, 9, tzinfo=PLAN_ZONE).astimezone(UTC)
    ticks[0] += 30
    assert sweep.run_if_due() == []  # half a minute later: not yet
    assert _priority(workspace, second) == "exempt"
    ticks[0] += 30
    assert [c.case_id for c in sweep.run_if_due()] == [second]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_watch_converts_an_exempt_grievance_once_its_deadline_passes(
    workspace: Workspace, settings: Settings, clock: FixedClock, tmp_path: Path
) -> None:
    case_id = _exempt_call(workspace, clock, 6)  # Friday: due the close of Monday 11/9
    clock.current = datetime(2026, 11, 10, 8, tzinfo=PLAN_ZONE).astimezone(UTC)
    inbox = tmp_path / "fax-in"
    inbox.mkdir()
    watched = replace(settings, watch=(WatchFolder(inbox, "fax", settle_seconds=0.3),))
    intake = FolderIntake(workspace, watched, Recorder(), RunnerConfig(workers=1, poll_s=0.1))
    deadline = time.monotonic() + 60
    intake.run(lambda: _priority(workspace, case_id) == "standard"
               or time.monotonic() > deadline)
    detail = case_detail(workspace, SUPERVISOR, case_id, opening=False)
    assert detail.row.priority == "standard"
    assert {c.name for c in detail.clocks} == {"acknowledge", "resolve"}
    assert detail.notes[0].author == "system"
