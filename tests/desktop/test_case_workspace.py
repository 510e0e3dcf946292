"""The case workspace: one case's clocks, notes, tasks and moves, all through casework services."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.clocks import compute_clocks
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.phone_intake import open_phone_case
from casework.cases.queues import CaseFilter, list_cases
from casework.cases.work import case_detail
from casework.db.models import AuditEvent
from casework.intake.service import ingest_files
from casework.letters.case_file import letter_pdf
from casework.letters.issuing import letters_due
from casework.letters.sending import SendMethod
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_actions import AssignDialog, ExtendDialog, LetterDialog, StatusDialog
from desktop.case_clocks import ClockTableModel
from desktop.case_workspace import CaseWorkspace
from tests.cases.reviewed_requests import add_person, open_prior_auth
from tests.desktop.conftest import open_message_boxes, open_window, sign_in_as
from tests.intake.prior_auth_sample import PAGE_ONE, RECEIVED, load_rosters, prior_auth_pdf

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

CALLER = {"member_name": "Rosa Delgado", "member_id": "91234567A",
          "member_phone": "(559) 555-0142",
          "member_address": "12 Elm St, Fresno, CA 93701",
          "description": "The pharmacy refused my refill twice this week."}

Opener = Callable[[str], tuple[CaseWorkspace, int]]


@pytest.fixture
def coordinator(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "gloria", "supervisor")


@pytest.fixture
def open_case(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings,
              coordinator: Actor) -> Opener:
    """Open a phone grievance of the given priority and its workspace, loaded."""
    def opener(priority: str) -> tuple[CaseWorkspace, int]:
        case = open_phone_case(gui_ws, coordinator, "grievance_form", CALLER, priority)
        window = CaseWorkspace(gui_ws, coordinator, gui_settings, case.case_id)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.detail is not None)
        return window, case.case_id
    return opener


def _close_boxes() -> None:
    for box in open_message_boxes():
        box.close()


def test_the_workspace_shows_the_case_and_its_clocks(open_case: Opener) -> None:
    window, _ = open_case("standard")
    assert window.detail is not None
    number = window.detail.row.number
    assert number in window.windowTitle() and "Rosa Delgado" in window.header.text()
    model = window.clock_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Acknowledge", "Resolve"]
    # Monday 09:30 Pacific: acknowledge within five days (the Saturday), resolve within 30.
    assert model.index(0, 1).data().endswith("11:59 PM")
    assert model.index(0, 2).data().endswith("h")


def test_the_details_tab_shows_what_the_caller_said_under_the_forms_labels(
    open_case: Opener,
) -> None:
    window, _ = open_case("standard")
    rows = window.details.rows()
    assert rows["Member Name"] == "Rosa Delgado"
    assert rows["Member Phone"] == "(559) 555-0142"
    assert rows["Description"].startswith("The pharmacy refused")
    labels = list(rows)
    assert labels.index("Member Name") < labels.index("Description")  # the form's order


def test_an_added_note_appears_in_the_list(qtbot: QtBot, open_case: Opener) -> None:
    window, _ = open_case("standard")
    qtbot.keyClicks(window.note_text, "Called the member back; refill sorted.")
    with qtbot.waitSignal(window.loaded):
        qtbot.mouseClick(window.add_note_button, Qt.MouseButton.LeftButton)
    texts = [window.notes.item(i).text() for i in range(window.notes.count())]
    assert any("refill sorted" in t and "gloria" in t for t in texts)
    assert window.note_text.toPlainText() == ""
    assert window.message.text() == "Note added."


def test_an_illegal_status_change_is_explained_and_changes_nothing(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace, coordinator: Actor
) -> None:
    window, case_id = open_case("standard")
    window.change_status("resolved")  # not offered: a grievance is acknowledged first
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [box] = open_message_boxes()
    assert box.icon() == QMessageBox.Icon.Information
    assert "cannot be resolved before it is acknowledged" in box.text()
    box.close()
    assert case_detail(gui_ws, coordinator, case_id).row.status == "received"


def test_the_status_dialog_offers_only_the_allowed_moves(
    qtbot: QtBot, open_case: Opener
) -> None:
    window, _ = open_case("exempt")
    dialog = window.ask_status()
    assert isinstance(dialog, StatusDialog)
    offered = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert offered == ["acknowledged", "in_review", "resolved", "withdrawn"]
    dialog.target.setCurrentIndex(offered.index("resolved"))
    assert not dialog.outcome.isEnabled()
    with qtbot.waitSignal(window.loaded):
        dialog.accept()
    assert window.detail is not None and window.detail.row.status == "resolved"
    assert window.clock_model.index(0, 2).data().startswith("met ")


def test_an_acknowledgement_letter_is_drafted_and_meets_its_clock_when_sent(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace, coordinator: Actor
) -> None:
    window, case_id = open_case("standard")
    letters = window.letters_box
    qtbot.waitUntil(lambda: letters.file is not None)
    dialog = letters.ask_generate()
    assert isinstance(dialog, LetterDialog)
    assert dialog.chosen_kind() == "grievance_acknowledgement"  # the clock that is running
    with qtbot.waitSignal(window.loaded, timeout=30_000):
        dialog.accept()
    qtbot.waitUntil(lambda: letters.model.rowCount() == 1)
    number = case_detail(gui_ws, coordinator, case_id).row.number
    [due] = [d for d in letters_due(gui_ws, coordinator) if d.case_number == number]
    assert due.drafted  # drafted, not sent: the clock still runs
    with gui_ws.db.read() as session:
        kinds = session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "letter.generated")).all()
    assert kinds == ["letter.generated"]
    assert not window.clock_model.index(0, 2).data().startswith("met ")
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        letters.record_sent(letters.model.letters[0].id, SendMethod.MAILED)
    assert window.clock_model.index(0, 2).data().startswith("met ")


def test_a_letter_missing_staff_wording_says_what_is_missing(
    qtbot: QtBot, open_case: Opener
) -> None:
    window, _ = open_case("standard")
    letters = window.letters_box
    qtbot.waitUntil(lambda: letters.file is not None)  # the Letters tab has loaded
    letters.generate("grievance_resolution", None, {})
    qtbot.waitUntil(lambda: bool(letters.message.text()), timeout=30_000)
    assert "cannot be made without" in letters.message.text()
    assert "resolution" in letters.message.text()
    assert open_message_boxes() == []  # a refusal in words, not an error box


def test_extending_a_clock_shows_the_reason_and_offers_the_members_notice(
    qtbot: QtBot, open_case: Opener
) -> None:
    """GIVEN a standard grievance WHEN its resolution clock is extended THEN the clock shows
    the reason, and the notice the member must get within two days is offered at once."""
    window, _ = open_case("standard")
    qtbot.waitUntil(lambda: window.letters_box.file is not None)
    with qtbot.waitSignal(window.loaded):
        window.extend("resolve", 14, "Waiting for the pharmacy's records")
    row = [window.clock_model.index(r, 0).data() for r in range(2)].index("Resolve")
    assert window.clock_model.index(row, 3).data() == "+14 d: Waiting for the pharmacy's records"
    assert "Send the member the notice of extension by" in window.message.text()
    assert "§438.408(c)(2)(ii)" in window.message.text()
    dialog = window.letters_box.dialog
    assert isinstance(dialog, LetterDialog) and dialog.chosen_kind() == "extension_notice"
    assert window.tabs.currentWidget() is window.letters_box
    dialog.accept()
    qtbot.waitUntil(lambda: window.letters_box.model.rowCount() == 1, timeout=30_000)
    letter = window.letters_box.model.letters[0]
    with pdfplumber.open(io.BytesIO(letter_pdf(window.ws, window.actor, letter.id))) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Waiting for the pharmacy's records" in text
    assert window.detail is not None
    assert any(t.kind == "extension_notice" for t in window.detail.tasks)


def test_only_clocks_their_rule_lets_be_extended_are_offered(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace, gui_settings: Settings,
    coordinator: Actor
) -> None:
    window, _ = open_case("standard")
    dialog = window.ask_extension()
    assert isinstance(dialog, ExtendDialog)
    assert [dialog.clock.itemData(i) for i in range(dialog.clock.count())] == ["resolve"]
    assert dialog.days.maximum() == 14
    assert "written notice" in dialog.note.text()
    dialog.reject()
    # A State Hearing's preparation clock counts back from the State's hearing date: no
    # extension, so none is offered.
    received = gui_ws.now()
    clocks = compute_clocks(gui_ws.rules, "sfh", "standard", received,
                            hearing_date=date(2026, 12, 15))
    case_id = open_case_now(gui_ws, coordinator, NewCase(
        "sfh", "state_hearings", "standard", received, hearing_date=date(2026, 12, 15),
        clocks=tuple(DueClock(c.name, c.due_at, c.citation) for c in clocks.values())))
    hearing = CaseWorkspace(gui_ws, coordinator, gui_settings, case_id)
    qtbot.addWidget(hearing)
    hearing.show()
    qtbot.waitUntil(lambda: hearing.detail is not None)
    assert not hearing.extend_button.isEnabled()
    assert "allows no extension" in hearing.extend_button.toolTip()


def test_the_clock_model_passes_the_model_tester(
    qtmodeltester: ModelTester, open_case: Opener
) -> None:
    window, _ = open_case("standard")
    assert window.detail is not None
    model = ClockTableModel(window.detail.row.received_at)
    qtmodeltester.check(model)
    model.set_clocks(window.detail.clocks, window.detail.row.received_at)
    qtmodeltester.check(model)


def test_enter_on_a_queue_row_opens_its_workspace(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, coordinator: Actor
) -> None:
    case = open_phone_case(gui_ws, coordinator, "grievance_form", CALLER, "standard")
    window = open_window(qtbot, gui_ws, gui_settings, coordinator)
    qtbot.waitUntil(lambda: window.queues.count() > 1)
    grievances = next(i for i in range(window.queues.count())
                      if window.queues.item(i).data(Qt.ItemDataRole.UserRole) == "grievance")
    window.queues.setCurrentRow(grievances)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    opened = window.tool_windows.get(f"case:{case.case_id}")
    assert isinstance(opened, CaseWorkspace)
    qtbot.waitUntil(lambda: opened.detail is not None)
    _close_boxes()


def test_the_history_tab_shows_each_step_newest_first(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace, coordinator: Actor
) -> None:
    """GIVEN a coordinator who adds a note to a case WHEN the history tab shows THEN the note,
    the coordinator's look at the case and the opening are listed, newest first, by name."""
    window, _ = open_case("standard")
    qtbot.waitUntil(lambda: bool(window.trail.steps))
    with qtbot.waitSignal(window.trail.loaded, timeout=10_000):
        window.add_note("Called the member back.")
    window.tabs.setCurrentWidget(window.trail)
    rows = [window.trail.timeline.topLevelItem(i)
            for i in range(window.trail.timeline.topLevelItemCount())]
    words = [row.text(2) for row in rows if row is not None]
    assert words[0] == "added a note"
    assert words[-1] == "opened the case"
    assert "looked at the case" in words
    first = rows[0]
    assert first is not None and first.text(1) == coordinator.username


