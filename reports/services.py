"""Writes on exercises and home programs: proposal, clinician edits, clinic copies."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from assessments import services as assessment_services
from assessments.models import Assessment
from patients.errors import Conflict, Invalid, check_version, next_version, validated
from patients.models import AuditAction, Clinic
from patients.roles import Right, require
from patients.services import audit_record, clinic_for_new_record, field_changes
from progress import services as progress_services
from reports import printing
from reports.handouts import handout_data, handout_ready, printable
from reports.models import (
    DOSAGE_FIELDS,
    Exercise,
    HomeProgram,
    IssuedHandout,
    ItemResponse,
    ItemResponseChoice,
    ProgramExercise,
    scaled_picture,
)
from reports.pdf.data import PageSize
from reports.proposal import (
    Dosage,
    ExerciseFacts,
    FindingForProgram,
    ProposedItem,
    propose_program,
)
from reports.proposal_follow_up import EarlierItem, propose_follow_up
from reports.selectors import previous_program_of

ITEM_FIELDS = (*DOSAGE_FIELDS, "side", "notes", "reason")
PROGRAM_FIELDS = ("weeks_until_next_visit", "show_understanding_page")  # the handout settings
EXERCISE_FIELDS = (
    "name",
    "kind",
    "targets",
    *DOSAGE_FIELDS,
    "one_leg",
    "steps",
    "cue",
    "easier",
    "harder",
    "picture",
)


class RedFlagsUncleared(Conflict):
    """No home program while a red flag stands uncleared (rules.md, Red flags)."""

    message = (
        "A red flag stands uncleared: refer the patient, or record a clearance "
        "(clear-red-flags) before proposing a home program."
    )


class NoRedFlags(Conflict):
    """A referral letter needs red flags (api.md: 409 when there are none)."""

    message = "This assessment has no red flags: there is nothing to refer."


class ProgramHasResponses(Conflict):
    """A follow-up rated these items: they stay as rated (ItemResponse protects them)."""

    message = (
        "A later visit recorded how these exercises went, so this program cannot be proposed "
        "again; change its items one by one instead."
    )


class ItemHasResponses(Conflict):
    message = (
        "A later visit recorded how this exercise went, so it cannot be removed; change its "
        "dosage instead."
    )


class NoProgram(Conflict):
    message = (
        "No home program has been proposed for this assessment yet: POST to its program/ first."
    )


def clinic_catalogue(clinic: Clinic) -> dict[str, Exercise]:
    """Exercise code -> the exercise this clinic uses (its own copy first)."""
    return {e.code: e for e in Exercise.objects.catalogue_for(clinic)}


def resolve_exercise(clinic: Clinic, code: str) -> Exercise:
    exercise = Exercise.objects.catalogue_for(clinic).filter(code=code).first()
    if exercise is None:
        raise Invalid(f"No exercise with code {code!r} in this clinic.", field="exercise")
    return exercise


def _findings_for_program(assessment: Assessment) -> list[FindingForProgram]:
    """Every finding with its grade and status; the proposal keeps the driving ones."""
    return [
        FindingForProgram(f.code, f.side or None, tuple(f.strategies), f.evidence, f.status)
        for f in assessment.findings.order_by("position", "id")
    ]


def dosage_of(row: Exercise | ProgramExercise) -> Dosage:
    return Dosage(row.sets, row.reps, row.hold_seconds, row.per_week, row.per_day)


def _facts(catalogue: dict[str, Exercise]) -> dict[str, ExerciseFacts]:
    return {
        code: ExerciseFacts(e.kind, e.one_leg, e.easier, e.harder, dosage_of(e))
        for code, e in catalogue.items()
    }


def earlier_items(previous: HomeProgram, visit: Assessment) -> list[EarlierItem]:
    """The previous program's items as plain data, each with the response `visit` recorded."""
    responses = {r.item_id: r.response for r in visit.item_responses.all()}
    return [
        EarlierItem(
            exercise=item.exercise.code,
            dosage=dosage_of(item),
            side=item.side,
            notes=item.notes,
            reason=tuple(item.reason),
            response=responses.get(item.pk),
        )
        for item in previous.items.select_related("exercise").order_by("position", "id")
    ]


