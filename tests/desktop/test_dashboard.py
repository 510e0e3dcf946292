"""The supervisor dashboard: charts that hold the tables' numbers, exports read back, no names
for an administrator."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from casework import users
from casework.actor import Actor
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.queues import assign
from casework.cases.report_charts import chart_data
from casework.cases.work import change_status
from casework.outreach.contacts import ContactEntry
from casework.outreach.referrals import NewReferral, log_referral_contact, new_referral
from casework.permissions import Role
from casework.workspace import Workspace
from desktop.dashboard import DASHBOARD_REPORTS, Dashboard, format_for, months_before
from desktop.dashboard_charts import series_values
from tests.conftest import ADMIN, SUPERVISOR, FixedClock
from tests.outreach.members_and_referrals import MARY, ROSA, care_coordinator, load_roster

MEMBERS = ("Rosa Delgado", "Ana Ruiz", "José Núñez", "Mai Vang", "Luis Ortega", "Grace Kim")


def add_demo_cases(ws: Workspace, clock: FixedClock) -> None:
    """A small plan's six weeks: cases of many ages, some acknowledged in time, some late,
    some closed; each step taken at the moment it happened."""
    now = clock.current
    for name in ("carla", "devon"):
        users.add_user(ws, ADMIN, name, "grievance_coordinator", "a long enough password")
    for n in range(14):
        queue = ("grievance", "appeals", "grievance_expedited")[n % 3]
        received = now - timedelta(days=3 * n + 1)
        clock.current = received
        case_id = open_case_now(ws, SUPERVISOR, NewCase(
            "grievance", queue, "standard", received,
            clocks=(DueClock("acknowledge", received + timedelta(days=5)),
                    DueClock("resolve", received + timedelta(days=30))),
            member_name=MEMBERS[n % len(MEMBERS)], member_cin=f"9{n:07d}A"))
        if n % 3 != 2:
            assign(ws, SUPERVISOR, case_id, ("carla", "devon")[n % 2])
        if n % 4 != 3:
            clock.current = min(received + timedelta(days=2 if n % 4 else 7), now)
            change_status(ws, SUPERVISOR, case_id, "acknowledged")
        if n % 5 == 0 and received + timedelta(days=12) < now:
            clock.current = received + timedelta(days=12)
            for status in ("in_review", "resolved", "closed"):
                change_status(ws, SUPERVISOR, case_id, status)
    clock.current = now


def add_demo_referrals(ws: Workspace, folder: Path) -> None:
    """Two referrals of roster members and a few calls about them."""
    load_roster(ws, folder)
    cora = care_coordinator(ws)
    first = new_referral(ws, cora, NewReferral(ROSA, "cbas")).number
    new_referral(ws, cora, NewReferral(MARY, "wic"))
    log_referral_contact(ws, cora, first, ContactEntry("phone", "no_answer"))
    log_referral_contact(ws, cora, first, ContactEntry("phone", "reached"))


def open_dashboard(qtbot: QtBot, ws: Workspace, actor: Actor) -> Dashboard:
    window = Dashboard(ws, actor)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=20_000):
        window.show()
    return window


@pytest.fixture
def dashboard(qtbot: QtBot, gui_ws: Workspace, clock: FixedClock, tmp_path: Path) -> Dashboard:
    add_demo_cases(gui_ws, clock)
    add_demo_referrals(gui_ws, tmp_path)
    return open_dashboard(qtbot, gui_ws, SUPERVISOR)


def test_every_chart_draws_the_numbers_its_table_shows(dashboard: Dashboard,
                                                       qtmodeltester: ModelTester) -> None:
    for name in DASHBOARD_REPORTS:
        panel = dashboard.panels[name]
        qtmodeltester.check(panel.model)
        table = panel.model.table
        assert panel.model.rowCount() == len(table.rows) > 0, name
        drawn = series_values(panel.chart.chart())
        expected = chart_data(name, table)
        assert drawn == {s.name: [v or 0.0 for v in s.values] for s in expected.series}, name
    inventory = dashboard.panels["inventory"]
    drawn = series_values(inventory.chart.chart())
    assert sum(sum(v) for v in drawn.values()) == sum(
        int(inventory.model.index(r, 2).data()) for r in range(inventory.model.rowCount()))
    workload = dashboard.panels["workload"].model
    people = [workload.index(r, 0).data() for r in range(workload.rowCount())]
    assert {"carla", "devon", "(unassigned)"} <= set(people)


def test_the_period_defaults_to_the_last_three_months(dashboard: Dashboard) -> None:
    start, end = dashboard.period()
    assert end == date(2026, 11, 2) and start == date(2026, 8, 2)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert "08/02/2026 to 11/02/2026" in dashboard.panels["on_time"].subtitle.text()


def test_an_end_before_the_start_is_refused_in_words(dashboard: Dashboard) -> None:
    dashboard.end.setDate(dashboard.start.date().addDays(-1))
    dashboard.refresh()
    assert "end date is before the start date" in dashboard.notice.text()
    assert dashboard.refresh_button.isEnabled()


def test_a_report_exports_to_excel_csv_and_pdf(qtbot: QtBot, dashboard: Dashboard,
                                               tmp_path: Path) -> None:
    assert dashboard.suggested_name("on_time") == "on-time-2026-08-02-to-2026-11-02.xlsx"
    assert format_for(Path("x"), "PDF document (*.pdf)") == "pdf"
    overdue = dashboard.panels["overdue"].model.table
    for fmt in ("xlsx", "csv", "pdf"):
        with qtbot.waitSignal(dashboard.exported, timeout=20_000):
            dashboard.export("overdue", tmp_path / "overdue", fmt)
    assert "Exported overdue cases" in dashboard.notice.text()
    sheet = openpyxl.load_workbook(tmp_path / "overdue.xlsx").active
    assert sheet is not None and sheet["A1"].value == "Overdue cases"
    assert [c.value for c in sheet[3]] == list(overdue.columns)
    # The rows, a blank line, then the trail's head for the paper copy.
    assert sheet.max_row == 3 + len(overdue.rows) + 2
    assert str(sheet.cell(sheet.max_row, 1).value).startswith("Audit trail head when printed")
    with (tmp_path / "overdue.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert [r[0] for r in rows[1:]] == [str(r[0]) for r in overdue.rows]
    with pdfplumber.open(tmp_path / "overdue.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Overdue cases" in text and str(overdue.rows[0][0]) in text


def test_an_administrator_sees_counts_but_no_member_names(
        qtbot: QtBot, gui_ws: Workspace, clock: FixedClock, tmp_path: Path) -> None:
    add_demo_cases(gui_ws, clock)
    add_demo_referrals(gui_ws, tmp_path)
    window = open_dashboard(qtbot, gui_ws, Actor("ada", Role.ADMIN))
    for name in DASHBOARD_REPORTS:
        model = window.panels[name].model
        shown = " ".join(str(model.index(r, c).data()) for r in range(model.rowCount())
                         for c in range(model.columnCount()))
        assert not any(member in shown for member in MEMBERS), name
    overdue = window.panels["overdue"].model
    assert overdue.rowCount() > 0 and "Member" not in overdue.table.columns
