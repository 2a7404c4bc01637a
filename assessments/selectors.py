"""Shared reads of assessments and findings, scoped to the user's clinics."""

from __future__ import annotations

from assessments.models import Assessment, AssessmentQuerySet, Finding, FindingQuerySet


def assessment_list(*, user) -> AssessmentQuerySet:
    """Assessments with what their serializer reads, newest first (api.md)."""
    return (
        Assessment.objects.for_user(user)
        .select_related("patient")
        .prefetch_related("measurements", "findings")
        .order_by("-assessed_on", "-id")
    )


def finding_list(*, user) -> FindingQuerySet:
    """Findings in the order of their assessment and the rules table."""
    return (
        Finding.objects.for_user(user)
        .select_related("assessment__patient")
        .order_by("assessment_id", "position", "id")
    )
