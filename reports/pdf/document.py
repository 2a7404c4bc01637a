"""Builds a PDF from a story: page size, margins, metadata, footer and invariant output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Table

from reports.pdf.data import PageSize
from reports.pdf.styles import REGULAR, RULE, page_size, register_fonts

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """ "12 March 2026", independent of the process locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


FRAME_PADDING = 6  # SimpleDocTemplate's frame padding on each side, in points


@dataclass(frozen=True)
class DocumentSpec:
    page_size: PageSize
    language: str
    title: str
    author: str
    subject: str
    footer_left: str
    margin_mm: float = 18
    footer_size: float = 10


def _footer(spec: DocumentSpec) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """The page callback: a rule, the footer text and the page number."""

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, _ = doc.pagesize
        y = spec.margin_mm * mm / 2
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(doc.leftMargin, y + 4 * mm, width - doc.rightMargin, y + 4 * mm)
        canvas.setFont(REGULAR, spec.footer_size)
        canvas.drawString(doc.leftMargin, y, spec.footer_left)  # drawn text: no markup
        canvas.drawRightString(width - doc.rightMargin, y, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def build_pdf(story: Sequence[Flowable], spec: DocumentSpec) -> bytes:
    """The story as PDF bytes; invariant, so identical input gives identical bytes."""
    register_fonts()
    buffer = BytesIO()
    margin = spec.margin_mm * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page_size(spec.page_size),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * mm,
        title=spec.title,
        author=spec.author,
        subject=spec.subject,
        creator="KneeClinic",
        lang=spec.language,
        invariant=True,
        initialFontName=REGULAR,
        displayDocTitle=True,
    )
    footer = _footer(spec)
    doc.build(list(story), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def content_height(spec: DocumentSpec) -> float:
    """Height of a page's frame: the page less its margins and the frame's 6 pt paddings."""
    margins = 2 * spec.margin_mm * mm + 4 * mm
    return float(page_size(spec.page_size)[1] - margins - 2 * FRAME_PADDING)


def unkept(story: Sequence[Flowable]) -> list[Flowable]:
    """The flowables with every KeepTogether opened into its content (to keep several together
    as one: KeepTogether must not nest, an inner one always reports itself too tall to fit)."""
    flowables: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            flowables += unkept(flowable._content)
        else:
            flowables.append(flowable)
    return flowables


def stacked_height(story: Sequence[Flowable], width: float, canvas: Canvas | None = None) -> float:
    """Height the flowables take at the top of a frame, stacked as a frame stacks them: no space
    before the first or after the last, and between two the larger of the space after the one
    and before the other. Paragraphs and FixedTables keep this layout, so placing them is free."""
    canvas = canvas or Canvas(BytesIO())
    height = 0.0
    space_after: float | None = None
    for flowable in unkept(story):
        height += flowable.wrapOn(canvas, width, 1e6)[1]
        if space_after is not None:
            height += max(flowable.getSpaceBefore(), space_after)
        space_after = flowable.getSpaceAfter()
    return height


def room_left(story: Sequence[Flowable], width: float, page: float) -> float:
    """How much of its last page the story leaves free, each flowable placed whole as a frame
    places one that does not split (a KeepTogether, a one-row table, a one-line paragraph):
    on the page if it fits, else at the top of the next."""
    canvas = Canvas(BytesIO())
    used = 0.0
    space_after: float | None = None  # None at the top of a page
    for flowable in story:
        parts = unkept([flowable])
        height = stacked_height(parts, width, canvas)
        before, after = parts[0].getSpaceBefore(), parts[-1].getSpaceAfter()
        gap = 0.0 if space_after is None else max(before, space_after)
        if space_after is not None and used + gap + height > page:
            used, gap = 0.0, 0.0
        used += gap + height
        space_after = after
    return page - used


def content_width(spec: DocumentSpec) -> float:
    """Width a flowable may take: the page less its margins and the frame's 6 pt paddings."""
    width = page_size(spec.page_size)[0] - 2 * spec.margin_mm * mm - 2 * FRAME_PADDING
    return float(width)


class FixedTable(Table):
    """A Table of fixed column widths that reuses its layout when wrapped again at the width.

    KeepTogether measures its content, then the frame wraps it again to place it; with every
    column width given, the layout depends on the width alone, so the second time is free.
    """

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped_at == availWidth:
            return self._width, self._height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return width, height
