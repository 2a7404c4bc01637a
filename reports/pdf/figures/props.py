"""Props the figure uses (wall, step, chair, bench, mat, roller, ball, band, mirror) and arrows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reports.pdf.figures.model import Point, Skeleton, Target, offset
from reports.pdf.figures.shapes import (
    BAND,
    INK,
    PAPER,
    PROP,
    Box,
    Mark,
    Stroke,
    arc_points,
    capsule,
    disc,
    line,
)

Layer = Literal["back", "mid", "front"]  # behind the body, between far and near limbs, on top
PAD = 3.2  # the thickness of a chair's or machine's padded parts


@dataclass(frozen=True)
class Wall:
    """A wall face at x; the wall itself lies on the side `solid` (-1: left of x, 1: right)."""

    x: float
    solid: int = -1
    height: float = 100.0
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        thickness = 5.0 * self.solid
        x0, x1 = sorted((self.x, self.x + thickness))
        return [Box(x0, 0.0, x1, self.height)]


@dataclass(frozen=True)
class Step:
    """A box step standing on the floor, from x0 to x1, `height` tall."""

    x0: float
    x1: float
    height: float = 7.0
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        return [Box(self.x0, 0.0, self.x1, self.height)]


@dataclass(frozen=True)
class Bench:
    """A table or bench top from x0 to x1 at `height`, on two legs."""

    x0: float
    x1: float
    height: float
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        legs = [
            capsule((x, 0.6), (x, self.height - 2), 2.0, PROP) for x in (self.x0 + 3, self.x1 - 3)
        ]
        return [*legs, Box(self.x0, self.height - 3.0, self.x1, self.height)]


@dataclass(frozen=True)
class Chair:
    """A chair whose seat front edge is at x; its back is behind whoever faces `facing`."""

    x: float
    facing: int = 1
    seat: float = 27.0
    back: float = 30.0
    depth: float = 22.0
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        rear = self.x - self.facing * self.depth
        top, front = self.seat - PAD / 2, self.x - self.facing * 1.5
        return [
            capsule((front, 0.8), (front, top), 1.8, PROP),
            capsule((rear, 0.8), (rear, self.seat + self.back), 1.8, PROP),
            capsule((self.x, top), (rear, top), PAD, PROP),
            capsule((rear, self.seat + self.back * 0.35), (rear, self.seat + self.back), PAD, PROP),
        ]


@dataclass(frozen=True)
class Pad:
    """A padded bar from a to b: a machine's seat, back rest or foot plate."""

    a: Target
    b: Target
    width: float = PAD
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        return [capsule(sk.resolve(self.a), sk.resolve(self.b), self.width, PROP)]


@dataclass(frozen=True)
class Mat:
    """An exercise mat on the floor."""

    x0: float
    x1: float
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        return [Box(self.x0, 0.0, self.x1, 1.2, fill=PAPER)]


@dataclass(frozen=True)
class Roller:
    """A foam roller seen end on: a grey disc with its core."""

    centre: Target
    radius: float = 5.5
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        centre = sk.resolve(self.centre)
        return [disc(centre, self.radius, PROP), disc(centre, self.radius * 0.3, PAPER)]


@dataclass(frozen=True)
class Ball:
    """A soft ball (or a rolled towel with `seam` False)."""

    centre: Target
    radius: float = 4.5
    seam: bool = True
    layer: Layer = "mid"

    def marks(self, sk: Skeleton) -> list[Mark]:
        centre = sk.resolve(self.centre)
        marks: list[Mark] = [disc(centre, self.radius, PAPER if self.seam else PROP)]
        if self.seam:
            seam = arc_points(offset(centre, -self.radius * 1.2, 0), self.radius * 1.3, -42, 42)
            marks.append(line(seam, 0.5, INK))
        return marks


@dataclass(frozen=True)
class Grip:
    """A hand holding on (an ankle, a strap): a white fist with an ink edge, drawn on top so
    it shows against a dark leg."""

    centre: Target
    radius: float = 2.9
    layer: Layer = "front"

    def marks(self, sk: Skeleton) -> list[Mark]:
        return [disc(sk.resolve(self.centre), self.radius, PAPER)]


@dataclass(frozen=True)
class Band:
    """An exercise band or strap through points (figure points or page points)."""

    points: tuple[Target, ...]
    layer: Layer = "front"

    def marks(self, sk: Skeleton) -> list[Mark]:
        return [Stroke(tuple(sk.resolve(p) for p in self.points), 1.5, BAND)]


@dataclass(frozen=True)
class Mirror:
    """A wall mirror: a framed pane with two glints."""

    x: float
    bottom: float = 20.0
    top: float = 95.0
    layer: Layer = "back"

    def marks(self, sk: Skeleton) -> list[Mark]:
        glints = [line(((self.x + 1.0, y), (self.x + 3.0, y + 4.0)), 0.6) for y in (70.0, 76.0)]
        return [Box(self.x, self.bottom, self.x + 4.0, self.top, fill=PAPER), *glints]


Prop = Wall | Step | Bench | Chair | Pad | Mat | Roller | Ball | Grip | Band | Mirror


@dataclass(frozen=True)
class Arrow:
    """The direction of movement: a path through points, or an arc round a centre (degrees
    from `start` to `end`); `both` puts a head at each end (rolling to and fro)."""

    points: tuple[Target, ...] = ()
    centre: Target | None = None
    radius: float = 0.0
    start: float = 0.0
    end: float = 0.0
    both: bool = False

    def path(self, sk: Skeleton) -> tuple[Point, ...]:
        if self.centre is not None:
            return arc_points(sk.resolve(self.centre), self.radius, self.start, self.end)
        return tuple(sk.resolve(p) for p in self.points)
