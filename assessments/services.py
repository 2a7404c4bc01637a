"""Every write on assessments: create, edit, measurements, archive; all attributable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from django.db import transaction
from django.utils import timezone

from assessments import catalogue, rules
from assessments.models import (
    Assessment,
    AssessmentStatus,
    ExamTemplate,
    Finding,
    FindingStatus,
    Measurement,
)
from assessments.rule_input import assessment_input
from patients.errors import Conflict, Invalid, check_version, next_version, validated
from patients.models import AuditAction, Patient
from patients.roles import Right, require
from patients.services import audit_record, field_changes

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


STORED_PLACES = Decimal("0.000001")
AUTOMATIC_STATUSES = (FindingStatus.PROPOSED, FindingStatus.TO_CONFIRM)
FINDING_ENGINE_FIELDS = [
    "position",
    "severity",
    "evidence",
    "value",
    "value_positive",
    "threshold",
    "unit",
    "explanation",
    "patient_text",
    "source",
    "strategies",
    "referral_tier",
    "status",
]
MEASUREMENT_COPY_FIELDS = (
    "code",
    "side",
    "value",
    "positive",
    "unit",
    "method",
    "entered_value",
    "entered_unit",
    "note",
)
# What a follow-up copies of the visit it follows (progress.md); values start empty.
FOLLOW_UP_FIELDS = ("body_mass_kg", "height_cm")
FOLLOW_UP_MEASUREMENT_FIELDS = ("code", "side", "unit", "method", "entered_unit")
CLEARANCE_FIELDS = (
    "red_flags_cleared_at",
    "red_flags_cleared_by",
    "red_flags_clearance_reason",
    "red_flags_cleared_for",
)


class AssessmentIsFinal(Conflict):
    message = "This assessment is final and cannot be changed. Amend it to make corrections."


class AssessmentAlreadyFinal(Conflict):
    message = "This assessment is already final."


class AssessmentNotFinal(Conflict):
    message = "Only a final assessment can be amended."


class AmendmentAlreadyOpen(Conflict):
    message = "This assessment already has an open amendment; finish or archive that draft first."


class NothingToClear(Conflict):
    message = "There is no uncleared red flag on this assessment."


class FollowUpOfArchivedPatient(Conflict):
    message = "This patient is archived; restore them before recording a follow-up visit."


class FollowUpOfArchivedVisit(Conflict):
    message = "This visit is archived; start the follow-up from one of the patient's visits."


class PatientIsArchived(Invalid):
    field = "patient"
    message = "This patient is archived; restore them before recording an assessment."


@dataclass(frozen=True)
class MeasurementEntry:
    """A measurement checked against the catalogue, with the clinician's note."""

    measurement: catalogue.NormalizedMeasurement
    note: str = ""


def duplicate_measurements(entries: list[MeasurementEntry]) -> list[str | None]:
    """Per entry, the message when its code and side came earlier in the list, else None."""
    seen: set[tuple[str, str]] = set()
    messages: list[str | None] = []
    for entry in entries:
        key = (entry.measurement.code, entry.measurement.side)
        label = catalogue.MEASUREMENT_TYPES[key[0]].label
        messages.append(
            f"{label} ({key[1]}) is already in this assessment; each test and side may appear once."
            if key in seen
            else None
        )
        seen.add(key)
    return messages


def check_measurement_count(entries: list[MeasurementEntry]) -> None:
    if len(entries) > catalogue.MAX_MEASUREMENTS_PER_ASSESSMENT:
        raise Invalid(errors={"measurements": [catalogue.TOO_MANY_MEASUREMENTS]})


def _check_unique(entries: list[MeasurementEntry]) -> None:
    check_measurement_count(entries)
    messages = duplicate_measurements(entries)
    if any(messages):
        errors = [{"code": [m]} if m else {} for m in messages]
        raise Invalid(errors={"measurements": errors})


def _replace_measurements(
    assessment: Assessment, entries: list[MeasurementEntry], *, new: bool = False
) -> None:
    """Stores the list as the assessment's measurements (nothing to delete on a new one) and
    keeps the rows on the instance while the write lasts, so the engine reads no query."""
    _check_unique(entries)
    if not new:
        assessment.measurements.all().delete()
    rows = []
    for entry in entries:
        row = Measurement(assessment=assessment, note=entry.note)
        row.apply(entry.measurement)
        # Rounded here as the column stores them, so the rows kept in memory are the rows read.
        row.value, row.entered_value = _as_stored(row.value), _as_stored(row.entered_value)
        rows.append(row)
    _remember(assessment, "measurements", Measurement.objects.bulk_create(rows))


