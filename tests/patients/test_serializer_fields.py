"""Serializer fields are built once per class and copied per use (ExplainedChoicesMixin): what
one use changes on its copy, and the time zone it reads, stay with that use."""

from __future__ import annotations

import datetime

from django.utils import timezone
from rest_framework.test import APIRequestFactory

from patients.serializers import PatientSerializer

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
