"""Writes on clinics, clinicians and patients, and the audit trail every one of them leaves."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from patients.audit_context import address_of, client_address
from patients.errors import Conflict, Invalid, check_version, next_version, validated
from patients.models import AuditAction, AuditEvent, Clinic, Membership, Patient, Role
from patients.permissions import sync_clinician_group
from patients.roles import Right, require
from patients.search import patient_search_name
from patients.signals import patient_clinical_data_changed

# What an assistant (front desk) may set; the rest of a patient's record is clinical.
IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth", "sex", "email", "phone")
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
    changes: dict | None = None,
    channel: str = "api",
) -> AuditEvent:
    """Records that `actor` did `action` on `obj` (a patient, assessment, finding, PDF...),
    with the old and new value of each field for a change."""
    return AuditEvent.objects.create(
        user=actor,
        username=getattr(actor, "username", ""),
        action=action,
        patient=patient if patient is not None else getattr(obj, "patient", None),
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        detail=detail[:300],
        changes=audit_values(changes or {}),
        address=client_address.get(),
        channel=channel,
    )


def audit_values(changes: dict) -> dict:
    """Old and new values as JSON can hold them: dates as ISO text, decimals as text."""
    return json.loads(json.dumps(changes, cls=DjangoJSONEncoder))


def field_changes(instance, fields: dict, names: list[str]) -> dict[str, list]:
    """{field: [old, new]} for the fields about to change on `instance`."""
    return {name: [getattr(instance, name), fields[name]] for name in names}


def audit_list(*, actor, patients, channel: str = "api") -> None:
    """A read of a list is attributable too: one insert for the patients shown."""
    ids = [patient.pk for patient in patients]
    if not ids:
        return
    address = client_address.get()
    if connection.vendor == "postgresql":
        _insert_list_events(actor=actor, patient_ids=ids, address=address, channel=channel)
        return
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=actor,
            username=actor.username,
            action=AuditAction.LIST,
            patient_id=patient_id,
            object_type="patient",
            object_id=str(patient_id),
            address=address,
            channel=channel,
        )
        for patient_id in ids
    )


LIST_EVENTS_SQL = """
INSERT INTO patients_auditevent
    (at, user_id, username, action, patient_id, object_type, object_id, detail, changes,
     address, channel)
