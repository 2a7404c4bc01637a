"""Poses of the exercises done lying on the floor: bridges, clamshells, lifts, floor stretches."""

from __future__ import annotations

from typing import Any

from reports.pdf.figures import model as m
from reports.pdf.figures.model import ANKLE_HEIGHT as ANKLE
from reports.pdf.figures.model import BACK, Along, Arm, ArmTo, Figure, Leg, LegTo, Ref, toward
from reports.pdf.figures.props import Arrow, Ball, Band, Bench, Mat, Pad
from reports.pdf.figures.render import ExercisePose, Position

SUPINE = {"trunk": 180.0, "facing": 1}  # on the back, head to the left, front up
PRONE = {"trunk": 180.0, "facing": -1}  # face down, head to the left
ARMS_DOWN = {"near_arm": Arm(8, 0), "far_arm": Arm(8, 0)}  # along the body, on the floor
MAT = (Mat(-44.0, 62.0),)
UP = 90.0


def _hook(foot_x: float = 34.0) -> LegTo:
    """Knee bent, foot flat on the floor."""
    return LegTo((foot_x, ANKLE), knee=UP)


def _supine(**kw: Any) -> Figure:
    for key, value in {**SUPINE, **ARMS_DOWN}.items():
        kw.setdefault(key, value)
    kw.setdefault("hip", (0.0, BACK))
    return Figure(**kw)


def quad_set() -> ExercisePose:
    towel = (*MAT, Ball((23.0, 4.0), 4.0, seam=False, layer="mid"))
    straight = Leg(hip=0, knee=0, ankle=-5)
    start = _supine(near_leg=Leg(hip=14, knee=28, ankle=-5), far_leg=straight)
    end = _supine(near_leg=Leg(hip=10, knee=0, ankle=-5), far_leg=straight)
    press = Arrow(points=(Ref("near_knee", 0, 15), Ref("near_knee", 0, 5)))
    return ExercisePose(
        "quad_set", "Thigh tightening (quad set)",
        Position(start, towel), Position(end, towel, (press,)),
    )  # fmt: skip


def straight_leg_lift() -> ExercisePose:
    start = _supine(near_leg=Leg(hip=0, knee=0, ankle=0), far_leg=_hook(30.0))
    end = _supine(near_leg=Leg(hip=38, knee=0, ankle=0), far_leg=_hook(30.0))
    lift = Arrow(centre=Ref("hip"), radius=52.0, start=8, end=34)
    return ExercisePose(
        "straight_leg_lift", "Straight-leg lift",
        Position(start, MAT), Position(end, MAT, (lift,)),
    )  # fmt: skip


def _bridge(code: str, name: str, one_leg: bool) -> ExercisePose:
    def lying(up: bool, arrows: tuple[Arrow, ...] = ()) -> Position:
        hip, trunk = ((0.0, 21.0), 211.0) if up else ((0.0, BACK), 180.0)
        head = 31.0 if up else 0.0  # the head stays on the floor
        far = Leg(hip=0, knee=0) if one_leg else _hook()
        if one_leg:
            far = Leg(hip=-8 if up else 40, knee=0, ankle=0)
        hands = ArmTo(Ref("shoulder", 30.3, -1.6), elbow=270.0)  # flat on the floor, palms down
        figure = _supine(hip=hip, trunk=trunk, head=head, near_leg=_hook(), far_leg=far,
                         near_arm=hands, far_arm=hands)  # fmt: skip
        return Position(figure, MAT, arrows)

    lift = Arrow(points=(Ref("hip", 0, -13), Ref("hip", 0, -1)))
    return ExercisePose(
        code, name, lying(False), lying(True, (lift,)), "near" if one_leg else "both"
    )


def glute_bridge() -> ExercisePose:
    return _bridge("glute_bridge", "Glute bridge", one_leg=False)


def single_leg_bridge() -> ExercisePose:
    return _bridge("single_leg_bridge", "One-leg bridge", one_leg=True)


def dead_bug() -> ExercisePose:
    table_top = {"near_leg": Leg(hip=90, knee=90, ankle=-10), "far_leg": Leg(hip=90, knee=90)}
    start = _supine(near_arm=Arm(90, 0), far_arm=Arm(90, 0), **table_top)
    end = _supine(near_arm=Arm(90, 0), far_arm=Arm(158, 0), far_leg=Leg(hip=90, knee=90),
                  near_leg=Leg(hip=25, knee=10, ankle=-10))  # fmt: skip
    leg = Arrow(centre=Ref("hip"), radius=52.0, start=45, end=18)
    arm = Arrow(centre=Ref("shoulder"), radius=21.0, start=80, end=140)
    return ExercisePose(
        "dead_bug", "Dead bug (core)", Position(start, MAT), Position(end, MAT, (leg, arm))
    )