def _proposed(assessment: Assessment, catalogue: dict[str, Exercise]) -> list[ProposedItem]:
    """Steps 1-6 from the findings; a follow-up starts from the previous program (step 7)."""
    findings, facts = _findings_for_program(assessment), _facts(catalogue)
    previous = previous_program_of(assessment)
    if previous is None:
        return propose_program(findings, facts, assessment.pain_nprs)
    return propose_follow_up(findings, facts, earlier_items(previous, assessment))


def _dosage_fields(dosage: Dosage) -> dict[str, int]:
    return {f: getattr(dosage, f) for f in DOSAGE_FIELDS}


@transaction.atomic
def home_program_propose(*, assessment: Assessment, actor, channel: str = "api") -> HomeProgram:
    """Proposes (or re-proposes, replacing the items) the program from the findings."""
    locked = Assessment.objects.select_for_update(no_key=True, of=("self",))
    assessment = locked.select_related("patient").get(pk=assessment.pk)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    if assessment.red_flags_uncleared:
        raise RedFlagsUncleared()
    catalogue = clinic_catalogue(assessment.patient.clinic)
    proposed = _proposed(assessment, catalogue)
    program, _ = HomeProgram.objects.get_or_create(
        assessment=assessment, defaults={"created_by": actor}
    )
    if ItemResponse.objects.filter(item__program=program).exists():
        raise ProgramHasResponses()
    before = item_words(program)
    program.items.all().delete()
    ProgramExercise.objects.bulk_create(
        ProgramExercise(
            program=program,
            position=position,
            exercise=catalogue[item.exercise],
            side=item.side,
            reason=item.reason,
            notes=item.notes,
            **_dosage_fields(item.dosage or dosage_of(catalogue[item.exercise])),
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
        changes={"items": [before, item_words(program)]},
        channel=channel,
    )
    return program


@transaction.atomic
def handout_issue(
    *, assessment: Assessment, actor, page_size: PageSize, channel: str = "api"
) -> IssuedHandout:
    """Prints the handout and keeps what was handed out: a new numbered version when the
    printed bytes differ from the last one, the same version when they are identical."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    printed = printable(Assessment.objects.filter(pk=assessment.pk), measurements=False).get()
    if not handout_ready(printed):
        raise NoProgram()
    data = handout_data(printed, page_size=page_size)
    content = printing.handout_pdf(data)  # cached by its data: a reprint renders nothing
    digest = hashlib.sha256(content).hexdigest()
    last = assessment.issued_handouts.order_by("-number").first()
    issued = last
    if last is None or last.sha256 != digest:
        issued = IssuedHandout.objects.create(
            assessment=assessment,
            number=1 if last is None else last.number + 1,
            issued_by=actor,
            page_size=page_size,
            sha256=digest,
            content=content,
            exercises=[exercise.name for exercise in data.exercises],
        )
    assert issued is not None
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=assessment,
        detail="handout.pdf",
        changes={"issued_version": [None, issued.number]},
        channel=channel,
    )
    return issued


@transaction.atomic
def home_program_update(
    *, program: HomeProgram, actor, channel: str = "api", **fields
) -> HomeProgram:
    """Changes the program's handout settings (PROGRAM_FIELDS); the items have their own
    services."""
    program = _locked_program(program, actor)
    changed = [k for k in PROGRAM_FIELDS if k in fields and getattr(program, k) != fields[k]]
    changes = field_changes(program, fields, changed)
    for key in changed:
        setattr(program, key, fields[key])
    validated(program, exclude=["assessment", "created_by"])
    program.save(update_fields=[*changed, "updated_at"])
    if changed:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=program,
            patient=program.patient,
            detail=f"changed {', '.join(changed)}",
            changes=changes,
            channel=channel,
        )
    return program


def item_text(item: ProgramExercise) -> str:
    """An item as the audit trail keeps it: exercise, dosage and side."""
    return (
        f"{item.exercise.code} ({item.sets}x{item.reps}, hold {item.hold_seconds}s,"
        f" {item.per_week}/week, {item.per_day}/day, side {item.side})"
    )


def item_words(program: HomeProgram) -> list[str]:
    return [item_text(item) for item in program.items.select_related("exercise")]


def _check_item(item: ProgramExercise) -> None:
    validated(item, exclude=["program", "exercise"])


def _locked_program(program: HomeProgram, actor) -> HomeProgram:
    """Locks the program, so concurrent edits of its items queue (positions stay unique).

    Only the program's row: a re-proposal locks the assessment, then writes the program's
    items, so locking the assessment here too would deadlock with it.
    """
    locked = HomeProgram.objects.select_for_update(no_key=True, of=("self",))
    program = locked.select_related("assessment__patient").get(pk=program.pk)
    require(actor, Right.CLINICAL, program.assessment.clinic_id)
    return program


def _locked_item(item: ProgramExercise) -> ProgramExercise:
    """The item's row only: its exercise (often a shipped one) is shared by every program."""
    locked = ProgramExercise.objects.select_for_update(of=("self",))
    return locked.select_related("exercise").get(pk=item.pk)


@transaction.atomic
def program_item_add(
    *, program: HomeProgram, actor, exercise: Exercise, channel: str = "api", **fields
) -> ProgramExercise:
    program = _locked_program(program, actor)
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
        changes={"items": [None, item_text(item)]},
        channel=channel,
    )
    return item


