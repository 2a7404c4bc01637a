"""Every write on PROM responses (record, change, archive; drafts only) and on clinics' change
thresholds; each audited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from assessments.services import ensure_draft
from patients.errors import Invalid
from patients.models import AuditAction, Clinic
from patients.roles import Right, require
from patients.services import audit_record
from progress import change, scoring
from progress.models import ChangeThresholdSetting, PromResponse

AMOUNT_LIMIT = Decimal("100000")  # the column holds 7 digits, 2 after the point
AMOUNT_PLACES = Decimal("0.01")


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
def prom_responses_copy(
    *, source: Assessment, target: Assessment, actor, channel: str = "api"
) -> list[PromResponse]:
    """The visit's active responses onto its amendment (a draft), answers and completion date
    as recorded and scored again; each copy audited with the response it came from."""
    target = _locked_draft(target, actor)
    copies = []
    for original in PromResponse.objects.active().filter(assessment_id=source.pk):
        copy = PromResponse(
            assessment=target,
            instrument=original.instrument,
            completed_on=original.completed_on,
            recorded_by=original.recorded_by,
        )
        _fill(copy, original.answers)
        copy.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=copy,
            detail=f"{copy.instrument}, copied from PROM response {original.pk}",
            changes={"answers": [None, copy.answers], "scores": [None, copy.scores]},
            channel=channel,
        )
        copies.append(copy)
    return copies


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


def _threshold_checked(measure: str, amount: Decimal) -> Decimal:
    if measure not in change.THRESHOLDS:
        allowed = ", ".join(change.THRESHOLDS)
        raise Invalid(f"Unknown measure {measure!r}; allowed: {allowed}.", field="measure")
    amount = Decimal(amount)
    if not 0 < amount < AMOUNT_LIMIT or amount != amount.quantize(AMOUNT_PLACES):
        raise Invalid(
            f"The threshold must be a number more than 0 and less than {AMOUNT_LIMIT}, with at "
            f"most 2 decimals; got {amount}.",
            field="amount",
        )
    return amount.quantize(AMOUNT_PLACES)


@transaction.atomic
def change_threshold_set(
    *, actor, clinic: Clinic, measure: str, amount: Decimal, channel: str = "admin"
) -> ChangeThresholdSetting:
    """A clinic admin sets the clinic's own threshold for one measure (made or changed)."""
    clinic = Clinic.objects.select_for_update().get(pk=clinic.pk)  # serializes first settings
    require(actor, Right.MANAGE_CLINIC, clinic.pk)
    amount = _threshold_checked(measure, amount)
    setting = (
        ChangeThresholdSetting.objects.select_for_update()
        .filter(clinic=clinic, measure=measure)
        .first()
    )
    if setting is None:
        setting = ChangeThresholdSetting.objects.create(
            clinic=clinic, measure=measure, amount=amount
        )
        action, old = AuditAction.CREATE, None
    else:
        action, old = AuditAction.UPDATE, setting.amount
        setting.amount = amount
        setting.save(update_fields=["amount", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        obj=setting,
        detail=f"change threshold {measure}",
        changes={"amount": [old, amount]},
        channel=channel,
    )
    return setting


@transaction.atomic
def change_threshold_clear(
    *, actor, setting: ChangeThresholdSetting, channel: str = "admin"
) -> None:
    """Removes a clinic's own threshold: the published one applies again."""
    setting = ChangeThresholdSetting.objects.select_for_update().get(pk=setting.pk)
    require(actor, Right.MANAGE_CLINIC, setting.clinic_id)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=setting,
        detail=f"change threshold {setting.measure}: back to the published threshold",
        changes={"amount": [setting.amount, None]},
        channel=channel,
    )
    setting.delete()
