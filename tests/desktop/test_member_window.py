"""The member record window and the case window's Contacts tab: a member's cases, letters,
contacts and referrals newest first, opened from a case's header or a roster search; attempts
logged from the case window, and an early close as unreachable explained."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.work import case_detail, change_status
from casework.db.models import AuditEvent
from casework.letters.issuing import generate_letter
from casework.letters.sending import record_sending
from casework.outreach.contacts import ContactEntry, log_contact
from casework.settings import PlanDetails, Settings
from casework.workspace import Workspace
from desktop.case_workspace import CaseWorkspace
from desktop.main_window import MainWindow
from desktop.member_window import MemberWindow
from tests.conftest import SUPERVISOR, FixedClock
from tests.desktop.conftest import open_message_boxes, open_window
from tests.outreach.members_and_referrals import (
    MARY,
    ROSA,
    care_coordinator,
    file_referral_fax,
    load_roster,
    open_grievance,
)


@pytest.fixture
def cora(gui_ws: Workspace, tmp_path: Path) -> Actor:
    load_roster(gui_ws, tmp_path)
    return care_coordinator(gui_ws)


def _rosa_with_two_cases(ws: Workspace, cora: Actor, clock: FixedClock) -> tuple[int, str]:
    """Rosa's grievance, acknowledged by letter; a day later her faxed CBAS referral."""
    grievance = open_grievance(ws)
    number = case_detail(ws, SUPERVISOR, grievance).row.number
    letter = generate_letter(ws, cora, PlanDetails(), number, "grievance_acknowledgement", "es")
    record_sending(ws, cora, letter.id, "mailed")
    change_status(ws, SUPERVISOR, grievance, "acknowledged")
    clock.advance(days=1)
    filing = file_referral_fax(ws)
    log_contact(ws, cora, filing.number, ContactEntry("phone", "no_answer"))
    open_grievance(ws, MARY, "Mary Lee")
    return filing.case_id, number


def _column(window: MemberWindow, name: str, column: int) -> list[str]:
    model = window.models[name]
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_the_case_header_opens_the_members_record_newest_first(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, cora: Actor,
    clock: FixedClock, qtmodeltester: ModelTester
) -> None:
    referral_case, grievance = _rosa_with_two_cases(gui_ws, cora, clock)
    window = CaseWorkspace(gui_ws, cora, gui_settings, referral_case)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.member_button.isEnabled())
    member = window.open_member()
    assert member is not None
    qtbot.addWidget(member)
    qtbot.waitUntil(lambda: member.record is not None)
    assert "Rosa Delgado" in member.header.text() and ROSA in member.header.text()
    assert "speaks Spanish" in member.header.text()
    assert _column(member, "cases", 0) == [window.detail.row.number, grievance]  # type: ignore[union-attr]
    assert _column(member, "letters", 1) == ["grievance acknowledgement"]
    assert _column(member, "letters", 4)[0].startswith("mailed ")
    assert _column(member, "contacts", 4) == ["no answer"]
    assert _column(member, "referrals", 0) == ["REF-2026-000001"]
    assert member.tabs.tabText(0) == "&Cases (2)"
    for model in member.models.values():
        qtmodeltester.check(model)
    # Double-clicking a case asks for it to be opened.
    with qtbot.waitSignal(member.case_opened) as opened:
        member.views["cases"].doubleClicked.emit(member.models["cases"].index(1, 0))
    assert opened.args is not None
    assert case_detail(gui_ws, cora, opened.args[0]).row.number == grievance
    with gui_ws.db.read() as session:
        looks = session.scalars(select(AuditEvent.actor).where(
            AuditEvent.action == "member.viewed")).all()
    assert looks == ["cora"]


def test_a_roster_search_opens_the_record(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, cora: Actor, clock: FixedClock
) -> None:
    _rosa_with_two_cases(gui_ws, cora, clock)
    main: MainWindow = open_window(qtbot, gui_ws, gui_settings, cora)
    assert main.member_action.isVisible() and main.referrals_action.isVisible()
    finder = main.open_member_finder()
    qtbot.keyClicks(finder.search.box, "Delgado")
    finder.search.search()
    qtbot.waitUntil(lambda: finder.search.matches.count() == 1)
    finder.search.pick(0)
    window = main.tool_windows[f"member:{ROSA}"]
    assert isinstance(window, MemberWindow)
    qtbot.waitUntil(lambda: window.record is not None)
    assert window.windowTitle() == f"Rosa Delgado ({ROSA}) — member record"


def test_attempts_are_logged_in_the_case_window_and_an_early_close_is_explained(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, cora: Actor
) -> None:
    filing = file_referral_fax(gui_ws, program="other")
    change_status(gui_ws, cora, filing.case_id, "in_review")
    window = CaseWorkspace(gui_ws, cora, gui_settings, filing.case_id)
    qtbot.addWidget(window)
    window.show()
    box = window.contacts_box
    qtbot.waitUntil(lambda: "Outreach rule" in box.rule.text())
    assert "0 of 3 attempts" in box.rule.text()
    box.form.channel.setCurrentIndex(box.form.channel.findData("phone"))
    box.form.outcome.setCurrentIndex(box.form.outcome.findData("reached"))
    box.form.language.setCurrentText("Spanish")
    box.form.interpreter.setChecked(True)
    qtbot.keyClicks(box.form.note, "Explained the case")
    with qtbot.waitSignal(box.loaded, timeout=10_000):
        box.log_button.click()
    assert box.model.rowCount() == 1
    row = [box.model.index(0, c).data() for c in range(box.model.columnCount())]
    assert row[0] == "1" and row[3] == "reached" and row[4] == "Spanish (interpreter)"
    assert box.form.note.text() == ""
    # Closing as unreachable now is refused, and the window says why.
    dialog = window.ask_status()
    assert dialog is not None
    dialog.target.setCurrentIndex(dialog.target.findData("closed"))
    offered = [dialog.outcome.itemData(i) for i in range(dialog.outcome.count())]
    assert offered == [None, "completed", "declined", "unreachable"]
    dialog.outcome.setCurrentIndex(offered.index("unreachable"))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [message] = open_message_boxes()
    assert "cannot close as unreachable yet" in message.text()
    message.close()
    assert case_detail(gui_ws, cora, filing.case_id).row.status == "in_review"
