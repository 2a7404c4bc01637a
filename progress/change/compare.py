"""Change between two visits of one patient, judged against each test's error (progress.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from .inputs import FindingState, MeasurementValue, MetricValue, PromScore, VisitData
from .results import (
    CHANGED,
    IMPROVED,
    NO_CLEAR_CHANGE,
    UNCHANGED,
    WORSE,
    Change,
    FindingKey,
    FindingTransitions,
    MeasureChange,
    PromChange,
)
from .thresholds import ERROR, HIGHER, STRENGTH, THRESHOLDS, ChangeThreshold, with_clinic_settings

STRENGTH_UNITS = ("N", "Nm")
DISMISSED = "dismissed"
NPRS = "pain_nprs"


def judge(change: Decimal, threshold: ChangeThreshold, amount: Decimal) -> str:
    """improved / worse past the threshold in the better or worse direction, else no clear change.

    A measurement error must be exceeded (strictly more than `amount`); a minimal important
    change counts from `amount` on (progress.md).
    """
    size = abs(change)
    passes = size > amount if threshold.kind == ERROR else size >= amount
    if change == 0 or not passes:
        return NO_CLEAR_CHANGE
    better = change > 0 if threshold.better == HIGHER else change < 0
    return IMPROVED if better else WORSE


def _unjudged(earlier: Decimal | bool, later: Decimal | bool) -> str:
    return UNCHANGED if earlier == later else CHANGED


def _numeric(
    key: tuple[str, str | None, str | None],
    values: tuple[Decimal, Decimal],
    unit: str | None,
    threshold: ChangeThreshold | None,
) -> MeasureChange:
    (code, side, metric), (earlier, later) = key, values
    change = later - earlier
    if threshold is None:
        return MeasureChange(
            code, side, metric, earlier, later, unit, change, None, _unjudged(earlier, later), None
        )
    amount = threshold.absolute(earlier)
    label = judge(change, threshold, amount)
    return MeasureChange(
        code, side, metric, earlier, later, unit, change, amount, label, threshold.source
    )


def _measurement_change(
    earlier: MeasurementValue, later: MeasurementValue, table: Mapping[str, ChangeThreshold]
) -> MeasureChange | None:
    then, now = earlier.value, later.value
    if isinstance(then, bool) and isinstance(now, bool):
        label = _unjudged(then, now)
        return MeasureChange(later.code, later.side, None, then, now, None, None, None, label, None)
    if then is None or now is None or isinstance(then, bool) or isinstance(now, bool):
        return None  # not measured at both visits, or a number against a yes/no
    if earlier.unit != later.unit or earlier.method != later.method:
        return None  # not comparable: N against Nm, or two strength methods
    measure = STRENGTH if later.unit in STRENGTH_UNITS else later.code
    key = (later.code, later.side, None)
    return _numeric(key, (Decimal(then), Decimal(now)), later.unit, table.get(measure))


def _measurements(
    earlier: VisitData, later: VisitData, table: Mapping[str, ChangeThreshold]
) -> list[MeasureChange]:
    before = {(m.code, m.side): m for m in earlier.measurements}
    rows = []
    for now in later.measurements:
        then = before.get((now.code, now.side))
        row = None if then is None else _measurement_change(then, now, table)
        if row is not None:
            rows.append(row)
    return rows


def _metrics(
    earlier: VisitData, later: VisitData, table: Mapping[str, ChangeThreshold]
) -> list[MeasureChange]:
    def key(metric: MetricValue) -> tuple[str, str | None, str | None]:
        return (metric.code, metric.measurement, metric.side)

    before = {key(m): m for m in earlier.metrics}
    rows = []
    for now in later.metrics:
        then = before.get(key(now))
        if then is not None and then.unit == now.unit:
            shown = (now.measurement or now.code, now.side, now.code)
            rows.append(_numeric(shown, (then.value, now.value), now.unit, table.get(now.code)))
    return rows


def _pain(
    earlier: VisitData, later: VisitData, table: Mapping[str, ChangeThreshold]
) -> list[MeasureChange]:
    if earlier.pain_nprs is None or later.pain_nprs is None:
        return []
    values = (Decimal(earlier.pain_nprs), Decimal(later.pain_nprs))
    return [_numeric((NPRS, None, None), values, "points", table[NPRS])]


def _proms(
    earlier: VisitData, later: VisitData, table: Mapping[str, ChangeThreshold]
) -> list[PromChange]:
    before: dict[tuple[str, str], PromScore] = {(p.instrument, p.metric): p for p in earlier.proms}
    rows = []
    for now in later.proms:
        then = before.get((now.instrument, now.metric))
        if then is None or then.score is None or now.score is None:
            continue
        threshold = table[now.instrument]
        change = now.score - then.score
        label = judge(change, threshold, threshold.amount)
        rows.append(
            PromChange(
                now.instrument, now.metric, then.score, now.score, change,
                threshold.amount, label, threshold.source,
            )
        )  # fmt: skip
    return rows


def _firing(findings: Iterable[FindingState]) -> list[FindingKey]:
    """The findings that fire, once each: a dismissed finding counts as not firing."""
    keys = [FindingKey(f.code, f.side) for f in findings if f.status != DISMISSED]
    return list(dict.fromkeys(keys))


def finding_transitions(earlier: VisitData, later: VisitData) -> FindingTransitions:
    """New, resolved and persisting findings by code and side (progress.md)."""
    then, now = _firing(earlier.findings), _firing(later.findings)
    return FindingTransitions(
        new=tuple(key for key in now if key not in then),
        resolved=tuple(key for key in then if key not in now),
        persisting=tuple(key for key in now if key in then),
    )


def compare(
    earlier: VisitData,
    later: VisitData,
    *,
    clinic_thresholds: Mapping[str, Decimal] | None = None,
) -> Change:
    """Measures (NPRS, then measurements, then metrics), findings and PROMs, later vs earlier.

    `clinic_thresholds` maps measures of THRESHOLDS to the clinic's own amounts.
    """
    table = with_clinic_settings(clinic_thresholds) if clinic_thresholds else THRESHOLDS
    measures = [
        *_pain(earlier, later, table),
        *_measurements(earlier, later, table),
        *_metrics(earlier, later, table),
    ]
    return Change(
        tuple(measures), finding_transitions(earlier, later), tuple(_proms(earlier, later, table))
    )
