"""Writes on clinics, clinicians and patients, and the audit trail every one of them leaves."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

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


class NotAMember(Exception):
    """The user does not belong to the clinic named."""


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


def clinics_of(user) -> list[Clinic]:
    return list(Clinic.objects.filter(memberships__user=user).order_by("name", "id"))


@transaction.atomic
def patient_create(*, actor, clinic: Clinic, channel: str = "api", **fields) -> Patient:
    if not Membership.objects.filter(user=actor, clinic=clinic).exists():
        raise NotAMember(clinic)
    patient = Patient(clinic=clinic, **{k: v for k, v in fields.items() if k in PATIENT_FIELDS})
    patient.full_clean()
    patient.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=patient, patient=patient, channel=channel
    )
    return patient


@transaction.atomic
def patient_update(*, actor, patient: Patient, channel: str = "api", **fields) -> Patient:
    changed = [k for k, v in fields.items() if k in PATIENT_FIELDS and getattr(patient, k) != v]
    for key in changed:
        setattr(patient, key, fields[key])
    patient.full_clean()
    patient.save()
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
    if patient.archived_at is None:
        patient.archived_at = timezone.now()
        patient.save(update_fields=["archived_at", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.ARCHIVE, obj=patient, patient=patient, channel=channel
    )
    return patient


@transaction.atomic
def patient_restore(*, actor, patient: Patient, channel: str = "admin") -> Patient:
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
) -> tuple[object, Clinic, bool]:
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