def _remember(assessment: Assessment, relation: str, rows: list) -> None:
    """Caches rows just written as if prefetched (`assessment.<relation>.all()` reads them)."""
    queryset = getattr(assessment, relation).all()
    queryset._result_cache, queryset._prefetch_done = list(rows), True
    assessment.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


def _forget(assessment: Assessment) -> Assessment:
    """Drops what `_remember` kept: the caller's later reads see the database."""
    assessment.__dict__.pop("_prefetched_objects_cache", None)
    return assessment


def ensure_draft(assessment: Assessment) -> None:
    """Final is read-only: the one place that says so."""
    if assessment.is_final:
        raise AssessmentIsFinal()


def ensure_flags_to_clear(assessment: Assessment) -> None:
    if not assessment.red_flags_uncleared:
        raise NothingToClear()


def _locked(assessment: Assessment) -> Assessment:
    """The row as it is now, locked until the transaction ends (a landed finalize shows).

    Only the assessment's row: a patient's change locks the patient, then their drafts, so
    locking the patient here too would deadlock with it.
    """
    locked = Assessment.objects.select_for_update(no_key=True, of=("self",))
    return locked.select_related("patient").get(pk=assessment.pk)


def recorded_state(assessment: Assessment) -> dict[str, list[str]]:
    """The measurements (as entered) and findings of an assessment, in words, so the audit
    trail shows what a write added or removed, including findings a recompute removed."""
    measurements = sorted(assessment.measurements.all(), key=lambda m: m.sort_key)
    findings = assessment.findings.order_by("position", "id")
    return {
        "measurements": [f"{m.code} {m.side}: {m.display_value}" for m in measurements],
        "findings": [f"{f.code} {f.side}".strip() + f" ({f.status})" for f in findings],
    }


def state_changes(before: dict, after: dict) -> dict:
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}


def _current_flag_codes(fields: dict) -> dict:
    """New input stores a red flag under its 2026.2 code (neurological_loss is an alias)."""
    if isinstance(fields.get("red_flags"), list):
        return {**fields, "red_flags": [catalogue.red_flag_code(f) for f in fields["red_flags"]]}
    return fields


@transaction.atomic
def assessment_create(
    *,
    actor,
    patient: Patient,
    measurements: list[MeasurementEntry] | None = None,
    channel: str = "api",
    **fields,
) -> Assessment:
    patient = Patient.objects.select_for_update().get(pk=patient.pk)
    require(actor, Right.CLINICAL, patient.clinic_id)
    if patient.is_archived:
        raise PatientIsArchived()
    fields = _current_flag_codes(fields)
    assessment = Assessment(
        patient=patient,
        clinic_id=patient.clinic_id,
        clinician=actor,
        **{k: v for k, v in fields.items() if k in ASSESSMENT_FIELDS},
    )
    # The patient was just read under lock, its clinic and the actor are known rows.
    validated(assessment, exclude=["patient", "clinic", "clinician"])
    _check_unique(measurements or [])
    assessment.save()
    _replace_measurements(assessment, measurements or [], new=True)
    _remember(assessment, "findings", [])  # a new assessment has none yet
    assessment_recompute(assessment=assessment)
    given = {k: [None, getattr(assessment, k)] for k in ASSESSMENT_FIELDS if k in fields}
    changes = {**given, **state_changes({}, recorded_state(assessment))}
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=assessment, changes=changes, channel=channel
    )
    return _forget(assessment)


