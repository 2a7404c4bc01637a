"""The engine as a whole: public API, ordering, one finding per code and side, robustness."""

from dataclasses import FrozenInstanceError, replace
from decimal import Decimal

import pytest

import assessments.rules as rules
from assessments.rules import (
    FINDING_CODES,
    RULESET_VERSION,
    AssessmentInput,
    MeasurementInput,
    evaluate,
    patient_text,
)
from assessments.rules.samples import assessment, both, full_assessment, measurement

# rules.md tables, copied by hand: code -> (grade, strategies)
RULES_TABLE = {
    "quadriceps_weakness": ("A", ("wall_squat", "quad_set", "step_down")),
    "hamstring_weakness": ("C", ("hamstring_curl", "glute_bridge")),
    "hamstring_quadriceps_ratio_low": ("C", ("hamstring_curl", "glute_bridge")),
    "quadriceps_weak_relative_to_hamstrings": ("C", ("wall_squat", "quad_set")),
    "hip_abductor_weakness": ("B", ("side_lying_hip_abduction", "clamshell")),
    "hip_extensor_weakness": ("B", ("glute_bridge", "split_squat")),
    "hip_external_rotator_weakness": ("B", ("clamshell",)),
    "calf_weakness": ("C", ("calf_raise",)),
    "hop_asymmetry": ("B", ("step_down", "split_squat")),
    "hip_flexor_tightness": ("C", ("standing_hip_flexor_stretch",)),
    "quadriceps_tightness": ("C", ("standing_quad_stretch", "foam_roll_quadriceps")),
    "hamstring_tightness": ("C", ("seated_hamstring_stretch", "foam_roll_hamstrings")),
    "itb_tightness": ("C", ("foam_roll_outer_thigh", "side_lying_hip_abduction")),
    "calf_tightness": (
        "C",
        ("standing_calf_stretch", "bent_knee_calf_stretch", "foam_roll_calves"),
    ),
    "dynamic_knee_valgus": ("B", ("squat_knee_alignment", "side_lying_hip_abduction", "clamshell")),
    "poor_step_down_control": ("B", ("step_down", "squat_knee_alignment")),
    "pelvic_drop": ("C", ("single_leg_stance", "side_lying_hip_abduction")),
    "balance_asymmetry": ("C", ("single_leg_balance",)),
    "hip_flexor_glute_imbalance": ("C", ("standing_hip_flexor_stretch", "glute_bridge")),
    "calf_tibialis_imbalance": ("C", ("tibialis_raise", "standing_calf_stretch")),
    "referral_advised": ("A", ()),
}


def test_public_api():
    assert RULESET_VERSION == "2026.2"
    assert tuple(RULES_TABLE) == FINDING_CODES
    for name in ("evaluate", "cite", "REFERENCES", "patient_title", "patient_text"):
        assert name in rules.__all__
    with pytest.raises(FrozenInstanceError):
        full_assessment().sex = "male"  # type: ignore[misc]


def test_full_assessment_order_grades_and_strategies():
    result = evaluate(full_assessment())
    assert result.ruleset_version == "2026.2"
    order = [
        (FINDING_CODES.index(f.code), {"left": 0, "right": 1, None: 2}[f.side])
        for f in result.findings
    ]
    assert order == sorted(order)
    assert len({(f.code, f.side) for f in result.findings}) == len(result.findings)
    for finding in result.findings:
        grade, strategies = RULES_TABLE[finding.code]
        assert finding.strategies == strategies
        if finding.source != "Observation":  # valgus seen by eye alone: grade C
            assert finding.evidence == grade
        assert finding.patient_text
        assert finding.explanation.startswith(rules.label(finding.code))


def test_patient_text_of_a_finding_is_the_rendered_text_for_its_side():
    result = evaluate(assessment(both("knee_extensor_strength", "70", "100")))
    (finding,) = result.findings
    assert finding.patient_text == patient_text("quadriceps_weakness", "left")
    assert "your left leg" in finding.patient_text.lower()


def test_affected_side_is_used_by_no_rule():
    base = full_assessment()
    results = {evaluate(replace(base, affected_side=s)) for s in ("left", "right", "both")}
    assert len(results) == 1


def test_evaluation_is_deterministic():
    assert evaluate(full_assessment()) == evaluate(full_assessment())


def test_unknown_codes_sides_and_mismatched_values_are_ignored():
    odd = AssessmentInput(
        sex="female",
        age_years=30,
        body_mass_kg=None,
        measurements=(
            MeasurementInput("q_angle", "left", Decimal("20"), "deg"),
            MeasurementInput("thomas_hip_angle", "both", Decimal("20"), "deg"),
            MeasurementInput("thomas_test", "left", Decimal("1"), None),
            MeasurementInput("thomas_knee_angle", "left", True, None),
            MeasurementInput("knee_extensor_strength", "left", Decimal("100"), "stone"),
            MeasurementInput("ober_angle", "left", Decimal("NaN"), "deg"),
        ),
    )
    assert evaluate(odd).findings == ()


def test_a_repeated_code_and_side_keeps_the_first_entry():
    result = evaluate(
        assessment(
            measurement("thomas_hip_angle", "left", "5"),
            measurement("thomas_hip_angle", "left", "15"),
        )
    )
    (finding,) = result.findings
    assert (finding.value, finding.severity) == (Decimal("5"), "mild")


def test_unknown_red_flag_still_advises_referral():
    (finding,) = evaluate(assessment(red_flags=("something_new",))).findings
    assert finding.code == "referral_advised"
    assert "something new" in finding.explanation


def test_hip_adductor_weakness_is_retired():
    assert "hip_adductor_weakness" not in FINDING_CODES
    assert rules.RETIRED_FINDING_CODES == ("hip_adductor_weakness",)
    # its label and patient title still read, for findings frozen under 2026.1
    assert rules.label("hip_adductor_weakness")
    assert rules.patient_title("hip_adductor_weakness")


def test_an_assessment_without_measurements_gives_nothing():
    result = evaluate(AssessmentInput("unknown", None, None, ()))
    assert (result.metrics, result.findings) == ((), ())