SELECT %s, %s, %s, %s, shown.id, 'patient', shown.id::text, '', '{}'::jsonb, %s::inet, %s
FROM unnest(%s::bigint[]) WITH ORDINALITY AS shown(id, n)
ORDER BY shown.n
"""


def _insert_list_events(*, actor, patient_ids: list[int], address, channel: str) -> None:
    """The rows bulk_create writes (one a patient, in the order given), from the ids alone:
    one statement, no model built or field prepared per row (bulk_create spent about 50
    microseconds a row on that, and sent one array per column)."""
    params = [timezone.now(), actor.pk, actor.username, AuditAction.LIST.value, address, channel]
    with connection.cursor() as cursor:
        cursor.execute(LIST_EVENTS_SQL, [*params, patient_ids])


def audit_denied(*, actor, request, status: int) -> AuditEvent:
    """A refused (403) or out-of-clinic (404) request of a signed-in user."""
    door = "admin" if request.path.startswith("/admin/") else "api"
    return AuditEvent.objects.create(
        user=actor,
        username=actor.username,
        action=AuditAction.DENIED,
        object_type="request",
        detail=f"{status} {request.method} {request.path}"[:300],
        address=address_of(request),
        channel=door,
    )


def audit_sign_in(*, user=None, username: str = "", action: str, request=None, channel: str):
    """Sign-ins, failed sign-ins (the username tried) and sign-outs."""
    return AuditEvent.objects.create(
        user=user,
        username=getattr(user, "username", "") or username[:150],
        action=action,
        object_type="session",
        address=address_of(request) if request is not None else client_address.get(),
        channel=channel,
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


def _require_patient_rights(actor, clinic_id: int, fields: list[str]) -> None:
    require(actor, Right.PATIENT_IDENTITY, clinic_id)
    if set(fields) - set(IDENTITY_FIELDS):
        require(actor, Right.CLINICAL, clinic_id)


@transaction.atomic
def patient_create(
    *, actor, clinic: Clinic | None = None, channel: str = "api", **fields
) -> Patient:
    clinic = clinic_for_new_record(actor=actor, clinic=clinic)
    given = {k: v for k, v in fields.items() if k in PATIENT_FIELDS}
    _require_patient_rights(actor, clinic.pk, [k for k, v in given.items() if v not in ("", None)])
    patient = Patient(clinic=clinic, **given)
    validated(patient, exclude=["clinic"])  # one of the actor's clinics, just read
    patient.search_name = patient_search_name(patient.first_name, patient.last_name)
    patient.save()
    changes = {k: [None, v] for k, v in given.items()}
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=patient,
        patient=patient,
        changes=changes,
        channel=channel,
    )
    return patient


def _locked(patient: Patient) -> Patient:
    """The patient's row as it is now, locked until the transaction ends; only that row, so
    writes on other patients of the clinic do not queue behind it. A no-key lock, so rows
    that only refer to the patient (an assessment's audit event) can still be written."""
    locked = Patient.objects.select_for_update(no_key=True, of=("self",))
    return locked.select_related("clinic").get(pk=patient.pk)


@transaction.atomic
def patient_update(
    *, actor, patient: Patient, channel: str = "api", expected_version: int | None = None, **fields
) -> Patient:
    """Changes only the fields given, on the row as it is now (an archive is never undone)."""
    patient = _locked(patient)
    if patient.is_archived:  # the state first: reloading would not make the edit possible
        raise PatientIsArchived()
    check_version(patient, expected_version)
    changed = _changed(patient, fields, PATIENT_FIELDS)
    _require_patient_rights(actor, patient.clinic_id, changed)
    changes = field_changes(patient, fields, changed)
    for key in changed:
        setattr(patient, key, fields[key])
    validated(patient)
    if changed:
        patient.search_name = patient_search_name(patient.first_name, patient.last_name)
        patient.save(update_fields=[*changed, "search_name", *next_version(patient), "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=patient,
        patient=patient,
        detail=", ".join(changed),
        changes=changes,
        channel=channel,
    )
    if {"sex", "date_of_birth"} & set(changed):
        patient_clinical_data_changed.send(
            sender=Patient, patient=patient, actor=actor, channel=channel
        )
    return patient


@transaction.atomic
def patient_archive(
    *, actor, patient: Patient, channel: str = "api", expected_version: int | None = None
) -> Patient:
    patient = _locked(patient)
    check_version(patient, expected_version)
    require(actor, Right.CLINICAL, patient.clinic_id)
    if patient.archived_at is None:
        patient.archived_at = timezone.now()
        patient.save(update_fields=["archived_at", *next_version(patient), "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ARCHIVE,
        obj=patient,
        patient=patient,
        changes={"archived_at": [None, patient.archived_at]},
        channel=channel,
    )
    return patient


@transaction.atomic
def patient_restore(*, actor, patient: Patient, channel: str = "admin") -> Patient:
    patient = _locked(patient)
    require(actor, Right.CLINICAL, patient.clinic_id)
    changes = {"archived_at": [patient.archived_at, None]}
    patient.archived_at = None
    patient.save(update_fields=["archived_at", *next_version(patient), "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=patient,
        patient=patient,
        detail="restored from archive",
        changes=changes,
        channel=channel,
    )
    return patient


CLINIC_FIELDS = ("name", "address", "phone", "email", "paper_size")


@transaction.atomic
def clinic_update(*, actor, clinic: Clinic, channel: str = "admin", **fields) -> Clinic:
    """A clinic admin changes the clinic's settings (name, contact, paper)."""
    clinic = Clinic.objects.select_for_update().get(pk=clinic.pk)
    require(actor, Right.MANAGE_CLINIC, clinic.pk)
    changed = _changed(clinic, fields, CLINIC_FIELDS)
    changes = field_changes(clinic, fields, changed)
    for key in changed:
        setattr(clinic, key, fields[key])
    validated(clinic)
    if changed:
        clinic.save(update_fields=changed)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=clinic,
        detail=", ".join(changed),
        changes=changes,
        channel=channel,
    )
    return clinic


@transaction.atomic
def membership_set_role(*, actor, membership: Membership, role: str, channel: str = "admin"):
    """A clinic admin changes a member's role; the clinic keeps at least one clinic admin."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    require(actor, Right.MANAGE_CLINIC, membership.clinic_id)
    if role not in Role.values:
        raise Invalid(f"Role must be one of: {', '.join(Role.values)}.", field="role")
    admins = Membership.objects.filter(clinic_id=membership.clinic_id, role=Role.CLINIC_ADMIN)
    if membership.role == Role.CLINIC_ADMIN and role != Role.CLINIC_ADMIN and admins.count() == 1:
        raise Conflict("A clinic keeps at least one clinic admin.", field="role")
    old, membership.role = membership.role, role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=membership,
        detail=f"role of {membership.user}: {old} -> {role}",
        changes={"role": [old, role]},
        channel=channel,
    )
    return membership


@transaction.atomic
def clinician_create(
    *, username: str, password: str, clinic_name: str, email: str = "", role: str = Role.CLINICIAN
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
    if role not in Role.values:
        raise ValidationError({"role": f"Role must be one of: {', '.join(Role.values)}."})
    membership = Membership.objects.create(user=user, clinic=clinic, role=role)
    user.groups.add(sync_clinician_group())
    audit_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=membership,
        detail=f"{user.username} joined {clinic.name} as {role}",
        changes={
            "user": [None, user.username],
            "clinic": [None, clinic.name],
            "role": [None, role],
        },
        channel="command",
    )
    return user, clinic, created
