"""The dashboard's figures: overdue cases, workload per person, and charts that match tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from casework import users
from casework.cases.opening import DueClock, NewCase, open_case_now
from casework.cases.queues import assign
from casework.cases.report_charts import chart_data
from casework.cases.reports import REPORTS, build_report, build_reports
from casework.cases.work import change_status
from casework.errors import InvalidValue
from casework.workspace import Workspace
from tests.conftest import ADMIN, SUPERVISOR, FixedClock

PERIOD = (date(2026, 8, 1), date(2026, 11, 30))


def _grievance(ws: Workspace, received: datetime, due: datetime, queue: str = "grievance",
               member: str = "Rosa Delgado") -> int:
    return open_case_now(ws, SUPERVISOR, NewCase(
        "grievance", queue, "standard", received, clocks=(DueClock("acknowledge", due),),
        member_name=member, member_cin="91234567A"))


@pytest.fixture
def cases(workspace: Workspace, clock: FixedClock) -> dict[str, int]:
    """Two overdue grievances (one assigned to carla), one on time, one closed by carla."""
    now = clock()
    users.add_user(workspace, ADMIN, "carla", "grievance_coordinator", "a long enough password")
    made = {
        "late_a": _grievance(workspace, now - timedelta(days=9), now - timedelta(days=4)),
        "late_b": _grievance(workspace, now - timedelta(days=3), now - timedelta(hours=2),
                             queue="appeals", member="Ana Ruiz"),
        "fine": _grievance(workspace, now - timedelta(days=1), now + timedelta(days=4)),
        "closed": _grievance(workspace, now - timedelta(days=2), now + timedelta(days=3)),
    }
    assign(workspace, SUPERVISOR, made["late_a"], "carla")
    assign(workspace, SUPERVISOR, made["closed"], "carla")
    for status in ("acknowledged", "in_review", "resolved", "closed"):
        change_status(workspace, SUPERVISOR, made["closed"], status)
    return made


def test_the_overdue_list_names_each_late_clock_most_overdue_first(
        workspace: Workspace, cases: dict[str, int]) -> None:
    table = build_report(workspace, SUPERVISOR, "overdue", *PERIOD)
    assert table.columns[3:5] == ("Member", "Member ID")
    assert [(r[2], r[3], r[5]) for r in table.rows] == [
        ("Grievances", "Rosa Delgado", "acknowledge"), ("Appeals", "Ana Ruiz", "acknowledge")]
    assert table.rows[0][7] == "4 d" and table.rows[0][8] == "carla"  # not "4.0 days"
    assert table.rows[1][8] == "(unassigned)"


def test_an_administrator_sees_counts_but_no_member(workspace: Workspace,
                                                   cases: dict[str, int]) -> None:
    table = build_report(workspace, ADMIN, "overdue", *PERIOD)
    assert "Member" not in table.columns and "Member ID" not in table.columns
    flat = " ".join(str(c) for row in table.rows for c in row)
    assert "Rosa" not in flat and "91234567A" not in flat and len(table.rows) == 2
    assert chart_data("overdue", table).series[0].values == (1.0, 1.0)  # appeals, grievance


def test_workload_counts_open_overdue_and_closed_per_person(workspace: Workspace,
                                                            cases: dict[str, int]) -> None:
    table = build_report(workspace, SUPERVISOR, "workload", *PERIOD)
    assert table.columns == ("Person", "Open cases", "Overdue", "Closed in period")
    assert {r[0]: r[1:] for r in table.rows} == {"carla": (1, 1, 1),
                                                 "(unassigned)": (2, 1, 0)}
    before = build_report(workspace, SUPERVISOR, "workload", date(2026, 1, 1),
                          date(2026, 1, 31))
    assert {r[0]: r[3] for r in before.rows}["carla"] == 0  # closed outside that period


def test_every_chart_holds_the_tables_numbers(workspace: Workspace,
                                              cases: dict[str, int]) -> None:
    tables = build_reports(workspace, SUPERVISOR, REPORTS, *PERIOD)
    inventory = chart_data("inventory", tables["inventory"])
    for queue, status, count in tables["inventory"].rows:
        series = next(s for s in inventory.series if s.name == status)
        assert series.values[inventory.categories.index(str(queue))] == count
    aging = chart_data("aging", tables["aging"])
    assert aging.stacked and [s.name for s in aging.series] == list(tables["aging"].columns[1:-1])
    for row in tables["aging"].rows:
        column = aging.categories.index(str(row[0]))
        assert sum(s.values[column] or 0 for s in aging.series) == row[-1]
    on_time = chart_data("on_time", tables["on_time"])
    assert on_time.percent and on_time.categories == ("10/2026", "11/2026")
    # October: one missed; November: the closed case met its clock, the appeal missed.
    assert on_time.series[0].values == (0.0, 50.0)
    assert [round(float(r[-1] or 0) * 100, 1) for r in tables["on_time"].rows] == [0.0, 50.0]
    workload = chart_data("workload", tables["workload"])
    assert workload.series[0].name == "Open cases"
    assert list(workload.series[0].values) == [float(r[1]) for r in tables["workload"].rows]


def test_an_unknown_report_is_named_in_the_refusal(workspace: Workspace) -> None:
    with pytest.raises(InvalidValue, match="overdue"):
        build_report(workspace, SUPERVISOR, "backlog", *PERIOD)
