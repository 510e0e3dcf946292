"""run_gui, as the command line calls it: returns when the person cancels the sign-in."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from casework.settings import Settings
from casework.workspace import Workspace
from desktop.app import run_gui
from desktop.sign_in import FirstAdminDialog


@pytest.fixture
def app_state(qapp: QApplication) -> Iterator[QApplication]:
    """run_gui changes application-wide settings; put them back for the next test."""
    quits, hook = qapp.quitOnLastWindowClosed(), sys.excepthook
    yield qapp
    qapp.setQuitOnLastWindowClosed(quits)
    sys.excepthook = hook


def test_run_gui_shows_the_first_start_and_returns_when_cancelled(
    qtbot: QtBot, app_state: QApplication, gui_ws: Workspace, gui_settings: Settings
) -> None:
    seen: list[str] = []

    def cancel_when_shown() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, FirstAdminDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, cancel_when_shown)
            return
        seen.append(dialogs[0].windowTitle())
        dialogs[0].reject()

    QTimer.singleShot(0, cancel_when_shown)
    assert run_gui(gui_settings, gui_ws) == 0
    assert seen == ["Welcome — create the administrator"]
    assert app_state.applicationName() == "Intake Workstation"