def _looks(ws: Workspace, case_id: int) -> int:
    with ws.db.read() as session:
        return len(session.scalars(select(AuditEvent.seq).where(
            AuditEvent.action == "case.viewed", AuditEvent.entity_id == str(case_id))).all())


def test_each_opening_of_the_case_is_recorded_but_not_each_refresh(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace
) -> None:
    """GIVEN a coordinator who opened a case WHEN they add two notes (the window reads the
    case again after each) THEN the trail holds one look at the case; WHEN they close the
    window and open it again THEN a second look is recorded."""
    window, case_id = open_case("standard")
    for text in ("Called the member back.", "Left a message with the pharmacy."):
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            window.add_note(text)
    assert _looks(gui_ws, case_id) == 1

    window.close()
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    assert _looks(gui_ws, case_id) == 2


def test_a_supervisor_assigns_the_case_and_gives_it_back_to_the_queue(
    qtbot: QtBot, open_case: Opener, gui_ws: Workspace
) -> None:
    """GIVEN a supervisor in a case WHEN they assign it to a coordinator THEN the header names
    the coordinator; choosing nobody puts it back in its queue. Only people who work cases are
    offered."""
    sign_in_as(gui_ws, "gil", "grievance_coordinator")
    sign_in_as(gui_ws, "ada", "admin")
    window, _ = open_case("standard")
    window.ask_assignee()
    qtbot.waitUntil(lambda: isinstance(window.dialog, AssignDialog), timeout=10_000)
    dialog = window.dialog
    assert isinstance(dialog, AssignDialog)
    offered = [dialog.person.itemData(i) for i in range(dialog.person.count())]
    assert "gil" in offered and "ada" not in offered
    dialog.person.setCurrentIndex(offered.index("gil"))
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        dialog.accept()
    assert window.message.text() == "Assigned to gil."
    assert "gil" in window.header.text()
    window.ask_assignee()
    qtbot.waitUntil(lambda: isinstance(window.dialog, AssignDialog), timeout=10_000)
    again = window.dialog
    assert isinstance(again, AssignDialog) and again.chosen() == "gil"  # the current one
    again.person.setCurrentIndex(0)  # nobody: back to the queue
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        again.accept()
    assert window.detail is not None and window.detail.row.assignee is None


