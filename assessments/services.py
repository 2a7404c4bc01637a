"""Every write on assessments: create, edit, measurements, archive; all attributable."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments import catalogue
from assessments.models import Assessment, Measurement
from patients.models import AuditAction, Patient
from patients.services import audit_record

ASSESSMENT_FIELDS = (
    "assessed_on",
    "body_mass_kg",
    "height_cm",
    "pain_nprs",
    "pain_sites",
    "red_flags",
    "gait_notes",
    "notes",
)


class AssessmentIsFinal(Exception):
    """A finalized assessment cannot be changed; amend it instead."""


class PatientIsArchived(Exception):
    """An archived patient gets no new assessment."""


@dataclass(frozen=True)
class MeasurementEntry:
    """A measurement checked against the catalogue, with the clinician's note."""

    measurement: catalogue.NormalizedMeasurement
    note: str = ""


def _check_unique(entries: Iterable[MeasurementEntry]) -> None:
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        key = (entry.measurement.code, entry.measurement.side)
        if key in seen:
            raise ValidationError({"measurements": f"{key[0]} ({key[1]}) is recorded twice."})
        seen.add(key)


def _replace_measurements(assessment: Assessment, entries: list[MeasurementEntry]) -> None:
    _check_unique(entries)
    assessment.measurements.all().delete()
    rows = []
    for entry in entries:
        row = Measurement(assessment=assessment, note=entry.note)
        row.apply(entry.measurement)
        rows.append(row)
    Measurement.objects.bulk_create(rows)


def _ensure_draft(assessment: Assessment) -> None:
    if assessment.is_final:
        raise AssessmentIsFinal(assessment.pk)


@transaction.atomic
def assessment_create(
    *,
    actor,
    patient: Patient,
    measurements: list[MeasurementEntry] | None = None,
    channel: str = "api",
    **fields,
) -> Assessment:
    if patient.is_archived:
        raise PatientIsArchived(patient.pk)
    assessment = Assessment(
        patient=patient,
        clinician=actor,
        **{k: v for k, v in fields.items() if k in ASSESSMENT_FIELDS},
    )
    assessment.full_clean()
    assessment.save()
    _replace_measurements(assessment, measurements or [])
    assessment_recompute(assessment=assessment)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=assessment, channel=channel)
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor,
    assessment: Assessment,
    measurements: list[MeasurementEntry] | None = None,
    channel: str = "api",
    **fields,
) -> Assessment:
    """Changes a draft; a given measurement list replaces the old one as a whole."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_draft(assessment)
    changed = [k for k in fields if k in ASSESSMENT_FIELDS]
    for key in changed:
        setattr(assessment, key, fields[key])
    assessment.full_clean()
    assessment.save()
    if measurements is not None:
        _replace_measurements(assessment, measurements)
        changed.append("measurements")
    assessment_recompute(assessment=assessment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assessment,
        detail=", ".join(changed),
        channel=channel,
    )
    return assessment


@transaction.atomic
def assessment_archive(*, actor, assessment: Assessment, channel: str = "api") -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_draft(assessment)
    if assessment.archived_at is None:
        assessment.archived_at = timezone.now()
        assessment.save(update_fields=["archived_at", "updated_at"])
    audit_record(actor=actor, action=AuditAction.ARCHIVE, obj=assessment, channel=channel)
    return assessment


def assessment_recompute(*, assessment: Assessment) -> Assessment:
    """Derives metrics and findings of a draft (the rules engine plugs in here)."""
    return assessment
