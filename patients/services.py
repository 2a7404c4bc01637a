"""Writes on clinics, clinicians and patients, and the audit trail every one of them leaves."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from patients.errors import Conflict, Invalid, validated
from patients.models import AuditAction, AuditEvent, Clinic, Membership, Patient
from patients.permissions import sync_clinician_group
from patients.signals import patient_clinical_data_changed

PATIENT_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "affected_side",
    "email",
    "phone",
    "occupation",
    "activity",
    "notes",
)


class NotAMember(Invalid):
    """The user does not belong to the clinic named."""

    field = "clinic"
    message = "You are not a member of this clinic."


class PatientIsArchived(Conflict):
    """An archived record is read-only until it is restored."""

    message = "This patient is archived; restore them before changing their record."


def audit_record(
    *,
    actor,
    action: str,
    obj,
    patient: Patient | None = None,
    detail: str = "",
    channel: str = "api",
) -> AuditEvent:
    """Records that `actor` did `action` on `obj` (a patient, assessment, finding, PDF...)."""
    return AuditEvent.objects.create(
        user=actor,
        action=action,
        patient=patient if patient is not None else getattr(obj, "patient", None),
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        detail=detail[:300],
        channel=channel,
    )


def audit_list(*, actor, patients, channel: str = "api") -> None:
    """One event per patient shown in a list, so a read of a list is attributable too."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=actor,
            action=AuditAction.LIST,
            patient=patient,
            object_type="patient",
            object_id=str(patient.pk),
            channel=channel,
        )
        for patient in patients
    )


def clinic_for_new_record(*, actor, clinic: Clinic | None = None) -> Clinic:
    """The clinic a new patient or exercise goes to: the one named, which must be one of the
    user's, or else the user's only clinic (a member of several must name one)."""
    clinics = list(Clinic.objects.for_user(actor).order_by("name", "id"))
    if clinic is not None:
        if clinic.pk not in {c.pk for c in clinics}:
            raise NotAMember()
        return clinic
    if len(clinics) == 1:
        return clinics[0]
    if not clinics:
        raise Invalid("You are not a member of any clinic.", field="clinic")
    names = ", ".join(f"{c.pk} ({c.name})" for c in clinics)
    raise Invalid(f"You belong to several clinics; name one of: {names}.", field="clinic")


def _changed(instance, fields: dict, allowed: tuple[str, ...]) -> list[str]:
    return [k for k, v in fields.items() if k in allowed and getattr(instance, k) != v]


@transaction.atomic
def patient_create(
    *, actor, clinic: Clinic | None = None, channel: str = "api", **fields
) -> Patient:
    clinic = clinic_for_new_record(actor=actor, clinic=clinic)
    patient = Patient(clinic=clinic, **{k: v for k, v in fields.items() if k in PATIENT_FIELDS})
    validated(patient)
    patient.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=patient, patient=patient, channel=channel
    )
    return patient


def _locked(patient: Patient) -> Patient:
    return Patient.objects.select_for_update().select_related("clinic").get(pk=patient.pk)


@transaction.atomic
def patient_update(*, actor, patient: Patient, channel: str = "api", **fields) -> Patient:
    """Changes only the fields given, on the row as it is now (an archive is never undone)."""
    patient = _locked(patient)
    if patient.is_archived:
        raise PatientIsArchived()
    changed = _changed(patient, fields, PATIENT_FIELDS)
    for key in changed:
        setattr(patient, key, fields[key])
    validated(patient)
    if changed:
        patient.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=patient,
        patient=patient,
        detail=", ".join(changed),
        channel=channel,
    )
    if {"sex", "date_of_birth"} & set(changed):
        patient_clinical_data_changed.send(sender=Patient, patient=patient)
    return patient


@transaction.atomic
def patient_archive(*, actor, patient: Patient, channel: str = "api") -> Patient:
    patient = _locked(patient)
    if patient.archived_at is None:
        patient.archived_at = timezone.now()
        patient.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.ARCHIVE, obj=patient, patient=patient, channel=channel
    )
    return patient


@transaction.atomic
def patient_restore(*, actor, patient: Patient, channel: str = "admin") -> Patient:
    patient = _locked(patient)
    patient.archived_at = None
    patient.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=patient,
        patient=patient,
        detail="restored from archive",
        channel=channel,
    )
    return patient


@transaction.atomic
def clinician_create(
    *, username: str, password: str, clinic_name: str, email: str = ""
) -> tuple[User, Clinic, bool]:
    """Creates the clinic if needed and a clinician in it who can use the admin and the API.

    Returns (user, clinic, clinic_created). Raises ValidationError with a clear message.
    """
    user_model = get_user_model()
    username = username.strip()
    clinic_name = clinic_name.strip()
    if not username:
        raise ValidationError({"username": "A username is required."})
    if not clinic_name:
        raise ValidationError({"clinic": "A clinic name is required."})
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": f"A user named {username!r} already exists."})
    user = user_model(username=username, email=email, is_staff=True)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    clinic, created = Clinic.objects.get_or_create(name=clinic_name)
    Membership.objects.create(user=user, clinic=clinic)
    user.groups.add(sync_clinician_group())
    return user, clinic, created
