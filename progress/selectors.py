"""Shared reads of PROM responses, scoped to the user's clinics (404 outside them)."""

from __future__ import annotations

from rest_framework.generics import get_object_or_404

from assessments.models import Assessment
from patients.roles import Right, require
from progress.models import PromResponse, PromResponseQuerySet


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
