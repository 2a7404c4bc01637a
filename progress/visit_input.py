"""The bridge from the ORM to change between visits: one Assessment as plain VisitData."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from assessments import catalogue
from assessments.models import Assessment, Measurement
from progress.change import FindingState, MeasurementValue, MetricValue, PromScore, VisitData
from progress.models import PromResponse
from progress.selectors import visit_proms


def _force_n(row: Measurement) -> Decimal | None:
    """Force in N exactly from the value as typed (the stored N is rounded to 6 places)."""
    if row.entered_value is not None and row.entered_unit in catalogue.NEWTONS_PER_FORCE_UNIT:
        return catalogue.newtons(row.entered_value, row.entered_unit)
    return row.value


def measurement_value(row: Measurement) -> MeasurementValue:
    if row.positive is not None:
        return MeasurementValue(row.code, row.side, row.positive, None)
    value = _force_n(row) if row.unit == "N" else row.value
    normalized = value.normalize() if value is not None else None
    return MeasurementValue(row.code, row.side, normalized, row.unit or None, row.method or None)


def _metric(stored: dict) -> MetricValue:
    return MetricValue(
        stored["code"], stored["measurement"], stored["side"], Decimal(stored["value"]),
        stored["unit"],
    )  # fmt: skip


def _prom_scores(response: PromResponse) -> list[PromScore]:
    return [
        PromScore(
            response.instrument,
            code,
            None if part["score"] is None else Decimal(str(part["score"])),
        )
        for code, part in response.ordered_scores().items()
    ]


def visit_data(assessment: Assessment, *, proms: Iterable[PromResponse] | None = None) -> VisitData:
    """Measurements in catalogue order (recorded ones: a copied test waiting for its value is
    not), metrics and findings as stored, active PROM scores (`proms`: the visit's active
    responses when the caller read them already)."""
    recorded = [m for m in assessment.measurements.all() if m.is_recorded]
    rows = sorted(recorded, key=lambda m: m.sort_key)
    if proms is None:
        proms = visit_proms(assessment=assessment)
    return VisitData(
        pain_nprs=assessment.pain_nprs,
        measurements=tuple(measurement_value(row) for row in rows),
        metrics=tuple(_metric(stored) for stored in assessment.metrics),
        findings=tuple(
            FindingState(f.code, f.side or None, f.status) for f in assessment.findings.all()
        ),
        proms=tuple(score for response in proms for score in _prom_scores(response)),
    )
