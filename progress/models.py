"""PROM responses (a visit's answers to one instrument, scored) and clinics' change thresholds."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assessments import catalogue
from assessments.models import Assessment
from patients.models import Clinic, clinic_ids_of
from progress import change, scoring
from progress.change.thresholds import STRENGTH


class PromInstrument(models.TextChoices):
    KOOS = scoring.KOOS, "KOOS"
    KOOS_PF = scoring.KOOS_PF, "KOOS-PF"
    KUJALA = scoring.KUJALA, "Kujala AKPS"
    LEFS = scoring.LEFS, "LEFS"


class PromResponseQuerySet(models.QuerySet):
    def for_user(self, user) -> PromResponseQuerySet:
        return self.filter(assessment__clinic_id__in=clinic_ids_of(user))

    def active(self) -> PromResponseQuerySet:
        return self.filter(archived_at__isnull=True)


class PromResponse(models.Model):
    """Answers are item scores by official item number; scores are computed, never entered."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="prom_responses"
    )
    instrument = models.CharField(max_length=16, choices=PromInstrument.choices)
    answers = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True, editable=False)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prom_responses"
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PromResponseQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "id"]  # the order of progress.md's table
        verbose_name = "PROM response"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "instrument"],
                condition=models.Q(archived_at__isnull=True),
                name="one_prom_response_per_instrument_per_visit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} on {self.completed_on}"

    @property
    def owning_clinic_id(self) -> int:
        return self.assessment.clinic_id

    @property
    def patient(self):
        return self.assessment.patient

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def ordered_scores(self) -> dict[str, dict]:
        """The scores in the instrument's subscale order (jsonb does not keep key order)."""
        subscales = scoring.INSTRUMENTS[self.instrument].subscales
        return {s.code: self.scores[s.code] for s in subscales if s.code in self.scores}

    def ordered_answers(self) -> dict[str, int]:
        """The answers in item order."""
        items = scoring.INSTRUMENTS[self.instrument].items
        return {i.number: self.answers[i.number] for i in items if i.number in self.answers}


class KoosResponse(PromResponse):
    """KOOS responses, for the admin's KOOS form."""

    class Meta:
        proxy = True
        verbose_name = "KOOS response"


class KoosPfResponse(PromResponse):
    """KOOS-PF responses, for the admin's KOOS-PF form."""

    class Meta:
        proxy = True
        verbose_name = "KOOS-PF response"


class KujalaResponse(PromResponse):
    """Kujala AKPS responses, for the admin's Kujala form."""

    class Meta:
        proxy = True
        verbose_name = "Kujala AKPS response"


class LefsResponse(PromResponse):
    """LEFS responses, for the admin's LEFS form."""

    class Meta:
        proxy = True
        verbose_name = "LEFS response"


def _measure_label(measure: str) -> str:
    if measure in catalogue.MEASUREMENT_TYPES:
        return catalogue.MEASUREMENT_TYPES[measure].label
    if measure in scoring.INSTRUMENTS:
        return scoring.INSTRUMENTS[measure].name
    return MEASURE_LABELS[measure]


MEASURE_LABELS = {
    "pain_nprs": "Pain (NPRS 0-10)",
    "limb_symmetry_index": "Limb symmetry index (percentage points)",
    STRENGTH: "Strength, N or Nm (percent of the earlier value)",
}
# The measures of progress.md's thresholds table, in its order.
MEASURE_CHOICES = [(measure, _measure_label(measure)) for measure in change.THRESHOLDS]


class ChangeThresholdSettingQuerySet(models.QuerySet):
    def for_user(self, user) -> ChangeThresholdSettingQuerySet:
        return self.filter(clinic_id__in=clinic_ids_of(user))


class ChangeThresholdSetting(models.Model):
    """A clinic's own threshold for one measure of the change table (progress.md); it replaces
    the published amount and is printed with the source "clinic setting"."""

    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, related_name="change_threshold_settings"
    )
    measure = models.CharField(max_length=40, choices=MEASURE_CHOICES)
    amount = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        help_text="In the measure's unit (deg, cm, reps, points); for strength, the percent of "
        "the earlier value.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChangeThresholdSettingQuerySet.as_manager()

    class Meta:
        ordering = ["clinic_id", "measure"]
        verbose_name = "change threshold (clinic setting)"
        verbose_name_plural = "change thresholds (clinic settings)"
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "measure"], name="one_change_threshold_per_clinic_measure"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="change_threshold_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(measure__in=[m for m, _ in MEASURE_CHOICES]),
                name="change_threshold_measure_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.amount} ({self.clinic})"

    @property
    def owning_clinic_id(self) -> int:
        return self.clinic_id

    @property
    def published(self) -> change.ChangeThreshold:
        return change.THRESHOLDS[self.measure]
