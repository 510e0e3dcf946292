"""A voicemail in the document window: its caller, time and length, a play button, and the
summary a clerk types, saved through the service (audited and noted on the case)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.db.case_models import CaseNote
from casework.db.mail_models import MailPart
from casework.db.models import AuditEvent
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.document_window import DocumentWindow
from desktop.voicemail_player import clock_text
from tests.desktop.conftest import sign_in_as
from tests.intake import mail_samples as samples

# The test machine has no sound card and no VA-API: Qt Multimedia says so, and still loads.
pytestmark = pytest.mark.qt_log_ignore("PulseAudioService", r"Couldn't (load|resolve) va")


@pytest.fixture
def voicemail_id(gui_ws: Workspace, gui_settings: Settings, tmp_path: Path) -> int:
    path = tmp_path / "vm.eml"
    path.write_bytes(samples.voicemail_message())
    (result,) = ingest_files(gui_ws, gui_settings, [path])
    parts = result.extra["parts"]
    return int(parts[0]["document_id"])


def test_a_voicemail_plays_in_the_document_window_and_takes_a_summary(
        qtbot: QtBot, gui_ws: Workspace, voicemail_id: int) -> None:
    """GIVEN a voicemail taken from a phone system's message WHEN a clerk opens it THEN the
    window shows the caller and the length, the recording loads with its three seconds and the
    play button is offered; the summary typed is saved, audited and noted on the case."""
    clerk: Actor = sign_in_as(gui_ws, "carmen", "intake_clerk")
    window = DocumentWindow(gui_ws, clerk, voicemail_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.player is not None and window.player.view is not None)
    player = window.player
    assert player is not None
    assert player.caller.text() == "5595550199"
    assert player.length.text() == "0:03"
    assert "voicemail" in window.windowTitle()
    qtbot.waitUntil(lambda: player.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
                    timeout=10000)
    assert player.player.duration() == 3000
    assert player.play_button.isEnabled() and player.play_button.text() == "Play"

    player.summary.setPlainText("Rosa Delgado: the pharmacy refused her refill; call back.")
    with qtbot.waitSignal(player.saved, timeout=10000):
        player.save_button.click()
    with gui_ws.db.read() as session:
        assert session.scalar(select(MailPart.summary).where(
            MailPart.document_id == voicemail_id)).startswith("Rosa Delgado: the pharmacy")
        notes = session.scalars(select(CaseNote.text)).all()
        assert notes == ["Voicemail from 5595550199: Rosa Delgado: the pharmacy refused her "
                         "refill; call back."]
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.entity_id == str(voicemail_id))).all()
        assert "document.voicemail_summarised" in actions and "document.viewed" in actions


def test_lengths_read_as_minutes_and_seconds() -> None:
    assert clock_text(0) == "0:00"
    assert clock_text(3000) == "0:03"
    assert clock_text(125_400) == "2:05"
