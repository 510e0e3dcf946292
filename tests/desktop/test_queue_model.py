"""The queue table fetches off the GUI thread, lazily, and never shows an out-of-date answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import desktop.case_table
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.queues import CaseFilter, list_cases
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_table import CaseTableModel
from desktop.operations import BackgroundOp
from tests.conftest import SUPERVISOR
from tests.desktop.conftest import open_window, sign_in_as

GRIEVANCES = CaseFilter(queue="grievance")
MEMBER, CASE = 1, 0  # columns


class Gate:
    """Holds back the fetches `hold` picks until `release`, so their answers arrive late."""

    def __init__(self) -> None:
        self.hold: Callable[[dict[str, Any]], bool] = lambda _options: False
        self.held = threading.Event()
        self.released = threading.Event()

    def list_cases(self, *args: Any, **options: Any) -> Any:
        if self.hold(options):
            self.held.set()
            self.released.wait(timeout=20)
        return list_cases(*args, **options)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    monkeypatch.setattr(desktop.case_table, "list_cases", gate.list_cases)
    try:
        yield gate
    finally:
        gate.released.set()  # never leave a worker waiting for a test that has ended


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def open_grievances(ws: Workspace, count: int) -> list[str]:
    """Open `count` grievances, each due an hour after the one before, whose member names run
    opposite to their case numbers; their numbers in the order opened."""
    now = ws.now()
    for n in range(count):
        open_case_now(ws, SUPERVISOR, NewCase(
            "grievance", "grievance", "standard", now - timedelta(days=1),
            clocks=(DueClock("resolve", now + timedelta(hours=n + 1)),),
            member_name=f"Member {count - n:02d}"))
    return [row.number for row in list_cases(ws, SUPERVISOR, GRIEVANCES, limit=count)]


def shown(model: CaseTableModel, column: int) -> list[str]:
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def test_sorting_twice_quickly_shows_the_second_order(
    qtbot: QtBot, gui_ws: Workspace, gate: Gate, owner: QWidget
) -> None:
    """GIVEN a sort by member whose answer is slow WHEN the case column is sorted right after
    THEN the rows are in case-number order, also once the slow answer has come."""
    numbers = open_grievances(gui_ws, 4)
    assert sorted(numbers) != sorted(numbers, reverse=True)  # members run the other way
    model = CaseTableModel(gui_ws, SUPERVISOR, owner)
    with qtbot.waitSignal(model.reloaded):
        model.reload(GRIEVANCES)
    gate.hold = lambda options: options["sort"] == "member_name"
    model.sort(MEMBER, Qt.SortOrder.AscendingOrder)
    assert gate.held.wait(timeout=10)
    with qtbot.waitSignal(model.reloaded):
        model.sort(CASE, Qt.SortOrder.AscendingOrder)
    assert shown(model, CASE) == sorted(numbers)
    gate.released.set()
    qtbot.waitUntil(lambda: BackgroundOp.running() == 0)
    assert shown(model, CASE) == sorted(numbers)
    assert not model.loading


def test_an_order_chosen_before_the_first_reload_waits_for_it(
    qtbot: QtBot, gui_ws: Workspace, owner: QWidget
) -> None:
    numbers = open_grievances(gui_ws, 3)
    model = CaseTableModel(gui_ws, SUPERVISOR, owner)
    running = BackgroundOp.running()
    model.sort(CASE, Qt.SortOrder.DescendingOrder)
    assert BackgroundOp.running() == running and not model.loading and model.rowCount() == 0
    with qtbot.waitSignal(model.reloaded):
        model.reload(GRIEVANCES)
    assert shown(model, CASE) == sorted(numbers, reverse=True)


def test_a_page_asked_for_before_a_reload_is_dropped(
    qtbot: QtBot, gui_ws: Workspace, gate: Gate, owner: QWidget,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a further page on its way WHEN the queue is reloaded before it lands THEN the page
    is not added to the reloaded rows, and no second page is asked for meanwhile."""
    monkeypatch.setattr(desktop.case_table, "PAGE", 3)
    open_grievances(gui_ws, 5)
    model = CaseTableModel(gui_ws, SUPERVISOR, owner)
    with qtbot.waitSignal(model.reloaded):
        model.reload(GRIEVANCES)
    assert model.rowCount() == 3 and model.canFetchMore()
    gate.hold = lambda options: options["offset"] > 0
    model.fetchMore()
    assert not model.canFetchMore()  # asked once; the view must not ask again
    running = BackgroundOp.running()
    model.fetchMore()
    assert BackgroundOp.running() == running
    assert gate.held.wait(timeout=10)
    with qtbot.waitSignal(model.reloaded):
        model.reload()
    gate.released.set()
    qtbot.waitUntil(lambda: BackgroundOp.running() == 0)
    assert model.rowCount() == 3 and model.canFetchMore()
    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore()
    assert model.rowCount() == 5 and not model.canFetchMore()


def test_rows_arrive_as_the_view_scrolls(
    qtbot: QtBot, gui_ws: Workspace, owner: QWidget, qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(desktop.case_table, "PAGE", 10)
    numbers = open_grievances(gui_ws, 25)
    model = CaseTableModel(gui_ws, SUPERVISOR, owner)
    view = QTableView(owner)
    view.setModel(model)
    owner.resize(600, 160)  # a few rows visible: the first page fills the view
    view.resize(600, 160)
    owner.show()
    model.reload(GRIEVANCES)
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    assert not model.loading and model.canFetchMore()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 20)
    qtbot.waitUntil(lambda: not model.loading)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 25)
    assert not model.canFetchMore()
    assert shown(model, CASE) == numbers  # due soonest first: the order they were opened
    qtmodeltester.check(model)


def test_the_queue_opens_the_activated_case(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    open_grievances(gui_ws, 2)
    window = open_window(qtbot, gui_ws, gui_settings,
                         sign_in_as(gui_ws, "pat", "grievance_coordinator"))
    qtbot.waitUntil(lambda: window.queues.count() == 2)
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2 and not window.model.loading)
    second = window.model.index(1, 0)
    case_id = int(second.data(Qt.ItemDataRole.UserRole))
    window.table.setFocus()
    window.table.setCurrentIndex(second)
    with qtbot.waitSignal(window.queue_view.case_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [case_id]
    assert f"case:{case_id}" in window.tool_windows
