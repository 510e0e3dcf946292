"""GUI tests run on the embedded database: the window's behaviour, not the engine, is under test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from casework import users
from casework.actor import Actor
from casework.bootstrap import open_workspace
from casework.settings import Settings, load_settings
from casework.workspace import Workspace
from desktop.app import Workstation
from desktop.main_window import MainWindow
from tests.conftest import ADMIN, FixedClock
from tests.support.rules import BUNDLED_RULES

PASSWORD = "a long enough password"


@pytest.fixture
def gui_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("INTAKE_DB_URL", f"sqlite:///{tmp_path / 'gui.sqlite3'}")
    monkeypatch.setenv("INTAKE_STORE_ROOT", str(tmp_path / "store"))
    return load_settings()


@pytest.fixture
def gui_ws(gui_settings: Settings, clock: FixedClock) -> Iterator[Workspace]:
    ws = open_workspace(gui_settings, now=clock, rules=BUNDLED_RULES)
    try:
        yield ws
    finally:
        # A background operation still running would use the database after it is gone.
        QThreadPool.globalInstance().waitForDone(10_000)
        ws.db.dispose()


def sign_in_as(ws: Workspace, username: str, role: str) -> Actor:
    """Add an account with PASSWORD and sign it in, as the sign-in dialog would."""
    users.add_user(ws, ADMIN, username, role, PASSWORD, full_name=username.title())
    return users.authenticate(ws, username, PASSWORD)


def open_window(qtbot: QtBot, ws: Workspace, settings: Settings, actor: Actor,
                idle_ms: int = 600_000) -> MainWindow:
    window = MainWindow(ws, actor, settings, idle_ms=idle_ms)
    qtbot.addWidget(window)
    window.show()
    return window


def open_message_boxes() -> list[QMessageBox]:
    """The error presenter's boxes now on screen."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


@pytest.fixture
def flow(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> Iterator[Workstation]:
    """The sign-in flow; whatever dialog or window it still has open is closed afterwards."""
    workstation = Workstation(gui_ws, gui_settings)
    yield workstation
    for widget in (workstation.dialog, workstation.window):
        if widget is not None and shiboken6.isValid(widget):
            widget.close()
