"""The one bridge from the ORM to the pure rules engine: an Assessment as plain data."""

from __future__ import annotations

from assessments.models import Assessment, FindingStatus, Measurement
from assessments.rules import AssessmentInput, MeasurementInput


def measurement_input(row: Measurement) -> MeasurementInput:
    if row.positive is not None:
        return MeasurementInput(row.code, row.side, row.positive, None)
    # The value as typed, so unit conversion happens once, exactly, inside the engine.
    value = row.entered_value if row.entered_value is not None else row.value
    if value is None:  # the database refuses a number test without a number
        raise ValueError(f"Measurement {row.pk} has no value.")
    unit = row.entered_unit or row.unit or None
    return MeasurementInput(row.code, row.side, value.normalize(), unit, row.method or None)


def dismissed_pairs(assessment: Assessment) -> tuple[tuple[str, str | None], ...]:
    """The (finding code, side) pairs the clinician dismissed: combined findings respect them."""
    if assessment.pk is None:
        return ()
    rows = assessment.findings.filter(status=FindingStatus.DISMISSED).values_list("code", "side")
    return tuple((code, side or None) for code, side in rows.order_by("position", "id"))


def assessment_input(assessment: Assessment) -> AssessmentInput:
    patient = assessment.patient
    return AssessmentInput(
        sex=patient.sex,
        age_years=patient.age_on(assessment.assessed_on),
        body_mass_kg=assessment.body_mass_kg,
        measurements=tuple(
            measurement_input(m) for m in assessment.measurements.all() if m.is_recorded
        ),
        red_flags=tuple(assessment.red_flags),
        affected_side=patient.affected_side,
        dismissed=dismissed_pairs(assessment),
    )
