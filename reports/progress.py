"""A patient's progress as the API, the admin and the report show it: the episode of care
(progress.episode) with the item responses recorded at the latest visit (reports owns them)."""

from __future__ import annotations

from dataclasses import dataclass

from progress.change import Change
from progress.episode import Episode, VisitSummary, patient_episode
from reports.models import ItemResponse


@dataclass(frozen=True)
class ItemResponseRow:
    item: int  # the previous program's item
    exercise: str  # its exercise code
    name: str  # its exercise name
    response: str
    response_label: str
    days_done_per_week: int | None


@dataclass(frozen=True)
class SinceLastVisit:
    earlier: int  # assessment id ("from")
    later: int  # assessment id ("to")
    change: Change
    item_responses: tuple[ItemResponseRow, ...]  # recorded at the later visit


@dataclass(frozen=True)
class PatientProgress:
    visits: tuple[VisitSummary, ...]
    since_last: SinceLastVisit | None
    episode: Episode


def item_responses_of(assessment_id: int) -> tuple[ItemResponseRow, ...]:
    """The responses a visit records on the previous program's items, in program order."""
    rows = ItemResponse.objects.filter(assessment_id=assessment_id).select_related("item__exercise")
    return tuple(
        ItemResponseRow(
            item=row.item_id,
            exercise=row.item.exercise.code,
            name=row.item.exercise.name,
            response=row.response,
            response_label=row.get_response_display(),
            days_done_per_week=row.days_done_per_week,
        )
        for row in rows.order_by("item__position", "item_id")
    )


def with_item_responses(episode: Episode) -> PatientProgress:
    last = episode.since_last
    since_last = None
    if last is not None:
        responses = item_responses_of(last.later)
        since_last = SinceLastVisit(last.earlier, last.later, last.change, responses)
    return PatientProgress(episode.visits, since_last, episode)


def patient_progress(*, patient_id: int, clinic_id: int) -> PatientProgress:
    """Each visit once and the change since the last one; a fixed number of queries."""
    return with_item_responses(patient_episode(patient_id=patient_id, clinic_id=clinic_id))
