"""The case window shows the cases related to this one, and opens one on a double-click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casework.cases.phone_intake import open_phone_case
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_workspace import CaseWorkspace
from tests.desktop.conftest import open_window, sign_in_as

MEMBER = {"member_name": "Rosa Delgado", "member_id": "91234567A", "member_dob": "04/12/1961"}


def test_both_cases_show_the_appeal_and_the_related_case_opens(
        qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> None:
    """GIVEN a prior authorization and the member's appeal quoting its number WHEN the
    coordinator opens the request THEN its window lists 'Appealed by APL-…', the appeal's
    window lists 'Appeals PA-…', and Enter (as a double-click) opens the related case's window."""
    coordinator = sign_in_as(gui_ws, "gloria", "supervisor")
    request = open_phone_case(gui_ws, coordinator, "prior_auth_request",
                              {**MEMBER, "procedure_codes": "97110"})
    appeal = open_phone_case(gui_ws, coordinator, "appeal_request",
                             {**MEMBER, "authorization_number": request.number,
                              "denied_service": "physical therapy", "reason": "still in pain"})
    main = open_window(qtbot, gui_ws, gui_settings, coordinator)

    window = main.open_case(request.case_id)
    qtbot.waitUntil(lambda: window.detail is not None)
    assert window.related.isVisible()
    assert window.related.lines() == [f"Appealed by {appeal.number} — appeal, received"]

    window.related.list.setCurrentRow(0)
    qtbot.keyClick(window.related.list, Qt.Key.Key_Return)

    opened = main.tool_windows.get(f"case:{appeal.case_id}")
    assert isinstance(opened, CaseWorkspace)
    qtbot.waitUntil(lambda: opened.detail is not None)
    assert opened.related.lines() == [
        f"Appeals {request.number} — prior authorization request, waiting for information"]


def test_a_case_with_no_relation_shows_no_box(
        qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> None:
    coordinator = sign_in_as(gui_ws, "gloria", "supervisor")
    grievance = open_phone_case(gui_ws, coordinator, "grievance_form",
                                {**MEMBER, "description": "late ride"})
    window = CaseWorkspace(gui_ws, coordinator, gui_settings, grievance.case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None)
    assert not window.related.isVisible() and window.related.lines() == []
