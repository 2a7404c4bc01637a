"""Poses of the exercises done standing: squats, lunges, steps, heel raises, balance, stretches."""

from __future__ import annotations

from typing import Any

from reports.pdf.figures.model import ANKLE_HEIGHT as ANKLE
from reports.pdf.figures.model import STANDING_HIP as HIP
from reports.pdf.figures.model import Along, Arm, ArmTo, Figure, Leg, LegTo, Ref
from reports.pdf.figures.props import Arrow, Chair, Grip, Mirror, Step, Wall
from reports.pdf.figures.render import ExercisePose, Position

HANG = Arm(shoulder=8, elbow=12)  # arms relaxed at the sides
DOWN, BACK = 270.0, 180.0  # elbow directions on the page, for a figure facing right


def _stand(hip: tuple[float, float], near: LegTo, far: LegTo, **kw: Any) -> Figure:
    kw.setdefault("near_arm", HANG)
    kw.setdefault("far_arm", HANG)
    return Figure(hip=hip, near_leg=near, far_leg=far, **kw)


def _on_hips() -> ArmTo:
    return ArmTo(Ref("hip", 3.0, 7.0), elbow=BACK)


def wall_squat() -> ExercisePose:
    wall = (Wall(0.0, solid=-1),)
    feet = LegTo((17.0, ANKLE))
    start = _stand((6.0, HIP - 2.5), feet, feet)
    end = _stand((6.0, 43.5), feet, feet)  # halfway to sitting: thighs about 45 degrees down
    slide = Arrow(points=(Ref("shoulder", 12, 9), Ref("shoulder", 12, -3)))
    return ExercisePose(
        "wall_squat", "Wall squat", Position(start, wall), Position(end, wall, (slide,)), "both"
    )


def split_squat() -> ExercisePose:
    """The chair stands beside the body (behind it, in this side view), its back under the
    near hand; the end lowers only part of the way, the back knee well above the floor."""
    chair = (Chair(36.0, facing=1),)  # its back just in front of the hip, the seat forward
    hand = ArmTo((14.5, 57.5), elbow=DOWN)
    front, back = LegTo((16.0, ANKLE)), LegTo((-18.0, ANKLE + 4.0), foot=-38)
    start = _stand((0.0, 48.0), front, back, near_arm=hand)
    end = _stand((0.0, 40.0), front, back, near_arm=hand)
    lower = Arrow(points=(Ref("hip", -13, 10), Ref("hip", -13, 0)))
    return ExercisePose(
        "split_squat", "Split squat holding a chair",
        Position(start, chair), Position(end, chair, (lower,)),
    )  # fmt: skip


def step_down() -> ExercisePose:
    step = (Step(-14.0, 10.0, 7.5),)
    arms = {"near_arm": Arm(35, 40), "far_arm": Arm(35, 40)}
    stand = LegTo((0.0, ANKLE + 7.5))
    start = _stand((0.0, HIP + 7.5), stand, LegTo((12.0, ANKLE + 9.5), foot=5), **arms)
    end = _stand((-2.0, HIP - 4.0), stand, LegTo((17.0, ANKLE + 1.2), foot=25), trunk=82, **arms)
    lower = Arrow(points=(Ref("far_heel", 5, 13), Ref("far_heel", 5, 3)))
    return ExercisePose(
        "step_down", "Step-down", Position(start, step), Position(end, step, (lower,))
    )


def lunge() -> ExercisePose:
    together = LegTo((0.0, ANKLE))
    start = _stand((0.0, HIP), together, together)
    front, back = LegTo((22.0, ANKLE)), LegTo((-22.0, ANKLE + 4.0), foot=-40)
    end = _stand((0.0, 31.0), front, back, near_arm=Arm(10, 20), far_arm=Arm(10, 20))
    step = Arrow(points=((7.0, 8.0), (24.0, 8.0)))
    lower = Arrow(points=(Ref("hip", -14, 12), Ref("hip", -14, -2)))
    return ExercisePose("lunge", "Lunge", Position(start, (), (step,)), Position(end, (), (lower,)))


