"""Letters due today: a grievance whose acknowledgement is due is listed; generating drafts it,
and it stays listed as drafted, not sent, until its sending is recorded."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.actor import Actor
from casework.cases.phone_intake import open_phone_case
from casework.db.models import AuditEvent
from casework.letters.sending import SendMethod
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.letter_preview import letter_printer
from desktop.letters_due import LettersDue
from desktop.send_dialog import SendDialog
from tests.conftest import FixedClock
from tests.desktop.conftest import sign_in_as

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

CALLERS = ({"member_name": "Rosa Delgado", "member_id": "91234567A",
            "member_address": "12 Elm St, Fresno, CA 93701",
            "description": "The pharmacy refused my refill twice this week."},
           {"member_name": "Mai Vang", "member_id": "92345678B",
            "member_address": "40 Oak Ave, Fresno, CA 93702",
            "description": "The ride to dialysis did not come."})


@pytest.fixture
def coordinator(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "gloria", "grievance_coordinator")


@pytest.fixture
def due_window(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, coordinator: Actor,
               clock: FixedClock) -> LettersDue:
    """Two grievances taken by phone a week ago: their acknowledgements are now overdue."""
    clock.advance(days=-7)
    for caller in CALLERS:
        open_phone_case(gui_ws, coordinator, "grievance_form", caller, "standard")
    clock.advance(days=7)
    window = LettersDue(gui_ws, coordinator, gui_settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    return window


def _cells(window: LettersDue, column: int) -> list[str]:
    return [window.model.index(r, column).data() for r in range(window.model.rowCount())]


def test_an_acknowledgement_due_is_listed_with_its_case_and_member(
        due_window: LettersDue, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(due_window.model)
    assert _cells(due_window, 1) == ["Rosa Delgado", "Mai Vang"]
    assert _cells(due_window, 2) == ["Grievance acknowledgement"] * 2
    assert _cells(due_window, 4) == ["overdue", "overdue"]
    assert due_window.summary.text() == "2 letters due: 2 overdue, 0 due today."
    assert all(number.startswith("GRV-") for number in _cells(due_window, 0))


def test_open_case_names_the_chosen_case(qtbot: QtBot, due_window: LettersDue) -> None:
    due_window.table.selectRow(1)
    with qtbot.waitSignal(due_window.case_opened) as opened:
        due_window.open_button.click()
    assert opened.args == [due_window.model.rows[1].case_id]


def test_a_generated_letter_stays_listed_as_drafted_until_it_is_sent(
        qtbot: QtBot, due_window: LettersDue) -> None:
    due_window.table.selectRow(0)
    with qtbot.waitSignal(due_window.loaded, timeout=20_000):
        due_window.generate_button.click()
    assert due_window.message.text() == "1 of 1 letter generated."
    assert _cells(due_window, 1) == ["Rosa Delgado", "Mai Vang"]
    assert _cells(due_window, 4) == ["drafted, not sent — overdue", "overdue"]
    assert due_window.summary.text() == ("2 letters due: 2 overdue, 0 due today; 1 drafted, "
                                         "not sent.")
    due_window.table.selectRow(0)
    assert due_window.sent_button.isEnabled() and not due_window.generate_button.isEnabled()
    dialog = due_window.ask_sending()
    assert isinstance(dialog, SendDialog)
    with qtbot.waitSignal(due_window.loaded, timeout=20_000):
        dialog.accept()
    assert _cells(due_window, 1) == ["Mai Vang"]
    assert due_window.message.text() == "1 letter recorded as sent."


def test_generate_all_drafts_every_letter_that_needs_no_wording(
        qtbot: QtBot, due_window: LettersDue) -> None:
    with qtbot.waitSignal(due_window.generated, timeout=30_000) as generated:
        due_window.generate_all_button.click()
    assert [o.letter_id is not None for o in generated.args[0]] == [True, True]
    qtbot.waitUntil(lambda: _cells(due_window, 4) == ["drafted, not sent — overdue"] * 2,
                    timeout=10_000)
    assert not due_window.generate_all_button.isEnabled()
    with qtbot.waitSignal(due_window.loaded, timeout=20_000):
        due_window.record_sent([r.drafted_letter_id or 0 for r in due_window.model.rows],
                               SendMethod.MAILED)
    assert due_window.summary.text() == "No letters are due today."


def test_a_resolution_that_needs_wording_is_named_not_guessed(
        qtbot: QtBot, due_window: LettersDue, gui_ws: Workspace, coordinator: Actor,
        clock: FixedClock) -> None:
    from casework.letters.issuing import generate_due
    from casework.letters.sending import mark_mailed

    for made in generate_due(gui_ws, coordinator, due_window.settings.plan):
        mark_mailed(gui_ws, coordinator, made.letter_id or 0)  # acknowledged, both
    clock.advance(days=30)  # now the resolutions are due
    with qtbot.waitSignal(due_window.loaded, timeout=10_000):
        due_window.refresh()
    assert _cells(due_window, 2) == ["Grievance resolution"] * 2
    with qtbot.waitSignal(due_window.loaded, timeout=30_000):
        due_window.generate_all_button.click()
    assert due_window.message.text().startswith("0 of 2 letters generated. Not generated")
    assert "resolution" in due_window.message.text() and due_window.model.rowCount() == 2


def test_a_clerk_sees_the_list_but_cannot_generate(
        qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings, clock: FixedClock) -> None:
    clerk = sign_in_as(gui_ws, "ivan", "intake_clerk")
    window = LettersDue(gui_ws, clerk, gui_settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    assert window.summary.text() == "No letters are due today."
    assert not window.generate_button.isVisible() and not window.generate_all_button.isVisible()


def test_print_drafted_puts_every_drafted_letter_on_paper_in_one_go(
        qtbot: QtBot, due_window: LettersDue, gui_ws: Workspace, tmp_path: Path) -> None:
    """GIVEN two acknowledgements drafted and not sent WHEN the coordinator prints the drafted
    letters THEN both letters' pages come out in due order, each is recorded as printed, and
    both stay listed until their sending is recorded (printing is not sending)."""
    assert not due_window.print_button.isEnabled()  # nothing drafted yet
    with qtbot.waitSignal(due_window.generated, timeout=30_000):
        due_window.generate_all_button.click()
    qtbot.waitUntil(due_window.print_button.isEnabled, timeout=10_000)
    printer = letter_printer()  # what the print dialog is handed
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(due_window.printed, timeout=60_000) as printed:
        due_window.print_to(printer)
    letters, pages = printed.args
    assert letters == 2
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        assert len(pdf.pages) == pages >= 2
        assert all(page.images for page in pdf.pages)  # painted, as on paper
    with gui_ws.db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("letter.printed") == 2
    qtbot.waitUntil(lambda: _cells(due_window, 4) == ["drafted, not sent — overdue"] * 2,
                    timeout=10_000)
    assert due_window.message.text().startswith("Sent 2 letters (")
