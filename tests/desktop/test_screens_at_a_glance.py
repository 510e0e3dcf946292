"""What a clerk, a coordinator and a supervisor see at a glance: only the queues their role
works, the queue table's columns, an unrecognised fax's actions on its own window, a roster
match that does not contradict a birth-date conflict, and a call's language from a list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.queues import CaseFilter, list_cases, queue_counts
from casework.documents.document_fields import RosterMatch
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_table import COLUMNS
from desktop.document_window import DocumentWindow
from desktop.field_verification import matches_html
from desktop.intake_review_dialogs import SetTypeDialog
from desktop.phone_intake import PhoneIntakeDialog
from tests.conftest import SUPERVISOR
from tests.desktop.conftest import open_window, sign_in_as
from tests.intake.prior_auth_sample import RECEIVED

QUEUES = (("grievance", "grievance"), ("prior_auth", "um_standard"), ("nemt", "transportation"),
          ("intake_review", "intake_review"))


def _open_one_in_each(ws: Workspace) -> None:
    now = ws.now()
    for case_type, queue in QUEUES:
        open_case_now(ws, SUPERVISOR, NewCase(
            case_type, queue, "standard", now - timedelta(days=1),
            clocks=(DueClock("resolve", now + timedelta(days=2)),),
            member_name="Rosa Delgado", language="es"))


def test_each_role_sees_only_the_queues_it_works(gui_ws: Workspace) -> None:
    _open_one_in_each(gui_ws)

    def queues(role: str) -> list[str]:
        return [c.queue for c in queue_counts(gui_ws, sign_in_as(gui_ws, role[:8], role))]
    assert queues("grievance_coordinator") == ["grievance"]
    assert queues("um_coordinator") == ["um_standard", "transportation"]
    everything = sorted(q for _t, q in QUEUES)
    assert sorted(queues("supervisor")) == everything
    assert sorted(queues("intake_clerk")) == everything  # watches all that comes in


def test_the_queue_shows_language_and_time_left_on_one_line_per_case(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings
) -> None:
    _open_one_in_each(gui_ws)
    window = open_window(qtbot, gui_ws, gui_settings,
                         sign_in_as(gui_ws, "pat", "grievance_coordinator"))
    window.resize(1200, 760)  # the window's own size
    qtbot.waitUntil(lambda: window.queues.count() == 2)  # My work, Grievances
    assert window.queues.item(1).text() == "Grievances  (1)"
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.loading)
    headings = [label for _key, label in COLUMNS]
    assert "Type" not in headings  # the queue says it
    row = {label: window.model.index(0, n).data() for n, label in enumerate(headings)}
    assert row["Language"] == "Spanish"
    assert row["Time left"] == "2 d 0 h"
    assert "\n" not in row["Next due"] and not window.table.wordWrap()
    # Time left is in view at the window's own size, not behind the scroll bar.
    header = window.table.horizontalHeader()
    column = headings.index("Time left")
    assert (header.sectionViewportPosition(column) + header.sectionSize(column)
            <= window.table.viewport().width())


def test_exempt_is_explained_where_it_is_shown(qtbot: QtBot, gui_ws: Workspace,
                                               gui_settings: Settings) -> None:
    now = gui_ws.now()
    open_case_now(gui_ws, SUPERVISOR, NewCase(
        "grievance", "grievance", "exempt", now, clocks=(DueClock("resolve", now),)))
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "sam", "supervisor"))
    qtbot.waitUntil(lambda: window.queues.count() == 2)
    window.queues.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.loading)
    priority = [label for _key, label in COLUMNS].index("Priority")
    tip = window.model.index(0, priority).data(Qt.ItemDataRole.ToolTipRole)
    assert "next business day" in tip and "no acknowledgement" in tip


def _letter_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica", 12)
    for n, text in enumerate(("To whom it may concern,",
                              "I moved last month. Please send my mail to 77 Willow Lane.",
                              "Thank you, Lan Nguyen")):
        pdf.drawString(72, 700 - 30 * n, text)
    pdf.save()
    return path


def test_an_unrecognised_fax_is_given_its_type_on_its_own_window(
    qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, tmp_path: Path
) -> None:
    (result,) = ingest_files(gui_ws, gui_settings, [_letter_pdf(tmp_path / "letter.pdf")],
                             RECEIVED)
    assert result.document_id is not None
    clerk = sign_in_as(gui_ws, "casey", "intake_clerk")
    window = DocumentWindow(gui_ws, clerk, result.document_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.panel.fields is not None)
    assert window.unrecognised.isVisible()
    assert "recognised 0%" not in window.panel.header.text()
    window.unrecognised.ask_type()
    qtbot.waitUntil(lambda: isinstance(window.unrecognised.dialog, SetTypeDialog))
    dialog = window.unrecognised.dialog
    assert isinstance(dialog, SetTypeDialog)
    dialog.form.setCurrentIndex(dialog.form.findData("grievance_form"))
    with qtbot.waitSignal(window.changed, timeout=20_000):
        dialog.accept()
    qtbot.waitUntil(lambda: window.panel.fields is not None
                    and window.panel.fields.form_type == "grievance_form", timeout=20_000)
    assert not window.unrecognised.isVisible()
    assert window.panel.message.text().startswith("Set to Grievance")
    numbers = [r.number for r in list_cases(gui_ws, SUPERVISOR, CaseFilter())]
    assert any(n.startswith("GRV-") for n in numbers)


def test_a_member_matched_by_id_and_name_is_not_shown_as_matched_when_born_otherwise() -> None:
    match = RosterMatch("Member", True, "Rosa Delgado", "91234567A", eligible=True)
    assert "✓ matched" in matches_html([match])
    html = matches_html([match], birth_date_differs=True)
    assert "✓" not in html and "birth date does not" in html


def test_a_call_takes_the_language_from_the_plans_list_and_asks_no_signature_date(
    qtbot: QtBot, gui_ws: Workspace
) -> None:
    dialog = PhoneIntakeDialog(gui_ws, sign_in_as(gui_ws, "carla", "intake_clerk"))
    qtbot.addWidget(dialog)
    dialog.form_type.setCurrentIndex(dialog.form_type.findData("grievance_form"))
    assert "signature_date" not in dialog.inputs
    language = dialog.inputs["preferred_language"]
    assert isinstance(language.editor, QComboBox)
    offered = [language.editor.itemText(i) for i in range(language.editor.count())]
    assert offered[1:4] == ["English", "Spanish", "Chinese"]
    language.set_text("spanish")
    assert language.text() == "Spanish"
    language.set_text("Mixteco")  # a language the list lacks can still be typed
    assert language.text() == "Mixteco"
