"""The settings window: edit, save, and the next start reads what was saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.db.models import AuditEvent
from casework.paths import app_paths
from casework.settings import Settings
from casework.settings_file import read_file_settings
from casework.workspace import Workspace
from desktop.settings_dialog import SettingsDialog
from tests.desktop.conftest import sign_in_as

FILE = """\
version = 1

[database]
url = "postgresql://intake:s3cret@db.example/intake"

[plan]
name = "Example Health Plan"

[ocr]
languages = ["eng"]
pdf_passwords = ["fax2026"]

[[watch]]
path = "/srv/fax/incoming"
source = "fax"
"""


@pytest.fixture
def settings_file(isolated_home: Path) -> Path:
    path = app_paths().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FILE, encoding="utf-8")
    return path


def _open(qtbot: QtBot, ws: Workspace, settings: Settings, role: str) -> SettingsDialog:
    dialog = SettingsDialog(ws, sign_in_as(ws, f"a{role[:5]}", role), settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def dialog(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings,
           settings_file: Path) -> Iterator[SettingsDialog]:
    yield _open(qtbot, gui_ws, gui_settings, "admin")


def test_the_file_is_shown_and_the_password_never_in_clear(dialog: SettingsDialog) -> None:
    assert dialog.database.url.text() == "postgresql://intake@db.example/intake"
    assert dialog.database.password.text() == "s3cret"
    assert dialog.database.password.echoMode() == dialog.database.password.EchoMode.Password
    assert dialog.plan["name"].text() == "Example Health Plan"
    assert [dialog.watch.list.item(i).text() for i in range(dialog.watch.list.count())] == [
        "Fax:  /srv/fax/incoming"]
    passwords = [dialog.ocr.password_list.item(i).text()
                 for i in range(dialog.ocr.password_list.count())]
    assert passwords == ["Password 1: ••••••••"]
    assert dialog.ocr.chosen_languages() == ("eng",)


def test_a_watch_folder_and_the_plan_name_are_saved_and_read_back(
    qtbot: QtBot, gui_ws: Workspace, dialog: SettingsDialog, tmp_path: Path
) -> None:
    dialog.tabs.setCurrentWidget(dialog.watch)
    dialog.watch.path.line.selectAll()
    qtbot.keyClicks(dialog.watch.path.line, str(tmp_path / "fax in"))
    dialog.watch.settle.setValue(8)
    qtbot.mouseClick(dialog.watch.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.watch.path.line, str(tmp_path / "scans"))
    dialog.watch.source.setCurrentIndex(dialog.watch.source.findData("scan"))
    dialog.watch.polling.setChecked(True)
    dialog.plan["name"].selectAll()
    qtbot.keyClicks(dialog.plan["name"], "Valley Health Plan")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == (
        "Saved. Restart the workstation (and the watch service) for these to take effect: "
        "Watch folders. Used from the next letter or window on: Plan name.")
    reread = read_file_settings(app_paths())
    assert reread.plan.name == "Valley Health Plan"
    assert [(str(w.path), w.source, w.settle_seconds, w.polling) for w in reread.watch] == [
        (str(tmp_path / "fax in"), "fax", 8.0, False),
        (str(tmp_path / "scans"), "scan", 5.0, True)]
    assert reread.database_url == "postgresql://intake:s3cret@db.example/intake"
    assert reread.ocr.pdf_passwords == ("fax2026",)
    with gui_ws.db.read() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "settings.changed")).one()
    assert json.loads(event.details)["keys"] == ["plan.name", "watch"]


def test_a_bad_value_is_refused_naming_it_and_nothing_is_written(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    dialog.database.url.setText("mysql://intake@db.example/intake")
    dialog.tabs.setCurrentIndex(0)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not saved"), timeout=10_000)
    assert dialog.message.text() == (
        "Not saved: Database address must start with sqlite:/// or postgresql://.")
    assert dialog.tabs.currentWidget() is dialog.database
    assert settings_file.read_text(encoding="utf-8") == FILE


def test_a_removed_watch_folder_is_gone_after_saving(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    qtbot.mouseClick(dialog.watch.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.watch.list.count() == 0 and not dialog.watch.details.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    assert read_file_settings(app_paths()).watch == ()


def test_testing_the_connection_says_whether_it_worked(
    qtbot: QtBot, dialog: SettingsDialog, gui_settings: Settings, tmp_path: Path
) -> None:
    dialog.database.url.setText("postgresql://intake@127.0.0.1:1/intake")
    qtbot.mouseClick(dialog.database.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.database.result.text().startswith("Could not connect"),
                    timeout=15_000)
    assert "s3cret" not in dialog.database.result.text()
    dialog.database.url.setText(gui_settings.database_url)
    dialog.database.password.clear()
    qtbot.mouseClick(dialog.database.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "opens" in dialog.database.result.text(), timeout=15_000)


def test_someone_who_is_not_an_administrator_cannot_save(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, settings_file: Path
) -> None:
    dialog = _open(qtbot, gui_ws, gui_settings, "supervisor")
    assert not dialog.save_button.isEnabled()
    assert dialog.database.password.text() == ""
    assert "Only an administrator can change these settings" in dialog.message.text()
    dialog.plan["name"].setText("Sneaky Plan")
    dialog.save()
    qtbot.waitUntil(lambda: "not allowed to change settings" in dialog.message.text(),
                    timeout=10_000)
    assert settings_file.read_text(encoding="utf-8") == FILE


def test_a_watch_folder_without_a_folder_is_refused_and_shown(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    qtbot.mouseClick(dialog.watch.add_button, Qt.MouseButton.LeftButton)
    assert dialog.watch.list.currentItem().text() == "Fax:  (no folder yet)"
    dialog.watch.list.setCurrentRow(0)
    dialog.tabs.setCurrentWidget(dialog.plan["name"].parentWidget())
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not saved"), timeout=10_000)
    assert dialog.message.text() == "Not saved: Watch folder 2: path needs a folder."
    assert dialog.tabs.currentWidget() is dialog.watch
    assert dialog.watch.list.currentRow() == 1
    assert settings_file.read_text(encoding="utf-8") == FILE


def test_intake_can_be_left_to_the_intake_service(
    qtbot: QtBot, dialog: SettingsDialog, settings_file: Path
) -> None:
    assert dialog.watch.in_window.isChecked()  # the file says nothing: the window takes files
    dialog.tabs.setCurrentWidget(dialog.watch)
    qtbot.mouseClick(dialog.watch.in_window, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == (
        "Saved. Restart the workstation (and the watch service) for these to take effect: "
        "Take in documents in this window.")
    assert not read_file_settings(app_paths()).intake.in_window
    assert "[intake]\nin_window = false" in settings_file.read_text(encoding="utf-8")
    assert not dialog.watch.in_window.isChecked()  # shown as saved
