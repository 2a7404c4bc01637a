"""Writes on exercises and home programs: proposal, clinician edits, clinic copies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from assessments.models import Assessment, FindingStatus
from patients.models import AuditAction, Clinic
from patients.services import audit_record
from reports.models import Exercise, HomeProgram, ProgramExercise
from reports.proposal import FindingForProgram, propose_program

DOSAGE_FIELDS = ("sets", "reps", "hold_seconds", "per_week", "per_day")
ITEM_FIELDS = (*DOSAGE_FIELDS, "side", "notes", "reason")
EXERCISE_FIELDS = (
    "name",
    "kind",
    "targets",
    *DOSAGE_FIELDS,
    "one_leg",
    "steps",
    "cue",
    "picture",
)


class RedFlagsUncleared(Exception):
    """No home program while a red flag stands uncleared (rules.md, Red flags)."""


class NoProgram(Exception):
    """The assessment has no proposed program yet."""


def clinic_catalogue(clinic: Clinic) -> dict[str, Exercise]:
    """Exercise code -> the exercise this clinic uses (its own copy first)."""
    return {e.code: e for e in Exercise.objects.catalogue_for(clinic)}


def resolve_exercise(clinic: Clinic, code: str) -> Exercise:
    exercise = Exercise.objects.catalogue_for(clinic).filter(code=code).first()
    if exercise is None:
        raise ValidationError({"exercise": f"No exercise with code {code!r} in this clinic."})
    return exercise


def _findings_for_program(assessment: Assessment) -> list[FindingForProgram]:
    return [
        FindingForProgram(f.code, f.side or None, tuple(f.strategies))
        for f in assessment.findings.exclude(status=FindingStatus.DISMISSED).order_by("position")
    ]


@transaction.atomic
def home_program_propose(*, assessment: Assessment, actor, channel: str = "api") -> HomeProgram:
    """Proposes (or re-proposes, replacing the items) the program from the findings."""
    assessment = (
        Assessment.objects.select_for_update().select_related("patient").get(pk=assessment.pk)
    )
    if assessment.red_flags_uncleared:
        raise RedFlagsUncleared(assessment.pk)
    catalogue = clinic_catalogue(assessment.patient.clinic)
    proposed = propose_program(
        _findings_for_program(assessment), {code: e.kind for code, e in catalogue.items()}
    )
    program, _ = HomeProgram.objects.get_or_create(
        assessment=assessment, defaults={"created_by": actor}
    )
    program.items.all().delete()
    ProgramExercise.objects.bulk_create(
        ProgramExercise(
            program=program,
            position=position,
            exercise=catalogue[item.exercise],
            side=item.side,
            reason=item.reason,
            **{f: getattr(catalogue[item.exercise], f) for f in DOSAGE_FIELDS},
        )
        for position, item in enumerate(proposed)
    )
    program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=program,
        patient=assessment.patient,
        detail=f"{len(proposed)} exercises proposed",
        channel=channel,
    )
    return program


def _check_item(item: ProgramExercise) -> None:
    item.full_clean(exclude=["program", "exercise"])


@transaction.atomic
def program_item_add(
    *, program: HomeProgram, actor, exercise: Exercise, channel: str = "api", **fields
) -> ProgramExercise:
    last = program.items.aggregate(last=Max("position"))["last"]
    item = ProgramExercise(
        program=program,
        exercise=exercise,
        position=0 if last is None else last + 1,
        **{f: getattr(exercise, f) for f in DOSAGE_FIELDS},
    )
    for key in ITEM_FIELDS:
        if key in fields:
            setattr(item, key, fields[key])
    _check_item(item)
    item.save()
    program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=program,
        patient=program.patient,
        detail=f"added {exercise.code}",
        channel=channel,
    )
    return item


@transaction.atomic
def program_item_update(
    *, item: ProgramExercise, actor, channel: str = "api", **fields
) -> ProgramExercise:
    changed = [k for k in ITEM_FIELDS if k in fields and getattr(item, k) != fields[k]]
    if "exercise" in fields and fields["exercise"] != item.exercise:
        item.exercise = fields["exercise"]
        changed.append("exercise")
    for key in changed:
        if key != "exercise":
            setattr(item, key, fields[key])
    _check_item(item)
    item.save()
    item.program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.program,
        patient=item.program.patient,
        detail=f"changed {item.exercise.code}: {', '.join(changed)}",
        channel=channel,
    )
    return item


@transaction.atomic
def program_item_remove(*, item: ProgramExercise, actor, channel: str = "api") -> None:
    """Takes an exercise out of the plan; the audit trail keeps what it was."""
    program = item.program
    detail = (
        f"removed {item.exercise.code} ({item.sets}x{item.reps}, hold {item.hold_seconds}s,"
        f" {item.per_week}/week, side {item.side})"
    )
    item.delete()
    program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=program,
        patient=program.patient,
        detail=detail,
        channel=channel,
    )


@transaction.atomic
def exercise_create(*, clinic: Clinic, actor, **fields) -> Exercise:
    exercise = Exercise(
        clinic=clinic, **{k: v for k, v in fields.items() if k in (*EXERCISE_FIELDS, "code")}
    )
    exercise.full_clean()
    exercise.save()
    return exercise


@transaction.atomic
def exercise_update(*, exercise: Exercise, clinic: Clinic, actor, **fields) -> Exercise:
    """Edits the clinic's own exercise; an edit of a shipped one makes the clinic's copy."""
    if exercise.is_shipped:
        copy = Exercise.objects.filter(clinic=clinic, code=exercise.code).first()
        if copy is None:
            copy = Exercise(
                clinic=clinic,
                code=exercise.code,
                based_on=exercise,
                **{f: getattr(exercise, f) for f in EXERCISE_FIELDS},
            )
        exercise = copy
    for key, value in fields.items():
        if key in EXERCISE_FIELDS:
            setattr(exercise, key, value)
    exercise.full_clean()
    exercise.save()
    return exercise
