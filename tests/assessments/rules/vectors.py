"""The rule test vectors: assessments just below, at and above every metric cut-off (and a
few measured ones), on both sides, for tests that run across all of them."""

from __future__ import annotations

from assessments.rules import AssessmentInput
from assessments.rules.samples import assessment, both, full_assessment, measurement

LSI_CODES = (
    "knee_extensor_strength",
    "knee_flexor_strength",
    "hip_abductor_strength",
    "hip_extensor_strength",
    "hip_external_rotator_strength",
    "hip_adductor_strength",
    "hip_flexor_strength",
    "ankle_plantarflexor_strength",
    "ankle_dorsiflexor_strength",
)
LSI_WEAKER = ("90.1", "90", "89.96", "89.9", "80", "79.9", "70", "69.9")
SIDES = ("left", "right")


def _other(side: str) -> str:
    return "right" if side == "left" else "left"


def _pair(code: str, side: str, weaker: str, stronger: str, unit=None, method=None):
    return (
        measurement(code, side, weaker, unit, method),
        measurement(code, _other(side), stronger, unit, method),
    )


def _lsi_vectors():
    for code in LSI_CODES:
        for side in SIDES:
            for weaker in LSI_WEAKER:
                yield f"{code} {side} {weaker}/100", assessment(*_pair(code, side, weaker, "100"))


def _hq(side, flexor, extensor, unit, method):
    return (
        measurement("knee_flexor_strength", side, flexor, unit, method),
        measurement("knee_extensor_strength", side, extensor, unit, method),
    )


HQ_CASES = (
    ("Nm", "isokinetic_60", "94.2", "200"),
    ("Nm", "isokinetic_60", "94", "200"),
    ("Nm", "isokinetic_60", "93.8", "200"),
    ("Nm", "isokinetic_60", "79.8", "200"),
    ("Nm", "isokinetic_180", "60", "200"),
    ("N", "hhd_isometric", "149.7", "300"),
    ("N", "hhd_isometric", "200", "200"),
    ("N", "hhd_isometric", "200.2", "200"),
    ("N", "hhd_isometric", "250.2", "200"),
)


def _ratio_vectors():
    for side in SIDES:
        for unit, method, flexor, extensor in HQ_CASES:
            name = f"H:Q {side} {flexor}/{extensor} {method}"
            yield name, assessment(*_hq(side, flexor, extensor, unit, method))
        for adductor in ("160.2", "160", "159.8", "120"):
            yield (
                f"add:abd {side} {adductor}/200",
                assessment(
                    measurement("hip_adductor_strength", side, adductor),
                    measurement("hip_abductor_strength", side, "200"),
                ),
            )


def _heel_hop_balance_vectors():
    for side in SIDES:
        for weaker, stronger, age in (
            ("55", "60", 65),
            ("54", "60", 65),
            ("53", "60", 65),
            ("41", "60", 65),
            ("26", "30", 65),
            ("50", "57", 65),
            ("20", "23", 30),
            ("18", "26", 30),
        ):
            yield (
                f"heel raise {side} {weaker}/{stronger} age {age}",
                assessment(*_pair("single_leg_heel_raise", side, weaker, stronger), age=age),
            )
        for weaker in ("170.2", "170", "169.8", "129.8"):
            yield (
                f"hop {side} {weaker}/200",
                assessment(*_pair("single_leg_hop", side, weaker, "200")),
            )
        yield (
            f"calf tibialis {side}",
            assessment(
                measurement("knee_to_wall", side, "8"),
                *_pair("ankle_dorsiflexor_strength", side, "89.9", "100"),
            ),
        )
    for left, right in (("100", "96"), ("100", "95.9"), ("95.9", "100"), ("8.3", "4.3")):
        yield f"y-balance {left}/{right}", assessment(both("y_balance_anterior", left, right))


def _measured_vectors():
    cases = (
        ("thomas_hip_angle", ("0", "0.1", "5", "5.1", "10.1")),
        ("thomas_knee_angle", ("67", "66.9", "20")),
        ("active_knee_extension", ("23.4", "23.5", "33.5", "48.5")),
        ("straight_leg_raise", ("80", "79.9", "54.9")),
        ("ober_angle", ("-23.2", "-23.1")),
        ("knee_to_wall", ("10", "9.9", "3.9")),
        ("single_leg_squat_fppa", ("12", "12.1", "20.1")),
        ("lateral_step_down_score", ("1", "2", "4")),
    )
    for side in SIDES:
        for code, values in cases:
            for value in values:
                yield f"{code} {side} {value}", assessment(measurement(code, side, value))


def rule_vectors() -> list[tuple[str, AssessmentInput]]:
    """Every vector with a readable name; the everything-fires sample last."""
    return [
        *_lsi_vectors(),
        *_ratio_vectors(),
        *_heel_hop_balance_vectors(),
        *_measured_vectors(),
        ("everything fires", full_assessment()),
    ]
