"""The Vendors screen: search the directory, edit a vendor, deactivate one; each change is in
the trail, and a coordinator reaches it from the Work menu."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from casework.db.models import AuditEvent
from casework.settings import Settings
from casework.transport.vendors import import_vendors, list_vendors
from casework.workspace import Workspace
from desktop.vendors_dialog import VendorsDialog
from tests.conftest import ADMIN
from tests.desktop.conftest import open_message_boxes, open_window, sign_in_as
from tests.transport.trip_cases import VENDORS


@pytest.fixture
def dialog(qtbot: QtBot, gui_ws: Workspace, gui_settings: Settings,
           tmp_path: Path) -> Iterator[VendorsDialog]:
    csv = tmp_path / "vendors.csv"
    csv.write_text(VENDORS, encoding="utf-8")
    import_vendors(gui_ws, ADMIN, csv)
    coordinator = sign_in_as(gui_ws, "tomas", "transportation_coordinator")
    window = open_window(qtbot, gui_ws, gui_settings, coordinator)
    window.vendors_action.trigger()
    dialog = window.tool_windows["vendors"]
    assert isinstance(dialog, VendorsDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=10_000)
    yield dialog
    window.close()


def _names(dialog: VendorsDialog) -> list[str]:
    return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]


def _trail(ws: Workspace, action: str) -> list[dict[str, object]]:
    with ws.db.read() as session:
        return [json.loads(e.details) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq))]


def test_search_finds_vendors_by_name_zip_or_county(qtbot: QtBot, dialog: VendorsDialog) -> None:
    qtbot.keyClicks(dialog.search, "93701")
    qtbot.waitUntil(lambda: _names(dialog) == ["Valley Gurney"], timeout=10_000)
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "sacramento")
    qtbot.waitUntil(lambda: _names(dialog) == ["Capitol Medical Vans"], timeout=10_000)
    assert dialog.model.index(0, 6).data() == "07/01/2025 – open"


def test_an_edit_is_saved_and_in_the_trail(
    qtbot: QtBot, gui_ws: Workspace, dialog: VendorsDialog
) -> None:
    dialog.table.selectRow(_names(dialog).index("Old Town Rides"))
    edit = dialog.open_edit()
    assert edit is not None and edit.zips.text() == "95816"
    edit.zips.setText("95816 95818")
    edit.agreement_to.setDate(edit.agreement_to.date().addYears(1))
    qtbot.mouseClick(edit.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.index(_names(dialog).index("Old Town Rides"), 4)
                    .data() == "95816 95818", timeout=10_000)
    assert _trail(gui_ws, "vendor.changed") == [{
        "name": "Old Town Rides", "changes": {"zips": ["95816", "95816 95818"],
                                              "agreement_to": ["2026-06-30", "2027-06-30"]}}]


def test_a_bad_value_is_refused_in_words(qtbot: QtBot, dialog: VendorsDialog) -> None:
    dialog.table.selectRow(0)
    edit = dialog.open_edit()
    assert edit is not None
    edit.modes.setText("wheelchair_van hovercraft")
    qtbot.mouseClick(edit.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(open_message_boxes()) == 1, timeout=10_000)
    box = open_message_boxes()[0]
    assert "Unknown mode hovercraft" in box.text()
    box.close()


def test_deactivating_needs_a_reason_and_hides_the_vendor(
    qtbot: QtBot, gui_ws: Workspace, dialog: VendorsDialog
) -> None:
    dialog.table.selectRow(_names(dialog).index("Valley Gurney"))
    confirm = dialog.open_deactivate()
    assert confirm is not None and not confirm.ok.isEnabled()
    qtbot.keyClicks(confirm.reason, "agreement not renewed")
    qtbot.mouseClick(confirm.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Valley Gurney" not in _names(dialog), timeout=10_000)
    dialog.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: "Valley Gurney" in _names(dialog), timeout=10_000)
    row = _names(dialog).index("Valley Gurney")
    assert dialog.model.index(row, 7).data() == "inactive"
    assert _trail(gui_ws, "vendor.deactivated") == [
        {"name": "Valley Gurney", "reason": "agreement not renewed"}]
    assert "Valley Gurney" not in [v.name for v in list_vendors(gui_ws, dialog.actor)]


def test_a_clerk_sees_no_vendor_screen(qtbot: QtBot, gui_ws: Workspace,
                                       gui_settings: Settings) -> None:
    window = open_window(qtbot, gui_ws, gui_settings, sign_in_as(gui_ws, "pat", "intake_clerk"))
    assert not window.vendors_action.isVisible()
    window.close()
