"""First start, sign-in, what each role sees, and the idle lock."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from casework import users
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.main_window import MainWindow
from desktop.sign_in import FirstAdminDialog, SignInDialog
from tests.conftest import ADMIN, SUPERVISOR


def test_first_start_creates_the_administrator(qtbot: QtBot, gui_ws: Workspace) -> None:
    dialog = FirstAdminDialog(gui_ws)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "Ada")
    qtbot.keyClicks(dialog.password, "short")
    assert "at least 10" in dialog.message.text()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "a long admin password")
    qtbot.keyClicks(dialog.repeat, "a different password")
    assert "differ" in dialog.message.text()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "a long admin password")
    dialog.create_admin()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "ada"
    assert users.has_users(gui_ws)


def test_wrong_password_shows_a_sentence_and_no_actor(qtbot: QtBot, gui_ws: Workspace) -> None:
    users.add_user(gui_ws, ADMIN, "carla", "intake_clerk", "the right password")
    dialog = SignInDialog(gui_ws)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "carla")
    qtbot.keyClicks(dialog.password, "the wrong password")
    dialog.try_sign_in()
    assert dialog.actor is None
    assert "not right" in dialog.message.text()
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "the right password")
    dialog.try_sign_in()
    assert dialog.actor is not None and dialog.actor.username == "carla"


def _window(qtbot: QtBot, ws: Workspace, settings: Settings, role: str,
            idle_ms: int = 600_000) -> MainWindow:
    users.add_user(ws, ADMIN, "pat", role, "pat's password!")
    actor = users.authenticate(ws, "pat", "pat's password!")
    window = MainWindow(ws, actor, settings, idle_ms=idle_ms)
    qtbot.addWidget(window)
    return window


def test_queue_shows_cases_with_overdue_colouring(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    now = gui_ws.now()
    for hours, name in ((-5, "Overdue Member"), (30, "Later Member")):
        open_case_now(gui_ws, SUPERVISOR,
                      NewCase("grievance", "grievance", "standard", now - timedelta(days=1),
                              clocks=(DueClock("resolve", now + timedelta(hours=hours)),),
                              member_name=name))
    window = _window(qtbot, gui_ws, gui_settings, "grievance_coordinator")
    qtbot.waitUntil(lambda: window.queues.count() == 2)
    assert "1 overdue" in window.queues.item(1).text()
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    first = [window.model.index(0, c).data() for c in range(window.model.columnCount())]
    assert "Overdue Member" in first and first[-1].startswith("overdue")
    assert window.model.index(0, 8).data(8) is not None  # background colour on time left


def test_empty_queue_says_so(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> None:
    window = _window(qtbot, gui_ws, gui_settings, "intake_clerk")
    window.show()
    qtbot.waitUntil(lambda: window.table_stack.currentIndex() == 1)
    assert "No cases here yet" in window.empty.text()


def test_idle_lock_hides_work_until_the_right_password(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    window = _window(qtbot, gui_ws, gui_settings, "um_coordinator", idle_ms=200)
    window.show()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert not window.menuBar().isEnabled()
    qtbot.keyClicks(window.lock_screen.password, "wrong password")
    window.lock_screen.try_unlock()
    assert window.locked and "not right" in window.lock_screen.message.text()
    qtbot.keyClicks(window.lock_screen.password, "pat's password!")
    window.lock_screen.try_unlock()
    assert not window.locked


def test_case_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester, gui_ws: Workspace, gui_settings: Settings  # type: ignore[no-untyped-def]
) -> None:
    window = _window(qtbot, gui_ws, gui_settings, "supervisor")
    qtmodeltester.check(window.model)
