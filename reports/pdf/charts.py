"""Charts drawn with reportlab.graphics: left-vs-right strength bars and the trend over visits."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.pdf.data import StrengthBar, TrendSeries
from reports.pdf.styles import BOLD, INK, LEFT_COLOUR, REGULAR, RIGHT_COLOUR, WARN

TREND_COLOURS = (
    colors.HexColor("#2166ac"), colors.HexColor("#e08214"), colors.HexColor("#1b7837"),
    colors.HexColor("#762a83"), colors.HexColor("#b2182b"), colors.HexColor("#4d4d4d"),
)  # fmt: skip
PLOT_HEIGHT = 120.0
BOTTOM = 34.0  # room for two-line category labels
TOP = 38.0  # room for the title and the legend
LEFT = 38.0
THRESHOLD_DASH = (4, 2)
BAND_ALPHA = 0.18
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def nice_axis(value: float) -> tuple[float, float]:
    """An axis top a little above value, and a round step (see _round_step)."""
    if value <= 0:
        return 1.0, 0.2
    step = _round_step(value * 1.1 / 5)
    return step * math.ceil(value * 1.1 / step), step


def _round_step(raw_step: float) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that is at least raw_step
    (2.5: a value just over 100 gets an axis to 125, not 150)."""
    power = 10.0 ** math.floor(math.log10(raw_step))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw_step)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _wrap(label: str) -> str:
    return "\n".join(textwrap.wrap(label, 16)[:2]) or " "


def _style_axes(chart: VerticalBarChart | HorizontalLineChart, top: float, step: float) -> None:
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = step
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize, axis.labels.fillColor = REGULAR, 8, INK
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -4


LegendItem = tuple[Color, str, bool]
LEGEND_ROW = 11.0


def _legend_rows(items: Sequence[LegendItem], width: float) -> list[list[tuple[float, LegendItem]]]:
    """Legend items laid out left to right, wrapping to a new row at the drawing's width."""
    rows: list[list[tuple[float, LegendItem]]] = [[]]
    x = LEFT
    for item in items:
        item_width = 26 + stringWidth(item[1], REGULAR, 8)
        if rows[-1] and x + item_width > width:
            rows.append([])
            x = LEFT
        rows[-1].append((x, item))
        x += item_width
    return rows


def _legend(drawing: Drawing, rows: list[list[tuple[float, LegendItem]]]) -> None:
    """A swatch (or a dashed line) and its label for each item, under the title."""
    y = drawing.height - 28
    for row in rows:
        for x, (colour, label, dashed) in row:
            if dashed:
                drawing.add(Line(x, y + 3, x + 14, y + 3, strokeColor=colour, strokeWidth=1.5,
                                 strokeDashArray=THRESHOLD_DASH))  # fmt: skip
            else:
                drawing.add(Rect(x, y, 10, 7, fillColor=colour, strokeColor=None))
            drawing.add(String(x + 18, y, label, fontName=REGULAR, fontSize=8, fillColor=INK))
        y -= LEGEND_ROW


def _drawing(width: float, rows: Sequence[object], plot_height: float = PLOT_HEIGHT) -> Drawing:
    """Room for the plot, the axis labels, the title and every legend row."""
    height = plot_height + BOTTOM + TOP + LEGEND_ROW * (len(rows) - 1)
    return Drawing(width, height, initialFontName=REGULAR)


def _title(drawing: Drawing, text: str) -> None:
    """The title at 10 pt, smaller (down to 7.5 pt) when it would run past the drawing."""
    size = 10.0
    while size > 7.5 and stringWidth(text, BOLD, size) > drawing.width - 10:
        size -= 0.5
    drawing.add(String(0, drawing.height - 12, text, fontName=BOLD, fontSize=size, fillColor=INK))


def _threshold_text(bars: Sequence[StrengthBar]) -> str:
    percents = {bar.threshold_percent for bar in bars if bar.threshold_percent is not None}
    if len(percents) == 1:
        percent = format(percents.pop().normalize(), "f")
        return f"target for the weaker side: {percent}% of the stronger side"
    return "threshold for the weaker side"


class ThresholdBarChart(VerticalBarChart):
    """Left/right bars with a dashed threshold across the weaker bar of each group."""

    _attrMap = AttrMap(BASE=VerticalBarChart, levels=AttrMapValue(None, desc="per group"))  # noqa: N815 - reportlab's name

    def draw(self) -> Group:
        group = super().draw()
        for index, level in enumerate(self.levels):
            if level is None:
                continue
            weaker_series, value = level
            x, _, bar_width, _ = self._barPositions[weaker_series][index]
            y = self.valueAxis.scale(value)
            group.add(
                Line(
                    x - 4,
                    y,
                    x + bar_width + 4,
                    y,
                    strokeColor=WARN,
                    strokeWidth=1.5,
                    strokeDashArray=THRESHOLD_DASH,
                )
            )
        return group


