"""The audit viewer: sign-in events, filtering by user, a tampered row named, export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from casework import users
from casework.errors import PermissionDenied
from casework.settings import Settings
from casework.workspace import Workspace
from desktop.audit_viewer import AuditViewer
from tests.desktop.conftest import PASSWORD, open_window, sign_in_as


@pytest.fixture
def viewer(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings) -> Iterator[AuditViewer]:
    sign_in_as(gui_ws, "carla", "intake_clerk")
    users.authenticate(gui_ws, "carla", PASSWORD)
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "sue", "supervisor"))
    viewer = window.open_audit()
    assert isinstance(viewer, AuditViewer)
    qtbot.waitUntil(lambda: viewer.model.rowCount() > 0)
    yield viewer
    window.close()


def _column(viewer: AuditViewer, column: int) -> list[str]:
    return [viewer.model.index(r, column).data() for r in range(viewer.model.rowCount())]


def test_shows_the_sign_in_events_newest_first(viewer: AuditViewer) -> None:
    said = _column(viewer, 2)
    assert said.count("Carla signed in") == 2
    assert said[0] == "Sue signed in"  # the newest, by the person's name
    assert "sue · user.signed_in" in viewer.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    seqs = [int(s) for s in _column(viewer, 0)]
    assert seqs == sorted(seqs, reverse=True)
    added = said.index("test-admin added account carla")
    assert _column(viewer, 3)[added] == "name: Carla, role: intake clerk, username: carla"
    assert _column(viewer, 1)[0] == "11/02/2026 09:30:00 AM"  # the clock's time, Pacific
    assert viewer.count_label.text() == f"{len(seqs)} events shown, newest first"


def test_filters_by_user(qtbot: QtBot, viewer: AuditViewer) -> None:
    qtbot.waitUntil(lambda: viewer.user.findData("carla") > 0)
    viewer.select_user("carla")
    viewer.search_button.click()
    qtbot.waitUntil(lambda: _column(viewer, 2) == ["Carla signed in", "Carla signed in"])


def test_filters_by_record_and_dates(qtbot: QtBot, viewer: AuditViewer) -> None:
    viewer.entity_id.setText("1")
    viewer.search_button.click()
    qtbot.waitUntil(lambda: viewer.model.rowCount() > 0 and all(
        " user 1" in viewer.model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(viewer.model.rowCount())))
    viewer.entity_id.clear()
    viewer.end.setDate(viewer.start.date())  # thirty days ago: nothing happened then
    viewer.search_button.click()
    qtbot.waitUntil(lambda: viewer.model.rowCount() == 0)
    assert viewer.count_label.text() == "0 events shown, newest first"


def test_verify_names_the_tampered_event(
    qtbot: QtBot, gui_ws: Workspace, viewer: AuditViewer
) -> None:
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: viewer.chain_result.isVisible(), timeout=10_000)
    total = viewer.model.rowCount()
    assert viewer.chain_result.text() == f"Intact: {total} events verified"
    with gui_ws.db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"))
    viewer.verify_button.click()
    qtbot.waitUntil(lambda: viewer.chain_result.text().startswith("Broken"), timeout=10_000)
    assert viewer.chain_result.text() == (
        "Broken at event 3: event 3 was changed after it was written.")
    row = _column(viewer, 0).index("3")
    assert viewer.model.index(row, 0).data(8) is not None  # the broken row is coloured
    assert viewer.model.index(row + 1, 0).data(8) is None


def test_exports_the_period_as_csv(qtbot: QtBot, tmp_path: Path, viewer: AuditViewer) -> None:
    shown = viewer.model.rowCount()
    viewer.export(tmp_path / "trail", "csv")
    qtbot.waitUntil(lambda: "Exported" in viewer.notice.text(), timeout=10_000)
    with (tmp_path / "trail.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == shown
    qtbot.waitUntil(lambda: _column(viewer, 2)[:1] == ["Sue exported the audit trail"])
    assert rows[0]["action"].count(".") == 1  # the CSV keeps machine values for tools


def test_a_clerk_cannot_open_it(gui_ws: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        AuditViewer(gui_ws, sign_in_as(gui_ws, "carl", "intake_clerk"))


def test_audit_model_passes_the_model_tester(
    qtmodeltester: object, viewer: AuditViewer
) -> None:
    qtmodeltester.check(viewer.model)  # type: ignore[attr-defined]
    viewer.model.mark_broken(2)
    viewer.model.append_rows(viewer.model.rows[:2])


def test_tab_goes_through_the_filters_in_reading_order(viewer: AuditViewer) -> None:
    order: list[QWidget] = [viewer.start]
    while len(order) < 9:
        order.append(_next_tab_stop(order))
    assert order == [viewer.start, viewer.end, viewer.user, viewer.action, viewer.entity_type,
                     viewer.entity_id, viewer.search_button, viewer.clear_button, viewer.table]


def _next_tab_stop(order: list[QWidget]) -> QWidget:
    """The next widget Tab lands on, skipping the inner line edit of a date field."""
    widget = order[-1].nextInFocusChain()
    while widget is not None and (not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                                  or any(widget.parent() is w for w in order)):
        widget = widget.nextInFocusChain()
    assert widget is not None
    return widget
