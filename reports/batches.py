"""Print batches: many visits' handouts (and reports) printed on the queue as one PDF."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from assessments.models import Assessment
from patients.models import Clinic

MAX_BATCH_ITEMS = 500


class PrintBatchStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Printing"
    MERGING = "merging", "Merging into one PDF"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class PrintOutcome(models.TextChoices):
    PENDING = "pending", "Waiting"
    PRINTED = "printed", "Handout printed"
    REFERRAL_NOTICE = "referral_notice", "Red flag uncleared: referral notice printed"
    NO_PROGRAM = "no_program", "No home program yet: no handout"
    FAILED = "failed", "Could not print"


class PrintBatch(models.Model):
    """One request to print: by visits named, or a clinic's visits on a date."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    clinic = models.ForeignKey(
        Clinic, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    visit_date = models.DateField(null=True, blank=True)
    include_reports = models.BooleanField(default=False)
    channel = models.CharField(max_length=10, default="api")  # api | admin | command
    status = models.CharField(
        max_length=10, choices=PrintBatchStatus.choices, default=PrintBatchStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to="print-batches/", blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "print batches"

    def __str__(self) -> str:
        return f"Print batch {self.pk} ({self.done}/{self.total}, {self.status})"


class PrintBatchItem(models.Model):
    """One visit of a batch: what was printed for it, and where it sits in the merged PDF."""

    batch = models.ForeignKey(PrintBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        max_length=16, choices=PrintOutcome.choices, default=PrintOutcome.PENDING
    )
    detail = models.CharField(max_length=300, blank=True)
    # The handout as handed out (api.md: every handout printed is an issued version).
    issued_handout = models.ForeignKey(
        "reports.IssuedHandout", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report_key = models.CharField(max_length=100, blank=True)  # the rendered report's cache key
    first_page = models.PositiveIntegerField(null=True, blank=True)  # in the merged PDF, from 1
    last_page = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="print_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"Batch {self.batch_id} item {self.position}: assessment {self.assessment_id}"
