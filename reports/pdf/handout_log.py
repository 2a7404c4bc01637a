"""The tick log for the weeks until the next visit: a row per exercise, a box per planned day."""

from __future__ import annotations

import math

from reportlab.platypus import Flowable, KeepTogether, Spacer

from reports.pdf import knee_wording as k
from reports.pdf import wording as w
from reports.pdf.data import HandoutExercise
from reports.pdf.document import FixedTable
from reports.pdf.styles import INK, SOFT, table_style
from reports.pdf.text import para

BOX = 10.0  # a tick box, in points (about 3.4 mm)
BOX_GAP = 3.0
BOXES_PER_LINE = 4  # 7 days a week print as two lines: 4 and 3
WEEKS_PER_TABLE = 6
CELL_PADDING = 2.5
# A week's column: "Week 6" in bold with the cell padding, or "Week 12" when a plan runs into
# two-digit weeks (a line of four boxes is narrower than either).
WEEK_WIDTH = 56.0
WIDE_WEEK_WIDTH = 61.0


class TickBoxes(Flowable):
    """`count` empty boxes in lines of BOXES_PER_LINE, for one week of one exercise."""

    def __init__(self, count: int):
        super().__init__()
        self.count = count
        lines = math.ceil(count / BOXES_PER_LINE)
        self.width = min(count, BOXES_PER_LINE) * (BOX + BOX_GAP) - BOX_GAP
        self.height = lines * (BOX + BOX_GAP) - BOX_GAP

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        for index in range(self.count):
            line, column = divmod(index, BOXES_PER_LINE)
            y = self.height - (line + 1) * BOX - line * BOX_GAP
            canvas.rect(column * (BOX + BOX_GAP), y, BOX, BOX, stroke=1, fill=0)


def _week_blocks(weeks: int) -> list[range]:
    """Weeks 1..weeks in tables of at most WEEKS_PER_TABLE columns."""
    return [
        range(first, min(first + WEEKS_PER_TABLE, weeks + 1))
        for first in range(1, weeks + 1, WEEKS_PER_TABLE)
    ]


def _table(
    exercises: tuple[HandoutExercise, ...], weeks: range, width: float, week_width: float
) -> FixedTable:
    header = [para(w.LOG_EXERCISE_LABEL, "h_cell_bold")]
    header += [para(k.LOG_WEEK.format(number=n), "h_cell_bold") for n in weeks]
    rows = [
        [para(f"{n}. {ex.name}", "h_cell"), *[TickBoxes(ex.per_week) for _ in weeks]]
        for n, ex in enumerate(exercises, 1)
    ]
    name_width = width - WEEKS_PER_TABLE * week_width
    table = FixedTable(
        [header, *rows], colWidths=(name_width, *[week_width] * len(weeks)), hAlign="LEFT"
    )
    table.setStyle(table_style(*[
        ("GRID", (0, 0), (-1, -1), 0.8, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SOFT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))  # fmt: skip
    return table


def tick_log(
    exercises: tuple[HandoutExercise, ...], weeks: int, width: float, *, expect: bool = True
) -> list[Flowable]:
    """The log with the next-visit line and what to expect (unless `expect` is off, for a page
    that says it already); the heading stays with the first table (a second table, weeks 7 to
    12, may start a page of its own)."""
    if not exercises:
        return []
    spell = k.weeks_words(weeks)
    week_width = WIDE_WEEK_WIDTH if weeks >= 10 else WEEK_WIDTH
    tables = [_table(exercises, block, width, week_width) for block in _week_blocks(weeks)]
    closing: list[Flowable] = [Spacer(1, 6)]
    if expect:
        closing += [para(text, "h_body") for text in k.EXPECT_TEXTS]
    closing.append(para(k.NEXT_VISIT.format(weeks=spell), "h_body"))
    head = [para(k.LOG_HEADING.format(weeks=spell), "h_heading"), para(k.LOG_INTRO, "h_body")]
    if len(tables) == 1:
        return [KeepTogether([*head, tables[0], *closing])]
    return [KeepTogether([*head, tables[0]]), KeepTogether([tables[1], *closing])]
