"""New cases are noticed without a refresh; an expedited one is announced without member data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casework.cases.arrivals import CaseArrival
from casework.cases.phone_intake import open_phone_case
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_notifier import CaseNotifier, announcement
from desktop.case_workspace import CaseWorkspace
from desktop.main_window import MainWindow
from tests.conftest import SUPERVISOR
from tests.desktop.conftest import open_window, sign_in_as

GRIEVANCE = {"member_name": "Rosa Delgado", "member_id": "91234567a",
             "member_phone": "(559) 555-0142",
             "description": "The pharmacy refused my refill twice this week."}


@pytest.fixture
def window(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> MainWindow:
    return open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "gia", "supervisor"))


@pytest.fixture
def notifier(qtbot: QtBot, window: MainWindow, gui_settings: Settings) -> Iterator[CaseNotifier]:
    """Wired as the main window wires it: banner above the queue, Open opens the case."""
    notifier = CaseNotifier(window.ws, window.actor, gui_settings, window, interval_ms=100,
                            use_tray=False)
    window.queue_view.layout().insertWidget(0, notifier.banner)
    notifier.arrived.connect(window.refresh)
    notifier.open_case.connect(window.open_case)
    yield notifier
    notifier.stop()


def open_in(window: MainWindow, queue: str) -> str | None:
    """The count the queue list shows for `queue`, as '(1)'; None when it is not listed."""
    for row in range(window.queues.count()):
        item = window.queues.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == queue:
            return item.text().rsplit("  ", 1)[-1]
    return None


def start(qtbot: QtBot, notifier: CaseNotifier) -> None:
    notifier.start()
    qtbot.waitUntil(lambda: notifier._mark is not None)


def phone_case(ws: Workspace, priority: str | None = None) -> str:
    """A phone grievance taken at another desk."""
    return open_phone_case(ws, SUPERVISOR, "grievance_form", GRIEVANCE,
                           priority=priority).number


def test_an_expedited_case_raises_the_banner_with_its_number_and_no_member_name(
    qtbot: QtBot, window: MainWindow, notifier: CaseNotifier
) -> None:
    start(qtbot, notifier)

    with qtbot.waitSignal(notifier.expedited, timeout=10_000):
        number = phone_case(window.ws, "expedited")

    banner = notifier.banner
    assert banner.isVisible()
    text = banner.message.text()
    assert text == f"Expedited grievance {number} arrived at 9:30 AM."
    assert "Rosa" not in text and "Delgado" not in text and "91234567" not in text

    banner.open_button.click()

    assert not banner.isVisible()
    opened = [w for w in window.tool_windows.values() if isinstance(w, CaseWorkspace)]
    assert len(opened) == 1 and opened[0].isVisible()


def test_several_expedited_cases_wait_their_turn(
    qtbot: QtBot, window: MainWindow, notifier: CaseNotifier
) -> None:
    start(qtbot, notifier)
    notifier.stop()  # both arrive before the next look
    first = phone_case(window.ws, "expedited")
    second = phone_case(window.ws, "expedited")

    with qtbot.waitSignal(notifier.expedited, timeout=10_000):
        notifier.start()

    assert notifier.banner.message.text() == (
        f"Expedited grievance {first} arrived at 9:30 AM. 1 more expedited case is waiting.")
    notifier.banner.open_button.click()
    assert notifier.banner.message.text() == f"Expedited grievance {second} arrived at 9:30 AM."
    notifier.banner.dismiss_button.click()
    assert not notifier.banner.isVisible()


def test_a_standard_case_refreshes_the_queue_without_a_banner(
    qtbot: QtBot, window: MainWindow, notifier: CaseNotifier
) -> None:
    phone_case(window.ws, "expedited")  # there before the window looked: not news
    start(qtbot, notifier)

    with qtbot.waitSignal(notifier.arrived, timeout=10_000):
        phone_case(window.ws)

    qtbot.waitUntil(lambda: open_in(window, "grievance") == "(1)", timeout=10_000)
    assert not notifier.banner.isVisible()


def test_a_person_who_does_not_see_cases_is_not_polled_for_them(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    admin_window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "ada", "admin"))
    notifier = CaseNotifier(gui_ws, admin_window.actor, gui_settings, admin_window,
                            use_tray=False)

    notifier.start()

    assert not notifier.enabled and not notifier.timer.isActive()


def test_a_case_received_on_another_day_names_the_day() -> None:
    last_night = CaseArrival(7, "PA-2026-000007", "prior_auth", "um_expedited", "expedited",
                             datetime(2026, 11, 2, 5, 0, tzinfo=UTC))

    text = announcement(last_night, datetime(2026, 11, 2, 17, 30, tzinfo=UTC))

    assert text == ("Expedited prior authorization request PA-2026-000007 arrived on "
                    "11/01/2026 at 9:00 PM.")
