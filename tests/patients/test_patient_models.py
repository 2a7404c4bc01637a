"""Patients: scoping to the user's clinics, archive instead of delete, date-of-birth limits."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from patients.errors import Invalid
from patients.models import AuditEvent, Membership, Patient
from patients.services import (
    NotAMember,
    audit_record,
    patient_archive,
    patient_create,
    patient_update,
)
from tests.factories import ClinicFactory, PatientFactory


def test_for_user_returns_only_the_users_clinics(patient, clinician, outsider, other_clinic):
    foreign = PatientFactory(clinic=other_clinic)
    assert list(Patient.objects.for_user(clinician)) == [patient]
    assert list(Patient.objects.for_user(outsider)) == [foreign]


def test_for_user_spans_every_clinic_of_a_member_of_several(patient, clinician, other_clinic):
    foreign = PatientFactory(clinic=other_clinic)
    Membership.objects.create(user=clinician, clinic=other_clinic)
    assert set(Patient.objects.for_user(clinician)) == {patient, foreign}


def test_for_user_gives_nothing_to_anonymous_users(patient):
    assert not Patient.objects.for_user(AnonymousUser()).exists()


def test_patients_are_archived_not_deleted(patient, clinician):
    with pytest.raises(ValidationError):
        patient.delete()
    patient_archive(actor=clinician, patient=patient)
    patient.refresh_from_db()
    assert patient.archived_at is not None
    assert not Patient.objects.active().exists()
    assert list(Patient.objects.archived()) == [patient]


def test_every_change_is_attributed(patient, clinician):
    patient_update(actor=clinician, patient=patient, phone="+1 555 0199")
    patient_archive(actor=clinician, patient=patient)
    events = list(AuditEvent.objects.filter(patient=patient).order_by("id"))
    assert [(e.user, e.action) for e in events] == [(clinician, "update"), (clinician, "archive")]
    assert events[0].detail == "phone"


def test_a_patient_can_only_be_created_in_a_clinic_of_the_actor(clinician, other_clinic):
    with pytest.raises(NotAMember):
        patient_create(
            actor=clinician,
            clinic=other_clinic,
            first_name="A",
            last_name="B",
            date_of_birth=datetime.date(1980, 1, 1),
            sex="male",
        )


@pytest.mark.parametrize("years_ago", [121, -1])
def test_date_of_birth_must_be_plausible(clinician, clinic, years_ago):
    today = datetime.date.today()
    born = (
        today.replace(year=today.year - years_ago)
        if years_ago > 0
        else today + datetime.timedelta(days=1)
    )
    with pytest.raises(Invalid) as caught:
        patient_create(
            actor=clinician,
            clinic=clinic,
            first_name="A",
            last_name="B",
            date_of_birth=born,
            sex="female",
        )
    assert "date_of_birth" in caught.value.as_body()


def test_unknown_sex_is_refused(clinician, clinic):
    with pytest.raises(Invalid) as caught:
        patient_create(
            actor=clinician,
            clinic=clinic,
            first_name="A",
            last_name="B",
            date_of_birth=datetime.date(1980, 1, 1),
            sex="f",
        )
    assert "sex" in caught.value.as_body()


def test_age_on_counts_whole_years():
    patient = Patient(date_of_birth=datetime.date(1966, 6, 15))
    assert patient.age_on(datetime.date(2026, 6, 14)) == 59
    assert patient.age_on(datetime.date(2026, 6, 15)) == 60


def test_clinic_factory_names_are_unique(db):
    assert ClinicFactory().name != ClinicFactory().name


def test_date_of_birth_cannot_move_after_the_first_assessment(patient, clinician, api):
    from assessments.services import assessment_create

    assessment_create(actor=clinician, patient=patient, assessed_on=datetime.date(2025, 1, 10))
    response = api.patch(
        f"/api/v1/patients/{patient.pk}/", {"date_of_birth": "2025-06-01"}, format="json"
    )
    assert response.status_code == 400
    assert "2025-01-10" in response.json()["date_of_birth"][0]
    patient.refresh_from_db()
    assert patient.date_of_birth == datetime.date(1990, 5, 17)


def test_an_audited_patient_or_user_cannot_be_deleted(patient, clinician):
    # The audit table has no foreign-key constraints (a read of a list would check and lock
    # each patient's row); Django's PROTECT still keeps both the patient and the user.
    audit_record(actor=clinician, action="view", obj=patient, patient=patient)
    with pytest.raises(ProtectedError):
        Patient.objects.filter(pk=patient.pk).delete()  # patient.delete() refuses earlier
    with pytest.raises(ProtectedError):
        clinician.delete()
    assert Patient.objects.filter(pk=patient.pk).exists()
    assert AuditEvent.objects.filter(patient=patient, user=clinician).count() == 1