def _facing_wall(hip_x: float, heel_up: bool, one_leg: bool) -> Figure:
    lift = 6.6 if heel_up else 0.0
    foot = LegTo((0.0, ANKLE + lift), foot=-50 if heel_up else 0)
    far = LegTo((-9.0, ANKLE + 16.0 + lift), foot=-30, knee=0) if one_leg else foot
    hands = ArmTo((24.0, 60.0), elbow=DOWN)
    return _stand((hip_x, HIP + lift), foot, far, near_arm=hands, far_arm=hands)


def _heel_raise(code: str, name: str, one_leg: bool) -> ExercisePose:
    wall = (Wall(24.0, solid=1),)
    rise = Arrow(points=(Ref("near_heel", -5, -3), Ref("near_heel", -5, 7)))
    start, end = _facing_wall(0.0, False, one_leg), _facing_wall(0.0, True, one_leg)
    return ExercisePose(
        code, name, Position(start, wall), Position(end, wall, (rise,)),
        "near" if one_leg else "both",
    )  # fmt: skip


def calf_raise() -> ExercisePose:
    return _heel_raise("calf_raise", "Heel raise, both legs", one_leg=False)


def single_leg_calf_raise() -> ExercisePose:
    return _heel_raise("single_leg_calf_raise", "Heel raise on one leg", one_leg=True)


def tibialis_raise() -> ExercisePose:
    wall = (Wall(0.0, solid=-1),)
    flat = LegTo((14.0, ANKLE))
    toes = LegTo((14.0, ANKLE), foot=28)
    start = _stand((6.0, HIP - 1.5), flat, flat, trunk=93)
    end = _stand((6.0, HIP - 1.5), toes, toes, trunk=93)
    lift = Arrow(centre=Ref("near_heel"), radius=14.0, start=-4, end=40)
    return ExercisePose(
        "tibialis_raise", "Toe raise against a wall",
        Position(start, wall), Position(end, wall, (lift,)), "both",
    )  # fmt: skip


def squat_knee_alignment() -> ExercisePose:
    mirror = (Mirror(34.0),)
    feet = LegTo((4.0, ANKLE))
    start = _stand((0.0, HIP), feet, feet)
    reach = Arm(shoulder=80, elbow=5)
    end = _stand((-9.0, 32.0), feet, feet, trunk=62, head=-25, near_arm=reach, far_arm=reach)
    sit = Arrow(points=(Ref("hip", -4, 16), Ref("hip", -10, 4)))
    return ExercisePose(
        "squat_knee_alignment", "Mirror squat, knees over toes",
        Position(start, mirror), Position(end, mirror, (sit,)), "both",
    )  # fmt: skip


def single_leg_stance() -> ExercisePose:
    feet = LegTo((0.0, ANKLE))
    start = _stand((0.0, HIP), feet, feet, near_arm=_on_hips(), far_arm=_on_hips())
    lifted = Leg(hip=70, knee=100, ankle=-20)
    end = Figure(hip=(0.0, HIP), near_leg=feet, far_leg=lifted, near_arm=_on_hips(),
                 far_arm=_on_hips())  # fmt: skip
    lift = Arrow(points=(Ref("far_toe", 5, -8), Ref("far_toe", 5, 2)))
    return ExercisePose(
        "single_leg_stance", "Single-leg stand, hips level",
        Position(start), Position(end, (), (lift,)),
    )  # fmt: skip


def single_leg_balance() -> ExercisePose:
    stand = LegTo((0.0, ANKLE))
    arms = {"near_arm": _on_hips(), "far_arm": _on_hips()}
    start = _stand((0.0, HIP - 3.0), stand, LegTo((4.0, ANKLE + 8.0), foot=-10), **arms)
    end = _stand((-3.0, HIP - 7.0), stand, LegTo((30.0, ANKLE + 1.0), foot=-10), trunk=95, **arms)
    reach = Arrow(points=((8.0, 16.0), (20.0, 16.0), (30.0, 12.0)))
    return ExercisePose(
        "single_leg_balance", "Single-leg balance reach",
        Position(start), Position(end, (), (reach,)),
    )  # fmt: skip


