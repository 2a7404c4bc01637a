"""Shared reads of programs, items and exercises, scoped to the user's clinics (404 outside)."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from rest_framework.generics import get_object_or_404

from assessments.models import Assessment
from patients.roles import NotAllowed, Right, clinic_ids_with, has_right, require
from reports.batches import PrintBatch
from reports.handouts import printable, program_of
from reports.models import Exercise, HomeProgram, ProgramExercise


def previous_program_of(assessment: Assessment) -> HomeProgram | None:
    """The program a follow-up starts from (rules.md, The program, step 7): that of the
    patient's latest earlier non-archived visit with a program, by `assessed_on` (draft or
    final). An amendment corrects its visit, so the visits it amends are not earlier ones.
    `assessment` is already scoped; the earlier visits are its patient's."""
    corrected, visit = {assessment.pk}, assessment.amends
    while visit is not None:
        corrected.add(visit.pk)
        visit = visit.amends
    earlier = Q(assessment__assessed_on__lt=assessment.assessed_on) | Q(
        assessment__assessed_on=assessment.assessed_on, assessment_id__lt=assessment.pk
    )
    return (
        HomeProgram.objects.filter(
            earlier,
            assessment__patient_id=assessment.patient_id,
            assessment__archived_at__isnull=True,
        )
        .exclude(assessment_id__in=corrected)
        .select_related("assessment")
        .order_by("-assessment__assessed_on", "-assessment_id")
        .first()
    )


def assessment_for(*, user, assessment_id: int | str) -> Assessment:
    """The assessment in the URL, or a 404 (also for an id that is not a number); 403 for a
    role without clinical rights in its clinic."""
    assessment = get_object_or_404(Assessment.objects.for_user(user), pk=assessment_id)
    require(user, Right.CLINICAL, assessment.clinic_id)
    return assessment


def printable_assessment(
    *, user, assessment_id: int | str, measurements: bool = True
) -> Assessment:
    """What a PDF prints, read once, within the user's clinics."""
    assessments = printable(Assessment.objects.for_user(user), measurements=measurements)
    assessment = get_object_or_404(assessments, pk=assessment_id)
    require(user, Right.CLINICAL, assessment.clinic_id)
    return assessment


def program_for(*, user, assessment_id: int | str) -> HomeProgram:
    program = program_of(assessment_for(user=user, assessment_id=assessment_id))
    if program is None:
        raise Http404("No home program has been proposed for this assessment yet.")
    return program


def program_items(*, user):
    return ProgramExercise.objects.for_user(user).select_related(
        "exercise", "program__assessment__patient__clinic"
    )


def ensure_may_read_exercise(user, exercise: Exercise) -> None:
    """Exercises are clinical: a shipped one needs the clinical right in some clinic of the
    user's, a clinic's own one that right in its clinic (else 403)."""
    if exercise.is_shipped:
        if not clinic_ids_with(user, Right.CLINICAL):
            raise NotAllowed()
    else:
        require(user, Right.CLINICAL, exercise.clinic_id)


def exercise_for(*, user, exercise_id: str) -> Exercise:
    """A shipped exercise or one of the user's clinics' (404 outside them, 403 for a role
    without the clinical right)."""
    exercise = get_object_or_404(Exercise.objects.for_user(user), pk=exercise_id)
    ensure_may_read_exercise(user, exercise)
    return exercise


def may_read_print_batch(user, batch: PrintBatch) -> bool:
    """A batch holds patients' handouts: its requester reads it while they hold the clinical
    right in every clinic it prints for (not once made an assistant)."""
    clinic_ids = set(batch.items.values_list("assessment__clinic_id", flat=True))
    if not clinic_ids_with(user, Right.CLINICAL):
        return False
    return all(has_right(user, Right.CLINICAL, clinic_id) for clinic_id in clinic_ids)


def print_batch_for(*, user, batch_id: int | str) -> PrintBatch:
    """One of the user's own batches (404 for anyone else's), 403 without the right."""
    batch = get_object_or_404(PrintBatch.objects.filter(requested_by=user), pk=batch_id)
    if not may_read_print_batch(user, batch):
        raise NotAllowed()
    return batch
