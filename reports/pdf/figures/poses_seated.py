"""Poses of the exercises done sitting on a chair or in a gym machine."""

from __future__ import annotations

from reports.pdf.figures.model import ANKLE_HEIGHT as ANKLE
from reports.pdf.figures.model import Along, Arm, ArmTo, Figure, Leg, LegTo, Ref
from reports.pdf.figures.props import Arrow, Band, Chair, Pad
from reports.pdf.figures.render import ExercisePose, Position

SEAT = 27.0
SIT_HIP = SEAT + 6.0  # the hip's centre when sitting on the seat


def seated_knee_extension() -> ExercisePose:
    chair = Chair(8.0)

    def sitting(knee: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        figure = Figure(hip=(0.0, SIT_HIP), near_leg=Leg(hip=88, knee=knee, ankle=0),
                        far_leg=LegTo((16.0, ANKLE)), near_arm=Arm(20, 60),
                        far_arm=Arm(20, 60))  # fmt: skip
        band = Band((Ref("near_ankle"), (-11.0, 4.0)))
        return Position(figure, (chair, band), arrows)

    straighten = Arrow(centre=Ref("near_knee"), radius=30.0, start=282, end=340)
    return ExercisePose(
        "seated_knee_extension", "Seated knee straightening with band", sitting(95.0),
        sitting(8.0, (straighten,)),
    )  # fmt: skip


def seated_hamstring_stretch() -> ExercisePose:
    chair = (Chair(12.0, back=30.0),)

    def sitting(trunk: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        hands = ArmTo(Along("near_hip", "near_knee", 0.75, 5.0), elbow=UPWARD)
        figure = Figure(hip=(4.0, SIT_HIP), trunk=trunk, head=-10 if trunk < 80 else 0,
                        near_leg=LegTo((44.0, ANKLE), foot=45),
                        far_leg=LegTo((20.0, ANKLE)), near_arm=hands,
                        far_arm=hands)  # fmt: skip
        return Position(figure, chair, arrows)

    lean = Arrow(centre=Ref("hip"), radius=46.0, start=84, end=56)
    return ExercisePose(
        "seated_hamstring_stretch", "Seated hamstring stretch", sitting(92.0),
        sitting(50.0, (lean,)),
    )  # fmt: skip


UPWARD = 90.0


def leg_press() -> ExercisePose:
    frame = (
        Pad((-8.0, SIT_HIP - 8.0), (12.0, SIT_HIP - 8.0), width=4.0),
        Pad((2.0, 1.0), (2.0, SIT_HIP - 9.0), width=3.0),
        Pad(Along("hip", "shoulder", -0.1, 9.0), Along("hip", "shoulder", 1.05, 9.0), width=5.0),
    )

    def pressing(reach: float, arrows: tuple[Arrow, ...] = ()) -> Position:
        ankle = (reach * 0.87, SIT_HIP + 4.0 + reach * 0.5)
        legs = LegTo(ankle, foot=112, knee=100)
        handle = ArmTo((8.0, SIT_HIP - 4.0), elbow=200.0)
        figure = Figure(hip=(0.0, SIT_HIP), trunk=125, head=30, near_leg=legs, far_leg=legs,
                        near_arm=handle, far_arm=handle)  # fmt: skip
        plate = Pad(Along("near_heel", "near_toe", -0.7, -3.6),
                    Along("near_heel", "near_toe", 1.5, -3.6), width=3.0)  # fmt: skip
        return Position(figure, (*frame, plate), arrows)

    push = Arrow(points=(Ref("near_knee", -2, 10), Ref("near_knee", 11, 17.5)))
    return ExercisePose(
        "leg_press", "Leg press (gym)", pressing(22.0), pressing(44.0, (push,)), "both"
    )


BUILDERS = (seated_knee_extension, seated_hamstring_stretch, leg_press)