def test_a_coordinator_is_not_offered_assignment(qtbot: QtBot, gui_ws: Workspace,
                                                  gui_settings: Settings) -> None:
    person = sign_in_as(gui_ws, "gil", "grievance_coordinator")
    case = open_phone_case(gui_ws, person, "grievance_form", CALLER, "standard")
    window = CaseWorkspace(gui_ws, person, gui_settings, case.case_id)
    qtbot.addWidget(window)
    assert not window.assign_button.isVisibleTo(window)


def test_an_incomplete_request_asks_its_provider_for_what_is_missing(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    """GIVEN a prior authorization faxed without its second page WHEN the UM coordinator asks
    for the missing information THEN the fax-back letter is made for the provider, naming
    what is missing; a code without plain words is asked for in the dialog, which keeps what
    was typed."""
    load_rosters(gui_ws, tmp_path)
    path = tmp_path / "half-a-request.pdf"
    path.write_bytes(prior_auth_pdf((PAGE_ONE,)))
    (result,) = ingest_files(gui_ws, gui_settings, [path], RECEIVED)
    reviewer = sign_in_as(gui_ws, "uma", "um_coordinator")
    case_id = int(result.extra["case"]["id"]) if "id" in result.extra["case"] else next(
        r.id for r in list_cases(gui_ws, reviewer, CaseFilter(), limit=5))
    window = CaseWorkspace(gui_ws, reviewer, gui_settings, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None and window.letters_box.file is not None)
    assert window.missing_button.isVisible()
    dialog = window.request_missing_information()
    assert isinstance(dialog, LetterDialog) and dialog.chosen_kind() == "missing_information"
    qtbot.keyClicks(dialog.value_edits["reply_by"], "2026-11-09")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.refusal.text()), timeout=30_000)
    assert "write what 97110 is in plain English words" in dialog.refusal.text()
    assert dialog.isVisible() and dialog.chosen_values()["reply_by"] == "2026-11-09"
    qtbot.keyClicks(dialog.value_edits["service.97110"], "Physical therapy exercises")
    dialog.accept()
    qtbot.waitUntil(lambda: window.letters_box.model.rowCount() == 1
                    or "cannot" in window.letters_box.message.text(), timeout=30_000)
    assert window.letters_box.model.rowCount() == 1, window.letters_box.message.text()
    assert window.tabs.currentWidget() is window.letters_box
    letter = window.letters_box.model.letters[0]
    assert letter.kind == "missing_information"
    assert letter.language == "en"  # for the provider's office, though the member reads Spanish
    with pdfplumber.open(io.BytesIO(letter_pdf(gui_ws, reviewer, letter.id))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Valley Family Medicine" in text and "units" in text.lower()
    assert "Physical therapy exercises (97110)" in text
    assert window.letters_box.dialog is None  # closed once the letter was made


def _prior_auth_window(qtbot: QtBot, ws: Workspace, settings: Settings, actor: Actor,
                       case_id: int) -> CaseWorkspace:
    window = CaseWorkspace(ws, actor, settings, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.detail is not None)
    return window


def test_a_coordinator_is_shown_why_only_a_reviewer_denies_and_refers_the_request(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    coordinator = add_person(gui_ws, "uma", "um_coordinator")
    case_id = open_prior_auth(gui_ws, tmp_path)
    window = _prior_auth_window(qtbot, gui_ws, gui_settings, coordinator, case_id)
    assert window.refer_button.isVisible()
    dialog = window.ask_status()
    assert isinstance(dialog, StatusDialog)
    dialog.target.setCurrentIndex(dialog.target.findData("decided"))
    items = {dialog.outcome.itemData(i): dialog.outcome.model().item(i)  # type: ignore[attr-defined]
             for i in range(dialog.outcome.count())}
    assert items["approved"].isEnabled()
    assert not items["denied"].isEnabled() and not items["modified"].isEnabled()
    assert items["denied"].text() == "Denied (clinical reviewer only)"
    assert "Only a clinical reviewer" in dialog.gate_note.text() and dialog.gate_note.isVisible()
    dialog.reject()

    window.change_status("decided", "denied")  # asked all the same: refused with the reason
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [box] = open_message_boxes()
    assert "Only a clinical reviewer" in box.text() and "§1367.01(e)" in box.text()
    box.close()
    assert case_detail(gui_ws, coordinator, case_id).row.status == "in_review"

    referral = window.ask_referral()
    assert referral is not None
    qtbot.keyClicks(referral.note, "Does the home assessment support a power chair?")
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        referral.accept()
    assert window.detail is not None and window.detail.row.queue == "clinical_review"
    assert not window.refer_button.isVisible()
    assert "Clinical review queue" in window.message.text()


def test_a_clinical_reviewer_records_the_denial_in_the_window(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    reviewer = add_person(gui_ws, "aruiz", "clinical_reviewer")
    case_id = open_prior_auth(gui_ws, tmp_path)
    window = _prior_auth_window(qtbot, gui_ws, gui_settings, reviewer, case_id)
    dialog = window.ask_status()
    assert isinstance(dialog, StatusDialog)
    dialog.target.setCurrentIndex(dialog.target.findData("decided"))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("denied"))
    assert dialog.outcome.currentText() == "Denied" and not dialog.gate_note.isVisible()
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        dialog.accept()
    assert "decided (denied, by aruiz)" in window.header.text()