@transaction.atomic
def assessment_update(
    *,
    actor,
    assessment: Assessment,
    measurements: list[MeasurementEntry] | None = None,
    channel: str = "api",
    expected_version: int | None = None,
    **fields,
) -> Assessment:
    """Changes a draft; a given measurement list replaces the old one as a whole."""
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    ensure_draft(assessment)  # the state first: reloading would not make the edit possible
    check_version(assessment, expected_version)
    fields = _current_flag_codes(fields)
    changed = [
        k for k, v in fields.items() if k in ASSESSMENT_FIELDS and getattr(assessment, k) != v
    ]
    changes = field_changes(assessment, fields, changed)
    before = recorded_state(assessment)
    for key in changed:
        setattr(assessment, key, fields[key])
    validated(assessment)
    if changed:
        assessment.save(update_fields=[*changed, "updated_at"])
    if measurements is not None:
        _replace_measurements(assessment, measurements)
        changed.append("measurements")
    assessment_recompute(assessment=assessment)
    changes.update(state_changes(before, recorded_state(assessment)))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assessment,
        detail=", ".join(changed),
        changes=changes,
        channel=channel,
    )
    return _forget(assessment)


@transaction.atomic
def assessment_measurements_upsert(
    *,
    actor,
    assessment: Assessment,
    entries: list[MeasurementEntry],
    deletions: list[tuple[str, str]],
    channel: str = "api",
    expected_version: int | None = None,
) -> Assessment:
    """Records each entry in place of the same code and side (or adds it), removes the
    (code, side) pairs in `deletions` (absent ones are no-ops), and leaves the other
    measurements of the draft alone; findings and metrics are recomputed."""
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    check_version(assessment, expected_version)
    ensure_draft(assessment)
    keys = [(e.measurement.code, e.measurement.side) for e in entries]
    if len(set(keys) | set(deletions)) != len(keys) + len(set(deletions)):
        raise Invalid(errors={"measurements": ["Each test and side may appear once."]})
    before = recorded_state(assessment)
    rows = {(m.code, m.side): m for m in assessment.measurements.all()}
    removed = [rows[key].pk for key in deletions if key in rows]
    Measurement.objects.filter(pk__in=removed).delete()
    for key, entry in zip(keys, entries, strict=True):
        row = rows.get(key) or Measurement(assessment=assessment)
        row.apply(entry.measurement)
        row.note = entry.note
        row.save()
    assessment.save(update_fields=["updated_at"])
    assessment_recompute(assessment=assessment)
    changed = [f"{code} {side}" for code, side in keys]
    gone = [f"{code} {side} removed" for code, side in deletions]
    detail = "measurements: " + ", ".join([*changed, *gone])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=assessment,
        detail=detail,
        changes=state_changes(before, recorded_state(_forget(assessment))),
        channel=channel,
    )
    return assessment


@transaction.atomic
def assessment_archive(
    *, actor, assessment: Assessment, channel: str = "api", expected_version: int | None = None
) -> Assessment:
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    ensure_draft(assessment)
    check_version(assessment, expected_version)
    if assessment.archived_at is None:
        assessment.archived_at = timezone.now()
        assessment.save(update_fields=["archived_at", *next_version(assessment), "updated_at"])
    changes = {"archived_at": [None, assessment.archived_at]}
    audit_record(
        actor=actor, action=AuditAction.ARCHIVE, obj=assessment, changes=changes, channel=channel
    )
    return assessment


def _stored_decimal(value: Decimal) -> Decimal:
    return value.quantize(STORED_PLACES, rounding=ROUND_HALF_EVEN)


def _as_stored(value: Decimal | None) -> Decimal | None:
    return None if value is None else _stored_decimal(value)


def metric_as_json(metric: rules.Metric) -> dict:
    """A metric as stored, with the rule cut-offs that apply to it and whether each fired."""
    return {
        "code": metric.code,
        "measurement": metric.measurement,
        "side": metric.side,
        "value": str(_stored_decimal(metric.value)),
        "unit": metric.unit,
        "cutoffs": [
            {
                "rule": cutoff.rule,
                "comparison": cutoff.comparison,
                "value": str(cutoff.value),
                "source": cutoff.source,
                "crossed": cutoff.crossed,
                "condition": cutoff.condition,
            }
            for cutoff in metric.cutoffs
        ],
        "crossed": metric.crossed,
    }


def initial_status(evidence: str) -> str:
    """Grade C findings wait for the clinician; A and B are proposed (rules.md)."""
    return FindingStatus.TO_CONFIRM if evidence == "C" else FindingStatus.PROPOSED


