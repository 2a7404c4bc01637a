"""Poses seen from the front of a side-lying body (clamshells, leg lifts), and foam rolling."""

from __future__ import annotations

from typing import Any

from reports.pdf.figures.model import ANKLE_HEIGHT as ANKLE
from reports.pdf.figures.model import Along, Arm, ArmTo, Figure, Leg, LegTo, Ref
from reports.pdf.figures.props import Arrow, Band, Mat, Roller
from reports.pdf.figures.render import ExercisePose, Position

ROLLER = 5.0
THIGH_ON_ROLLER = 2 * ROLLER + 3.8  # a thigh's centre line resting on the roller
MAT = (Mat(-40.0, 62.0),)
PILLOW_ARM = Arm(shoulder=180, elbow=0)  # the bottom arm stretched out under the head
BENT_PILLOW_ARM = Arm(shoulder=180, elbow=168)  # the bottom arm folded under the head
CLAM_MAT = (Mat(-40.0, 46.0),)  # no longer than the body: the drawing is as large as it can be


def _side_lying(top_leg: LegTo | Leg, top_scale: float, **kw: Any) -> Figure:
    return Figure(
        hip=(0.0, 9.5), trunk=180, nose=False, far_hip=(0.0, -5.0), far_shoulder=(0.0, -3.0),
        near_leg=top_leg, far_leg=kw.pop("bottom", LegTo((32.0, 4.5), foot=0, knee=90)),
        leg_scale=(top_scale, kw.pop("bottom_scale", 0.73)),
        far_arm=kw.pop("bottom_arm", PILLOW_ARM),
        near_arm=kw.pop("top_arm", ArmTo(Ref("hip", -4.0, 5.0), elbow=90)), **kw,
    )  # fmt: skip


def _band_round_thighs() -> Band:
    """A loop band just above the knees: across the top thigh, straight down through the gap
    between the knees and across the bottom thigh, so it shows when the top knee lifts."""
    return Band((
        Ref("near_knee", -7.0, 3.0), Ref("near_knee", -2.0, 4.5), Ref("far_knee", -2.0, -4.5),
        Ref("far_knee", -7.0, -4.5), Ref("near_knee", -7.0, 3.0),
    ))  # fmt: skip


def _clam(code: str, name: str, banded: bool) -> ExercisePose:
    def lying(open_: bool, arrows: tuple[Arrow, ...] = ()) -> Position:
        top = LegTo((30.0 if open_ else 32.0, 9.0), foot=0, knee=90)
        figure = _side_lying(top, 1.0 if open_ else 0.74, bottom_scale=0.7,
                             bottom_arm=BENT_PILLOW_ARM)  # fmt: skip
        props = (*CLAM_MAT, _band_round_thighs()) if banded else CLAM_MAT
        return Position(figure, props, arrows)

    opening = Arrow(centre=(31.0, 9.0), radius=13.0, start=170, end=118)
    return ExercisePose(code, name, lying(False), lying(True, (opening,)))


def clamshell() -> ExercisePose:
    return _clam("clamshell", "Clamshell", banded=False)


def banded_clamshell() -> ExercisePose:
    return _clam("banded_clamshell", "Clamshell with a band", banded=True)


def side_lying_hip_abduction() -> ExercisePose:
    bottom = LegTo((32.0, 4.5), foot=0, knee=90)
    start = _side_lying(Leg(hip=0, knee=0, ankle=0), 1.0, bottom=bottom)
    end = _side_lying(Leg(hip=30, knee=0, ankle=0), 1.0, bottom=bottom)
    lift = Arrow(centre=Ref("hip"), radius=54.0, start=6, end=28)
    return ExercisePose(
        "side_lying_hip_abduction", "Side-lying leg lift",
        Position(start, MAT), Position(end, MAT, (lift,)),
    )  # fmt: skip


