"""Every catalogue range is enforced by model validation, at and just beyond its edges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Assessment, Measurement

# Ranges as ../shared/domain/measurements.md states them (code, low, high).
NUMERIC_RANGES = [
    ("thomas_hip_angle", "-40", "40"),
    ("thomas_knee_angle", "0", "160"),
    ("ober_angle", "-60", "40"),
    ("active_knee_extension", "0", "90"),
    ("straight_leg_raise", "0", "130"),
    ("knee_to_wall", "0", "25"),
    ("single_leg_squat_fppa", "-30", "45"),
    ("lateral_step_down_score", "0", "6"),
    ("foot_progression_angle", "-30", "45"),
    ("single_leg_heel_raise", "0", "200"),
    ("single_leg_hop", "0", "400"),
    ("y_balance_anterior", "0", "150"),
]
STRENGTH_CODES = [
    "knee_extensor_strength",
    "knee_flexor_strength",
    "hip_abductor_strength",
    "hip_adductor_strength",
    "hip_extensor_strength",
    "hip_external_rotator_strength",
    "hip_flexor_strength",
    "ankle_plantarflexor_strength",
    "ankle_dorsiflexor_strength",
]
BOOLEAN_CODES = [
    "thomas_test",
    "ely_test",
    "ober_test",
    "knee_valgus_observed",
    "trendelenburg_test",
    "heel_lift_in_squat",
]


def measurement(code, value, unit="", method="", side="left") -> Measurement:
    row = Measurement(code=code, side=side, unit=unit, method=method, entered_unit=unit)
    if isinstance(value, bool):
        row.positive = value
    else:
        row.entered_value = Decimal(value)
    return row


def errors_of(row: Measurement) -> dict:
    with pytest.raises(ValidationError) as caught:
        row.clean()
    return caught.value.message_dict


@pytest.mark.parametrize(("code", "low", "high"), NUMERIC_RANGES)
def test_numeric_range_edges_are_accepted(code, low, high):
    for edge in (low, high):
        row = measurement(code, edge)
        row.clean()
        assert row.value == Decimal(edge)


@pytest.mark.parametrize(("code", "low", "high"), NUMERIC_RANGES)
def test_values_beyond_the_range_are_rejected_with_the_range(code, low, high):
    step = (
        Decimal("1")
        if code in {"lateral_step_down_score", "single_leg_heel_raise"}
        else Decimal("0.1")
    )
    for outside in (Decimal(low) - step, Decimal(high) + step):
        message = " ".join(errors_of(measurement(code, str(outside)))["value"])
        assert f"from {low} to {high}" in message
        assert "(left)" in message


@pytest.mark.parametrize("code", STRENGTH_CODES)
def test_strength_range_in_newtons_and_newton_metres(code):
    measurement(code, "1", "N").clean()
    measurement(code, "2500", "N").clean()
    measurement(code, "600", "Nm", "isokinetic_60").clean()
    assert "from 1 to 2500 N" in errors_of(measurement(code, "2500.1", "N"))["value"][0]
    assert "from 1 to 2500 N" in errors_of(measurement(code, "0.9", "N"))["value"][0]
    assert (
        "from 1 to 600 Nm" in errors_of(measurement(code, "601", "Nm", "isokinetic_60"))["value"][0]
    )


def test_strength_range_is_checked_after_conversion_and_stated_in_the_entered_unit():
    # 2500 N / 9.80665 = 254.93 kgf, so 255 kgf is over; 254 kgf is in.
    row = measurement("knee_extensor_strength", "254", "kgf")
    row.clean()
    assert row.value == Decimal("254") * Decimal("9.80665")
    assert row.unit == "N" and row.entered_unit == "kgf"
    message = errors_of(measurement("knee_extensor_strength", "255", "kgf"))["value"][0]
    assert "kgf" in message and "254.92" in message
    # 2500 N / 4.4482216152605 = 562.02 lbf
    assert "562.02 lbf" in errors_of(measurement("knee_flexor_strength", "563", "lbf"))["value"][0]


@pytest.mark.parametrize("code", BOOLEAN_CODES)
def test_boolean_tests_take_true_or_false_only(code):
    measurement(code, True).clean()
    measurement(code, False).clean()
    assert "true or false" in errors_of(measurement(code, "1"))["value"][0]


def test_integer_scores_refuse_fractions():
    assert "whole number" in errors_of(measurement("lateral_step_down_score", "2.5"))["value"][0]
    row = measurement("lateral_step_down_score", "2.0")
    row.clean()
    assert row.value == 2


def test_torque_needs_an_isokinetic_method_and_force_refuses_one():
    assert "method" in errors_of(measurement("knee_extensor_strength", "100", "Nm"))
    assert "unit" in errors_of(measurement("knee_extensor_strength", "100", "N", "isokinetic_60"))
    assert "method" in errors_of(measurement("knee_to_wall", "5", "", "hhd_isometric"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body_mass_kg", Decimal("19.99")),
        ("body_mass_kg", Decimal("300.01")),
        ("height_cm", Decimal("89.9")),
        ("height_cm", Decimal("230.1")),
        ("pain_nprs", 11),
    ],
)
def test_assessment_level_ranges(field, value, patient, clinician):
    assessment = Assessment(patient=patient, clinician=clinician, assessed_on="2026-01-05")
    setattr(assessment, field, value)
    with pytest.raises(ValidationError) as caught:
        assessment.full_clean()
    assert field in caught.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body_mass_kg", Decimal("20")),
        ("body_mass_kg", Decimal("300")),
        ("height_cm", 90),
        ("height_cm", 230),
        ("pain_nprs", 0),
        ("pain_nprs", 10),
    ],
)
def test_assessment_level_range_edges_are_accepted(field, value, patient, clinician):
    assessment = Assessment(patient=patient, clinician=clinician, assessed_on="2026-01-05")
    setattr(assessment, field, value)
    assessment.full_clean()


def test_unknown_pain_site_and_red_flag_are_rejected(patient, clinician):
    assessment = Assessment(
        patient=patient,
        clinician=clinician,
        assessed_on="2026-01-05",
        pain_sites=["front"],
        red_flags=["broken_leg"],
    )
    with pytest.raises(ValidationError) as caught:
        assessment.full_clean()
    assert "anterior" in caught.value.message_dict["pain_sites"][0]
    assert "locked_knee" in caught.value.message_dict["red_flags"][0]