def _fill_finding(row: Finding, finding: rules.Finding, position: int) -> Finding:
    row.position = position
    row.severity, row.evidence = finding.severity, finding.evidence
    if isinstance(finding.value, bool):
        row.value, row.value_positive = None, finding.value
    else:
        row.value = None if finding.value is None else _stored_decimal(finding.value)
        row.value_positive = None
    row.threshold = None if finding.threshold is None else _stored_decimal(finding.threshold)
    row.unit = finding.unit or ""
    row.explanation, row.patient_text = finding.explanation, finding.patient_text
    row.source, row.strategies = finding.source, list(finding.strategies)
    row.referral_tier = finding.referral_tier or ""
    if row.status in AUTOMATIC_STATUSES:
        row.status = initial_status(finding.evidence)
    return row


def _refilled(row: Finding, finding: rules.Finding, position: int) -> Finding:
    """Refills a finding that still fires; its version moves only when something changed."""
    before = [getattr(row, f) for f in FINDING_ENGINE_FIELDS]
    _fill_finding(row, finding, position)
    if [getattr(row, f) for f in FINDING_ENGINE_FIELDS] != before:
        next_version(row)
    return row


def _sync_findings(assessment: Assessment, findings: tuple[rules.Finding, ...]) -> None:
    """Stores the engine's findings; one still firing keeps its id, status and note."""
    existing = {(f.code, f.side): f for f in assessment.findings.all()}
    fresh, kept = [], []
    for position, finding in enumerate(findings):
        row = existing.pop((finding.code, finding.side or ""), None)
        if row is None:
            row = Finding(assessment=assessment, code=finding.code, side=finding.side or "")
            row.status = initial_status(finding.evidence)
            fresh.append(_fill_finding(row, finding, position))
        else:
            kept.append(_refilled(row, finding, position))
    if existing:
        Finding.objects.filter(pk__in=[f.pk for f in existing.values()]).delete()
    Finding.objects.bulk_update(kept, [*FINDING_ENGINE_FIELDS, "version"])
    Finding.objects.bulk_create(fresh)


def assessment_recompute(*, assessment: Assessment) -> Assessment:
    """Derives metrics and findings of a draft from its current data (rules.md lifecycle)."""
    if assessment.is_final:
        return assessment
    evaluation = rules.evaluate(assessment_input(assessment))
    assessment.metrics = [metric_as_json(m) for m in evaluation.metrics]
    assessment.ruleset_version = evaluation.ruleset_version
    assessment.save(
        update_fields=["metrics", "ruleset_version", *next_version(assessment), "updated_at"]
    )
    _sync_findings(assessment, evaluation.findings)
    return assessment


def _placeholders(assessment: Assessment) -> list[Measurement]:
    return [m for m in assessment.measurements.all() if not m.is_recorded]


@transaction.atomic
def assessment_finalize(*, assessment: Assessment, actor, channel: str = "api") -> Assessment:
    """Locks the assessment: findings, their statuses and the ruleset version freeze."""
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    if assessment.is_final:
        raise AssessmentAlreadyFinal()
    # A copied test still without a value was not done at this visit: it is not kept.
    waiting = _placeholders(assessment)
    dropped = [f"{m.code} {m.side}" for m in sorted(waiting, key=lambda m: m.sort_key)]
    Measurement.objects.filter(pk__in=[m.pk for m in waiting]).delete()
    assessment_recompute(assessment=assessment)
    assessment.status = AssessmentStatus.FINAL
    assessment.finalized_at = timezone.now()
    assessment.finalized_by = actor
    assessment.save(
        update_fields=[
            "status",
            "finalized_at",
            "finalized_by",
            *next_version(assessment),
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.ACTION,
        obj=assessment,
        detail="finalized" + (f"; not measured, dropped: {', '.join(dropped)}" if dropped else ""),
        changes={
            "status": [AssessmentStatus.DRAFT, AssessmentStatus.FINAL],
            **({"measurements_dropped": [dropped, []]} if dropped else {}),
        },
        channel=channel,
    )
    return assessment


def _copy_measurements(source: Assessment, target: Assessment) -> None:
    Measurement.objects.bulk_create(
        Measurement(
            assessment=target,
            **{f: getattr(m, f) for f in MEASUREMENT_COPY_FIELDS},
        )
        for m in source.measurements.all()
    )


def _carry_decisions(source: Assessment, target: Assessment) -> None:
    decided = {
        (f.code, f.side): f
        for f in source.findings.filter(
            status__in=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED]
        )
    }
    carried = []
    for row in target.findings.all():
        old = decided.get((row.code, row.side))
        if old is not None:
            row.status, row.note = old.status, old.note
            row.decided_by_id, row.decided_at = old.decided_by_id, old.decided_at
            carried.append(row)
    Finding.objects.bulk_update(carried, ["status", "note", "decided_by", "decided_at"])