def _levels(bars: Sequence[StrengthBar]) -> list[tuple[int, float] | None]:
    """For each group: (weaker series, threshold share of the stronger side) or None."""
    levels: list[tuple[int, float] | None] = []
    for bar in bars:
        left, right = _number(bar.left), _number(bar.right)
        if bar.threshold_percent is None or left is None or right is None:
            levels.append(None)
            continue
        weaker = 0 if left <= right else 1
        levels.append((weaker, max(left, right) * float(bar.threshold_percent) / 100))
    return levels


def strength_chart(bars: Sequence[StrengthBar], width: float) -> Drawing:
    """Left and right bars per muscle group (one unit per chart), thresholds dashed."""
    unit = bars[0].unit
    values = [_number(v) or 0.0 for bar in bars for v in (bar.left, bar.right)]
    top, step = nice_axis(max(values, default=0.0))
    legend = [(LEFT_COLOUR, "Left", False), (RIGHT_COLOUR, "Right", False)]
    if any(bar.threshold_percent is not None for bar in bars):
        legend.append((WARN, _threshold_text(bars), True))
    rows = _legend_rows(legend, width)
    drawing = _drawing(width, rows)
    chart = ThresholdBarChart()
    chart.levels = _levels(bars)
    chart.x, chart.y, chart.width, chart.height = LEFT, BOTTOM, width - LEFT - 8, PLOT_HEIGHT
    chart.data = [
        tuple(_number(bar.left) for bar in bars),
        tuple(_number(bar.right) for bar in bars),
    ]
    chart.categoryAxis.categoryNames = [_wrap(bar.group) for bar in bars]
    chart.bars[0].fillColor, chart.bars[1].fillColor = LEFT_COLOUR, RIGHT_COLOUR
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 2, 12
    chart.barLabelFormat = "%.0f"
    # Values sit inside the top of each bar, clear of the threshold line above a weak side.
    chart.barLabels.fontName, chart.barLabels.fontSize = BOLD, 7
    chart.barLabels.fillColor = colors.white
    chart.barLabels.boxAnchor, chart.barLabels.nudge = "n", -3
    _style_axes(chart, top, step)
    drawing.add(chart)
    _title(drawing, f"Strength, left and right ({unit})")
    _legend(drawing, rows)
    return drawing


def _short_date(day: date) -> str:
    return f"{day.day} {SHORT_MONTHS[day.month - 1]} {day.year}"


def _faded(colour: Color) -> Color:
    return Color(colour.red, colour.green, colour.blue, alpha=BAND_ALPHA)


def _bands(
    drawing: Drawing, chart: HorizontalLineChart, series: Sequence[TrendSeries], top: float
) -> None:
    """Each series' band (its first value +/- the threshold), under the lines, clipped to the
    axis: a later point outside it is a change past the test's error or the MIC."""
    for index, line in enumerate(series):
        if line.band is None:
            continue
        low, high = (min(max(float(v), 0.0), top) for v in line.band)
        y_low = chart.y + chart.height * low / top
        y_high = chart.y + chart.height * high / top
        colour = _faded(TREND_COLOURS[index % len(TREND_COLOURS)])
        drawing.add(
            Rect(chart.x, y_low, chart.width, y_high - y_low, fillColor=colour, strokeColor=None)
        )


def _trend_legend(series: Sequence[TrendSeries]) -> list[LegendItem]:
    items = [(TREND_COLOURS[i % len(TREND_COLOURS)], s.label, False) for i, s in enumerate(series)]
    notes = list(dict.fromkeys(s.band_note for s in series if s.band is not None and s.band_note))
    return items + [(_faded(colors.HexColor("#666666")), note, False) for note in notes]


def trend_chart(
    visits: Sequence[date],
    series: Sequence[TrendSeries],
    width: float,
    *,
    title: str | None = None,
    plot_height: float = PLOT_HEIGHT,
) -> Drawing:
    """One line per series over the visits; gaps stay gaps; a series' threshold band shaded."""
    unit = series[0].unit
    values = [float(v) for s in series for v in s.values if v is not None]
    values += [float(s.band[1]) for s in series if s.band is not None]
    top, step = nice_axis(max(values, default=0.0))
    bounded = [float(s.scale_max) for s in series if s.scale_max is not None]
    if bounded and max(bounded) >= max(values, default=0.0):
        top, step = max(bounded), _round_step(max(bounded) / 5)
    rows = _legend_rows(_trend_legend(series), width)
    drawing = _drawing(width, rows, plot_height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = LEFT, BOTTOM, width - LEFT - 8, plot_height
    chart.data = [tuple(_number(v) for v in s.values) for s in series]
    chart.categoryAxis.categoryNames = [_short_date(day) for day in visits]
    chart.joinedLines = 1
    for index in range(len(series)):
        colour = TREND_COLOURS[index % len(TREND_COLOURS)]
        chart.lines[index].strokeColor = colour
        chart.lines[index].strokeWidth = 1.5
        chart.lines[index].symbol = makeMarker("FilledCircle", size=4, fillColor=colour)
    _style_axes(chart, top, step)
    _bands(drawing, chart, series, top)
    drawing.add(chart)
    default = f"Trend over visits ({unit})" if unit else "Trend over visits (ratio)"
    _title(drawing, title or default)
    _legend(drawing, rows)
    return drawing
