"""Line drawings of the shipped exercises, start and end side by side (pure: reportlab only)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics import renderPM, renderSVG
from reportlab.graphics.shapes import Drawing

from reports.pdf.figures.poses import POSES
from reports.pdf.figures.render import ExercisePose, render

PRINT_WIDTH_PT = 142.0  # 5 cm, in whole points (SVG sizes are whole points)
PNG_DPI = 300  # print resolution: 592 pixels wide at 5 cm

__all__ = [
    "POSES",
    "PRINT_WIDTH_PT",
    "ExercisePose",
    "drawing_png",
    "drawing_svg",
    "exercise_drawing",
    "handout_drawing",
    "has_drawing",
]


def has_drawing(code: str) -> bool:
    return code in POSES


def exercise_drawing(code: str, width_pt: float = PRINT_WIDTH_PT) -> Drawing:
    """The drawing of exercise `code`, width_pt wide; KeyError for a code without a pose."""
    try:
        exercise = POSES[code]
    except KeyError:
        raise KeyError(f"No drawing for exercise code {code!r}.") from None
    return render(exercise, width_pt)


def handout_drawing(code: str, width_pt: float = PRINT_WIDTH_PT) -> Drawing | None:
    """The drawing as a flowable for a PDF story (left aligned), or None for a code without
    a pose (a clinic's own exercise)."""
    if code not in POSES:
        return None
    drawing = exercise_drawing(code, width_pt)
    drawing.hAlign = "LEFT"
    return drawing


def drawing_svg(code: str, width_pt: float = PRINT_WIDTH_PT) -> bytes:
    """SVG bytes, width_pt rounded to whole points (the SVG renderer's view box is whole
    points), titled with the exercise's name."""
    svg: str = renderSVG.drawToString(exercise_drawing(code, round(width_pt)))
    title = f"<title>{escape(POSES[code].name)}</title>"
    desc = "<desc>Start, then end position; the dark leg works, the arrow is the movement.</desc>"
    svg = svg.replace("<title>...</title>", title, 1).replace("<desc>...</desc>", desc, 1)
    return svg.encode("utf-8")


def drawing_png(code: str, width_pt: float = PRINT_WIDTH_PT, dpi: int = PNG_DPI) -> bytes:
    """PNG bytes, width_pt wide at dpi; identical for identical input (the drawing is made of
    strokes and upright boxes only, which reportlab's rasteriser renders the same every time).

    Drawn at one pixel per point: the rasteriser does not scale line widths with its dpi."""
    return png_bytes(exercise_drawing(code, width_pt * dpi / 72))


def png_bytes(drawing: Drawing) -> bytes:
    """A grey-scale PNG (the drawings use no colour): a third of the size of an RGB one."""
    grey = {"preConvertCB": lambda image: image.convert("L")}
    png: bytes = renderPM.drawToString(drawing, fmt="PNG", configPIL=grey)
    return png