@transaction.atomic
def assessment_amend(*, assessment: Assessment, actor, channel: str = "api") -> Assessment:
    """A new draft copy of a final assessment, on the current ruleset, decisions carried."""
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    if not assessment.is_final:
        raise AssessmentNotFinal()
    if assessment.amendments.filter(
        status=AssessmentStatus.DRAFT, archived_at__isnull=True
    ).exists():
        raise AmendmentAlreadyOpen()
    copy = Assessment.objects.create(
        patient=assessment.patient,
        clinic_id=assessment.clinic_id,
        clinician=actor,
        amends=assessment,
        **{f: getattr(assessment, f) for f in (*ASSESSMENT_FIELDS, *CLEARANCE_FIELDS)},
    )
    _copy_measurements(assessment, copy)
    assessment_recompute(assessment=copy)
    _carry_decisions(assessment, copy)
    copied = {k: [None, getattr(copy, k)] for k in ASSESSMENT_FIELDS}
    changes = {"amends": [None, assessment.pk], **copied}
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=copy,
        detail=f"amends assessment {assessment.pk}",
        changes={**changes, **state_changes({}, recorded_state(_forget(copy)))},
        channel=channel,
    )
    return copy


def _follow_up_date(source: Assessment, assessed_on: date | None) -> date:
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on < source.assessed_on:
        raise Invalid(
            f"A follow-up cannot be dated before the visit it follows ({source.assessed_on}).",
            field="assessed_on",
        )
    return assessed_on


@transaction.atomic
def assessment_follow_up(
    *, assessment: Assessment, actor, assessed_on: date | None = None, channel: str = "api"
) -> Assessment:
    """The patient's next visit as a draft: body mass, height and the tests recorded at
    `assessment` (codes, sides, methods, units as entered) with empty values; pain, sites,
    red flags and notes start empty; findings are computed afresh (progress.md)."""
    source = _locked(assessment)
    require(actor, Right.CLINICAL, source.clinic_id)
    if source.patient.is_archived:
        raise FollowUpOfArchivedPatient()
    if source.archived_at is not None:
        raise FollowUpOfArchivedVisit()
    visit = Assessment(
        patient=source.patient,
        clinic_id=source.clinic_id,
        clinician=actor,
        assessed_on=_follow_up_date(source, assessed_on),
        **{f: getattr(source, f) for f in FOLLOW_UP_FIELDS},
    )
    validated(visit, exclude=["patient", "clinic", "clinician"])
    visit.save()
    rows = [
        Measurement(assessment=visit, **{f: getattr(m, f) for f in FOLLOW_UP_MEASUREMENT_FIELDS})
        for m in sorted(source.measurements.all(), key=lambda m: m.sort_key)
    ]
    _remember(visit, "measurements", Measurement.objects.bulk_create(rows))
    _remember(visit, "findings", [])
    assessment_recompute(assessment=visit)
    given = {f: [None, getattr(visit, f)] for f in ("assessed_on", *FOLLOW_UP_FIELDS)}
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=visit,
        detail=f"follow-up of assessment {source.pk}",
        changes={**given, **state_changes({}, recorded_state(visit))},
        channel=channel,
    )
    return _forget(visit)


DECISIONS = (FindingStatus.CONFIRMED, FindingStatus.DISMISSED)


def decision_checked(status: str, note: str) -> str:
    """The clinician's decision rule: confirm or dismiss, and a dismissal says why.

    Returns the note as stored; raises Invalid naming the field otherwise.
    """
    if status not in DECISIONS:
        raise Invalid("Confirm or dismiss the finding to record a decision.", field="status")
    note = (note or "").strip()
    if status == FindingStatus.DISMISSED and not note:
        raise Invalid("A dismissal needs a note saying why.", field="note")
    return note


