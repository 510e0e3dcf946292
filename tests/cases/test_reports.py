"""Supervisor reports hold the right numbers, and open as CSV, Excel and PDF."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pdfplumber

from casework.cases.notes import add_note, add_task, complete_task
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.reports import build_report
from casework.cases.work import case_detail, change_status
from casework.table_export import export_table
from casework.workspace import Workspace
from tests.conftest import SUPERVISOR, FixedClock


def _grievance(ws: Workspace, received: datetime, due: datetime, queue: str = "grievance") -> int:
    return open_case_now(ws, SUPERVISOR, NewCase(
        "grievance", queue, "standard", received, clocks=(DueClock("acknowledge", due),),
        member_name="Test Member"))


def test_reports_count_what_happened(workspace: Workspace, clock: FixedClock,
                                     tmp_path: Path) -> None:
    now = clock()  # 2026-11-02 09:30 Pacific
    on_time = _grievance(workspace, now - timedelta(days=2), now + timedelta(hours=5))
    change_status(workspace, SUPERVISOR, on_time, "acknowledged")  # met before due
    _grievance(workspace, now - timedelta(days=40), now - timedelta(days=35))  # missed
    _grievance(workspace, now - timedelta(days=10), now + timedelta(days=3), queue="appeals")

    on_time_table = build_report(workspace, SUPERVISOR, "on_time", date(2026, 9, 1),
                                 date(2026, 11, 30))
    rows = {(r[0], r[2]): r for r in on_time_table.rows}
    assert rows[("11/2026", "acknowledge")][3:6] == (1, 1, 0)
    assert rows[("09/2026", "acknowledge")][3:6] == (1, 0, 1)
    aging = {r[0]: r for r in build_report(workspace, SUPERVISOR, "aging", date(2026, 11, 1),
                                           date(2026, 11, 2)).rows}
    # Queues by the names staff know them by (routing.yaml), not their keys.
    assert aging["Grievances"][1] == 1 and aging["Grievances"][4] == 1  # 0-5 days, over 30
    assert aging["Appeals"][2] == 1  # 6-15 days
    inventory = build_report(workspace, SUPERVISOR, "inventory", date(2026, 11, 1),
                             date(2026, 11, 2))
    assert ("Grievances", "acknowledged", 1) in inventory.rows

    export_table(on_time_table, "csv", tmp_path / "r.csv")
    export_table(on_time_table, "xlsx", tmp_path / "r.xlsx")
    export_table(on_time_table, "pdf", tmp_path / "r.pdf")
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        assert next(csv.reader(handle))[:3] == ["Month", "Case type", "Clock"]
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert sheet is not None and sheet["A1"].value == "On-time rate per clock"
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert ["11/2026", "Grievance", "acknowledge", 1, 1, 0, 1.0] in values
    with pdfplumber.open(tmp_path / "r.pdf") as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "On-time rate per clock" in text and "100.0%" in text and "0.0%" in text
    # A supervisor's printed report carries the trail's head, a further anchor on paper.
    assert "Audit trail head when printed: event" in text
    assert values[-1][0] is not None and values[-1][0].startswith("Audit trail head when printed")


def test_notes_are_append_only_and_tasks_are_done_once(workspace: Workspace) -> None:
    case_id = _grievance(workspace, datetime(2026, 11, 1, tzinfo=UTC),
                         datetime(2026, 11, 6, tzinfo=UTC))
    first = add_note(workspace, SUPERVISOR, case_id, "Called the member; no answer.")
    add_note(workspace, SUPERVISOR, case_id, "Correction: left a voicemail.", corrects_note_id=first)
    task = add_task(workspace, SUPERVISOR, case_id, "call_member", "Call back tomorrow")
    complete_task(workspace, SUPERVISOR, task)
    detail = case_detail(workspace, SUPERVISOR, case_id)
    assert [n.text for n in detail.notes] == ["Called the member; no answer.",
                                             "Correction: left a voicemail."]
    assert detail.notes[1].corrects_note_id == first
    assert detail.tasks[0].done_at is not None
    import pytest

    from casework.errors import UserError

    with pytest.raises(UserError, match="already done"):
        complete_task(workspace, SUPERVISOR, task)
