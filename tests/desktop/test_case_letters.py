"""The case window's letters: versions listed, previewed page by page, faxed, sent, printed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.phone_intake import open_phone_case
from casework.cases.work import case_detail
from casework.db.models import AuditEvent
from casework.letters.case_file import letter_pdf
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.case_actions import LetterDialog
from desktop.case_letters import CaseLetters
from desktop.letter_preview import LetterPreview, letter_printer
from desktop.send_dialog import SendDialog
from tests.desktop.conftest import open_message_boxes, sign_in_as

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

CALLER = {"member_name": "Rosa Delgado", "member_id": "91234567A",
          "member_phone": "(559) 555-0142",
          "member_address": "12 Elm St, Fresno, CA 93701",
          "description": "The pharmacy refused my refill twice this week."}
ACK = "grievance_acknowledgement"

Opener = Callable[..., CaseLetters]


@pytest.fixture
def coordinator(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "gloria", "grievance_coordinator")


@pytest.fixture
def open_letters(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings,
                 coordinator: Actor) -> Opener:
    """A phone grievance's letters box, loaded; `settings` may be given to change the folder."""
    case = open_phone_case(gui_ws, coordinator, "grievance_form", CALLER, "standard")

    def opener(settings: Settings = gui_settings, actor: Actor = coordinator) -> CaseLetters:
        box = CaseLetters(gui_ws, actor, settings, case.case_id)
        qtbot.addWidget(box)
        with qtbot.waitSignal(box.loaded, timeout=10_000):
            box.show()
        box.resize(1000, 600)
        return box
    return opener


def _generate(qtbot: QtBot, box: CaseLetters, kind: str = ACK) -> None:
    with qtbot.waitSignal(box.loaded, timeout=20_000), qtbot.waitSignal(box.changed):
        box.generate(kind, None, {})


def _column(box: CaseLetters, column: int) -> list[str]:
    return [box.model.index(r, column).data() for r in range(box.model.rowCount())]


def test_generating_twice_lists_version_two_above_version_one(
        qtbot: QtBot, open_letters: Opener, qtmodeltester: ModelTester) -> None:
    box = open_letters()
    assert box.model.rowCount() == 0 and "No letters yet" in box.preview.pages_label.text()
    _generate(qtbot, box)
    assert _column(box, 2) == ["1"] and "version 1" in box.message.text()
    _generate(qtbot, box)
    assert _column(box, 0) == ["Grievance acknowledgement"] * 2
    assert _column(box, 2) == ["2", "1"] and _column(box, 1) == ["English", "English"]
    assert _column(box, 4) == ["gloria", "gloria"]
    assert box.chosen_letter() is not None and box.chosen_letter().version == 2
    qtmodeltester.check(box.model)


def test_the_preview_shows_every_page_of_the_letter_and_zooms(
        qtbot: QtBot, open_letters: Opener, gui_ws: Workspace, coordinator: Actor) -> None:
    box = open_letters()
    with qtbot.waitSignal(box.preview.shown, timeout=20_000) as shown:
        _generate(qtbot, box)
    letter = box.chosen_letter()
    assert letter is not None
    pages = len(pypdfium2.PdfDocument(letter_pdf(gui_ws, coordinator, letter.id)))
    assert shown.args == [pages] and box.preview.page_count == pages == letter.pages
    assert len(box.preview.page_labels) == pages
    assert box.preview.pages_label.text() == f"{pages} page{'s' if pages > 1 else ''}"
    width = box.preview.page_labels[0].width()
    box.preview.zoom_in_button.click()
    assert box.preview.page_labels[0].width() > width and not box.preview.fitting
    box.preview.fit_button.click()
    assert box.preview.page_labels[0].width() == pytest.approx(width, abs=2)


def test_a_damaged_file_is_refused_in_words(qtbot: QtBot) -> None:
    preview = LetterPreview()
    qtbot.addWidget(preview)
    preview.show_letter(lambda: b"not a pdf")
    qtbot.waitUntil(lambda: "cannot be shown" in preview.pages_label.text(), timeout=10_000)
    assert preview.page_count == 0


def test_send_to_fax_writes_the_letter_behind_a_cover_page(
        qtbot: QtBot, open_letters: Opener, gui_settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "outbound"
    box = open_letters(dataclasses.replace(gui_settings, outbound_fax_folder=folder))
    _generate(qtbot, box)
    with qtbot.waitSignal(box.loaded, timeout=20_000):
        box.fax_button.click()
    [faxed] = list(folder.glob("*.pdf"))
    assert faxed.name.endswith("grievance_acknowledgement-v1.pdf")
    with pdfplumber.open(faxed) as pdf:
        assert "FAX" in (pdf.pages[0].extract_text() or "")
    assert _column(box, 6) == ["queued"] and "Queued for the fax server" in box.message.text()
    faxed.unlink()  # the fax server takes it: the next look records it faxed
    with qtbot.waitSignal(box.loaded, timeout=10_000):
        box.reload()
    assert _column(box, 6) == ["11/02/2026"]


def test_without_a_fax_folder_the_clerk_is_told_plainly(qtbot: QtBot,
                                                        open_letters: Opener) -> None:
    box = open_letters()
    _generate(qtbot, box)
    box.fax_button.click()
    assert "No outbound fax folder is set" in box.message.text()
    assert _column(box, 6) == [""] and open_message_boxes() == []


def test_recording_the_mailing_shows_when_and_meets_the_clock(
        qtbot: QtBot, open_letters: Opener, gui_ws: Workspace, coordinator: Actor) -> None:
    box = open_letters()
    _generate(qtbot, box)
    assert "drafted, not sent" in box.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    dialog = box.ask_sending()
    assert isinstance(dialog, SendDialog)
    assert dialog.day.maximumDate() == dialog.day.minimumDate()  # drafted today: today only
    dialog.method.setCurrentIndex(dialog.method.findData("mailed"))
    with qtbot.waitSignal(box.loaded, timeout=10_000):
        dialog.accept()
    assert _column(box, 7) == ["11/02/2026"]
    assert "recorded as mailed 11/02/2026. The acknowledge clock is met." in box.message.text()
    assert box.model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole) == "11/02/2026 09:30 AM (Pacific)"
    clocks = case_detail(gui_ws, coordinator, box.case_id).clocks
    assert {c.name: c.met_at is not None for c in clocks} == {"acknowledge": True,
                                                               "resolve": False}