@transaction.atomic
def program_item_update(
    *,
    item: ProgramExercise,
    actor,
    channel: str = "api",
    expected_version: int | None = None,
    **fields,
) -> ProgramExercise:
    program = _locked_program(item.program, actor)
    item = _locked_item(item)
    check_version(item, expected_version)
    item.program = program
    changed = [k for k in ITEM_FIELDS if k in fields and getattr(item, k) != fields[k]]
    changes = field_changes(item, fields, changed)
    if "exercise" in fields and fields["exercise"] != item.exercise:
        changes["exercise"] = [item.exercise.code, fields["exercise"].code]
        item.exercise = fields["exercise"]
        changed.append("exercise")
    for key in changed:
        if key != "exercise":
            setattr(item, key, fields[key])
    _check_item(item)
    if changed:
        item.save(update_fields=[*changed, *next_version(item)])
    program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.program,
        patient=item.program.patient,
        detail=f"changed {item.exercise.code}: {', '.join(changed)}",
        changes=changes,
        channel=channel,
    )
    return item


@transaction.atomic
def program_item_remove(
    *, item: ProgramExercise, actor, channel: str = "api", expected_version: int | None = None
) -> None:
    """Takes an exercise out of the plan; the audit trail keeps what it was."""
    program = _locked_program(item.program, actor)
    item = _locked_item(item)
    check_version(item, expected_version)
    if item.responses.exists():
        raise ItemHasResponses()
    detail = f"removed {item_text(item)}"
    changes = {"items": [item_text(item), None]}
    item.delete()
    program.save(update_fields=["updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=program,
        patient=program.patient,
        detail=detail,
        changes=changes,
        channel=channel,
    )


def _check_ladder(exercise: Exercise) -> None:
    """Easier and harder steps name other exercises of the clinic's catalogue (exercises.md)."""
    if not (exercise.easier or exercise.harder) or exercise.clinic is None:
        return
    known = set(Exercise.objects.catalogue_for(exercise.clinic).values_list("code", flat=True))
    for name in ("easier", "harder"):
        code = getattr(exercise, name)
        if code and (code not in known or code == exercise.code):
            raise Invalid(
                f"{code!r} is not another exercise of this clinic's catalogue.", field=name
            )


def _save_exercise(exercise: Exercise) -> Exercise:
    validated(exercise)
    _check_ladder(exercise)
    if exercise.picture and not getattr(exercise.picture, "_committed", True):
        exercise.picture = scaled_picture(exercise.picture)
    exercise.save()
    return exercise


@transaction.atomic
def exercise_create(*, actor, clinic: Clinic | None = None, **fields) -> Exercise:
    """A clinic's own exercise, in the clinic named (one of the user's) or their only one."""
    clinic = clinic_for_new_record(actor=actor, clinic=clinic)
    require(actor, Right.CLINICAL, clinic.pk)
    exercise = Exercise(
        clinic=clinic, **{k: v for k, v in fields.items() if k in (*EXERCISE_FIELDS, "code")}
    )
    return _save_exercise(exercise)


@transaction.atomic
def exercise_update(*, exercise: Exercise, clinic: Clinic, actor, **fields) -> Exercise:
    """Edits the clinic's own exercise; an edit of a shipped one makes the clinic's copy."""
    require(actor, Right.CLINICAL, clinic.pk)
    if exercise.is_shipped:
        copy = (
            Exercise.objects.select_for_update().filter(clinic=clinic, code=exercise.code).first()
        )
        if copy is None:
            copy = Exercise(
                clinic=clinic,
                code=exercise.code,
                based_on=exercise,
                **{f: getattr(exercise, f) for f in EXERCISE_FIELDS},
            )
        exercise = copy
    else:
        exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
    for key, value in fields.items():
        if key in EXERCISE_FIELDS:
            setattr(exercise, key, value)
    return _save_exercise(exercise)


@dataclass(frozen=True)
class ItemResponseEntry:
    """A response to one item of the previous program, as the serializer or admin read it."""

    item_id: int
    response: str
    days_done_per_week: int | None = None


def response_text(response: ItemResponse) -> str:
    """A response as the audit trail keeps it: item, exercise, response and days done."""
    days = response.days_done_per_week
    done = "" if days is None else f", {days} days a week"
    return f"item {response.item_id} {response.item.exercise.code}: {response.response}{done}"


def _item_refusal(item_id: int, item: ProgramExercise | None, visit: Assessment, previous) -> str:
    if item is None:
        return f"There is no program item {item_id} in this clinic."
    if item.program.assessment.patient_id != visit.patient_id:
        return f"Item {item_id} ({item.exercise.name}) is on another patient's program."
    if previous is None:
        return (
            f"Item {item_id} ({item.exercise.name}) cannot be rated: this patient has no "
            "earlier visit with a home program."
        )
    return (
        f"Item {item_id} ({item.exercise.name}) is not on this patient's previous program "
        f"(the visit of {previous.assessment.assessed_on}); rate the items of that program."
    )


DAYS_DONE_MESSAGE = "Days done is a number of days a week, from 0 to 7."


def _entry_errors(entry: ItemResponseEntry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if entry.response not in ItemResponseChoice.values:
        allowed = ", ".join(f"{v} ({label})" for v, label in ItemResponseChoice.choices)
        errors["response"] = [f"{entry.response!r} is not a response. Allowed: {allowed}."]
    days = entry.days_done_per_week
    if days is not None and not 0 <= days <= 7:
        errors["days_done_per_week"] = [DAYS_DONE_MESSAGE]
    return errors


def _checked_items(
    visit: Assessment, entries: list[ItemResponseEntry]
) -> dict[int, ProgramExercise]:
    """The previous program's items named by the entries, or Invalid naming each bad item."""
    previous = previous_program_of(visit)
    ids = [entry.item_id for entry in entries]
    found = ProgramExercise.objects.filter(
        pk__in=ids, program__assessment__clinic_id=visit.clinic_id
    ).select_related("exercise", "program__assessment")
    items = {item.pk: item for item in found}
    errors: list[dict] = []
    for index, entry in enumerate(entries):
        item = items.get(entry.item_id)
        error = _entry_errors(entry)
        if entry.item_id in ids[:index]:
            error["item"] = [f"Item {entry.item_id} is rated more than once in this list."]
        elif item is None or previous is None or item.program_id != previous.pk:
            error["item"] = [_item_refusal(entry.item_id, item, visit, previous)]
        errors.append(error)
    if any(errors):
        raise Invalid(errors={"item_responses": errors})
    return items


@transaction.atomic
def item_responses_replace(
    *,
    assessment: Assessment,
    actor,
    entries: list[ItemResponseEntry],
    channel: str = "api",
    expected_version: int | None = None,
) -> Assessment:
    """Records how each item of the previous program went (progress.md); the list given
    replaces the visit's earlier responses as a whole. Drafts only."""
    locked = Assessment.objects.select_for_update(no_key=True, of=("self",))
    visit = locked.select_related("patient").get(pk=assessment.pk)
    require(actor, Right.CLINICAL, visit.clinic_id)
    assessment_services.ensure_draft(visit)
    check_version(visit, expected_version)
    items = _checked_items(visit, entries)
    old = list(visit.item_responses.select_related("item__exercise"))
    before = [response_text(r) for r in old]
    ItemResponse.objects.filter(pk__in=[r.pk for r in old]).delete()
    rows = [
        ItemResponse(
            assessment=visit,
            item=items[entry.item_id],
            response=entry.response,
            days_done_per_week=entry.days_done_per_week,
        )
        for entry in entries
    ]
    for row in rows:
        validated(row, exclude=["assessment", "item"])
    ItemResponse.objects.bulk_create(rows)
    after = [response_text(r) for r in rows]
    if before != after:
        visit.save(update_fields=[*next_version(visit), "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=visit,
        detail="item responses",
        changes={"item_responses": [before, after]},
        channel=channel,
    )
    return visit


def visit_create(
    *, actor, item_responses: list[ItemResponseEntry] | None = None, channel: str = "api", **data
) -> Assessment:
    """An assessment with, optionally, its responses to the previous program's items (one
    transaction: assessment_create is atomic itself, so without responses nothing wraps it)."""
    if item_responses is None:
        visit = assessment_services.assessment_create(actor=actor, channel=channel, **data)
        return _without_responses(visit)
    with transaction.atomic():
        visit = assessment_services.assessment_create(actor=actor, channel=channel, **data)
        return item_responses_replace(
            assessment=visit, actor=actor, entries=item_responses, channel=channel
        )


def _without_responses(visit: Assessment) -> Assessment:
    """A new assessment has no responses: its answer reads none from the database."""
    responses: Any = visit.item_responses.all()  # private attributes: not in the stubs
    responses._result_cache, responses._prefetch_done = [], True
    visit.__dict__.setdefault("_prefetched_objects_cache", {})["item_responses"] = responses
    return visit


@transaction.atomic
def visit_update(
    *,
    actor,
    assessment: Assessment,
    item_responses: list[ItemResponseEntry] | None = None,
    channel: str = "api",
    expected_version: int | None = None,
    **fields,
) -> Assessment:
    """A draft's fields and measurements (assessments.services) and its item responses."""
    if fields or item_responses is None:
        assessment = assessment_services.assessment_update(
            actor=actor,
            assessment=assessment,
            channel=channel,
            expected_version=expected_version,
            **fields,
        )
        expected_version = None  # checked once, before the first write
    if item_responses is not None:
        assessment = item_responses_replace(
            assessment=assessment,
            actor=actor,
            entries=item_responses,
            channel=channel,
            expected_version=expected_version,
        )
    return assessment


@transaction.atomic
def visit_amend(*, assessment: Assessment, actor, channel: str = "api") -> Assessment:
    """assessments.services.assessment_amend, with the visit's questionnaires and item
    responses copied: an amendment corrects the visit, and what the patient answered and how
    the last program went are part of it."""
    copy = assessment_services.assessment_amend(assessment=assessment, actor=actor, channel=channel)
    progress_services.prom_responses_copy(
        source=assessment, target=copy, actor=actor, channel=channel
    )
    responses = list(ItemResponse.objects.filter(assessment_id=assessment.pk))
    ItemResponse.objects.bulk_create(
        ItemResponse(
            assessment=copy,
            item_id=r.item_id,
            response=r.response,
            days_done_per_week=r.days_done_per_week,
        )
        for r in responses
    )
    return copy
