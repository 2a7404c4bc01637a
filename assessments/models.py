"""Assessments, their measurements, and the findings the rules engine derives from them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from assessments import catalogue, numbers, rules
from patients.models import Clinic, Patient, clinic_ids_of


def _range_constraint(field: str, rng: catalogue.ValueRange, name: str) -> models.CheckConstraint:
    """The database's copy of a catalogue range (the catalogue is the one place it is set)."""
    within = Q(**{f"{field}__gte": int(rng.low), f"{field}__lte": int(rng.high)})
    return models.CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | within, name=name)


def _validate_code_list(values, allowed: dict[str, str], what: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError(f"{what} must be a list of codes.")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError(
            f"Unknown {what} {', '.join(map(repr, unknown))}. Allowed: {', '.join(allowed)}."
        )
    if len(set(values)) != len(values):
        raise ValidationError(f"Each {what} may appear only once.")


def validate_pain_sites(values) -> None:
    _validate_code_list(values, catalogue.PAIN_SITES, "pain site")


def validate_red_flags(values) -> None:
    accepted = {code: code for code in catalogue.RED_FLAG_CODES_ACCEPTED}  # aliases included
    _validate_code_list(values, accepted, "red flag")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINAL = "final", "Final"


class AssessmentQuerySet(models.QuerySet):
    def for_user(self, user) -> AssessmentQuerySet:
        return self.filter(clinic_id__in=clinic_ids_of(user))

    def active(self) -> AssessmentQuerySet:
        return self.filter(archived_at__isnull=True)


class Assessment(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="assessments")
    # The patient's clinic, kept on the row so scoping is one indexed `clinic_id IN (...)`.
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="assessments", editable=False
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    assessed_on = models.DateField()
    body_mass_kg = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    height_cm = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    pain_nprs = models.PositiveSmallIntegerField(
        "pain (NPRS 0-10)",
        null=True,
        blank=True,
        help_text="Worst pain in the last week, 0 = none, 10 = worst imaginable.",
    )
    pain_sites = models.JSONField(default=list, blank=True, validators=[validate_pain_sites])
    red_flags = models.JSONField(default=list, blank=True, validators=[validate_red_flags])
    gait_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=5, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    metrics = models.JSONField(default=list, blank=True, editable=False)
    ruleset_version = models.CharField(max_length=20, blank=True, editable=False)
    finalized_at = models.DateTimeField(null=True, blank=True, editable=False)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        editable=False,
    )
    red_flags_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    red_flags_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    red_flags_clearance_reason = models.TextField(blank=True, editable=False)
    red_flags_cleared_for = models.JSONField(default=list, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts changes; the API's ETag."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["patient", "assessed_on"]),
            # The list: a clinic's active assessments newest first, read in index order.
            models.Index(
                fields=["clinic", "-assessed_on", "-id"],
                condition=Q(archived_at__isnull=True),
                name="assessment_active_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT)
                | Q(finalized_at__isnull=False, finalized_by__isnull=False),
                name="assessment_final_has_finalizer",
            ),
            _range_constraint("pain_nprs", catalogue.PAIN_NPRS_RANGE, "assessment_pain_nprs_range"),
            _range_constraint(
                "body_mass_kg", catalogue.BODY_MASS_KG_RANGE, "assessment_body_mass_range"
            ),
            _range_constraint("height_cm", catalogue.HEIGHT_CM_RANGE, "assessment_height_range"),
        ]

    def __str__(self) -> str:
        return f"{self.patient} — {self.assessed_on:%Y-%m-%d} ({self.get_status_display()})"

    @property
    def owning_clinic_id(self) -> int:
        return self.clinic_id

    @property
    def is_final(self) -> bool:
        return self.status == AssessmentStatus.FINAL

    @property
    def referral_tier(self) -> str | None:
        """The most urgent tier of the red flags recorded (rules.md); None without flags."""
        return catalogue.referral_tier(self.red_flags)

    @property
    def red_flags_uncleared(self) -> bool:
        """True while a red flag stands that no clearance covers (a new flag lapses it)."""
        if not self.red_flags:
            return False
        if self.red_flags_cleared_at is None:
            return True
        return not set(self.red_flags) <= set(self.red_flags_cleared_for)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for field, quantity in catalogue.ASSESSMENT_QUANTITIES.items():
            value = getattr(self, field)
            message = None if value is None else quantity.error(value)
            if message:
                errors[field] = message
        today = timezone.localdate()
        if self.assessed_on and self.assessed_on > today:
            errors["assessed_on"] = "The assessment date cannot be in the future."
        patient = self.patient if self.patient_id else None
        if patient and self.assessed_on and self.assessed_on < patient.date_of_birth:
            errors["assessed_on"] = (
                f"The assessment date cannot be before the date of birth ({patient.date_of_birth})."
            )
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        raise ValidationError("Clinical records are never deleted; archive the draft instead.")


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