def test_a_sending_day_before_the_draft_is_refused_in_words(
        qtbot: QtBot, open_letters: Opener) -> None:
    from datetime import date

    from casework.letters.sending import SendMethod

    box = open_letters()
    _generate(qtbot, box)
    letter = box.chosen_letter()
    assert letter is not None
    box.record_sent(letter.id, SendMethod.HANDED_OVER, date(2026, 10, 30))
    qtbot.waitUntil(lambda: "drafted on November 2, 2026" in box.message.text(),
                    timeout=10_000)
    assert _column(box, 8) == [""] and open_message_boxes() == []


def test_printing_puts_every_page_on_paper_and_is_recorded(
        qtbot: QtBot, open_letters: Opener, gui_ws: Workspace, tmp_path: Path) -> None:
    box = open_letters()
    _generate(qtbot, box)
    letter = box.chosen_letter()
    assert letter is not None
    printer = letter_printer()  # what Print… hands the print dialog
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(box.printed, timeout=30_000) as printed:
        box.print_to(printer)
    assert printed.args == [letter.pages]
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        assert len(pdf.pages) == letter.pages
        assert all(page.images for page in pdf.pages)
        assert round(pdf.pages[0].width) == 612  # US Letter, as the letter was drawn
    qtbot.waitUntil(lambda: _column(box, 5)[0] != "", timeout=10_000)
    with gui_ws.db.read() as session:
        assert "letter.printed" in session.scalars(select(AuditEvent.action)).all()


def test_the_letter_dialog_defaults_to_the_suggested_kind_and_the_members_language(
        qtbot: QtBot, open_letters: Opener) -> None:
    box = open_letters()
    dialog = box.ask_generate()
    assert isinstance(dialog, LetterDialog)
    assert dialog.chosen_kind() == ACK and dialog.chosen_language() is None
    assert dialog.language.currentText() == "The member's language (English)"
    dialog.kind.setCurrentIndex(dialog.kind.findData("grievance_resolution"))
    assert "resolution" in dialog.value_edits
    dialog.reject()


def test_only_the_letters_that_fit_a_grievance_are_offered(
        qtbot: QtBot, open_letters: Opener) -> None:
    """No denial notice, approval or vendor authorization on a grievance."""
    box = open_letters()
    dialog = box.ask_generate()
    assert isinstance(dialog, LetterDialog)
    offered = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert offered == ["Grievance acknowledgement", "Grievance resolution", "Notice of extension"]
    dialog.reject()
    box.generate("pa_denial", None, {})
    qtbot.waitUntil(lambda: bool(box.message.text()), timeout=30_000)
    assert "does not fit" in box.message.text()
    assert box.model.rowCount() == 0 and open_message_boxes() == []


def test_a_person_who_cannot_generate_letters_only_reads_them(
        qtbot: QtBot, open_letters: Opener, gui_ws: Workspace) -> None:
    clerk = sign_in_as(gui_ws, "ivan", "intake_clerk")
    box = open_letters(actor=clerk)
    for button in (box.generate_button, box.print_button, box.fax_button, box.sent_button):
        assert not button.isVisible()


def test_print_asks_which_printer_first_and_cancelling_prints_nothing(
        qtbot: QtBot, open_letters: Opener) -> None:
    box = open_letters()
    _generate(qtbot, box)
    dialog = box.ask_print()
    assert dialog is not None and dialog.isVisible()
    assert dialog.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    dialog.reject()
    assert _column(box, 5) == [""]


def test_a_draft_is_previewed_before_any_version_is_stored(
        qtbot: QtBot, open_letters: Opener) -> None:
    """GIVEN the letter dialog with a resolution written WHEN the coordinator previews the
    draft THEN its pages show what was written, nothing is stored, and the dialog keeps the
    text; a draft missing a value is refused in the dialog instead."""
    box = open_letters()
    dialog = box.ask_generate("grievance_resolution")
    assert isinstance(dialog, LetterDialog)
    dialog.ask_preview()  # no resolution written yet
    qtbot.waitUntil(lambda: bool(dialog.refusal.text()), timeout=30_000)
    assert "resolution" in dialog.refusal.text() and dialog.draft is None
    edit = dialog.value_edits["resolution"]
    assert isinstance(edit, QPlainTextEdit)
    edit.setPlainText("We spoke with the pharmacy; your refill is ready to pick up.")
    dialog.ask_preview()
    qtbot.waitUntil(lambda: dialog.draft is not None, timeout=30_000)
    draft = dialog.draft
    assert draft is not None
    qtbot.waitUntil(lambda: draft.preview.page_count > 0, timeout=30_000)
    assert "not stored" in draft.findChild(QLabel, "draft_note").text()
    assert box.model.rowCount() == 0  # no version was stored
    draft.reject()
    assert dialog.isVisible() and "refill is ready" in edit.toPlainText()
    dialog.reject()
