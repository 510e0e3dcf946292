"""Drawing a report's `ChartData` as a QtCharts bar chart: readable axes, legend below."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from casework.cases.report_charts import ChartData

# Pixels of the chart view. A category's band must be taller than its label's line, or the
# chart shows "…" for the name: a row is two lines of the application's font at least.
MIN_HEIGHT, MAX_HEIGHT, ROW_HEIGHT = 240, 620, 26

# Colour-blind-safe palette (Okabe–Ito), in the order sets are added.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#999999")
MAX_LABELLED_BARS = 24  # beyond this the value labels overlap and help nobody
ROTATE_AFTER_CHARS = 60  # category labels longer in total than this are turned


def bar_series(chart: QChart) -> QAbstractBarSeries | None:
    """The chart's bar series (None for the empty chart)."""
    for series in chart.series():
        if isinstance(series, QAbstractBarSeries):
            return series
    return None


def series_values(chart: QChart) -> dict[str, list[float]]:
    """Each bar set's name and values, as drawn: what a test compares with the table."""
    series = bar_series(chart)
    if series is None:
        return {}
    sideways = isinstance(series, QHorizontalBarSeries | QHorizontalStackedBarSeries)
    drawn = {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}
    return {name: values[::-1] if sideways else values for name, values in drawn.items()}


def build_chart(data: ChartData) -> QChart:
    """A bar chart of `data`; an empty report draws an empty chart that says so."""
    chart = QChart()
    chart.setTitle(data.title)
    title_font = QFont(chart.titleFont())
    title_font.setPointSize(12)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    if not data.categories or not data.series:
        empty = "no clocks fell due in this period" if data.percent else \
            "nothing to show for this period"
        chart.setTitle(f"{data.title}: {empty}")
        chart.legend().setVisible(False)
        return chart
    # Bars of 0% have no length: say so, and write their labels beside them, not inside.
    all_zero = data.percent and not any(v for s in data.series for v in s.values)
    if all_zero:
        chart.setTitle(f"{data.title}: none met on time (0%)")
    # Long category names (queue names, people) read whole on the left of sideways bars;
    # tilted or cut short under upright ones, "Grievances — ..." all look alike.
    sideways = is_sideways(data)
    series: QAbstractBarSeries
    if sideways:
        series = QHorizontalStackedBarSeries() if data.stacked else QHorizontalBarSeries()
    else:
        series = QStackedBarSeries() if data.stacked else QBarSeries()
    for n, entry in enumerate(data.series):
        bars = QBarSet(entry.name)
        values = [0.0 if v is None else float(v) for v in entry.values]
        # Sideways charts stack categories from the bottom; reversed, they read like the table.
        bars.append(values[::-1] if sideways else values)
        bars.setColor(QColor(PALETTE[n % len(PALETTE)]))
        bars.setBorderColor(QColor(PALETTE[n % len(PALETTE)]).darker(120))
        # Labels inside a bar read white on its colour; above it, dark on the background.
        inside = data.stacked or (data.percent and not all_zero)
        bars.setLabelColor(QColor("#ffffff" if inside else "#222222"))
        series.append(bars)
    if len(data.categories) * len(data.series) <= MAX_LABELLED_BARS:
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%" if data.percent else "@value")
        where = QAbstractBarSeries.LabelsPosition
        series.setLabelsPosition(where.LabelsCenter if data.stacked else
                                 where.LabelsInsideEnd if data.percent and not all_zero
                                 else where.LabelsOutsideEnd)
    chart.addSeries(series)
    bottom, left = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
    chart.addAxis(_category_axis(data, reverse=sideways), left if sideways else bottom)
    chart.addAxis(_value_axis(data), bottom if sideways else left)
    for axis in chart.axes():
        series.attachAxis(axis)
    chart.legend().setVisible(len(data.series) > 1 or data.series[0].name != data.value_title)
    return chart


def is_sideways(data: ChartData) -> bool:
    """Whether the bars lie on their side so long category names can be read whole."""
    return sum(len(c) for c in data.categories) > ROTATE_AFTER_CHARS


def chart_height(data: ChartData) -> int:
    """Room enough for every category's name: sideways bars need a row each."""
    if not is_sideways(data):
        return MIN_HEIGHT
    row = max(ROW_HEIGHT, 2 * QFontMetrics(QApplication.font()).height())
    return min(MAX_HEIGHT, max(MIN_HEIGHT, 120 + row * len(data.categories)))


def _category_axis(data: ChartData, reverse: bool) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    names = [c.replace("_", " ") for c in data.categories]
    axis.append(names[::-1] if reverse else names)
    return axis


def _value_axis(data: ChartData) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(data.value_title)
    if data.percent:
        axis.setRange(0, 100)
        axis.setTickCount(11)
        axis.setLabelFormat("%d")
        return axis
    axis.setRange(0, _top(data))
    axis.setLabelFormat("%d")
    top = int(axis.max())
    axis.setTickCount(top + 1 if top <= 10 else 6)
    return axis


def _top(data: ChartData) -> float:
    """The tallest bar (the tallest stack, when stacked), with a little headroom, whole."""
    columns = range(len(data.categories))
    heights = [sum(s.values[c] or 0 for s in data.series) if data.stacked
               else max(s.values[c] or 0 for s in data.series) for c in columns]
    tallest = max(heights, default=0)
    if tallest <= 9:
        return float(math.ceil(tallest) + 1)
    step = 10 ** math.floor(math.log10(tallest))
    return float(math.ceil(tallest * 1.1 / step) * step)


def chart_view(parent: QWidget | None = None) -> QChartView:
    """An antialiased view to show charts in."""
    view = QChartView(parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_HEIGHT)
    return view
