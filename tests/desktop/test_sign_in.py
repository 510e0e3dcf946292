"""First start, sign-in, what each role sees, and the idle lock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QPushButton
from pytestqt.qtbot import QtBot

from casework import users
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.phone_intake import open_phone_case
from casework.errors import InvalidValue
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.app import Workstation
from desktop.case_table import COLUMNS as CASE_COLUMNS
from desktop.errors import show_error
from desktop.main_window import MainWindow
from desktop.sign_in import FirstAdminDialog, SignInDialog
from tests.conftest import ADMIN, SUPERVISOR
from tests.desktop.conftest import PASSWORD, open_message_boxes, open_window, sign_in_as


def _menu_entries(window: MainWindow) -> set[str]:
    """The menu entries a person can see, without the '&' mnemonics."""
    seen = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not top.isVisible() or not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            if action.isVisible() and action.text():
                seen.add(action.text().replace("&", ""))
    return seen


def test_first_start_creates_the_administrator_and_opens_the_window(
    qtbot: QtBot, gui_ws: Workspace, flow: Workstation
) -> None:
    flow.start()
    dialog = flow.dialog
    assert isinstance(dialog, FirstAdminDialog)
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.username, "Ada")
    qtbot.keyClicks(dialog.full_name, "Ada Admin")
    qtbot.keyClicks(dialog.password, "short")
    assert "at least 10" in dialog.message.text()
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "a long admin password")
    qtbot.keyClicks(dialog.repeat, "a different password")
    assert "differ" in dialog.message.text()
    assert not dialog.ok.isEnabled()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "a long admin password")
    assert dialog.message.text() == "" and dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.window is not None, timeout=10_000)
    window = flow.window
    assert window is not None
    assert window.isVisible()
    assert window.actor.username == "ada"
    assert "ada (admin)" in window.user_label.text()
    assert users.has_users(gui_ws)
    assert {"Users…", "Audit trail…"} <= _menu_entries(window)
    assert "do not see members' cases" in window.empty.text()
    assert open_message_boxes() == []  # an administrator's window opens without a complaint


def test_wrong_password_shows_a_sentence_and_no_window(
    qtbot: QtBot, gui_ws: Workspace, flow: Workstation
) -> None:
    users.add_user(gui_ws, ADMIN, "carla", "intake_clerk", "the right password")
    flow.start()
    dialog = flow.dialog
    assert isinstance(dialog, SignInDialog)
    qtbot.keyClicks(dialog.username, "carla")
    qtbot.keyClicks(dialog.password, "the wrong password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=10_000)
    assert flow.window is None and dialog.isVisible()
    assert dialog.password.text() == ""
    assert open_message_boxes() == []  # a sentence in the dialog, not a box or a traceback
    qtbot.keyClicks(dialog.password, "the right password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.window is not None, timeout=10_000)
    assert flow.window is not None
    assert flow.window.actor.username == "carla"


def test_after_five_wrong_passwords_the_dialog_says_the_account_is_locked(
    qtbot: QtBot, gui_ws: Workspace, flow: Workstation
) -> None:
    users.add_user(gui_ws, ADMIN, "carla", "intake_clerk", "the right password")
    flow.start()
    dialog = flow.dialog
    assert isinstance(dialog, SignInDialog)
    qtbot.keyClicks(dialog.username, "carla")
    for attempt in range(5):
        qtbot.keyClicks(dialog.password, f"wrong password {attempt}")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10_000)
    assert "locked for 15 more minutes" in dialog.message.text()
    qtbot.keyClicks(dialog.password, "the right password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10_000)
    assert flow.window is None and "locked" in dialog.message.text()
    assert open_message_boxes() == []


def test_sign_out_returns_to_the_sign_in_with_the_name_filled(
    qtbot: QtBot, gui_ws: Workspace, flow: Workstation
) -> None:
    window = flow.open_window(sign_in_as(gui_ws, "pat", "intake_clerk"))
    with qtbot.waitSignal(flow.finished, timeout=1000, raising=False) as finished:
        window.sign_out_action.trigger()
    assert not finished.signal_triggered
    assert isinstance(flow.dialog, SignInDialog)
    assert flow.dialog.username.text() == "pat" and not window.isVisible()


def test_a_clerk_sees_no_admin_entries(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "pat", "intake_clerk"))
    entries = _menu_entries(window)
    assert "Users…" not in entries and "Audit trail…" not in entries
    assert not window.admin_menu.menuAction().isVisible()
    assert {"Sign out", "Quit", "About"} <= entries
    # The status bar says whose database it is; the full address is in its tooltip.
    assert window.db_label.text() == "Database: this computer"
    assert window.db_label.toolTip().startswith("sqlite:///")


def test_a_supervisor_sees_the_audit_trail_but_not_users(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "sue", "supervisor"))
    entries = _menu_entries(window)
    assert "Audit trail…" in entries and "Users…" not in entries


def test_queue_shows_cases_with_overdue_colouring(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    now = gui_ws.now()
    for hours, name in ((-5, "Overdue Member"), (30, "Later Member")):
        open_case_now(gui_ws, SUPERVISOR,
                      NewCase("grievance", "grievance", "standard", now - timedelta(days=1),
                              clocks=(DueClock("resolve", now + timedelta(hours=hours)),),
                              member_name=name))
    actor = sign_in_as(gui_ws, "pat", "grievance_coordinator")
    window = open_window(qtbot, gui_ws, gui_settings, actor)
    qtbot.waitUntil(lambda: window.queues.count() == 2)
    assert "1 overdue" in window.queues.item(1).text()
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    first = [window.model.index(0, c).data() for c in range(window.model.columnCount())]
    left = [label for _key, label in CASE_COLUMNS].index("Time left")
    assert "Overdue Member" in first and first[left].startswith("overdue")
    assert window.model.index(0, left).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_empty_queue_says_so(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> None:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "pat", "intake_clerk"))
    qtbot.waitUntil(lambda: window.table_stack.currentIndex() == 1)
    assert "No cases here yet" in window.empty.text()


def test_empty_my_work_and_fruitless_search_say_what_to_do(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    """GIVEN open cases nobody has claimed WHEN a coordinator looks at My work THEN it tells
    them how to take one; a search that finds nothing names the words and what is searched."""
    actor = sign_in_as(gui_ws, "pat", "grievance_coordinator")
    open_phone_case(gui_ws, actor, "grievance_form",
                    {"member_name": "Ana Garcia", "description": "Refill refused."}, "exempt")
    window = open_window(qtbot, gui_ws, gui_settings, actor)
    qtbot.waitUntil(lambda: window.queues.count() == 2 and window.table_stack.currentIndex() == 1)
    assert "Claim next" in window.empty.text()
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.keyClicks(window.search, "zebra")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table_stack.currentIndex() == 1)
    assert "“zebra”" in window.empty.text() and "faxed page" in window.empty.text()


def test_idle_lock_hides_work_until_the_right_password(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    actor = sign_in_as(gui_ws, "pat", "um_coordinator")
    window = open_window(qtbot, gui_ws, gui_settings, actor, idle_ms=200)
    work = window.body.widget(0)
    assert work is not None and work.isVisible()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert not work.isVisible() and window.lock_screen.isVisible()
    assert not window.claim_action.isEnabled() and not window.refresh_action.isEnabled()
    qtbot.keyClicks(window.lock_screen.password, "wrong password")
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not right" in window.lock_screen.message.text(), timeout=10_000)
    assert window.locked and not work.isVisible()
    qtbot.keyClicks(window.lock_screen.password, PASSWORD)
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=10_000):
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.locked and work.isVisible() and window.claim_action.isEnabled()


def test_idle_lock_hides_open_tool_windows_too(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    actor = sign_in_as(gui_ws, "sue", "supervisor")
    window = open_window(qtbot, gui_ws, gui_settings, actor)
    audit = window.open_audit()
    audit.verify_button.click()
    qtbot.waitUntil(lambda: audit.chain_result.isVisible(), timeout=10_000)
    box = show_error(audit, InvalidValue("A message about member data."))
    assert audit.isVisible() and box.isVisible()
    # Only now go idle quickly: on a busy machine the verification alone can outlast 300 ms.
    window.idle.timer.setInterval(300)
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert not audit.isVisible() and not box.isVisible()
    leave = window.lock_screen.findChild(QPushButton, "sign_out_button")
    assert isinstance(leave, QPushButton)
    with qtbot.waitSignal(window.signed_out):
        qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_case_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, gui_ws: Workspace, gui_settings: Settings
) -> None:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "sue", "supervisor"))
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]
