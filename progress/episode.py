"""A patient's episode of care read once from the ORM: each visit summed up, and the change
since the last visit (progress.md "Where progress shows"), for the API, admin and report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from assessments.models import Assessment, Finding
from progress import selectors
from progress.change import (
    THRESHOLDS,
    Change,
    ChangeThreshold,
    VisitData,
    compare,
    with_clinic_settings,
)
from progress.models import PromResponse
from progress.visit_input import visit_data


@dataclass(frozen=True)
class VisitSummary:
    assessment: int
    assessed_on: date
    status: str
    amends: int | None
    pain_nprs: int | None
    findings: dict[str, int]  # status -> count
    proms: dict[str, dict]  # instrument -> scores as stored, in subscale order


@dataclass(frozen=True)
class SinceLast:
    earlier: int  # assessment id ("from")
    later: int  # assessment id ("to")
    change: Change


@dataclass(frozen=True)
class Episode:
    visits: tuple[VisitSummary, ...]  # oldest first, each visit once
    data: tuple[VisitData, ...]  # what change reads of each visit, in the same order
    since_last: SinceLast | None  # None with fewer than two visits
    thresholds: dict[str, ChangeThreshold]  # the clinic's table (published, or its settings)


def visit_queryset() -> QuerySet:
    """Everything a visit's summary and its change read, in a fixed number of queries."""
    return Assessment.objects.prefetch_related(
        "measurements",
        Prefetch("findings", queryset=Finding.objects.order_by("position", "id")),
        Prefetch(
            "prom_responses",
            queryset=PromResponse.objects.active().order_by("instrument", "id"),
            to_attr="active_proms",
        ),
    )


def _summary(visit: Assessment) -> VisitSummary:
    counts = Counter(finding.status for finding in visit.findings.all())
    return VisitSummary(
        assessment=visit.pk,
        assessed_on=visit.assessed_on,
        status=visit.status,
        amends=visit.amends_id,
        pain_nprs=visit.pain_nprs,
        findings=dict(counts),
        proms={r.instrument: r.ordered_scores() for r in visit.active_proms},  # type: ignore[attr-defined]
    )


def episode(visits: list[Assessment], *, clinic_id: int) -> Episode:
    """The visits (read with visit_queryset) summed up and the latest compared with the one
    before, against the clinic's thresholds."""
    data = tuple(visit_data(v, proms=v.active_proms) for v in visits)  # type: ignore[attr-defined]
    since_last, table = None, THRESHOLDS
    if len(visits) >= 2:
        overrides = selectors.clinic_thresholds(clinic_id=clinic_id)
        table = with_clinic_settings(overrides)
        change = compare(data[-2], data[-1], clinic_thresholds=overrides)
        since_last = SinceLast(visits[-2].pk, visits[-1].pk, change)
    return Episode(tuple(_summary(v) for v in visits), data, since_last, table)


def patient_episode(*, patient_id: int, clinic_id: int) -> Episode:
    visits = selectors.patient_visits(patient_id=patient_id, queryset=visit_queryset())
    return episode(visits, clinic_id=clinic_id)
