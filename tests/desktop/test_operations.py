"""Background operations and the error presenter: results on the GUI thread, errors in words."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from casework.errors import DatabaseUnavailable, InvalidValue
from desktop.errors import UNEXPECTED, install_error_hook
from desktop.operations import BackgroundOp
from tests.desktop.conftest import open_message_boxes


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_runs_off_the_gui_thread_and_delivers_on_it(qtbot: QtBot, parent: QWidget) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    BackgroundOp(parent, work).success(done).run()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"worker": False, "result": 42, "gui": True}
    assert BackgroundOp.running() == 0


def test_a_known_failure_is_shown_in_its_own_words(qtbot: QtBot, parent: QWidget) -> None:
    def fail() -> None:
        raise InvalidValue("There is already a user called root.")

    BackgroundOp(parent, fail).run()
    qtbot.waitUntil(lambda: len(open_message_boxes()) == 1)
    box = open_message_boxes()[0]
    assert box.text() == "There is already a user called root."
    assert box.parent() is parent
    box.close()


def test_a_bug_shows_a_short_notice_and_logs_the_traceback(
    qtbot: QtBot, parent: QWidget, caplog: pytest.LogCaptureFixture
) -> None:
    def crash() -> None:
        raise ZeroDivisionError("division by zero")

    with caplog.at_level(logging.ERROR, logger="desktop.errors"):
        BackgroundOp(parent, crash).run()
        qtbot.waitUntil(lambda: len(open_message_boxes()) == 1)
    box = open_message_boxes()[0]
    assert box.text() == UNEXPECTED
    assert "ZeroDivisionError" in caplog.text and "in crash" in caplog.text
    box.close()


def test_a_failure_callback_replaces_the_message(qtbot: QtBot, parent: QWidget) -> None:
    errors: list[BaseException] = []
    BackgroundOp(parent, lambda: 1 / 0).failure(errors.append).run()
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ZeroDivisionError) and open_message_boxes() == []


def test_a_result_for_a_closed_window_is_dropped(qtbot: QtBot) -> None:
    gate = threading.Event()
    delivered: list[int] = []
    widget = QWidget()
    op = BackgroundOp(widget, lambda: gate.wait(5) and 7).success(delivered.append)
    op.run()
    widget.deleteLater()
    qtbot.waitUntil(lambda: BackgroundOp.running() == 1)
    QApplication.processEvents()  # let the deferred delete happen before the result arrives
    gate.set()
    qtbot.waitUntil(lambda: BackgroundOp.running() == 0)
    assert delivered == []


def test_an_error_escaping_a_slot_reaches_the_presenter(qtbot: QtBot) -> None:
    def slot() -> None:
        raise DatabaseUnavailable("The database is locked.")

    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(slot)
    previous = install_error_hook()
    try:
        button.click()
        qtbot.waitUntil(lambda: len(open_message_boxes()) == 1)
        box = open_message_boxes()[0]
        assert box.text() == "The database is locked." and box.windowTitle() == "Cannot continue"
        box.close()
    finally:
        sys.excepthook = previous


def test_progress_appears_only_for_slow_work(qtbot: QtBot, parent: QWidget) -> None:
    gate = threading.Event()
    done: list[object] = []
    BackgroundOp(parent, lambda: gate.wait(5)).success(done.append).with_progress(
        "Working…").run()
    qtbot.waitUntil(lambda: _progress_visible(parent), timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: done == [True] and not _progress_visible(parent))


def _progress_visible(parent: QWidget) -> bool:
    from PySide6.QtWidgets import QProgressDialog

    return any(d.isVisible() for d in parent.findChildren(QProgressDialog))
