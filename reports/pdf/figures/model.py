"""The articulated figure: body sizes, joint angles, and where each joint lands (side view)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Point = tuple[float, float]

# Body sizes in figure units: a standing figure is about 100 units tall, floor at y = 0.
HEAD_RADIUS = 6.2
NECK = 2.4  # from the top of the trunk to the head's edge
TRUNK = 30.0  # hip to shoulder
THIGH = 24.0
SHIN = 23.0
UPPER_ARM = 15.5
FOREARM = 15.0  # including the hand
FOOT_TOE = 8.5  # ankle to toe, along the foot
FOOT_HEEL = 2.0  # ankle to heel, back along the foot
FOOT_DROP = 2.3  # the foot's centre line below the ankle

TRUNK_WIDTH = 12.0
THIGH_WIDTH = 7.6
SHIN_WIDTH = 6.0
FOOT_WIDTH = 4.2
UPPER_ARM_WIDTH = 5.0
FOREARM_WIDTH = 4.2

ANKLE_HEIGHT = FOOT_DROP + FOOT_WIDTH / 2  # ankle above the floor, foot flat
LEG = THIGH + SHIN
STANDING_HIP = ANKLE_HEIGHT + LEG - 0.3  # hip height standing, knees all but straight
BACK = TRUNK_WIDTH / 2  # hip or shoulder centre above the floor when lying on the back


def toward(origin: Point, angle_deg: float, length: float) -> Point:
    """The point `length` away from origin in the direction angle_deg (0 = right, 90 = up)."""
    rad = math.radians(angle_deg)
    return origin[0] + length * math.cos(rad), origin[1] + length * math.sin(rad)


def angle_of(start: Point, end: Point) -> float:
    return math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))


def offset(point: Point, dx: float = 0.0, dy: float = 0.0) -> Point:
    return point[0] + dx, point[1] + dy


@dataclass(frozen=True)
class Ref:
    """A point of the posed figure (e.g. "near_knee"), moved by dx, dy: props and arrows use it."""

    name: str
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True)
class Along:
    """The point a fraction t of the way from figure point a to b, moved `lift` square to a-b
    (positive: to the left of a-to-b): where a roller or towel meets a thigh or calf."""

    a: str
    b: str
    t: float = 0.5
    lift: float = 0.0


Target = Point | Ref | Along


@dataclass(frozen=True)
class Leg:
    """Joint angles of a leg: hip flexion (thigh forward of the trunk line), knee flexion, and
    ankle dorsiflexion (toes up; negative points the foot). Degrees; 0, 0, 0 is standing."""

    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 0.0


@dataclass(frozen=True)
class LegTo:
    """A leg whose ankle reaches a point, the knee bent toward `knee` (a page direction in
    degrees; None: the body's front), the foot at an absolute angle (0 = flat, toes forward;
    for a figure facing left, 0 is still toes forward)."""

    ankle: Target
    foot: float = 0.0
    knee: float | None = None


@dataclass(frozen=True)
class Arm:
    """Joint angles of an arm: shoulder flexion (forward of the trunk line) and elbow flexion."""

    shoulder: float = 0.0
    elbow: float = 0.0


@dataclass(frozen=True)
class ArmTo:
    """An arm whose hand reaches a point, the elbow bent toward `elbow` (a page direction in
    degrees, 270 = down)."""

    hand: Target
    elbow: float = 270.0


@dataclass(frozen=True)
class Figure:
    """One position of the body: where the hip is, how the trunk leans, and each limb.

    `facing` 1 has the front of the body toward +x when upright (the right of the page), -1
    toward -x; lying on the back, the trunk points to the head (180 = head to the left) and
    `facing` 1 turns the front up. `near` limbs are drawn in front of the trunk, `far` behind;
    `far_hip` shifts the far hip (a side-lying figure's hips are stacked, not side by side).
    """

    hip: Point
    trunk: float = 90.0
    facing: int = 1
    head: float = 0.0  # head tilt from the trunk line, toward the front
    near_leg: Leg | LegTo = field(default_factory=Leg)
    far_leg: Leg | LegTo = field(default_factory=Leg)
    near_arm: Arm | ArmTo = field(default_factory=Arm)
    far_arm: Arm | ArmTo = field(default_factory=Arm)
    far_hip: Point = (0.0, 0.0)
    far_shoulder: Point = (0.0, 0.0)
    leg_scale: tuple[float, float] = (1.0, 1.0)  # near, far: a leg pointing at the viewer
    nose: bool = True  # False: the face turned to the viewer (side-lying, seen from the front)


@dataclass
class Skeleton:
    """Where every joint of a posed figure is, by name (near_knee, far_hand, head, ...)."""

    points: dict[str, Point]
    facing: int
    trunk: float
    nose: bool = True

    def __getitem__(self, name: str) -> Point:
        return self.points[name]

    def resolve(self, target: Target) -> Point:
        if isinstance(target, Ref):
            return offset(self.points[target.name], target.dx, target.dy)
        if isinstance(target, Along):
            a, b = self.points[target.a], self.points[target.b]
            point = (a[0] + (b[0] - a[0]) * target.t, a[1] + (b[1] - a[1]) * target.t)
            return toward(point, angle_of(a, b) + 90, target.lift)
        return target


def two_bone(root: Point, end: Point, first: float, second: float, prefer: float) -> Point:
    """The middle joint of a two-segment limb from root to end (end clamped within reach),
    on the side of the root-to-end line that lies toward the page direction `prefer`."""
    distance = math.dist(root, end)
    reach = min(max(distance, abs(first - second) + 1e-6), first + second - 1e-6)
    along = (first**2 - second**2 + reach**2) / (2 * reach)
    across = math.sqrt(max(first**2 - along**2, 0.0))
    base = angle_of(root, end)
    side = 1 if math.sin(math.radians(prefer - base)) >= 0 else -1
    return toward(toward(root, base, along), base + 90 * side, across)


def _leg(sk: Skeleton, side: str, leg: Leg | LegTo, scale: float) -> None:
    thigh_len, shin_len = THIGH * scale, SHIN * scale
    hip, facing = sk[f"{side}_hip"], sk.facing
    if isinstance(leg, LegTo):
        ankle = sk.resolve(leg.ankle)
        front = sk.trunk - 90 * facing if leg.knee is None else leg.knee
        knee = two_bone(hip, ankle, thigh_len, shin_len, front)
        shin = angle_of(knee, ankle)
        ankle = toward(knee, shin, shin_len)
        foot = leg.foot if facing == 1 else 180 - leg.foot
    else:
        thigh = sk.trunk + 180 + facing * leg.hip
        knee = toward(hip, thigh, thigh_len)
        shin = thigh - facing * leg.knee
        ankle = toward(knee, shin, shin_len)
        foot = shin + facing * (90 + leg.ankle)
    sole = toward(ankle, foot - 90 * facing, FOOT_DROP)
    sk.points[f"{side}_knee"] = knee
    sk.points[f"{side}_ankle"] = ankle
    sk.points[f"{side}_heel"] = toward(sole, foot, -FOOT_HEEL)
    sk.points[f"{side}_toe"] = toward(sole, foot, FOOT_TOE)
    sk.points[f"{side}_sole"] = toward(sole, foot - 90 * facing, FOOT_WIDTH / 2)


def _arm(sk: Skeleton, side: str, arm: Arm | ArmTo) -> None:
    shoulder, facing = sk[f"{side}_shoulder"], sk.facing
    if isinstance(arm, ArmTo):
        hand = sk.resolve(arm.hand)
        elbow = two_bone(shoulder, hand, UPPER_ARM, FOREARM, arm.elbow)
        hand = toward(elbow, angle_of(elbow, hand), FOREARM)
    else:
        upper = sk.trunk + 180 + facing * arm.shoulder
        elbow = toward(shoulder, upper, UPPER_ARM)
        hand = toward(elbow, upper + facing * arm.elbow, FOREARM)
    sk.points[f"{side}_elbow"] = elbow
    sk.points[f"{side}_hand"] = hand


def pose(figure: Figure) -> Skeleton:
    """Forward kinematics (and two-bone reach for LegTo / ArmTo): every joint's position."""
    hip = figure.hip
    shoulder = toward(hip, figure.trunk, TRUNK)
    head = toward(shoulder, figure.trunk - figure.facing * figure.head, NECK + HEAD_RADIUS + 3)
    sk = Skeleton(
        points={"hip": hip, "shoulder": shoulder, "head": head},
        facing=figure.facing,
        trunk=figure.trunk,
        nose=figure.nose,
    )
    sk.points["near_hip"] = hip
    sk.points["far_hip"] = offset(hip, *figure.far_hip)
    sk.points["near_shoulder"] = shoulder
    sk.points["far_shoulder"] = offset(shoulder, *figure.far_shoulder)
    front = figure.trunk - 90 * figure.facing - figure.facing * figure.head
    sk.points["nose"] = toward(head, front, HEAD_RADIUS + 0.6)
    _leg(sk, "far", figure.far_leg, figure.leg_scale[1])  # first: a near foot may rest on it
    _leg(sk, "near", figure.near_leg, figure.leg_scale[0])
    _arm(sk, "near", figure.near_arm)
    _arm(sk, "far", figure.far_arm)
    return sk
