"""Database constraints and invariants of assessments and measurements."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import catalogue
from assessments.models import Assessment, Measurement
from assessments.services import (
    AssessmentIsFinal,
    MeasurementEntry,
    PatientIsArchived,
    assessment_archive,
    assessment_create,
    assessment_update,
)
from patients.errors import Invalid
from patients.services import patient_archive


def entry(code, side, value, unit=None) -> MeasurementEntry:
    return MeasurementEntry(catalogue.normalize_measurement(code, side, value, unit))


@pytest.fixture
def assessment(patient, clinician):
    return assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=datetime.date(2026, 3, 2),
        measurements=[entry("knee_to_wall", "left", Decimal("8"))],
    )


def test_same_code_and_side_twice_is_refused_by_the_database(assessment):
    duplicate = Measurement(
        assessment=assessment,
        code="knee_to_wall",
        side="left",
        value=Decimal("9"),
        entered_value=Decimal("9"),
        unit="cm",
        entered_unit="cm",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_same_code_on_the_other_side_is_fine(assessment):
    Measurement.objects.create(
        assessment=assessment, code="knee_to_wall", side="right", value=Decimal("9"), unit="cm"
    )
    assert assessment.measurements.count() == 2


def test_a_measurement_needs_a_number_or_a_yes_no_never_both(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(
            assessment=assessment, code="ely_test", side="left", value=Decimal("1"), positive=True
        )


def test_a_code_outside_the_catalogue_is_refused_by_the_database(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(
            assessment=assessment, code="q_angle", side="left", value=Decimal("15")
        )


def test_a_final_assessment_needs_who_finalized_it(assessment):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(status="final")


def test_duplicate_entries_in_one_write_are_refused_and_nothing_changes(assessment, clinician):
    with pytest.raises(Invalid):
        assessment_update(
            actor=clinician,
            assessment=assessment,
            measurements=[entry("ely_test", "left", True), entry("ely_test", "left", False)],
        )
    assert list(assessment.measurements.values_list("code", flat=True)) == ["knee_to_wall"]


def test_assessment_in_the_future_or_before_birth_is_refused(patient, clinician):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for day in (tomorrow, patient.date_of_birth - datetime.timedelta(days=1)):
        with pytest.raises(Invalid) as caught:
            assessment_create(actor=clinician, patient=patient, assessed_on=day)
        assert "assessed_on" in caught.value.as_body()
    assert not Assessment.objects.exists()


def test_archived_patient_gets_no_new_assessment(patient, clinician):
    patient_archive(actor=clinician, patient=patient)
    with pytest.raises(PatientIsArchived):
        assessment_create(actor=clinician, patient=patient, assessed_on=datetime.date(2026, 1, 5))


def test_assessments_are_archived_not_deleted(assessment, clinician):
    with pytest.raises(ValidationError):
        assessment.delete()
    assessment_archive(actor=clinician, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.archived_at is not None
    assert Assessment.objects.active().count() == 0
    assert Assessment.objects.count() == 1


def test_a_final_assessment_cannot_be_archived_or_edited(assessment, clinician):
    Assessment.objects.filter(pk=assessment.pk).update(
        status="final", finalized_at=timezone.now(), finalized_by=clinician
    )
    assessment.refresh_from_db()
    with pytest.raises(AssessmentIsFinal):
        assessment_archive(actor=clinician, assessment=assessment)
    with pytest.raises(AssessmentIsFinal):
        assessment_update(actor=clinician, assessment=assessment, notes="changed")
    assessment.refresh_from_db()
    assert assessment.notes == "" and assessment.archived_at is None


def test_force_is_stored_in_newtons_and_the_entry_is_kept(patient, clinician):
    made = assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=datetime.date(2026, 3, 2),
        measurements=[entry("knee_extensor_strength", "left", Decimal("50"), "kgf")],
    )
    row = made.measurements.get()
    assert row.value == Decimal("490.3325")  # 50 x 9.80665
    assert (row.unit, row.entered_value, row.entered_unit) == ("N", 50, "kgf")
    assert row.method == "hhd_isometric"
