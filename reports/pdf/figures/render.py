"""A pose's start and end side by side, scaled to a width, as a reportlab Drawing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.shapes import Drawing, PolyLine
from reportlab.lib.colors import Color

from reports.pdf.figures import model as m
from reports.pdf.figures.model import Figure, Point, Skeleton, pose
from reports.pdf.figures.props import Arrow, Prop
from reports.pdf.figures.shapes import (
    FAR,
    HINT,
    INK,
    PAPER,
    PROP,
    WORKING,
    Box,
    Mark,
    Stroke,
    capsule,
    chevron,
    disc,
    extent,
    heading_at_end,
)

Working = Literal["near", "far", "both", "none"]
Group = list[Mark]  # drawn together: every ink edge first, then every fill


@dataclass(frozen=True)
class Position:
    """One panel: the figure, its props and (usually on the end panel) the movement arrows."""

    figure: Figure
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()


@dataclass(frozen=True)
class ExercisePose:
    """One exercise drawn: its code and patient name, start and end, and the working leg."""

    code: str
    name: str
    start: Position
    end: Position
    working: Working = "near"


REFERENCE_WIDTH_PT = 142.0  # about 5 cm: line weights are set for this width and scale with it
EDGE_PT = 0.85
ARROW_PT = 1.25
GAP = 15.0  # between the panels, figure units
MARGIN = 2.5
FLOOR_DEPTH = 2.5


def _leg(sk: Skeleton, side: str, colour: Color) -> Group:
    return [
        capsule(sk[f"{side}_hip"], sk[f"{side}_knee"], m.THIGH_WIDTH, colour),
        capsule(sk[f"{side}_knee"], sk[f"{side}_ankle"], m.SHIN_WIDTH, colour),
        capsule(sk[f"{side}_heel"], sk[f"{side}_toe"], m.FOOT_WIDTH, colour),
    ]


def _arm(sk: Skeleton, side: str, colour: Color) -> Group:
    return [
        capsule(sk[f"{side}_shoulder"], sk[f"{side}_elbow"], m.UPPER_ARM_WIDTH, colour),
        capsule(sk[f"{side}_elbow"], sk[f"{side}_hand"], m.FOREARM_WIDTH, colour),
    ]


def _trunk(sk: Skeleton) -> list[Group]:
    trunk: Group = [capsule(sk["hip"], sk["shoulder"], m.TRUNK_WIDTH)]
    head: Group = [disc(sk["head"], m.HEAD_RADIUS)]
    if not sk.nose:
        return [trunk, head]
    nose: Group = [capsule(sk["head"], sk["nose"], 2.6)]
    return [trunk, nose, head]


def _props(position: Position, sk: Skeleton, layer: str) -> list[Group]:
    return [prop.marks(sk) for prop in position.props if prop.layer == layer]


def panel_groups(position: Position, working: Working) -> list[Group]:
    """Everything in one panel, back to front: props, far limbs, trunk, near limbs, arrows."""
    sk = pose(position.figure)
    leg_colour = {
        side: WORKING if working in (side, "both") else (PAPER if side == "near" else FAR)
        for side in ("near", "far")
    }
    groups = _props(position, sk, "back")
    groups += [_arm(sk, "far", FAR), _leg(sk, "far", leg_colour["far"]), *_trunk(sk)]
    groups += _props(position, sk, "mid")
    groups += [_leg(sk, "near", leg_colour["near"]), _arm(sk, "near", PAPER)]
    groups += _props(position, sk, "front")
    groups += [_arrow(arrow.path(sk), arrow.both) for arrow in position.arrows]
    return groups


def _arrow(path: tuple[Point, ...], both: bool) -> Group:
    """A movement arrow with a white halo, so it reads across limbs."""
    heads = [chevron(path[-1], heading_at_end(path), 3.6)]
    if both:
        heads.append(chevron(path[0], heading_at_end(path[1::-1]), 3.6))
    return [Stroke(path, 0.0, INK, outline=True), *(Stroke(h, 0.0, INK) for h in heads)]


@dataclass(frozen=True)
class Frame:
    """Figure units to points: the world box of a panel, the scale, the line weights, and
    whether the panels stand side by side or (wide, lying poses) start above end."""

    x0: float
    y0: float
    width: float
    height: float
    scale: float
    edge: float  # ink edge, figure units
    arrow: float  # arrow line, figure units
    stacked: bool

    def offset(self, index: int) -> tuple[float, float]:
        """Where panel `index` (0 start, 1 end) sits, in figure units from the bottom left."""
        if self.stacked:
            return 0.0, (1 - index) * (self.height + GAP)
        return index * (self.width + GAP), 0.0

    def size_pt(self) -> tuple[float, float]:
        if self.stacked:
            return self.width * self.scale, (2 * self.height + GAP) * self.scale
        return (2 * self.width + GAP) * self.scale, self.height * self.scale


STACK_ABOVE = 1.35  # panels wider than this times their height go one above the other,
STACKED_HEIGHT_MAX = 1.4  # unless that makes the drawing taller than this times its width


def frame_for(groups: list[list[Group]], width_pt: float) -> Frame:
    marks = [mark for panel in groups for group in panel for mark in group]
    x0, y0, x1, y1 = extent(marks)
    x0, x1, y1 = x0 - MARGIN, x1 + MARGIN, y1 + MARGIN
    y0 = min(y0, -FLOOR_DEPTH)
    panel_width, panel_height = x1 - x0, y1 - y0
    stacked = (
        panel_width > STACK_ABOVE * panel_height
        and 2 * panel_height + GAP <= STACKED_HEIGHT_MAX * panel_width
    )
    scale = width_pt / (panel_width if stacked else 2 * panel_width + GAP)
    weight = width_pt / REFERENCE_WIDTH_PT / scale
    if stacked:
        weight *= 0.8
    return Frame(x0, y0, panel_width, panel_height, scale, EDGE_PT * weight, ARROW_PT * weight,
                 stacked)  # fmt: skip


Shift = tuple[float, float]


def _polyline(
    points: tuple[Point, ...], width: float, colour: Color, fr: Frame, at: Shift
) -> PolyLine:
    flat = [
        v
        for x, y in points
        for v in ((x - fr.x0 + at[0]) * fr.scale, (y - fr.y0 + at[1]) * fr.scale)
    ]
    return PolyLine(
        flat,
        strokeWidth=width * fr.scale,
        strokeColor=colour,
        strokeLineCap=1,
        strokeLineJoin=1,
        fillColor=None,
    )


def _rect(box: Box, fr: Frame, at: Shift, edge: bool) -> list[PolyLine]:
    """A box as strokes: one wide butt-capped band for the fill, a closed line for the edge.

    reportlab's rasteriser fills areas with pixel noise that differs from run to run, even
    upright rectangles; strokes it renders the same every time, so PNGs stay byte-identical.
    """
    x0, y0 = (box.x0 - fr.x0 + at[0]) * fr.scale, (box.y0 - fr.y0 + at[1]) * fr.scale
    x1, y1 = (box.x1 - fr.x0 + at[0]) * fr.scale, (box.y1 - fr.y0 + at[1]) * fr.scale
    if x1 - x0 >= y1 - y0:
        band, width = [x0, (y0 + y1) / 2, x1, (y0 + y1) / 2], y1 - y0
    else:
        band, width = [(x0 + x1) / 2, y0, (x0 + x1) / 2, y1], x1 - x0
    shapes = [PolyLine(band, strokeWidth=width, strokeColor=box.fill, strokeLineCap=0)]
    if edge:
        outline = [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0]
        shapes.append(PolyLine(outline, strokeWidth=fr.edge * fr.scale, strokeColor=INK,
                               strokeLineCap=2, strokeLineJoin=0))  # fmt: skip
    return shapes


def _stroke_width(mark: Stroke, fr: Frame) -> float:
    return mark.width if mark.width else fr.arrow


def _draw_group(drawing: Drawing, group: Group, fr: Frame, at: Shift) -> None:
    """Ink edges of the whole group first, then fills: joined limbs share one outline."""
    for mark in group:
        if isinstance(mark, Box):
            for shape in _rect(mark, fr, at, mark.edge):
                drawing.add(shape)
        elif mark.outline and mark.width:
            drawing.add(_polyline(mark.points, mark.width + 2 * fr.edge, INK, fr, at))
        elif mark.outline:  # an arrow's halo
            drawing.add(_polyline(mark.points, fr.arrow * 3.2, PAPER, fr, at))
    for mark in group:
        if isinstance(mark, Stroke):
            drawing.add(_polyline(mark.points, _stroke_width(mark, fr), mark.colour, fr, at))


def _floor(drawing: Drawing, fr: Frame, at: Shift) -> None:
    floor = Box(fr.x0, fr.y0, fr.x0 + fr.width, 0.0, fill=PROP)
    for shape in _rect(floor, fr, at, edge=False):
        drawing.add(shape)
    top = ((fr.x0, 0.0), (fr.x0 + fr.width, 0.0))
    drawing.add(_polyline(top, fr.edge, INK, fr, at))


def _next(drawing: Drawing, fr: Frame) -> None:
    """A grey arrow from the start panel to the end panel."""
    if fr.stacked:
        x, y = fr.x0 + fr.width / 2, fr.y0 + fr.height + GAP / 2
        shaft = ((x, y + GAP * 0.3), (x, y - GAP * 0.3))
    else:
        x, y = fr.x0 + fr.width + GAP / 2, fr.y0 + fr.height * 0.5
        shaft = ((x - GAP * 0.3, y), (x + GAP * 0.3, y))
    head = chevron(shaft[1], heading_at_end(shaft), GAP * 0.22)
    for points in (shaft, head):
        drawing.add(_polyline(points, fr.arrow * 1.4, HINT, fr, (0.0, 0.0)))


def render(exercise: ExercisePose, width_pt: float) -> Drawing:
    panels = [panel_groups(p, exercise.working) for p in (exercise.start, exercise.end)]
    fr = frame_for(panels, width_pt)
    width, height = fr.size_pt()
    drawing = Drawing(width, math.ceil(height))  # whole points: the blank fraction on top
    for index, groups in enumerate(panels):
        at = fr.offset(index)
        _floor(drawing, fr, at)
        for group in groups:
            _draw_group(drawing, group, fr, at)
    _next(drawing, fr)
    return drawing