UNIT_CHOICES = [
    (u, u) for u in dict.fromkeys([*catalogue.STRENGTH_UNITS, "deg", "cm", "points", "reps"])
]
METHOD_CHOICES = list(catalogue.METHOD_LABELS.items())


class Measurement(models.Model):
    """One test result on one side. Force is stored in N; the entered value and unit are kept."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="measurements"
    )
    code = models.CharField(max_length=40, choices=catalogue.measurement_choices())
    side = models.CharField(max_length=5, choices=Side.choices)
    value = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    positive = models.BooleanField(null=True, blank=True, help_text="Result of a yes/no test.")
    unit = models.CharField(max_length=10, blank=True, choices=UNIT_CHOICES)
    method = models.CharField(max_length=30, blank=True, choices=METHOD_CHOICES)
    entered_value = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    entered_unit = models.CharField(max_length=10, blank=True, choices=UNIT_CHOICES)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code", "side"], name="measurement_unique_code_side"
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="measurement_side_valid"
            ),
            models.CheckConstraint(
                condition=Q(code__in=list(catalogue.MEASUREMENT_TYPES)),
                name="measurement_code_in_catalogue",
            ),
            # A number or a yes/no, never both; neither is a test copied to a follow-up
            # draft and not measured yet (dropped at finalize).
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(positive__isnull=True),
                name="measurement_number_or_yes_no_or_empty",
            ),
        ]

    def __str__(self) -> str:
        label = catalogue.MEASUREMENT_TYPES[self.code].label if self.code else "Measurement"
        return f"{label}, {self.side}: {self.display_value}"

    @property
    def is_recorded(self) -> bool:
        """False for a test copied to a follow-up and not measured yet: no rule, metric,
        report or export reads it."""
        return self.value is not None or self.positive is not None

    @property
    def display_value(self) -> str:
        if not self.is_recorded:
            return "not measured yet"
        if self.positive is not None:
            return "positive" if self.positive else "negative"
        shown = self.entered_value if self.entered_value is not None else self.value
        unit = self.entered_unit or self.unit
        return f"{catalogue.format_number(Decimal(shown or 0))} {unit}".strip()

    @property
    def sort_key(self) -> tuple[int, int]:
        return catalogue.CODE_ORDER.get(self.code, 999), catalogue.SIDE_ORDER[self.side]

    def apply(self, normalized: catalogue.NormalizedMeasurement) -> None:
        self.code, self.side = normalized.code, normalized.side
        self.value, self.positive = normalized.value, normalized.positive
        self.unit = normalized.unit or ""
        self.method = normalized.method or ""
        self.entered_value = normalized.entered_value
        self.entered_unit = normalized.entered_unit or ""

    def clean(self) -> None:
        entered = self.positive if self.positive is not None else self.entered_value
        if entered is None:
            entered = self.value
        try:
            normalized = catalogue.normalize_measurement(
                self.code,
                self.side,
                entered,
                self.entered_unit or self.unit or None,
                self.method or None,
            )
        except catalogue.MeasurementInvalid as exc:
            raise ValidationError(exc.errors) from exc
        self.apply(normalized)


class Severity(models.TextChoices):
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"
    URGENT = "urgent", "Urgent"


class Evidence(models.TextChoices):
    A = "A", "A: guideline or prospective support"
    B = "B", "B: consistent association, reliable test"
    C = "C", "C: normative or expert cut-off only"


class ReferralTier(models.TextChoices):
    EMERGENCY = "emergency", "Emergency: today"
    URGENT = "urgent", "Urgent: within days"
    ROUTINE = "routine", "Routine: before exercise"


class FindingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    TO_CONFIRM = "to_confirm", "To confirm"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class FindingQuerySet(models.QuerySet):
    def for_user(self, user) -> FindingQuerySet:
        return self.filter(assessment__clinic_id__in=clinic_ids_of(user))


class Finding(models.Model):
    """An imbalance the rules engine flagged, and the clinician's decision on it."""

    # Indexed by finding_in_table_order, which leads with it.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="findings", db_index=False
    )
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(max_length=60)
    side = models.CharField(max_length=5, blank=True, choices=Side.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    evidence = models.CharField(max_length=1, choices=Evidence.choices)
    value = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    value_positive = models.BooleanField(null=True, blank=True)
    threshold = models.DecimalField(max_digits=16, decimal_places=6, null=True, blank=True)
    unit = models.CharField(max_length=10, blank=True)
    explanation = models.TextField()
    patient_text = models.TextField()
    source = models.CharField(max_length=40)
    strategies = models.JSONField(default=list)
    referral_tier = models.CharField(
        max_length=10,
        blank=True,
        choices=ReferralTier.choices,
        help_text="referral_advised only: the most urgent tier of the red flags.",
    )
    status = models.CharField(max_length=12, choices=FindingStatus.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts changes; the API's ETag."
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        # The list and an assessment's findings: in rules-table order without a sort.
        indexes = [
            models.Index(fields=["assessment", "position", "id"], name="finding_in_table_order")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code", "side"], name="finding_unique_code_side"
            ),
            models.CheckConstraint(
                condition=Q(status__in=FindingStatus.values), name="finding_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=FindingStatus.DISMISSED) | ~Q(note=""),
                name="finding_dismissal_has_note",
            ),
        ]

    def __str__(self) -> str:
        side = f" ({self.side})" if self.side else ""
        return f"{rules.label(self.code)}{side}: {self.get_severity_display()}"

    @property
    def owning_clinic_id(self) -> int:
        return self.assessment.clinic_id

    @property
    def value_text(self) -> str:
        """The value as every door prints it ("89.9%", "0.45", "12 deg", "positive")."""
        value = True if self.value_positive else self.value
        return numbers.value_text(value, self.unit or None, self.threshold)


class ExamTemplateQuerySet(models.QuerySet):
    def for_clinic(self, clinic_id: int | None) -> ExamTemplateQuerySet:
        """The shipped templates and the clinic's own, shipped first."""
        return self.filter(Q(clinic__isnull=True) | Q(clinic_id=clinic_id)).order_by(
            models.F("clinic").asc(nulls_first=True), "name"
        )

    def for_user(self, user) -> ExamTemplateQuerySet:
        return self.filter(Q(clinic__isnull=True) | Q(clinic_id__in=clinic_ids_of(user)))


def validate_template_codes(values) -> None:
    _validate_code_list(values, dict(catalogue.measurement_choices()), "test")


class ExamTemplate(models.Model):
    """Which tests the exam sheet shows: shipped (no clinic) or a clinic's own."""

    name = models.CharField(max_length=80)
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, null=True, blank=True, related_name="exam_templates"
    )
    codes = models.JSONField(default=list, validators=[validate_template_codes])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExamTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "name"], name="exam_template_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owning_clinic_id(self) -> int | None:
        return self.clinic_id