@transaction.atomic
def finding_decide(
    *,
    finding: Finding,
    actor,
    status: str,
    note: str = "",
    channel: str = "api",
    expected_version: int | None = None,
) -> Finding:
    """The clinician confirms or dismisses a finding; a dismissal needs a note."""
    assessment = _locked(finding.assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    finding.assessment = assessment
    ensure_draft(assessment)
    check_version(finding, expected_version)
    note = decision_checked(status, note)
    changes = {"status": [finding.status, status], "note": [finding.note, note]}
    finding.status, finding.note = status, note
    finding.decided_by, finding.decided_at = actor, timezone.now()
    finding.save(
        update_fields=["status", "note", "decided_by", "decided_at", *next_version(finding)]
    )
    # Combined findings follow the decision (rules.md: a dismissed part removes them).
    assessment_recompute(assessment=finding.assessment)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=finding,
        patient=assessment.patient,
        detail=f"{finding.code}: {status}",
        changes=changes,
        channel=channel,
    )
    return finding


@transaction.atomic
def red_flags_clear(
    *, assessment: Assessment, actor, reason: str, channel: str = "api"
) -> Assessment:
    """Records that the patient is cleared for exercise despite the flags present now."""
    assessment = _locked(assessment)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    reason = (reason or "").strip()
    ensure_flags_to_clear(assessment)
    if not reason:
        raise Invalid("Give the reason the patient is cleared for exercise.", field="reason")
    old = clearance_state(assessment)
    assessment.red_flags_cleared_at = timezone.now()
    assessment.red_flags_cleared_by = actor
    assessment.red_flags_clearance_reason = reason
    assessment.red_flags_cleared_for = list(assessment.red_flags)
    assessment.save(update_fields=[*CLEARANCE_FIELDS, *next_version(assessment), "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ACTION,
        obj=assessment,
        detail="red flags cleared",
        changes=state_changes(old, clearance_state(assessment)),
        channel=channel,
    )
    return assessment


def clearance_state(assessment: Assessment) -> dict:
    return {
        "red_flags_cleared_at": assessment.red_flags_cleared_at,
        "red_flags_cleared_by": getattr(assessment.red_flags_cleared_by, "username", None),
        "red_flags_clearance_reason": assessment.red_flags_clearance_reason,
        "red_flags_cleared_for": list(assessment.red_flags_cleared_for or []),
    }


def drafts_recompute_for_patient(*, patient: Patient, actor=None, channel: str = "api") -> None:
    """The rules read sex and age, so a patient's drafts follow changes to them; a draft whose
    findings change records them, on behalf of whoever changed the patient."""
    drafts = Assessment.objects.select_for_update().filter(
        patient=patient, status=AssessmentStatus.DRAFT
    )
    for assessment in drafts:
        assessment.patient = patient
        before = recorded_state(assessment)
        assessment_recompute(assessment=assessment)
        changes = state_changes(before, recorded_state(_forget(assessment)))
        if changes:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=assessment,
                detail="recomputed: the patient's sex or date of birth changed",
                changes=changes,
                channel=channel,
            )


@transaction.atomic
def exam_template_save(
    *,
    actor,
    template: ExamTemplate | None,
    clinic,
    name: str,
    codes: list[str],
    channel: str = "api",
) -> ExamTemplate:
    """Creates or changes a clinic's exam-sheet template (shipped ones are not changed)."""
    if template is not None:
        template = ExamTemplate.objects.select_for_update().get(pk=template.pk)
        if template.clinic_id is None:
            raise Invalid("A shipped template cannot be changed; make one for your clinic.")
        clinic = template.clinic
    if clinic is None:
        raise Invalid("Choose the clinic this template belongs to.", field="clinic")
    require(actor, Right.CLINICAL, clinic.pk)
    action = AuditAction.CREATE if template is None else AuditAction.UPDATE
    old = {"name": None, "codes": None} if template is None else {
        "name": template.name, "codes": list(template.codes)
    }  # fmt: skip
    template = template or ExamTemplate(clinic=clinic)
    ordered = [c for c in catalogue.MEASUREMENT_TYPES if c in set(codes)]
    template.name, template.codes = name.strip(), ordered
    validated(template)
    taken = ExamTemplate.objects.filter(clinic=clinic, name=template.name).exclude(pk=template.pk)
    if taken.exists():
        raise Invalid("Your clinic already has a template of this name.", field="name")
    template.save()
    new = {"name": template.name, "codes": template.codes}
    audit_record(
        actor=actor, action=action, obj=template, changes=state_changes(old, new), channel=channel
    )
    return template