def standing_quad_stretch() -> ExercisePose:
    wall = (Wall(26.0, solid=1),)
    stand = LegTo((0.0, ANKLE))
    hold = ArmTo((26.0, 62.0), elbow=DOWN)
    start = _stand((0.0, HIP), stand, stand, far_arm=hold)
    bent = Leg(hip=-10, knee=162, ankle=-35)  # the heel at the buttock
    end = Figure(hip=(0.0, HIP), near_leg=bent, far_leg=stand, far_arm=hold,
                 near_arm=ArmTo(Along("near_ankle", "near_toe", 0.45), elbow=BACK))  # fmt: skip
    fist = (*wall, Grip(Ref("near_hand")))
    pull = Arrow(centre=Ref("near_knee"), radius=27.0, start=242, end=128)
    return ExercisePose(
        "standing_quad_stretch", "Standing thigh stretch",
        Position(start, wall), Position(end, fist, (pull,)),
    )  # fmt: skip


def standing_hip_flexor_stretch() -> ExercisePose:
    front, back = LegTo((14.0, ANKLE)), LegTo((-18.0, ANKLE + 3.0), foot=-30)
    arms = {"near_arm": _on_hips(), "far_arm": _on_hips()}
    start = _stand((-2.0, HIP - 3.0), back, front, **arms)
    end = _stand((4.0, HIP - 8.0), LegTo((-20.0, ANKLE + 3.0), foot=-30), LegTo((16.0, ANKLE)),
                 trunk=93, **arms)  # fmt: skip
    shift = Arrow(points=(Ref("hip", -9, -4), Ref("hip", 3, -4)))
    return ExercisePose(
        "standing_hip_flexor_stretch", "Standing hip-front stretch",
        Position(start), Position(end, (), (shift,)),
    )  # fmt: skip


def _calf_stretch(code: str, name: str, bent: bool) -> ExercisePose:
    wall = (Wall(40.0, solid=1),)
    hands = ArmTo((40.0, 62.0), elbow=DOWN)
    arms = {"near_arm": hands, "far_arm": hands}
    together = LegTo((14.0, ANKLE))
    start = _stand((12.0, HIP), together, together, trunk=82, **arms)
    if bent:  # feet already apart: the movement is bending both knees
        start = _stand((12.0, HIP - 1.5), LegTo((0.0, ANKLE)), LegTo((24.0, ANKLE)), trunk=80,
                       **arms)  # fmt: skip
    back_x = 0.0 if bent else -10.0
    hip = (10.0, HIP - 11.0) if bent else (12.0, HIP - 3.0)
    end = _stand(hip, LegTo((back_x, ANKLE)), LegTo((24.0, ANKLE)), trunk=76, **arms)
    move = Arrow(points=(Ref("hip", -9, 10), Ref("hip", -9, -2)) if bent else
                 (Ref("hip", -4, 8), Ref("hip", 9, 8)))  # fmt: skip
    return ExercisePose(code, name, Position(start, wall), Position(end, wall, (move,)))


def standing_calf_stretch() -> ExercisePose:
    return _calf_stretch("standing_calf_stretch", "Wall calf stretch, back knee straight", False)


def bent_knee_calf_stretch() -> ExercisePose:
    return _calf_stretch("bent_knee_calf_stretch", "Wall calf stretch, back knee bent", True)


BUILDERS = (
    wall_squat,
    split_squat,
    step_down,
    lunge,
    calf_raise,
    single_leg_calf_raise,
    tibialis_raise,
    squat_knee_alignment,
    single_leg_stance,
    single_leg_balance,
    standing_quad_stretch,
    standing_hip_flexor_stretch,
    standing_calf_stretch,
    bent_knee_calf_stretch,
)
