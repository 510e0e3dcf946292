"""The document window: a really ingested request's pages beside its fields, checked by keyboard."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from casework.actor import Actor
from casework.db.case_models import Case, CaseDocument
from casework.db.models import AuditEvent, Page
from casework.documents.document_fields import FieldView, RosterMatch
from casework.documents.verification import correct_field
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.document_viewer import ZOOM_STEP
from desktop.document_window import DocumentWindow
from desktop.field_verification import confidence_words, matches_html
from tests.desktop.conftest import open_message_boxes, sign_in_as
from tests.intake.prior_auth_sample import ingest_prior_auth

Opener = Callable[[], DocumentWindow]


@pytest.fixture
def clerk(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "carmen", "intake_clerk")


@pytest.fixture
def document_id(gui_ws: Workspace, gui_settings: Settings, tmp_path: Path) -> int:
    return ingest_prior_auth(gui_ws, gui_settings, tmp_path)


@pytest.fixture
def open_document(qtbot: QtBot, gui_ws: Workspace, clerk: Actor, document_id: int) -> Opener:
    """Open the request's window and wait until its pages and fields are shown."""
    def opener() -> DocumentWindow:
        window = DocumentWindow(gui_ws, clerk, document_id)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.viewer.page_count > 0 and window.panel.fields is not None)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window
    return opener


def _viewings(ws: Workspace) -> int:
    with ws.db.read() as session:
        return int(session.scalar(select(func.count(AuditEvent.seq)).where(
            AuditEvent.action == "document.viewed")) or 0)


def _case_fields(ws: Workspace, document_id: int) -> dict[str, object]:
    with ws.db.read() as session:
        text = session.scalar(select(Case.fields_json).join(
            CaseDocument, CaseDocument.case_id == Case.id).where(
            CaseDocument.document_id == document_id))
    assert text is not None
    fields: dict[str, object] = json.loads(text)
    return fields


def test_the_window_shows_the_pages_beside_the_fields(
        open_document: Opener, gui_ws: Workspace, document_id: int) -> None:
    window = open_document()
    assert window.windowTitle() == f"Document {document_id} — Prior authorization request"
    assert (window.viewer.page_count, window.viewer.current) == (2, 1)
    assert window.viewer.thumbnails.count() == 2
    panel = window.panel
    assert panel.editor("member_name").text() == "Rosa Delgado"
    assert panel.rows["member_dob"].label.text() == "Date of Birth *"
    assert "✓ matched" in panel.matches.text() and "Rosa Delgado" in panel.matches.text()
    assert "Not yet verified" in panel.header.text()
    assert _viewings(gui_ws) == 1


