"""One working morning, end to end, through the real window and the real background intake.

A grievance faxed into the watched folder becomes a case in the queue without anyone pressing
Refresh; the clerk corrects a misread field beside the page; the coordinator generates the
acknowledgement letter; the supervisor's audit view shows every step and the chain verifies.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from casework.intake.documents import list_documents
from casework.letters.case_file import letter_pdf
from casework.settings import Settings, WatchFolder
from casework.workspace import Workspace
from desktop.audit_viewer import AuditViewer
from desktop.case_workspace import CaseWorkspace
from desktop.document_window import DocumentWindow
from desktop.main_window import MainWindow
from tests.conftest import FixedClock
from tests.desktop.conftest import open_window, sign_in_as
from tests.intake.prior_auth_sample import load_rosters, prior_auth_pdf

GRIEVANCE = ([
    ("Member Grievance Form", 18),
    ("Member Name: Rosa Delgado", 12),
    ("Member ID: 91234567A", 12),
    ("Date of Birth: 04/12/1961", 12),
    ("Member Phone: (559) 555-0142", 12),
    ("Date of Incident: 10/28/2026", 12),
    ("Description: The pharmacy refused my refill twice and nobody called me back.", 12),
    ("Signature Date: 10/30/2026", 12),
],)


@pytest.fixture
def clock() -> FixedClock:
    # The intake process reads the wall clock, as `watch` does; the window must agree with it.
    return FixedClock(datetime.now(UTC))


def _grievance_queue_row(window: MainWindow) -> int | None:
    for row in range(window.queues.count()):
        key = str(window.queues.item(row).data(Qt.ItemDataRole.UserRole))
        if key.startswith("grievance") and "(1" in window.queues.item(row).text():
            return row
    return None


def test_a_faxed_grievance_is_worked_from_folder_to_letter_to_audit(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "fax-in"
    inbox.mkdir()
    settings = replace(gui_settings, watch=(WatchFolder(inbox, "fax", settle_seconds=0.2),))
    load_rosters(gui_ws, tmp_path)
    clerk = sign_in_as(gui_ws, "carla", "intake_clerk")

    # The clerk's window runs intake in the background; the fax lands in the folder.
    window = open_window(qtbot, gui_ws, settings, clerk)
    qtbot.waitUntil(lambda: window.intake_status.text().startswith("Intake idle"),
                    timeout=60_000)
    (inbox / "grievance.pdf").write_bytes(prior_auth_pdf(GRIEVANCE))
    qtbot.waitUntil(lambda: _grievance_queue_row(window) is not None, timeout=90_000)
    window.queues.setCurrentRow(_grievance_queue_row(window) or 0)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    number = window.model.index(0, 0).data()
    assert number.startswith("GRV-")
    assert window.model.index(0, 1).data() == "Rosa Delgado"

    # Beside the page, the clerk corrects the phone number the office wrote wrong.
    (document,) = list_documents(gui_ws, clerk)
    viewer = window.open_document(document.id)
    assert isinstance(viewer, DocumentWindow)
    panel = viewer.panel
    qtbot.waitUntil(lambda: panel.fields is not None and "member_phone" in panel.rows,
                    timeout=10_000)
    editor = panel.editor("member_phone")
    editor.clear()
    qtbot.keyClicks(editor, "559-555-0199")
    with qtbot.waitSignal(panel.saved, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    viewer.close()
    window.close()
    assert not window.intake.running  # closing the window stopped its intake

    # The coordinator acknowledges the grievance with a letter.
    coordinator = sign_in_as(gui_ws, "gloria", "grievance_coordinator")
    case_id = int(window.model.index(0, 0).data(Qt.ItemDataRole.UserRole))
    case = CaseWorkspace(gui_ws, coordinator, settings, case_id)
    qtbot.addWidget(case)
    case.show()
    # The case and its letter file load by separate operations: wait for both.
    qtbot.waitUntil(lambda: case.letters_box.file is not None and case.detail is not None,
                    timeout=10_000)
    assert case.detail is not None and case.detail.fields["member_phone"] == "5595550199"
    # The member reads Spanish and wrote in English: the letter asks for the Spanish words.
    case.letters_box.generate("grievance_acknowledgement", None, {})
    qtbot.waitUntil(lambda: bool(case.letters_box.message.text()), timeout=30_000)
    assert "written in English" in case.letters_box.message.text()
    case.letters_box.generate("grievance_acknowledgement", None, {
        "summary": "La clínica no le devolvió sus llamadas."})
    qtbot.waitUntil(lambda: case.letters_box.model.rowCount() == 1, timeout=30_000)
    letter = case.letters_box.model.letters[0]
    pdf_bytes = letter_pdf(gui_ws, coordinator, letter.id)
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert number in text and "Rosa Delgado" in text and "12 Elm St" in text
    case.close()

    # The supervisor sees every step in the audit trail, and the chain holds.
    supervisor = sign_in_as(gui_ws, "sam", "supervisor")
    audit = AuditViewer(gui_ws, supervisor)
    qtbot.addWidget(audit)
    audit.show()
    audit.start.setDate(QDate(2026, 1, 1))
    audit.end.setDate(QDate(date.today().year + 1, 12, 31))
    audit.search()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10_000)
    steps = {(row.actor, row.action) for row in audit.model.rows}
    assert {("system", "document.read"), ("system", "case.opened"),
            ("carla", "document.viewed"), ("carla", "document.field_corrected"),
            ("gloria", "case.viewed"), ("gloria", "letter.generated")} <= steps
    audit.verify_button.click()
    qtbot.waitUntil(lambda: audit.chain_result.isVisible(), timeout=30_000)
    assert audit.chain_result.text().startswith("Intact")
