"""What a drawing is made of before scaling: round-capped strokes and boxes, in figure units."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor

from reports.pdf.figures.model import Point, angle_of, toward

INK = HexColor("#111111")
PAPER = HexColor("#ffffff")
FAR = HexColor("#c4c4c4")  # the limbs on the far side of the body
WORKING = HexColor("#1c1c1c")  # the working leg: dark, unmistakable in black and white
PROP = HexColor("#e4e4e4")  # walls, floors, steps
BAND = HexColor("#6e6e6e")
HINT = HexColor("#9a9a9a")  # the arrow between start and end


@dataclass(frozen=True)
class Stroke:
    """A round-capped, round-joined line through points; `outline` adds an ink edge around it
    (a capsule: the way every body part and round prop is drawn)."""

    points: tuple[Point, ...]
    width: float
    colour: Color
    outline: bool = True
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Box:
    """An upright rectangle (walls, floors, steps, seats), filled, with an ink edge."""

    x0: float
    y0: float
    x1: float
    y1: float
    fill: Color = PROP
    edge: bool = True


Mark = Stroke | Box


def capsule(start: Point, end: Point, width: float, colour: Color = PAPER) -> Stroke:
    return Stroke((start, end), width, colour)


def disc(centre: Point, radius: float, colour: Color = PAPER) -> Stroke:
    """A filled circle drawn as a zero-length capsule (strokes render identically every time)."""
    return Stroke((centre, (centre[0] + 1e-3, centre[1])), 2 * radius, colour)


def line(points: tuple[Point, ...], width: float, colour: Color = INK) -> Stroke:
    return Stroke(points, width, colour, outline=False)


def arc_points(centre: Point, radius: float, start_deg: float, end_deg: float) -> tuple[Point, ...]:
    steps = max(4, int(abs(end_deg - start_deg) / 6))
    return tuple(
        toward(centre, start_deg + (end_deg - start_deg) * i / steps, radius)
        for i in range(steps + 1)
    )


def chevron(tip: Point, heading: float, size: float) -> tuple[Point, ...]:
    """An open arrowhead at tip pointing along heading (degrees)."""
    return (toward(tip, heading + 150, size), tip, toward(tip, heading - 150, size))


def heading_at_end(points: tuple[Point, ...]) -> float:
    return angle_of(points[-2], points[-1])


def extent(marks: list[Mark]) -> tuple[float, float, float, float]:
    """The bounding box of marks, stroke widths included."""
    xs: list[float] = []
    ys: list[float] = []
    for mark in marks:
        if isinstance(mark, Box):
            xs += [mark.x0, mark.x1]
            ys += [mark.y0, mark.y1]
        else:
            half = mark.width / 2 + 1
            xs += [p[0] + s for p in mark.points for s in (-half, half)]
            ys += [p[1] + s for p in mark.points for s in (-half, half)]
    return min(xs), min(ys), max(xs), max(ys)