def test_the_viewer_fits_zooms_turns_and_pages_through(qtbot: QtBot,
                                                        open_document: Opener) -> None:
    window = open_document()
    viewer = window.viewer
    canvas = viewer.canvas
    page_width = viewer.pages[0].image.width()
    assert viewer.fitting
    assert viewer.zoom * page_width == pytest.approx(canvas.viewport().width() - 4, abs=1)
    fitted = viewer.zoom
    qtbot.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom == pytest.approx(fitted * ZOOM_STEP) and not viewer.fitting
    wheel = QWheelEvent(QPointF(50, 50), QPointF(canvas.mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert viewer.zoom == pytest.approx(fitted)
    viewer.rotate()
    turned = canvas.transform().map(QPointF(1, 0))
    assert turned.x() == pytest.approx(0, abs=1e-6) and turned.y() > 0
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert viewer.current == 2 and viewer.thumbnails.currentRow() == 1
    assert viewer.page_label.text().strip() == "Page 2 of 2"
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)  # no page 3: stays
    assert viewer.current == 2
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert viewer.current == 1 and not viewer.previous_action.isEnabled()
    viewer.thumbnails.setCurrentRow(1)
    assert viewer.current == 2


def test_the_read_words_are_outlined_on_demand(open_document: Opener) -> None:
    window = open_document()
    viewer = window.viewer
    assert viewer.word_items == []
    viewer.words_action.trigger()
    tips = [item.toolTip() for item in viewer.word_items]
    assert any(tip.startswith("Delgado") for tip in tips)
    viewer.words_action.trigger()
    assert viewer.word_items == []


def test_choosing_a_field_shows_its_box_on_its_page(qtbot: QtBot,
                                                    open_document: Opener) -> None:
    window = open_document()
    viewer, panel = window.viewer, window.panel
    units = panel.rows["units"].view
    assert units.page == 2 and units.box is not None
    panel.editor("units").setFocus()
    qtbot.waitUntil(lambda: viewer.current == 2)
    assert viewer.highlight_item.isVisible()
    x0, y0, x1, y1 = units.box
    assert viewer.highlight_item.rect().contains(x0, y0)
    assert viewer.highlight_item.rect().contains(x1, y1)
    shown = window.viewer.canvas.mapFromScene(viewer.highlight_item.rect()).boundingRect()
    assert window.viewer.canvas.viewport().rect().intersects(shown)
    viewer.highlight(1, (100, 100, 200, 150))
    assert viewer.current == 1 and viewer.highlight_item.isVisible()


def test_f8_goes_to_the_next_doubtful_field(qtbot: QtBot, gui_ws: Workspace, clerk: Actor,
                                            document_id: int, open_document: Opener) -> None:
    correct_field(gui_ws, clerk, document_id, "units", "")  # a required field left empty
    window = open_document()
    panel = window.panel
    assert panel.rows["units"].sureness.text() == "⚠ missing"
    assert panel.rows["units"].problem.text() == "⚠ The number of units is missing."
    views = [row.view for row in panel.rows.values()]
    doubtful = [v.name for v in views if v.doubtful]
    assert "units" in doubtful
    # Every field the evidence does not vouch for waits too, not only the empty one.
    assert doubtful == [v.name for v in views if v.needs_review or v.problems
                        or (v.required and not v.value)]
    assert panel.doubt_count.text().strip() == f"{len(doubtful)} to check"
    panel.editor("member_name").setFocus()
    names = [v.name for v in views]
    after = names[names.index("member_name") + 1:] + names[:names.index("member_name") + 1]
    visited = []
    for _ in doubtful:
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_F8)
        visited.append(panel.focused_field())
    assert visited == [n for n in after if n in doubtful]  # each doubtful field once, in order
    assert panel.editor("units").styleSheet()  # marked, beside the words


def test_an_untrusted_reading_is_said_in_words_not_colour_alone() -> None:
    unsure = FieldView("member_id", "Member ID", "member_id", "9l234567A", 0.62, 1, None, True,
                       needs_review=True)
    assert unsure.doubtful and confidence_words(unsure) == "⚠ check (62%)"
    sure = FieldView("member_id", "Member ID", "member_id", "91234567A", 0.97, 1, None, True)
    assert not sure.doubtful and confidence_words(sure) == "✓ 97%"
    confirmed = FieldView("member_name", "Member Name", "name", "Rosa Delgado", 0.41, 1, None,
                          True, roster="matched")
    assert not confirmed.doubtful and confidence_words(confirmed) == "✓ as in the roster"
    differs = FieldView("member_name", "Member Name", "name", "Rosa Delgabo", 0.41, 1, None,
                        True, needs_review=True, roster="matched")
    assert differs.doubtful and confidence_words(differs) == "⚠ check (41%)"


def test_enter_saves_a_correction_and_refuses_a_bad_one_keeping_the_typing(
        qtbot: QtBot, gui_ws: Workspace, document_id: int, open_document: Opener) -> None:
    window = open_document()
    panel = window.panel
    units = panel.editor("units")
    units.setFocus()
    units.selectAll()
    qtbot.keyClicks(units, "10")
    with qtbot.waitSignal(panel.saved), qtbot.waitSignal(window.changed):
        qtbot.keyClick(units, Qt.Key.Key_Return)
    assert _case_fields(gui_ws, document_id)["units"] == 10
    assert panel.rows["units"].sureness.text() == "✓ typed by carmen"
    assert "read as “12”" in units.toolTip()
    assert panel.message.text() == "Units saved."
    npi = panel.editor("requesting_provider_npi")
    npi.setFocus()
    npi.selectAll()
    qtbot.keyClicks(npi, "12345")
    qtbot.keyClick(npi, Qt.Key.Key_Return)
    problem = panel.rows["requesting_provider_npi"].problem
    qtbot.waitUntil(lambda: "not an NPI of ten digits" in problem.text())
    assert npi.text() == "12345" and npi.hasFocus()  # nothing the clerk typed is lost
    assert panel.message.text() == "⚠ Requesting Provider NPI was not saved."
    assert _viewings(gui_ws) == 1  # corrections do not count as opening it again


