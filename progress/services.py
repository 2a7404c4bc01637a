"""Every write on PROM responses: record, change, archive; each audited, drafts only."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from assessments.services import ensure_draft
from patients.errors import Invalid
from patients.models import AuditAction
from patients.roles import Right, require
from patients.services import audit_record
from progress import scoring
from progress.models import PromResponse


class PromAnswersInvalid(Invalid):
    """Answers the instrument does not allow: 400 on `answers`, one message per item."""

    field = "answers"


class UnknownInstrument(Invalid):
    field = "instrument"
    message = f"Allowed instruments: {', '.join(scoring.INSTRUMENTS)}."


class InstrumentAlreadyRecorded(Invalid):
    """A visit holds at most one (active) response per instrument."""

    field = "instrument"


def prom_answers_clean(instrument: str, answers: Mapping[str, object]) -> dict[str, int]:
    """The answers checked by the scoring package; PromAnswersInvalid names each bad item."""
    if instrument not in scoring.INSTRUMENTS:
        raise UnknownInstrument()
    try:
        return scoring.clean_answers(scoring.INSTRUMENTS[instrument], answers)
    except scoring.AnswerErrors as errors:
        by_item = {item: [message] for item, message in errors.errors.items()}
        raise PromAnswersInvalid(str(errors), errors={"answers": by_item}) from errors


def _locked_draft(assessment: Assessment, actor) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require(actor, Right.CLINICAL, assessment.clinic_id)
    ensure_draft(assessment)
    return assessment


def prom_ensure_single(
    *, assessment: Assessment, instrument: str, exclude: int | None = None
) -> None:
    """Refuses a second active response to one instrument on one visit."""
    others = PromResponse.objects.active().filter(assessment=assessment, instrument=instrument)
    if others.exclude(pk=exclude).exists():
        raise InstrumentAlreadyRecorded(
            f"This visit already has a {instrument} response; change that one."
        )


def _fill(response: PromResponse, answers: Mapping[str, object]) -> None:
    cleaned = prom_answers_clean(response.instrument, answers)
    instrument = scoring.INSTRUMENTS[response.instrument]
    response.answers = cleaned
    response.scores = scoring.scores_json(scoring.score_answers(instrument, cleaned))


@transaction.atomic
def prom_record(
    *,
    actor,
    assessment: Assessment,
    instrument: str,
    answers: Mapping[str, object],
    completed_on: datetime.date | None = None,
    channel: str = "api",
) -> PromResponse:
    """Records a visit's answers to one instrument (at most one per instrument) and scores them."""
    assessment = _locked_draft(assessment, actor)
    if instrument not in scoring.INSTRUMENTS:
        raise UnknownInstrument()
    prom_ensure_single(assessment=assessment, instrument=instrument)
    response = PromResponse(
        assessment=assessment,
        instrument=instrument,
        completed_on=completed_on or assessment.assessed_on,
        recorded_by=actor,
    )
    _fill(response, answers)
    response.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=response,
        detail=instrument,
        changes={"answers": [None, response.answers], "scores": [None, response.scores]},
        channel=channel,
    )
    return response


@transaction.atomic
def prom_update(
    *,
    actor,
    response: PromResponse,
    answers: Mapping[str, object] | None = None,
    completed_on: datetime.date | None = None,
    channel: str = "api",
) -> PromResponse:
    """Changes a response of a draft visit: given answers replace the old ones as a whole."""
    _locked_draft(response.assessment, actor)
    response = PromResponse.objects.select_for_update().get(pk=response.pk)
    changed = []
    changes: dict[str, list] = {}
    if answers is not None:
        old = (response.answers, response.scores)
        _fill(response, answers)
        changed += ["answers", "scores"]
        changes = {"answers": [old[0], response.answers], "scores": [old[1], response.scores]}
    if completed_on is not None and completed_on != response.completed_on:
        changes["completed_on"] = [response.completed_on, completed_on]
        response.completed_on = completed_on
        changed.append("completed_on")
    response.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=response,
        detail=", ".join(changed),
        changes=changes,
        channel=channel,
    )
    return response


@transaction.atomic
def prom_archive(*, actor, response: PromResponse, channel: str = "api") -> PromResponse:
    """Archives a response of a draft visit (never deleted); the visit may then record another."""
    _locked_draft(response.assessment, actor)
    response = PromResponse.objects.select_for_update().get(pk=response.pk)
    old = response.archived_at
    if response.archived_at is None:
        response.archived_at = timezone.now()
        response.save(update_fields=["archived_at", "updated_at"])
    changes = {"archived_at": [old, response.archived_at]}
    audit_record(
        actor=actor, action=AuditAction.ARCHIVE, obj=response, changes=changes, channel=channel
    )
    return response
