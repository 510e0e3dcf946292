"""The main window remembers where it was, apart from the settings file."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from casework.settings import Settings
from casework.workspace import Workspace
from desktop.main_window import MainWindow
from tests.desktop.conftest import sign_in_as


def test_window_size_is_remembered_outside_the_settings_file(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    actor = sign_in_as(gui_ws, "pat", "intake_clerk")
    first = MainWindow(gui_ws, actor, gui_settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 530)
    qtbot.waitUntil(lambda: first.size().width() == 760)
    first.close()
    assert (gui_settings.paths.state_dir / "window.ini").exists()
    assert not gui_settings.paths.config_file.exists()
    second = MainWindow(gui_ws, actor, gui_settings)
    qtbot.addWidget(second)
    assert (second.size().width(), second.size().height()) == (760, 530)
