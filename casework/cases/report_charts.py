"""What each supervisor report looks like as a bar chart: categories, series and their values.

The numbers are the report's own, arranged (never recomputed) so a chart and its table agree;
the screen only draws them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from casework.errors import InvalidValue
from casework.table_export import Cell, Table

Cells = dict[tuple[str, str], float]  # (category, series) → value


@dataclass(frozen=True)
class ChartSeries:
    """One coloured set of bars: a value per category (None where the report has none)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """A bar chart: one group of bars per category, stacked or side by side."""

    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    value_title: str
    stacked: bool = False
    percent: bool = False


def chart_data(name: str, table: Table) -> ChartData:
    """The chart for the report `name`, from its table."""
    builders: dict[str, Callable[[Table], ChartData]] = {
        "inventory": _inventory, "aging": _aging, "on_time": _on_time, "overdue": _overdue,
        "workload": _workload, "closed_by_person": _closed_by_person,
        "referrals": _referrals, "outreach": _outreach}
    if name not in builders:
        raise InvalidValue(f"There is no chart for the report {name!r}.")
    return builders[name](table)


def _column(table: Table, heading: str) -> int:
    return table.columns.index(heading)


def _pivot(table: Table, category: str, series: str, value: str | None) -> Cells:
    """(category, series) → the value column, or the number of rows when `value` is None."""
    c, s = _column(table, category), _column(table, series)
    if value is None:
        return {key: float(n) for key, n in Counter(
            (str(row[c]), str(row[s])) for row in table.rows).items()}
    v = _column(table, value)
    return {(str(row[c]), str(row[s])): _number(row[v]) for row in table.rows}


def _number(cell: Cell) -> float:
    return float(cell) if isinstance(cell, int | float) else 0.0


def _from_pivot(title: str, cells: Cells, value_title: str, *,
                stacked: bool, percent: bool = False) -> ChartData:
    categories = tuple(sorted({c for c, _ in cells}))
    names = tuple(sorted({s for _, s in cells}))
    series = tuple(ChartSeries(name, tuple(cells.get((c, name)) for c in categories))
                   for name in names)
    return ChartData(title, categories, series, value_title, stacked, percent)


def _inventory(table: Table) -> ChartData:
    cells = _pivot(table, "Queue", "Status", "Open cases")
    return _from_pivot(table.title, cells, "Open cases", stacked=True)


def _aging(table: Table) -> ChartData:
    buckets = table.columns[1:-1]  # between the queue and the total
    categories = tuple(str(row[0]) for row in table.rows)
    series = tuple(ChartSeries(bucket, tuple(_number(row[i]) for row in table.rows))
                   for i, bucket in enumerate(buckets, start=1))
    return ChartData(table.title, categories, series, "Open cases", stacked=True)


def _on_time(table: Table) -> ChartData:
    month, kind, clock = (_column(table, h) for h in ("Month", "Case type", "Clock"))
    rate = _column(table, "On-time rate")
    cells = {(str(row[month]), f"{row[kind]} {row[clock]}".replace("_", " ")):
             round(_number(row[rate]) * 100, 1) for row in table.rows}
    return _from_pivot(table.title, cells, "On time (%)", stacked=False, percent=True)


def _overdue(table: Table) -> ChartData:
    cells = _pivot(table, "Queue", "Clock", None)
    return _from_pivot(table.title, cells, "Overdue clocks", stacked=True)


def _workload(table: Table) -> ChartData:
    categories = tuple(str(row[0]) for row in table.rows)
    series = tuple(ChartSeries(heading, tuple(_number(row[i]) for row in table.rows))
                   for i, heading in enumerate(table.columns[1:], start=1))
    return ChartData(table.title, categories, series, "Cases")


def _closed_by_person(table: Table) -> ChartData:
    cells = _pivot(table, "Person", "Case type", "Closed")
    return _from_pivot(table.title, cells, "Cases closed", stacked=True)


def _referrals(table: Table) -> ChartData:
    cells: dict[tuple[str, str], float] = defaultdict(float)
    program, status, count = (_column(table, h) for h in ("Program", "Status", "Referrals"))
    for row in table.rows:
        cells[(str(row[program]), str(row[status]))] += _number(row[count])
    return _from_pivot(table.title, dict(cells), "Referrals", stacked=True)


def _outreach(table: Table) -> ChartData:
    categories = tuple(str(row[0]) for row in table.rows)
    series = tuple(ChartSeries(heading, tuple(_number(row[_column(table, heading)])
                                              for row in table.rows))
                   for heading in ("Attempts", "Reached"))
    return ChartData(table.title, categories, series, "Attempts")
