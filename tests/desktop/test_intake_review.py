"""The Intake Review screen: what waits for a person, and the clerk's actions on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casework.actor import Actor
from casework.intake.runner import RunnerConfig
from casework.intake.service import ingest_files
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.intake_review import EMPTY_TEXT, IntakeReview
from desktop.intake_review_dialogs import DismissDialog, SetTypeDialog
from desktop.split_dialog import SplitDialog, describe_groups, groups_from_starts
from tests.desktop.conftest import sign_in_as
from tests.intake.review_files import write_review_files

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")


@pytest.fixture
def clerk(gui_ws: Workspace) -> Actor:
    return sign_in_as(gui_ws, "carla", "intake_clerk")


@pytest.fixture
def ingested(gui_ws: Workspace, gui_settings: Settings, tmp_path: Path) -> dict[str, int]:
    """The usual mix read and filed by the real intake: letter, its copy, two requests, empty."""
    files = write_review_files(tmp_path / "in")
    results = ingest_files(gui_ws, gui_settings, list(files.values()),
                           config=RunnerConfig(workers=1))
    ids = {key: r.document_id for key, r in zip(files, results, strict=True)}
    assert all(i is not None for i in ids.values())
    return {key: int(i or 0) for key, i in ids.items()}


def _screen(qtbot: QtBot, ws: Workspace, actor: Actor) -> IntakeReview:
    screen = IntakeReview(ws, actor)
    qtbot.addWidget(screen)
    screen.resize(1100, 500)
    screen.show()
    screen.refresh()
    qtbot.waitUntil(lambda: screen.loaded)
    return screen


def _choose(qtbot: QtBot, screen: IntakeReview, *document_ids: int) -> None:
    screen.select_documents(list(document_ids))
    qtbot.waitUntil(lambda: sorted(i.document_id for i in screen.selected()) == sorted(document_ids))


def _listed(screen: IntakeReview) -> set[int]:
    return {i.document_id for i in screen.model.rows}


def test_an_empty_list_says_so_in_words(qtbot: QtBot, gui_ws: Workspace, clerk: Actor) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    assert screen.stack.currentWidget() is screen.empty
    assert screen.empty.text() == EMPTY_TEXT
    assert not screen.buttons["set_type"].isEnabled()
    assert not screen.buttons["dismiss"].isEnabled()


def test_the_screen_lists_every_item_with_its_reason(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, ingested: dict[str, int],
    qtmodeltester: ModelTester,
) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    qtmodeltester.check(screen.model)
    assert screen.stack.currentWidget() is screen.table
    assert _listed(screen) == set(ingested.values())
    assert screen.heading.text() == "Intake review — 4 waiting"
    row = screen.model.row_of(ingested["empty"])
    assert row is not None
    assert screen.model.index(row, 1).data() == "empty.pdf"
    assert screen.model.index(row, 3).data() == "The file is empty."
    two = screen.model.row_of(ingested["two"])
    assert two is not None
    assert screen.model.index(two, 4).data() == "Prior authorization request or grievance form"

    _choose(qtbot, screen, ingested["empty"])
    assert screen.buttons["retry"].isEnabled()
    assert not screen.buttons["set_type"].isEnabled()  # nothing was read to type
    _choose(qtbot, screen, ingested["letter"], ingested["two"])
    assert screen.buttons["merge"].isEnabled() and not screen.buttons["retry"].isEnabled()

    with qtbot.waitSignal(screen.document_opened) as opened:
        _choose(qtbot, screen, ingested["letter"])
        screen.buttons["open"].click()
    assert opened.args == [ingested["letter"]]
    with qtbot.waitSignal(screen.document_opened) as opened:
        _choose(qtbot, screen, ingested["copy"])
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened.args == [ingested["letter"]]  # a copy shows the pages of its original


def test_setting_the_type_with_the_combo_files_the_document(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, ingested: dict[str, int]
) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    _choose(qtbot, screen, ingested["letter"])
    qtbot.keyClick(screen.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.dialog
    assert isinstance(dialog, SetTypeDialog)
    dialog.form.setCurrentIndex(dialog.form.findText("Grievance form"))
    assert dialog.chosen() == "grievance_form"

    dialog.findChild(type(screen.buttons["open"]), "confirm").click()

    qtbot.waitUntil(lambda: screen.message.text().startswith(
        f"Document {ingested['letter']} set to Grievance form; filed in GRV-2026-"))
    qtbot.waitUntil(lambda: ingested["letter"] not in _listed(screen))


def test_splitting_with_the_dialog_makes_two_documents(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, ingested: dict[str, int]
) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    _choose(qtbot, screen, ingested["two"])
    screen.buttons["split"].click()
    dialog = screen.dialog
    assert isinstance(dialog, SplitDialog)
    assert not dialog.ok.isEnabled()  # one document is no split
    qtbot.waitUntil(lambda: not dialog.pages.item(1).icon().isNull())  # thumbnails arrive
    assert "Page 2" in dialog.pages.item(1).text()

    qtbot.keyClick(dialog.pages, Qt.Key.Key_Space)  # page 2 is current: it starts document 2
    assert dialog.groups() == [[1], [2]]
    assert dialog.summary.text() == "Becomes 2 documents: page 1 | page 2."
    dialog.ok.click()

    original = ingested["two"]
    qtbot.waitUntil(lambda: screen.message.text().startswith(f"Document {original} split into"))
    first = max(ingested.values()) + 1  # the next documents made
    second = first + 1
    assert screen.message.text() == f"Document {original} split into {first} and {second}."
    qtbot.waitUntil(lambda: original not in _listed(screen))


def test_dismissing_asks_why_and_takes_the_item_off(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, ingested: dict[str, int]
) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    _choose(qtbot, screen, ingested["copy"])
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    dialog = screen.dialog
    assert isinstance(dialog, DismissDialog)
    assert not dialog.ok.isEnabled()  # a reason comes first
    qtbot.keyClicks(dialog.reason, "Sent twice by the clinic")
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    qtbot.waitUntil(lambda: screen.message.text()
                    == f"Document {ingested['copy']} dismissed (Sent twice by the clinic).")
    qtbot.waitUntil(lambda: ingested["copy"] not in _listed(screen))


def test_retry_and_merge_report_what_happened(
    qtbot: QtBot, gui_ws: Workspace, clerk: Actor, ingested: dict[str, int]
) -> None:
    screen = _screen(qtbot, gui_ws, clerk)
    _choose(qtbot, screen, ingested["empty"])
    screen.buttons["retry"].click()
    qtbot.waitUntil(lambda: screen.message.text()
                    == f"Document {ingested['empty']} queued to be read again.")
    qtbot.waitUntil(lambda: ingested["empty"] not in _listed(screen))

    _choose(qtbot, screen, ingested["two"], ingested["letter"])
    screen.buttons["merge"].click()
    qtbot.waitUntil(lambda: screen.message.text().startswith("Documents "))
    first, second = sorted([ingested["two"], ingested["letter"]])  # in the order they came
    assert screen.message.text().startswith(f"Documents {first} and {second} merged into ")
    qtbot.waitUntil(lambda: not {ingested["two"], ingested["letter"]} & _listed(screen))


def test_split_pages_are_grouped_from_the_ticked_starts() -> None:
    assert groups_from_starts(3, set()) == [[1, 2, 3]]
    assert groups_from_starts(3, {3}) == [[1, 2], [3]]
    assert groups_from_starts(4, {2, 4}) == [[1], [2, 3], [4]]
    assert describe_groups([[1, 2], [3]]) == "2 documents: pages 1–2 | page 3"
