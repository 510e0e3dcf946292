"""The referrals window: the queue soonest-due first, a new referral through its dialog, an
attempt that reaches the member marking it contacted, enrolment at a site, CBAS attendance,
and an early 'unreachable' explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casework.actor import Actor
from casework.outreach.referrals import NewReferral, new_referral, referral_detail
from casework.workspace import Workspace
from desktop.referrals_window import ReferralsWindow
from tests.conftest import FixedClock
from tests.desktop.conftest import open_message_boxes
from tests.outreach.members_and_referrals import (
    MARY,
    ROSA,
    care_coordinator,
    load_roster,
)


@pytest.fixture
def cora(gui_ws: Workspace, tmp_path: Path) -> Actor:
    load_roster(gui_ws, tmp_path)
    return care_coordinator(gui_ws)


def _open(qtbot: QtBot, ws: Workspace, actor: Actor) -> ReferralsWindow:
    window = ReferralsWindow(ws, actor)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    return window


def _numbers(window: ReferralsWindow) -> list[str]:
    return [str(window.model.index(r, 0).data()) for r in range(window.model.rowCount())]


def test_the_queue_shows_the_soonest_due_first_and_filters_by_program(
    qtbot: QtBot, gui_ws: Workspace, cora: Actor, qtmodeltester: ModelTester
) -> None:
    wic = new_referral(gui_ws, cora, NewReferral(MARY, "wic")).number  # no clock
    cbas = new_referral(gui_ws, cora, NewReferral(ROSA, "cbas")).number  # 5 business days
    ecm = new_referral(gui_ws, cora, NewReferral(ROSA, "ecm")).number  # 3 business days
    window = _open(qtbot, gui_ws, cora)
    qtmodeltester.check(window.model)
    assert _numbers(window) == [ecm, cbas, wic]
    assert window.model.index(0, 7).data() == "due 11/05/2026"
    assert not window.status_button.isEnabled()
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.program_filter.setCurrentIndex(window.program_filter.findData("wic"))
    assert _numbers(window) == [wic]


def test_refer_reach_enrol_and_record_attendance_through_the_dialogs(
    qtbot: QtBot, gui_ws: Workspace, cora: Actor, clock: FixedClock
) -> None:
    window = _open(qtbot, gui_ws, cora)
    dialog = window.ask_new()
    qtbot.keyClicks(dialog.cin, ROSA)
    dialog.program.setCurrentIndex(dialog.program.findData("cbas"))
    sites = [dialog.site.itemData(i) for i in range(dialog.site.count())]
    assert sites == ["", "Sunrise Adult Day Health Center", "Fresno Adult Day Care Center"]
    qtbot.keyClicks(dialog.reason, "Alone all day")
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        dialog.accept()
    assert window.message.text() == "Opened REF-2026-000001 for Rosa Delgado."
    with qtbot.waitSignal(window.detail_loaded, timeout=10_000):
        window.select("REF-2026-000001")
    assert "reason: Alone all day" in window.about.text()
    assert not window.attend_button.isEnabled()

    contact = window.ask_contact()
    contact.form.outcome.setCurrentIndex(contact.form.outcome.findData("reached"))
    contact.form.language.setCurrentText("Spanish")
    contact.form.interpreter.setChecked(True)
    with qtbot.waitSignal(window.detail_loaded, timeout=10_000):
        contact.accept()
    assert window.model.index(0, 5).data() == "contacted"
    assert window.attempts.rowCount() == 1
    assert window.attempts.index(0, 4).data() == "Spanish (interpreter)"

    status = window.ask_status()
    assert status is not None
    moves = [status.target.itemData(i) for i in range(status.target.count())]
    assert moves == ["enrolled", "declined", "unreachable"]
    status.site.setCurrentIndex(status.site.findData("Sunrise Adult Day Health Center"))
    qtbot.keyClicks(status.note, "Tuesdays and Thursdays")
    with qtbot.waitSignal(window.detail_loaded, timeout=10_000):
        status.accept()
    assert window.model.index(0, 4).data() == "Sunrise Adult Day Health Center"
    assert window.attend_button.isEnabled()

    clock.advance(days=2)
    attend = window.ask_attendance()
    with qtbot.waitSignal(window.detail_loaded, timeout=10_000):
        attend.accept()
    assert window.model.index(0, 8).data() == "1"
    assert "1 day(s) in all" in window.message.text()
    view, _ = referral_detail(gui_ws, cora, "REF-2026-000001")
    assert (view.status, view.attended_days, view.outcome_note) == (
        "enrolled", 1, "Tuesdays and Thursdays")
    assert attend.chosen() == date(2026, 11, 4)


def test_an_early_unreachable_is_explained(qtbot: QtBot, gui_ws: Workspace,
                                           cora: Actor) -> None:
    number = new_referral(gui_ws, cora, NewReferral(MARY, "cs")).number
    window = _open(qtbot, gui_ws, cora)
    with qtbot.waitSignal(window.detail_loaded, timeout=10_000):
        window.select(number)
    assert "0 of 3 attempts" in window.rule.text()
    window.change_status("unreachable")
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [box] = open_message_boxes()
    assert "cannot close as unreachable yet" in box.text()
    box.close()
    assert window.chosen is not None and window.chosen.status == "referred"
