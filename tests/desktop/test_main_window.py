"""The main window: where it was, what each role reaches from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.settings_file import SavedSettings
from casework.workspace import Workspace
from desktop.document_window import DocumentWindow
from desktop.intake_review import IntakeReview
from desktop.main_window import MainWindow
from tests.conftest import FixedClock
from tests.desktop.conftest import sign_in_as
from tests.intake.review_files import letter_pdf


def test_window_size_is_remembered_outside_the_settings_file(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    actor = sign_in_as(gui_ws, "pat", "intake_clerk")
    first = MainWindow(gui_ws, actor, gui_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 530)
    qtbot.waitUntil(lambda: first.size().width() == 760)
    first.close()
    assert (gui_settings.paths.state_dir / "window.ini").exists()
    assert not gui_settings.paths.config_file.exists()
    second = MainWindow(gui_ws, actor, gui_settings)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (760, 530)


def _visible_entries(window: MainWindow) -> set[str]:
    return {action.text().replace("&", "") for action in window.findChildren(QAction)
            if action.isVisible() and action.text()}


def test_each_role_reaches_the_windows_of_its_work(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    """GIVEN the four kinds of staff WHEN each opens the workstation THEN the menus offer what
    that role may do and nothing it may not: phone cases for those who work cases, the
    dashboard for supervisors, settings for the administrator only."""
    def entries(username: str, role: str) -> set[str]:
        window = MainWindow(gui_ws, sign_in_as(gui_ws, username, role), gui_settings)
        qtbot.addWidget(window)
        return _visible_entries(window)

    clerk = entries("pat", "intake_clerk")
    assert "New phone case…" in clerk
    assert not {"Supervisor dashboard…", "Settings…", "Letters due today…"} & clerk
    coordinator = entries("gil", "grievance_coordinator")
    assert {"New phone case…", "Letters due today…"} <= coordinator
    assert "Supervisor dashboard…" not in coordinator
    supervisor = entries("sue", "supervisor")
    assert {"Supervisor dashboard…", "Letters due today…", "Audit trail…"} <= supervisor
    assert "Settings…" not in supervisor
    admin = entries("ada", "admin")
    assert {"Settings…", "Users…", "Supervisor dashboard…"} <= admin
    assert "New phone case…" not in admin


def test_tool_windows_open_once_and_come_forward(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    actor = sign_in_as(gui_ws, "sue", "supervisor")
    window = MainWindow(gui_ws, actor, gui_settings)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.open_dashboard()
    qtbot.waitUntil(lambda: dashboard.isVisible())
    assert window.open_dashboard() is dashboard
    phone = window.open_phone_intake()
    due = window.open_letters_due()
    assert phone.isVisible() and due.isVisible()
    window.close()
    assert not dashboard.isVisible() and not phone.isVisible()


def test_saved_plan_details_reach_the_next_letter(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    admin = sign_in_as(gui_ws, "ada", "admin")
    window = MainWindow(gui_ws, admin, gui_settings)
    qtbot.addWidget(window)
    dialog = window.open_settings()
    plan = dataclasses.replace(gui_settings.plan, name="Valley Health Plan")
    dialog.saved.emit(SavedSettings(("plan.name",), (), dataclasses.replace(
        gui_settings, plan=plan, database_url="sqlite:///elsewhere.sqlite3")))
    assert window.settings.plan.name == "Valley Health Plan"
    assert window.settings.database_url == gui_settings.database_url


def test_a_clerk_opens_a_document_waiting_in_intake_review(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a letter that is none of our forms WHEN the clerk opens Intake review from the
    main window and opens the letter THEN its page and fields come up in the document window."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(letter_pdf())
    (result,) = ingest_files(gui_ws, gui_settings, [path])
    clerk = sign_in_as(gui_ws, "carla", "intake_clerk")
    window = MainWindow(gui_ws, clerk, gui_settings)
    qtbot.addWidget(window)
    window.show()
    window.review_action.trigger()
    review = window.tool_windows["review"]
    assert isinstance(review, IntakeReview)
    qtbot.waitUntil(lambda: review.loaded and review.model.rowCount() == 1)
    with qtbot.waitSignal(review.document_opened) as opened:
        review.select_documents([int(result.document_id or 0)])
        qtbot.waitUntil(lambda: len(review.selected()) == 1)
        review.open_selected()
    document = window.tool_windows[f"document:{opened.args[0]}"]
    assert isinstance(document, DocumentWindow) and document.isVisible()
    qtbot.waitUntil(lambda: document.viewer.page_count == 1)
    window.close()


def test_opening_the_window_converts_an_exempt_grievance_past_its_deadline(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, clock: FixedClock
) -> None:
    """GIVEN an exempt phone grievance taken Monday 11/2 and not resolved by the close of
    Tuesday WHEN a coordinator opens the workstation on Wednesday THEN it is a standard
    grievance (acknowledgement letter due), and the status bar names it, not the member."""
    coordinator = sign_in_as(gui_ws, "gil", "grievance_coordinator")
    case = open_phone_case(gui_ws, coordinator, "grievance_form",
                           {"member_name": "Rosa Delgado", "member_id": "91234567A",
                            "description": "Nobody called me back."}, "exempt")
    clock.advance(days=2)  # Wednesday 11/4, 09:30 Pacific
    window = MainWindow(gui_ws, coordinator, gui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: case.number in window.statusBar().currentMessage(), timeout=10_000)
    message = window.statusBar().currentMessage()
    assert "is now a standard grievance" in message and "Rosa" not in message
    detail = case_detail(gui_ws, coordinator, case.case_id, opening=False)
    assert detail.row.priority == "standard"
    assert [c.name for c in detail.clocks] == ["acknowledge", "resolve"]