def adductor_squeeze() -> ExercisePose:
    def lying(radius: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        figure = _supine(near_leg=_hook(), far_leg=_hook())
        ball = Ball(Ref("near_knee", 0.0, -1.0), radius, layer="front")
        return Position(figure, (*MAT, ball), arrows)

    squeeze = (
        Arrow(points=(Ref("near_knee", -16, -1), Ref("near_knee", -7, -1))),
        Arrow(points=(Ref("near_knee", 16, -1), Ref("near_knee", 7, -1))),
    )
    return ExercisePose(
        "adductor_squeeze", "Inner-thigh ball squeeze", lying(5.2), lying(4.4, squeeze), "both"
    )


def glute_stretch() -> ExercisePose:
    """The crossed leg's knee points at the viewer, so it is drawn short; its ankle rests on
    the other thigh just below the knee, toes past it: the "4"."""
    on_thigh = Along("far_hip", "far_knee", 0.9, 0.0)
    start = _supine(far_leg=_hook(), near_leg=LegTo(on_thigh, foot=5, knee=135),
                    leg_scale=(0.55, 1.0))  # fmt: skip
    hold = ArmTo(Along("far_hip", "far_knee", 0.62, 5.0), elbow=UP)
    crossed = LegTo(Along("far_hip", "far_knee", 0.8, 0.0), foot=160, knee=0)
    end = _supine(far_leg=Leg(hip=95, knee=84, ankle=-10), leg_scale=(0.8, 1.0),
                  near_leg=crossed, near_arm=hold, far_arm=hold)  # fmt: skip
    pull = Arrow(centre=Ref("hip"), radius=43.0, start=56, end=98)
    return ExercisePose(
        "glute_stretch", "Figure-4 buttock stretch",
        Position(start, MAT), Position(end, MAT, (pull,)),
    )  # fmt: skip


def _prone(**kw: Any) -> Figure:
    for key, value in PRONE.items():
        kw.setdefault(key, value)
    kw.setdefault("hip", (0.0, BACK))
    kw.setdefault("head", -15.0)
    kw.setdefault("near_arm", Arm(shoulder=6, elbow=0))  # arms along the body
    kw.setdefault("far_arm", Arm(shoulder=6, elbow=0))
    return Figure(**kw)


def hamstring_curl() -> ExercisePose:
    anchor = Bench(62.0, 80.0, 26.0)
    start = _prone(near_leg=Leg(knee=0, ankle=-60), far_leg=Leg(knee=0, ankle=-60))
    end = _prone(near_leg=Leg(knee=90, ankle=-10), far_leg=Leg(knee=0, ankle=-60))
    band = Band((Ref("near_ankle"), (64.0, 4.0)))
    curl = Arrow(centre=Ref("near_knee"), radius=30.0, start=30, end=80)
    return ExercisePose(
        "hamstring_curl", "Hamstring curl with band",
        Position(start, (anchor, band)), Position(end, (anchor, band), (curl,)),
    )  # fmt: skip


def prone_quad_stretch() -> ExercisePose:
    def lying(knee: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        hand = ArmTo(Ref("shoulder", 5.0, 13.0), elbow=0.0)  # over the shoulder, elbow back
        pillow = Arm(shoulder=182, elbow=0)  # the far arm ahead on the floor, under the head
        figure = _prone(near_leg=Leg(knee=knee, ankle=-20), far_leg=Leg(knee=0, ankle=-60),
                        near_arm=hand, far_arm=pillow, head=-45.0)  # fmt: skip
        strap = Band((Ref("near_hand"), Ref("near_ankle")))
        return Position(figure, (*MAT, strap), arrows)

    pull = Arrow(centre=Ref("near_knee"), radius=30.0, start=80, end=128)
    return ExercisePose(
        "prone_quad_stretch", "Lying thigh stretch with a strap", lying(95.0),
        lying(135.0, (pull,)),
    )  # fmt: skip


CUSHION = 5.0  # a folded cushion under the kneeling knee, this thick


def kneeling_hip_flexor_stretch() -> ExercisePose:
    """The knee stays on its cushion and the front foot stays put; the hips move forward
    (the back thigh slopes back, the front knee bends more) while the trunk stays upright."""
    cushion = Pad((-8.0, CUSHION / 2), (8.0, CUSHION / 2), width=CUSHION)
    knee = (0.0, CUSHION + m.SHIN_WIDTH / 2)
    hands = ArmTo(Ref("hip", 4.0, 7.0), elbow=180.0)

    def kneel(hip_ext: float) -> Figure:
        hip = toward(knee, 90.0 - hip_ext, m.THIGH)  # the back thigh hip_ext degrees from upright
        back = Leg(hip=-hip_ext, knee=81 - hip_ext, ankle=-62)  # shin to the floor, toes tucked
        return Figure(hip=hip, near_leg=back, far_leg=LegTo((29.0, ANKLE)), near_arm=hands,
                      far_arm=hands)  # fmt: skip

    shift = Arrow(points=(Ref("hip", -24, 9), Ref("hip", -10, 9)))
    return ExercisePose(
        "kneeling_hip_flexor_stretch", "Kneeling hip-front stretch",
        Position(kneel(0.0), (cushion,)), Position(kneel(32.0), (cushion,), (shift,)),
    )  # fmt: skip


BUILDERS = (
    quad_set,
    straight_leg_lift,
    glute_bridge,
    single_leg_bridge,
    dead_bug,
    adductor_squeeze,
    glute_stretch,
    hamstring_curl,
    prone_quad_stretch,
    kneeling_hip_flexor_stretch,
)
