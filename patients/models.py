"""Clinics, their members, their patients, and the audit trail of who touched patient data."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BigIntegerField, F, Q, Value
from django.db.models.lookups import In
from django.utils import timezone

from patients.request_memberships import keep_roles, kept_roles

MAX_AGE_YEARS = 120


def roles_of(user) -> dict[int, str]:
    """Clinic id -> the user's role there; empty for anonymous users.

    One indexed read, kept for the rest of the request (patients/request_memberships.py), so
    a request's scope and its right checks ask the database once.
    """
    if not getattr(user, "is_authenticated", False):
        return {}
    roles = kept_roles(user.pk)
    if roles is None:
        rows = Membership.objects.filter(user_id=user.pk).values_list("clinic_id", "role")
        roles = dict(rows)
        keep_roles(user.pk, roles)
    return dict(roles)


def clinic_ids_of(user) -> list[int]:
    """The ids of the clinics a user belongs to; every `for_user` scope is built from them,
    so scoping is a plain `clinic_id IN (...)` that the clinic indexes serve, never a join
    through memberships."""
    return sorted(roles_of(user))


class ClinicQuerySet(models.QuerySet):
    def for_user(self, user) -> ClinicQuerySet:
        return self.filter(pk__in=clinic_ids_of(user))


class PaperSize(models.TextChoices):
    A4 = "A4", "A4"
    LETTER = "LETTER", "US Letter"


class Clinic(models.Model):
    name = models.CharField(max_length=200, unique=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.EmailField(blank=True)
    emergency_phone = models.CharField(
        max_length=50,
        blank=True,
        help_text="The emergency number the handout names; empty prints "
        '"your local emergency number".',
    )
    paper_size = models.CharField(
        max_length=6,
        choices=PaperSize.choices,
        default=PaperSize.A4,
        help_text="Paper the clinic prints handouts and reports on.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClinicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def owning_clinic_id(self) -> int:
        return self.pk


class Role(models.TextChoices):
    """What a member may do in one clinic (api.md "Roles")."""

    CLINICIAN = "clinician", "Clinician"
    CLINIC_ADMIN = "clinic_admin", "Clinic admin"
    ASSISTANT = "assistant", "Assistant (front desk)"


class Membership(models.Model):
    """A user belongs to one or more clinics, with a role in each."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.CLINICIAN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "clinic"], name="membership_unique_user_clinic"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.clinic}"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class AffectedSide(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both"


class ClinicId(Value):
    """A clinic id typed as the column is, `1::bigint`, on PostgreSQL. An untyped literal is
    an integer, and btree_gin's operator class matches only bigint = bigint, so the name
    search's (clinic, name) trigram index could not narrow to the clinic: PostgreSQL then
    read a bitmap of every patient of the clinic beside it (20,000 at scale, README
    "Scale"). Elsewhere a plain parameter."""

    def __init__(self, clinic_id: int):
        super().__init__(clinic_id, output_field=BigIntegerField())

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(compiler, connection, **extra_context)
        return f"{sql}::bigint", params


class PatientQuerySet(models.QuerySet):
    def for_user(self, user) -> PatientQuerySet:
        """Patients of the clinics the user belongs to; nothing for anonymous users."""
        return self.filter(In(F("clinic_id"), [ClinicId(pk) for pk in clinic_ids_of(user)]))

    def active(self) -> PatientQuerySet:
        return self.filter(archived_at__isnull=True)

    def archived(self) -> PatientQuerySet:
        return self.filter(archived_at__isnull=False)


def validate_date_of_birth(value: date, *, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError("Date of birth cannot be in the future.")
    try:
        earliest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        earliest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if value < earliest:
        raise ValidationError(
            f"Date of birth must be within the last {MAX_AGE_YEARS} years "
            f"(on or after {earliest.isoformat()})."
        )


class Patient(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="patients")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(validators=[validate_date_of_birth])
    sex = models.CharField(max_length=10, choices=Sex.choices)
    affected_side = models.CharField(
        max_length=5, choices=AffectedSide.choices, default=AffectedSide.BOTH
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    occupation = models.CharField(max_length=200, blank=True)
    activity = models.CharField(
        max_length=500, blank=True, help_text="Sport or work demands, in free text."
    )
    notes = models.TextField(blank=True)
    # First and last name folded (patients.search.fold): what name search matches, so it
    # ignores case and accents on every database. Written by the patient services.
    search_name = models.TextField(blank=True, default="", editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts changes; the API's ETag."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            # The list: one clinic's active patients in the documented order, read in index
            # order (no sort) and stopped at the page (a trigram index serves the search too,
            # on PostgreSQL: migration 0009).
            models.Index(
                fields=["clinic", "last_name", "first_name", "id"],
                # A count of a search the trigram index cannot narrow ("an") reads the name
                # from the index alone (PostgreSQL; other databases ignore it).
                include=["search_name"],
                condition=Q(archived_at__isnull=True),
                name="patient_active_by_name",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(sex__in=Sex.values), name="patient_sex_valid"),
            models.CheckConstraint(
                condition=Q(affected_side__in=AffectedSide.values),
                name="patient_affected_side_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}"

    @property
    def owning_clinic_id(self) -> int:
        return self.clinic_id

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def clean(self) -> None:
        if self.pk and self.date_of_birth:
            first = self.assessments.aggregate(first=models.Min("assessed_on"))["first"]
            if first is not None and self.date_of_birth > first:
                raise ValidationError(
                    {"date_of_birth": f"Must be on or before the first assessment ({first})."}
                )

    def delete(self, *args, **kwargs):
        raise ValidationError("Clinical records are never deleted; archive the patient instead.")


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    LIST = "list", "Listed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    ARCHIVE = "archive", "Archived"
    EXPORT = "export", "Exported"
    ACTION = "action", "Clinical action"
    DENIED = "denied", "Denied"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Signed out"


class AuditEventQuerySet(models.QuerySet):
    def for_user(self, user) -> AuditEventQuerySet:
        """Events on the patients of the user's clinics."""
        return self.filter(patient__clinic_id__in=clinic_ids_of(user))


class AuditEvent(models.Model):
    """Who read or changed which patient's data, when, through which door, from which
    address, and for a change the old and new value of each field. Append-only: nothing
    edits or deletes an event (on PostgreSQL a trigger refuses UPDATE and DELETE)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        db_constraint=False,  # see `patient`
        help_text="Empty for a failed sign-in (the username tried is kept).",
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    patient = models.ForeignKey(
        Patient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        db_index=False,  # the (patient, at) index serves every lookup by patient
        # No foreign-key constraint in the database (as django-simple-history keeps its
        # history): an audited read of a list then checked every row at commit, and each
        # check locked the patient's row (FOR KEY SHARE writes the lock into the row), so
        # reading 20 patients wrote 20 of their rows. The ids come from rows just read,
        # nothing hard-deletes a patient or a user, and PROTECT still guards both in Django.
        db_constraint=False,
    )
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text="For a change: {field: [old, new]}."
    )
    address = models.GenericIPAddressField(null=True, blank=True)
    channel = models.CharField(max_length=10, default="api")  # api | admin | command

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}"

    @property
    def owning_clinic_id(self) -> int | None:
        return self.patient.clinic_id if self.patient is not None else None