def test_typing_not_saved_is_marked_and_closing_warns_once(qtbot: QtBot,
                                                           open_document: Opener) -> None:
    window = open_document()
    panel = window.panel
    units = panel.editor("units")
    units.setFocus()
    units.selectAll()
    qtbot.keyClicks(units, "9")
    qtbot.keyClick(units, Qt.Key.Key_Tab)
    assert panel.rows["units"].sureness.text() == "✎ not saved (Enter)"
    assert panel.unsaved_fields() == ["Units"]
    window.close()
    assert window.isVisible() and units.text() == "9"
    assert panel.message.text().startswith("⚠ Not saved: Units. Press Enter")
    window.close()
    assert not window.isVisible()


def test_accepting_marks_the_document_verified(qtbot: QtBot, open_document: Opener) -> None:
    window = open_document()
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(window.panel.accept_button, Qt.MouseButton.LeftButton)
    assert "✓ Verified by carmen" in window.panel.header.text()
    assert not window.panel.accept_button.isEnabled()
    assert window.panel.message.text() == "Document accepted as verified."


def test_the_case_workspace_lists_its_documents_and_opens_one(
        qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, clerk: Actor,
        document_id: int) -> None:
    from desktop.case_workspace import CaseWorkspace

    with gui_ws.db.read() as session:
        case_id = session.scalar(select(CaseDocument.case_id).where(
            CaseDocument.document_id == document_id))
    assert case_id is not None
    workspace = CaseWorkspace(gui_ws, clerk, gui_settings, case_id)
    qtbot.addWidget(workspace)
    workspace.show()
    box = workspace.documents_box
    qtbot.waitUntil(lambda: bool(box.documents))
    item = box.list.item(0)
    assert item.text().startswith(f"Prior authorization request\nDocument {document_id} · "
                                  "2 pages\n")
    assert "not yet verified" in item.text()
    box.list.setCurrentRow(0)
    box.list.setFocus()
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    window = box.windows[document_id]
    qtbot.waitUntil(lambda: window.panel.fields is not None and window.viewer.page_count == 2)
    with qtbot.waitSignal(box.loaded):
        window.panel.accept()
    assert "✓ verified by carmen" in box.list.item(0).text()
    window.close()


def test_a_page_missing_from_the_store_is_said_plainly_and_the_fields_still_show(
        qtbot: QtBot, gui_ws: Workspace, clerk: Actor, document_id: int) -> None:
    with gui_ws.db.read() as session:
        sha = session.scalar(select(Page.image_sha256).where(Page.document_id == document_id,
                                                             Page.number == 2))
    assert sha is not None
    gui_ws.store.path_for(sha).unlink()
    window = DocumentWindow(gui_ws, clerk, document_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    (box,) = open_message_boxes()
    assert "missing from the store" in box.text()
    assert window.viewer.page_label.text().strip() == "The pages cannot be shown."
    qtbot.waitUntil(lambda: window.panel.fields is not None)
    assert window.panel.editor("units").text() == "12"
    box.close()


def test_roster_matches_read_as_found_eligible_and_corrected() -> None:
    lines = matches_html([
        RosterMatch("Member", True, "Rosa Delgado", "91234567A", False,
                    ("Member ID: read 9L234567A, became 91234567A",)),
        RosterMatch("Servicing provider", False, None, None),
    ]).split("<br>")
    assert lines[0] == ("Member: ✓ matched <b>Rosa Delgado</b> (91234567A), "
                        "<b>⚠ not eligible on the service date</b>")
    assert lines[1].endswith("Member ID: read 9L234567A, became 91234567A")
    assert lines[2] == "Servicing provider: ⚠ not found in the roster"
