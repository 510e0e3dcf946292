"""The case window as a coordinator reads it at a glance: who the member is, what a document
warned about, tasks added from the window, what each clock asks for and by when."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.cases.phone_intake import open_phone_case
from casework.cases.queues import CaseFilter, list_cases
from casework.cases.work import case_detail
from casework.db.models import AuditEvent
from casework.intake.service import ingest_files
from casework.plan.timezone import PLAN_ZONE
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_tasks import AddTaskDialog
from desktop.case_workspace import CaseWorkspace
from tests.desktop.conftest import sign_in_as
from tests.intake.prior_auth_sample import (
    PAGE_ONE,
    PAGE_TWO,
    RECEIVED,
    load_rosters,
    prior_auth_pdf,
)

CALLER = {"member_name": "Rosa Delgado", "member_id": "91234567A",
          "member_dob": "04/12/1961", "member_phone": "(559) 555-0142",
          "preferred_language": "Spanish",
          "description": "The pharmacy refused my refill twice this week. " * 6}


def _window(qtbot: QtBot, ws: Workspace, settings: Settings, case_id: int,
            role: str = "grievance_coordinator") -> CaseWorkspace:
    window = CaseWorkspace(ws, sign_in_as(ws, "gloria", role), settings, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None)
    return window


def test_the_header_says_who_the_member_is(qtbot: QtBot, gui_ws: Workspace,
                                           gui_settings: Settings) -> None:
    staff = sign_in_as(gui_ws, "pat", "grievance_coordinator")
    case = open_phone_case(gui_ws, staff, "grievance_form", CALLER, "standard")
    window = _window(qtbot, gui_ws, gui_settings, case.case_id)
    header = window.header.text()
    for fact in ("Rosa Delgado", "ID 91234567A", "born 04/12/1961", "(559) 555-0142",
                 "speaks Spanish"):
        assert fact in header
    # The whole story is there to read, not cut at the column's edge.
    assert window.details.rows()["Description"] == CALLER["description"].strip()


def test_a_clock_says_what_is_due_by_which_day_and_cites_its_rule_on_pointing(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    staff = sign_in_as(gui_ws, "pat", "grievance_coordinator")
    case = open_phone_case(gui_ws, staff, "grievance_form", CALLER, "standard")
    window = _window(qtbot, gui_ws, gui_settings, case.case_id)
    model = window.clock_model
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("Acknowledge")
    words = model.index(row, 4).data()
    due = window.detail.clocks[row].due_at.astimezone(PLAN_ZONE)
    assert words == f"acknowledge by {due:%a} {due.month}/{due.day}"
    assert "1300.68" in model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)


def test_a_task_added_from_the_window_is_listed_and_audited(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    staff = sign_in_as(gui_ws, "pat", "grievance_coordinator")
    case = open_phone_case(gui_ws, staff, "grievance_form", CALLER, "standard")
    window = _window(qtbot, gui_ws, gui_settings, case.case_id)
    dialog = window.ask_task()
    assert isinstance(dialog, AddTaskDialog)
    qtbot.keyClicks(dialog.description, "Call the pharmacy about the refill")
    dialog.has_due.setChecked(True)
    today = gui_ws.now().astimezone(PLAN_ZONE).date()
    due_day = date.fromordinal(today.toordinal() + 3)
    dialog.due.setDate(QDate(due_day.year, due_day.month, due_day.day))
    with qtbot.waitSignal(window.loaded):
        dialog.accept()
    texts = [window.tasks.item(i).text() for i in range(window.tasks.count())]
    assert any(t.startswith("Call the pharmacy about the refill · due "
                            f"{due_day:%m/%d/%Y} 11:59 PM") for t in texts)
    assert window.message.text() == "Task added."
    with gui_ws.db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "case.task_added" in actions


def test_a_task_is_not_added_without_saying_what_to_do(qtbot: QtBot) -> None:
    dialog = AddTaskDialog(date(2026, 12, 7))
    qtbot.addWidget(dialog)
    assert not dialog.buttons.buttons()[0].isEnabled()
    qtbot.keyClicks(dialog.description, "Call back")
    assert dialog.chosen() == ("Call back", None)
    dialog.has_due.setChecked(True)
    assert dialog.chosen()[1] == datetime(2026, 12, 7, 23, 59, 59, tzinfo=PLAN_ZONE)


def test_a_birth_date_the_roster_disagrees_with_flags_the_case_with_a_task(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a faxed request whose birth date is not the roster's for that member WHEN it is
    filed THEN its case carries the warning in the header and a task to check the member."""
    load_rosters(gui_ws, tmp_path)
    page = [line if not line[0].startswith("Date of Birth") else ("Date of Birth: 04/12/1958", 12)
            for line in PAGE_ONE]
    path = tmp_path / "request.pdf"
    path.write_bytes(prior_auth_pdf((page, PAGE_TWO)))
    (result,) = ingest_files(gui_ws, gui_settings, [path], RECEIVED)
    assert result.status == "processed"
    staff = sign_in_as(gui_ws, "uma", "um_coordinator")
    (row,) = list_cases(gui_ws, staff, CaseFilter())
    window = _window(qtbot, gui_ws, gui_settings, row.id, "um_coordinator")
    assert ("Birth date differs: the form says 04/12/1958, the roster has 04/12/1961"
            in window.header.text())
    texts = [window.tasks.item(i).text() for i in range(window.tasks.count())]
    assert any(t.startswith("Check that Rosa Delgado is the member on the form") for t in texts)

    # Once the person checked and marks the task done, the warning no longer stands.
    (task,) = [t for t in window.detail.tasks if t.kind == "check_member"]
    with qtbot.waitSignal(window.loaded):
        window.complete_task(task.id)
    assert "Birth date differs" not in window.header.text()
    assert case_detail(gui_ws, staff, row.id).flags == []
