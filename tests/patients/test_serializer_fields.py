"""Serializer fields are built once per class and copied per use (ExplainedChoicesMixin): what
one use changes on its copy, and the time zone it reads, stay with that use; a row shown
through the planned lookups is what DRF's own field-by-field walk gives."""

from __future__ import annotations

import datetime

from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from assessments.models import Assessment
from assessments.serializers import AssessmentSerializer, FindingSerializer
from patients.serializers import ExplainedChoicesMixin, PatientSerializer

WINTER_NOON = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)


def test_a_read_only_clinic_in_one_use_leaves_the_next_writable(patient):
    assert PatientSerializer(patient).fields["clinic"].read_only
    assert not PatientSerializer(data={}).fields["clinic"].read_only


def test_date_times_are_shown_in_the_time_zone_current_at_each_use(patient):
    patient.created_at = WINTER_NOON
    assert PatientSerializer(patient).data["created_at"] == "2026-01-15T12:00:00Z"
    with timezone.override("Europe/Oslo"):
        assert PatientSerializer(patient).data["created_at"] == "2026-01-15T13:00:00+01:00"
    assert PatientSerializer(patient).data["created_at"] == "2026-01-15T12:00:00Z"


def test_a_write_chooses_the_clinic_among_the_users_own(clinician, clinic, other_clinic):
    request = APIRequestFactory().post("/api/v1/patients/")
    request.user = clinician
    writable = PatientSerializer(data={}, context={"request": request}).fields["clinic"]
    assert list(writable.get_queryset()) == [clinic]  # not other_clinic


def drf_representation(serializer, instance) -> dict:
    """DRF's own field-by-field representation, for comparison with the planned one."""
    return serializers.Serializer.to_representation(serializer, instance)


def test_a_patient_row_is_what_drfs_own_walk_gives(clinician, patient):
    patient.archived_at = WINTER_NOON
    patient.email, patient.notes = "ava@example.org", "Runs <5 km> & swims"
    serializer = PatientSerializer(patient)
    assert ExplainedChoicesMixin.to_representation(serializer, patient) == drf_representation(
        serializer, patient
    )


def test_assessment_finding_and_program_rows_are_what_drfs_own_walk_gives(api, patient):
    body = {"patient": patient.pk, "assessed_on": "2026-03-02", "body_mass_kg": 70,
            "red_flags": ["locked_knee"], "measurements": [
                {"code": "knee_extensor_strength", "side": "left", "value": 300},
                {"code": "knee_extensor_strength", "side": "right", "value": 400},
                {"code": "knee_to_wall", "side": "left", "value": 8}]}  # fmt: skip
    created = api.post("/api/v1/assessments/", body, format="json")
    assert created.status_code == 201, created.content
    assessment = Assessment.objects.get(pk=created.json()["id"])
    shown = [AssessmentSerializer(assessment)]
    shown += [FindingSerializer(finding) for finding in assessment.findings.all()]
    assert len(shown) > 2  # the assessment and its findings
    for serializer in shown:
        planned = ExplainedChoicesMixin.to_representation(serializer, serializer.instance)
        assert planned == drf_representation(serializer, serializer.instance)
    assert api.get(f"/api/v1/assessments/{assessment.pk}/").json()["findings"] == [
        drf_representation(FindingSerializer(f), f) for f in assessment.findings.all()
    ]


def test_validated_data_is_shown_through_drfs_walk(clinic):
    serializer = PatientSerializer(
        data={"first_name": "Ava", "last_name": "Lind", "date_of_birth": "1990-01-01",
              "sex": "female", "clinic": clinic.pk}
    )  # fmt: skip
    assert serializer.is_valid(), serializer.errors
    assert serializer.data["last_name"] == "Lind" and serializer.data["clinic"] == clinic.pk
