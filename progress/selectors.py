"""Shared reads: PROM responses (scoped to the user's clinics, 404 outside them), a patient's
visits (each visit once) and a clinic's change thresholds."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from rest_framework.generics import get_object_or_404

from assessments.models import Assessment
from patients.models import Patient
from patients.roles import Right, require
from progress.models import ChangeThresholdSetting, PromResponse, PromResponseQuerySet


def assessment_for(*, user, assessment_id: str) -> Assessment:
    """The visit in the URL, or a 404 (also for an id that is not a number)."""
    assessments = Assessment.objects.for_user(user).select_related("patient")
    assessment = get_object_or_404(assessments, pk=assessment_id)
    require(user, Right.CLINICAL, assessment.clinic_id)
    return assessment


def prom_list(*, user) -> PromResponseQuerySet:
    """Active responses of the user's clinics, in instrument order (progress.md's table)."""
    return (
        PromResponse.objects.for_user(user)
        .active()
        .select_related("assessment__patient")
        .order_by("assessment_id", "instrument", "id")
    )


def visit_proms(*, assessment: Assessment) -> PromResponseQuerySet:
    return PromResponse.objects.active().filter(assessment=assessment).order_by("instrument", "id")


def patient_for(*, user, patient_id: int | str) -> Patient:
    """The patient in the URL, or a 404 outside the user's clinics; 403 without the clinical
    right there (the front desk sees the patient but not their progress)."""
    patient = get_object_or_404(Patient.objects.for_user(user), pk=patient_id)
    require(user, Right.CLINICAL, patient.clinic_id)
    return patient


def _first_of_chains(patient_id: int) -> tuple[dict[int, int], list[int]]:
    """Every assessment of the patient mapped to the first of its amendment chain, and the
    non-archived ones; one query."""
    rows = list(
        Assessment.objects.filter(patient_id=patient_id).values_list(
            "id", "amends_id", "archived_at"
        )
    )
    amends = {pk: amended for pk, amended, _ in rows}
    firsts = {}
    for pk in amends:
        first = pk
        while amends.get(first) is not None:
            first = amends[first]
        firsts[pk] = first
    return firsts, sorted(pk for pk, _, archived_at in rows if archived_at is None)


def visit_chains(*, patient_id: int) -> dict[int, int]:
    """The assessments that stand for the patient's visits (progress.md), each mapped to the
    first assessment of its chain.

    An amended visit is its amendment chain (Assessment.amends); the latest non-archived
    assessment of the chain stands for it, so a visit is counted once. Archived ones never do.
    """
    firsts, live = _first_of_chains(patient_id)
    standing = {firsts[pk]: pk for pk in live}  # ascending ids: the latest made wins
    return {pk: first for first, pk in standing.items()}


def _ordered(visits: list[Assessment], chains: dict[int, int]) -> list[Assessment]:
    return sorted(visits, key=lambda visit: (visit.assessed_on, chains[visit.pk]))


def patient_visits(*, patient_id: int, queryset: QuerySet | None = None) -> list[Assessment]:
    """Each visit once, oldest first (assessed_on, then the order the visits were first made).

    `queryset` carries the caller's select_related / prefetch_related; two queries plus those.
    """
    chains = visit_chains(patient_id=patient_id)
    base = Assessment.objects.all() if queryset is None else queryset
    return _ordered(list(base.filter(pk__in=list(chains))), chains)


def visits_until(*, assessment: Assessment, queryset: QuerySet | None = None) -> list[Assessment]:
    """The visits up to this assessment's, with this assessment standing for its own visit
    (a report of an amended visit, or of a draft, reads as of that assessment)."""
    firsts, live = _first_of_chains(assessment.patient_id)
    own = firsts[assessment.pk]
    standing = {firsts[pk]: pk for pk in live}
    standing[own] = assessment.pk
    chains = {pk: first for first, pk in standing.items()}
    base = Assessment.objects.all() if queryset is None else queryset
    visits = _ordered(list(base.filter(pk__in=list(chains))), chains)
    cut = next(i for i, visit in enumerate(visits) if visit.pk == assessment.pk)
    return visits[: cut + 1]


def clinic_thresholds(*, clinic_id: int) -> dict[str, Decimal]:
    """The clinic's own change thresholds by measure (empty: the published table applies)."""
    rows = ChangeThresholdSetting.objects.filter(clinic_id=clinic_id)
    return dict(rows.values_list("measure", "amount"))
