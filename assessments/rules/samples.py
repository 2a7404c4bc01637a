"""Builders of example assessments, for tests, the benchmark and demos (values as typed)."""

from __future__ import annotations

from decimal import Decimal

from assessments.catalogue import MEASUREMENT_TYPES

from .inputs import AssessmentInput, MeasurementInput


def measurement(
    code: str,
    side: str,
    value: str | int | bool,
    unit: str | None = None,
    method: str | None = None,
) -> MeasurementInput:
    """One measurement; numbers are given as strings or ints and kept exact as Decimal."""
    if isinstance(value, bool):
        return MeasurementInput(code, side, value, None)
    mtype = MEASUREMENT_TYPES[code]
    if mtype.is_strength:
        unit = unit or "N"
        method = method or ("hhd_isometric" if unit != "Nm" else "isokinetic_60")
    else:
        unit = unit or mtype.unit
    return MeasurementInput(code, side, Decimal(value), unit, method)


def both(
    code: str,
    left: str | int | bool,
    right: str | int | bool,
    unit: str | None = None,
    method: str | None = None,
) -> tuple[MeasurementInput, MeasurementInput]:
    """The same test on the left and the right side."""
    return (
        measurement(code, "left", left, unit, method),
        measurement(code, "right", right, unit, method),
    )


def assessment(
    *measurements: MeasurementInput | tuple[MeasurementInput, ...],
    sex: str = "female",
    age: int | None = 35,
    body_mass_kg: str | None = None,
    red_flags: tuple[str, ...] = (),
    dismissed: tuple[tuple[str, str | None], ...] = (),
) -> AssessmentInput:
    """An assessment from measurements (single ones or `both(...)` pairs); `dismissed` holds
    the (finding code, side) pairs a clinician dismissed."""
    flat: list[MeasurementInput] = []
    for item in measurements:
        flat.extend(item if isinstance(item, tuple) else (item,))
    mass = None if body_mass_kg is None else Decimal(body_mass_kg)
    return AssessmentInput(sex, age, mass, tuple(flat), red_flags, dismissed=dismissed)


# A full assessment: every catalogue code on both sides, most rules firing somewhere.
_FULL_VALUES: dict[str, tuple[str | bool, str | bool]] = {
    "knee_extensor_strength": ("300", "400"),
    "knee_flexor_strength": ("150", "210"),
    "hip_abductor_strength": ("170", "200"),
    "hip_adductor_strength": ("120", "190"),
    "hip_extensor_strength": ("250", "240"),
    "hip_external_rotator_strength": ("90", "130"),
    "hip_flexor_strength": ("200", "210"),
    "ankle_plantarflexor_strength": ("500", "520"),
    "ankle_dorsiflexor_strength": ("150", "200"),
    "thomas_hip_angle": ("5", "-10"),
    "thomas_test": (True, False),
    "thomas_knee_angle": ("60", "70"),
    "ely_test": (False, True),
    "ober_angle": ("-10", "-30"),
    "ober_test": (True, False),
    "active_knee_extension": ("35", "15"),
    "straight_leg_raise": ("65", "85"),
    "knee_to_wall": ("6", "11"),
    "single_leg_squat_fppa": ("15", "8"),
    "knee_valgus_observed": (True, False),
    "lateral_step_down_score": ("3", "4"),
    "trendelenburg_test": (True, False),
    "heel_lift_in_squat": (True, True),
    "foot_progression_angle": ("10", "12"),
    "single_leg_heel_raise": ("18", "26"),
    "single_leg_hop": ("120", "160"),
    "y_balance_anterior": ("60.5", "66"),
}


def full_assessment() -> AssessmentInput:
    """Every catalogue code on both sides, body mass and a red flag: the benchmark input."""
    pairs = [both(code, *_FULL_VALUES[code]) for code in MEASUREMENT_TYPES]
    return assessment(*pairs, age=34, body_mass_kg="72.5", red_flags=("locked_knee",))
