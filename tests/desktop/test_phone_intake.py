"""New phone case: the form checks as staff type, finds the caller, and opens the case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from casework.actor import Actor
from casework.cases.work import case_detail
from casework.directory.roster_import import import_members
from casework.errors import PermissionDenied
from casework.plan.timezone import PLAN_ZONE, plan_time
from casework.workspace import Workspace
from desktop.phone_intake import PhoneIntakeDialog, as_qdatetime
from tests.conftest import ADMIN, FixedClock
from tests.desktop.conftest import sign_in_as
from tests.directory.test_lookup import ROSTER


@pytest.fixture
def clerk(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "carla", "intake_clerk")


@pytest.fixture
def dialog(qtbot: QtBot, gui_ws: Workspace, clerk: Actor, tmp_path: Path
           ) -> Iterator[PhoneIntakeDialog]:
    roster = tmp_path / "members.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    import_members(gui_ws, ADMIN, roster)
    dialog = PhoneIntakeDialog(gui_ws, clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog


def _choose(dialog: PhoneIntakeDialog, form_type: str) -> None:
    dialog.form_type.setCurrentIndex(dialog.form_type.findData(form_type))


def _type(qtbot: QtBot, dialog: PhoneIntakeDialog, name: str, text: str) -> None:
    """Type into a field and move on with Enter, as a clerk does."""
    editor = dialog.inputs[name].editor
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _label(dialog: PhoneIntakeDialog, name: str) -> str:
    label = dialog.fields_form.labelForField(dialog.inputs[name])
    assert isinstance(label, QLabel)
    return label.text()


def _message(dialog: PhoneIntakeDialog, name: str) -> str:
    message = dialog.inputs[name].message
    return message.text() if message.isVisible() else ""


def test_a_bad_npi_shows_its_message_and_nothing_is_opened(
    qtbot: QtBot, dialog: PhoneIntakeDialog
) -> None:
    _choose(dialog, "prior_auth_request")
    dialog.inputs["servicing_provider_npi"].editor.setFocus()
    qtbot.keyClicks(dialog.inputs["servicing_provider_npi"].editor, "123")
    assert _message(dialog, "servicing_provider_npi") == ""  # still being typed
    _type(qtbot, dialog, "requesting_provider_npi", "1234567890")
    assert _message(dialog, "servicing_provider_npi").endswith("An NPI has 10 digits.")
    assert _message(dialog, "requesting_provider_npi") == (
        "The requesting provider's NPI 1234567890 is not a valid NPI.")
    assert dialog.focusWidget() is dialog.inputs["requesting_provider_phone"].editor
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == "2 values to correct before the case can be opened."
    assert dialog.focusWidget() is dialog.inputs["requesting_provider_npi"].editor
    dialog.inputs["requesting_provider_npi"].editor.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.inputs["requesting_provider_npi"].editor, "1234567893")
    assert _message(dialog, "requesting_provider_npi") == ""


def test_expedited_makes_the_clinical_justification_required(
    qtbot: QtBot, dialog: PhoneIntakeDialog
) -> None:
    _choose(dialog, "prior_auth_request")
    assert _label(dialog, "clinical_justification") == "Clinical justification"
    urgency = dialog.inputs["urgency"].editor
    assert isinstance(urgency, QComboBox)
    urgency.setCurrentIndex(urgency.findData("expedited"))
    assert _label(dialog, "clinical_justification") == "Clinical justification *"
    assert dialog.chosen_priority() == "expedited"  # the case follows the request
    assert _message(dialog, "clinical_justification") == ""  # not yet visited
    dialog.inputs["clinical_justification"].editor.setFocus()
    dialog.inputs["units"].editor.setFocus()
    assert _message(dialog, "clinical_justification") == "The clinical justification is missing."
    dialog.priority.setCurrentIndex(dialog.priority.findData("standard"))
    assert urgency.currentData() == "standard"
    assert _label(dialog, "clinical_justification") == "Clinical justification"


def test_picking_the_caller_fills_the_member_fields(
    qtbot: QtBot, dialog: PhoneIntakeDialog
) -> None:
    qtbot.keyClicks(dialog.search.box, "rosa del")
    qtbot.waitUntil(lambda: dialog.search.matches.count() == 1)
    assert "Rosa Delgado   91234567A   born 03/14/1961" in dialog.search.matches.item(0).text()
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
    assert {name: dialog.inputs[name].text() for name in (
        "member_name", "member_id", "member_dob", "member_phone", "preferred_language",
        "member_address")} == {
        "member_name": "Rosa Delgado", "member_id": "91234567A", "member_dob": "03/14/1961",
        "member_phone": "(559) 555-0142", "preferred_language": "Spanish",
        "member_address": "12 Elm St, Fresno, CA 93701"}
    assert _message(dialog, "member_dob") == "Tue Mar 14, 1961"
    assert "Filled from the roster: Rosa Delgado" in dialog.search.status.text()


def test_two_matches_are_chosen_from_with_the_keyboard(
    qtbot: QtBot, dialog: PhoneIntakeDialog
) -> None:
    qtbot.keyClicks(dialog.search.box, "smith")
    qtbot.waitUntil(lambda: dialog.search.matches.count() == 2)
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.matches, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.matches, Qt.Key.Key_Return)
    assert dialog.inputs["member_name"].text() == "John Smith"
    qtbot.keyClicks(dialog.search.box, "zz")
    qtbot.waitUntil(lambda: "No member in the roster matches" in dialog.search.status.text())


def test_create_opens_an_exempt_grievance_with_its_clock(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, dialog: PhoneIntakeDialog
) -> None:
    qtbot.keyClicks(dialog.search.box, "91234567")
    qtbot.waitUntil(lambda: dialog.search.matches.count() == 1)
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
    dialog.inputs["description"].editor.setFocus()
    qtbot.keyClicks(dialog.inputs["description"].editor, "The pharmacy refused my refill.")
    dialog.priority.setCurrentIndex(dialog.priority.findData("exempt"))
    with qtbot.waitSignal(dialog.case_created, timeout=10_000) as created:
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case_id = created.args[0]
    detail = case_detail(gui_ws, clerk, case_id)
    assert (detail.row.case_type, detail.row.priority) == ("grievance", "exempt")
    assert detail.fields["description"] == "The pharmacy refused my refill."
    assert detail.row.member_cin == "91234567A"
    # Monday 2026-11-02 09:30 Pacific: resolved by the end of Tuesday.
    assert {c.name: plan_time(c.due_at).isoformat() for c in detail.clocks} == {
        "resolve": "2026-11-03T23:59:59-08:00"}
    assert dialog.summary.text() == f"Opened {detail.row.number} for Rosa Delgado."
    assert dialog.inputs["member_name"].text() == ""  # ready for the next call


def test_a_call_logged_late_and_incomplete_opens_waiting_for_information(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, dialog: PhoneIntakeDialog,
    clock: FixedClock
) -> None:
    _choose(dialog, "prior_auth_request")
    for name, text in {"member_name": "Lan Nguyen", "member_id": "93456781B",
                       "member_dob": "07/02/1990", "requesting_provider_name": "Dr. Lopez",
                       "requesting_provider_npi": "1245319599"}.items():
        _type(qtbot, dialog, name, text)
    urgency = dialog.inputs["urgency"].editor
    assert isinstance(urgency, QComboBox)
    urgency.setCurrentIndex(urgency.findData("expedited"))
    called = (clock() - timedelta(hours=3)).astimezone(PLAN_ZONE).replace(tzinfo=None, second=0)
    dialog.received.setDateTime(as_qdatetime(called))
    dialog.create_button.click()
    assert "Press Create again" in dialog.summary.text()
    assert dialog.create_button.text() == "Create &anyway"
    assert _message(dialog, "diagnosis_codes") == "The diagnosis code is missing."
    with qtbot.waitSignal(dialog.case_created, timeout=10_000) as created:
        dialog.create_button.click()
    detail = case_detail(gui_ws, clerk, created.args[0])
    assert (detail.row.case_type, detail.row.priority, detail.row.status) == (
        "prior_auth", "expedited", "pending_information")
    assert detail.row.received_at == called.replace(tzinfo=PLAN_ZONE)
    [decide] = [c for c in detail.clocks if c.name == "decide"]
    assert decide.due_at == called.replace(tzinfo=PLAN_ZONE) + timedelta(hours=72)
    assert any(t.kind == "request_information" for t in detail.tasks)


def test_changing_the_case_type_keeps_what_was_typed(
    qtbot: QtBot, dialog: PhoneIntakeDialog
) -> None:
    _type(qtbot, dialog, "member_name", "Pat Caller")
    _choose(dialog, "appeal_request")
    assert dialog.inputs["member_name"].text() == "Pat Caller"
    assert "description" not in dialog.inputs
    assert [dialog.priority.itemData(i) for i in range(dialog.priority.count())] == [
        "standard", "expedited"]


def test_tab_goes_through_the_form_in_order(dialog: PhoneIntakeDialog) -> None:
    order: list[QWidget] = []
    widget: QWidget = dialog.form_type
    for _ in range(8):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
    names = [w.objectName() for w in order]
    assert names[:5] == ["form_type", "member_search", "member_name", "member_id", "member_dob"]


def test_an_administrator_cannot_take_calls(gui_ws: Workspace) -> None:
    with pytest.raises(PermissionDenied, match="not allowed to work cases"):
        PhoneIntakeDialog(gui_ws, sign_in_as(gui_ws, "root", "admin"))


def test_the_received_time_starts_at_now(dialog: PhoneIntakeDialog, clock: FixedClock) -> None:
    shown = dialog.received.dateTime().toPython()
    assert isinstance(shown, datetime)
    assert shown == clock().astimezone(PLAN_ZONE).replace(tzinfo=None, second=0)
    assert dialog.received_at() is None  # untouched: the moment of Create