def foam_roll_quadriceps() -> ExercisePose:
    def on_roller(t: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        forearm = Arm(shoulder=84, elbow=90)
        figure = Figure(
            hip=(40.0, THIGH_ON_ROLLER), trunk=174, facing=-1, head=-20,
            near_leg=Leg(hip=-6, knee=0, ankle=-60), far_leg=Leg(hip=-9, knee=0, ankle=-60),
            near_arm=forearm, far_arm=forearm,
        )  # fmt: skip
        roller = Roller(Along("near_hip", "near_knee", t, -(3.8 + ROLLER)), ROLLER, layer="mid")
        return Position(figure, (roller,), arrows)

    along = (Along("near_hip", "near_knee", 0.15, 9.0), Along("near_hip", "near_knee", 0.85, 9.0))
    return ExercisePose(
        "foam_roll_quadriceps", "Foam roll front of thigh",
        on_roller(0.8), on_roller(0.2, (Arrow(points=along, both=True),)),
    )  # fmt: skip


def _seated_roll(code: str, name: str, calf: bool) -> ExercisePose:
    a, b = ("near_knee", "near_ankle") if calf else ("near_hip", "near_knee")
    lift = -(3.0 if calf else 3.8) - ROLLER

    def on_roller(t: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        hip_y = 10.0 if calf else THIGH_ON_ROLLER
        near = Leg(hip=47, knee=7, ankle=-20) if calf else Leg(hip=40, knee=0, ankle=-20)
        hands = ArmTo((-38.0 if calf else -27.0, 2.2), elbow=0.0)
        figure = Figure(hip=(0.0, hip_y), trunk=140, head=25, near_leg=near,
                        far_leg=LegTo((12.0, ANKLE), knee=90), near_arm=hands,
                        far_arm=hands)  # fmt: skip
        return Position(figure, (Roller(Along(a, b, t, lift), ROLLER, layer="mid"),), arrows)

    along = (Along(a, b, 0.15, 9.0), Along(a, b, 0.85, 9.0))
    return ExercisePose(code, name, on_roller(0.8), on_roller(0.2, (Arrow(along, both=True),)))


def foam_roll_hamstrings() -> ExercisePose:
    return _seated_roll("foam_roll_hamstrings", "Foam roll back of thigh", calf=False)


def foam_roll_calves() -> ExercisePose:
    return _seated_roll("foam_roll_calves", "Foam roll calf", calf=True)


def foam_roll_outer_thigh() -> ExercisePose:
    """Side-lying, seen from the front: the bottom thigh on the roller, propped on the bottom
    forearm (upper arm straight down, forearm flat), top hand on the top hip, the top foot on
    the floor in front of the bottom leg."""
    prop = Arm(shoulder=-80, elbow=-90)  # upper arm down to the floor, forearm along it

    def on_roller(t: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        figure = Figure(
            hip=(0.0, THIGH_ON_ROLLER + 5.0), trunk=170, head=40, nose=False, far_hip=(0.0, -5.0),
            far_shoulder=(0.0, -5.5), near_leg=LegTo((28.0, ANKLE), knee=90),
            far_leg=Leg(hip=7, knee=0, ankle=-70), far_arm=prop,
            near_arm=ArmTo(Ref("hip", -4.0, 5.0), elbow=90),
        )  # fmt: skip
        roller = Roller(Along("far_hip", "far_knee", t, -(3.8 + ROLLER)), ROLLER)
        return Position(figure, (roller,), arrows)

    along = (Along("far_hip", "far_knee", 0.2, 0.0), Along("far_hip", "far_knee", 0.8, 0.0))
    return ExercisePose(
        "foam_roll_outer_thigh", "Foam roll outer thigh (IT band)", on_roller(0.8),
        on_roller(0.2, (Arrow(along, both=True),)), working="far",
    )  # fmt: skip


BUILDERS = (
    clamshell,
    banded_clamshell,
    side_lying_hip_abduction,
    foam_roll_quadriceps,
    foam_roll_hamstrings,
    foam_roll_calves,
    foam_roll_outer_thigh,
)
