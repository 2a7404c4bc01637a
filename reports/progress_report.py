"""The clinician report's progress parts as the renderers' plain data: "Since last visit" and
the trend charts (the measures behind the patient's own findings, the PROM scores, NPRS),
every visit once, each series with its threshold band (progress.md "Where progress shows")."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from assessments import catalogue, numbers, rules
from assessments.models import Assessment
from assessments.vocabulary import METRIC_LABELS
from progress import scoring
from progress.change import ChangeThreshold, FindingKey, MeasureChange, PromChange, VisitData
from progress.change.thresholds import ERROR, STRENGTH
from progress.episode import Episode, episode, visit_queryset
from progress.models import PromInstrument
from progress.selectors import visits_until
from reports.dosage import dosage_in_words
from reports.fhir import FINDING_INPUTS
from reports.models import ItemResponse
from reports.pdf import data as pdf

NPRS = "pain_nprs"
NPRS_NAME = "Pain (NPRS 0-10)"
STRENGTH_UNITS = ("N", "Nm")
DISMISSED = "dismissed"
NPRS_MAX, PROM_MAX, LEFS_MAX = Decimal(10), Decimal(100), Decimal(80)  # the scales' tops


def _side(side: str | None) -> pdf.Side | None:
    return side if side in ("left", "right", "both") else None  # type: ignore[return-value]


def _shown(value: Decimal, unit: str | None) -> Decimal:
    """A force to 0.1 N as the report prints it (measurements.md); other values as they are."""
    return numbers.stored_force(value) if unit == "N" else value


def _value(value: Decimal | bool, unit: str | None) -> str:
    if isinstance(value, bool):
        return numbers.value_text(value, unit)
    return numbers.value_text(_shown(value, unit), unit)


def _signed(change: Decimal, unit: str | None) -> str:
    text = numbers.value_text(_shown(change, unit), unit)
    return f"+{text}" if change > 0 else text


def measure_name(code: str, metric: str | None) -> str:
    """ "Single-leg squat FPPA", "Limb symmetry index, knee extensor strength", "Pain"."""
    if code == NPRS:
        return NPRS_NAME
    if metric is None:
        return catalogue.MEASUREMENT_TYPES[code].label
    name = METRIC_LABELS.get(metric, metric)
    if code != metric and code in catalogue.MEASUREMENT_TYPES:
        name += ", " + catalogue.MEASUREMENT_TYPES[code].label.lower()
    return name


# The KOOS subscales as the KOOS user's guide abbreviates them.
KOOS_SUBSCALES = {
    "symptoms": "Symptoms", "pain": "Pain", "adl": "ADL", "sport_rec": "Sport/Rec", "qol": "QOL",
}  # fmt: skip


def prom_name(instrument: str, metric: str) -> str:
    """ "KOOS Sport/Rec", "LEFS total"."""
    short = PromInstrument(instrument).label
    if metric == "total":
        return f"{short} total"
    return f"{short} {KOOS_SUBSCALES.get(metric, metric)}"


def _threshold(amount: Decimal | None, unit: str | None, source: str | None) -> str:
    if amount is None:
        return ""
    return f"{numbers.value_text(_shown(amount, unit), unit)} ({source})"


def _measure_row(row: MeasureChange) -> pdf.ChangeRow:
    yes_no = row.change is None
    return pdf.ChangeRow(
        measure=measure_name(row.code, row.metric),
        side=_side(row.side),
        earlier=_value(row.earlier, row.unit),
        later=_value(row.later, row.unit),
        change="" if yes_no else _signed(row.change, row.unit),  # type: ignore[arg-type]
        threshold=_threshold(row.threshold, row.unit, row.source),
        label=row.label,
    )


def _prom_row(row: PromChange) -> pdf.ChangeRow:
    return pdf.ChangeRow(
        measure=prom_name(row.code, row.metric),
        side=None,
        earlier=numbers.plain(row.earlier),
        later=numbers.plain(row.later),
        change=_plain_signed(row.change),
        threshold=f"{numbers.plain(row.threshold)} ({row.source})",
        label=row.label,
    )


def _plain_signed(change: Decimal) -> str:
    text = numbers.plain(change)
    return f"+{text}" if change > 0 else text


def _titles(keys: Iterable[FindingKey]) -> tuple[str, ...]:
    return tuple(
        f"{rules.label(k.code)} \N{EN DASH} {k.side}" if k.side else rules.label(k.code)
        for k in keys
    )


def item_response_lines(assessment_id: int) -> tuple[pdf.ItemResponseLine, ...]:
    rows = (
        ItemResponse.objects.filter(assessment_id=assessment_id)
        .select_related("item__exercise")
        .order_by("item__position", "item_id")
    )
    return tuple(_response_line(row) for row in rows)


def _response_line(row: ItemResponse) -> pdf.ItemResponseLine:
    item, exercise = row.item, row.item.exercise
    name = exercise.name
    if exercise.one_leg and item.side in ("left", "right"):
        name += f" ({item.side})"
    dosage = dosage_in_words(
        kind=exercise.kind, sets=item.sets, reps=item.reps, hold_seconds=item.hold_seconds,
        per_week=item.per_week, per_day=item.per_day,
        one_leg=exercise.one_leg and item.side == "both",
    )  # fmt: skip
    return pdf.ItemResponseLine(name, dosage, row.get_response_display(), row.days_done_per_week)


def since_last_visit(ep: Episode) -> pdf.SinceLastVisit | None:
    """The latest visit against the one before, as printed (the report and the admin)."""
    if ep.since_last is None:
        return None
    change = ep.since_last.change
    return pdf.SinceLastVisit(
        earlier_date=ep.visits[-2].assessed_on,
        measures=tuple(_measure_row(row) for row in change.measures),
        new_findings=_titles(change.findings.new),
        resolved_findings=_titles(change.findings.resolved),
        persisting_findings=_titles(change.findings.persisting),
        proms=tuple(_prom_row(row) for row in change.proms),
        item_responses=item_response_lines(ep.since_last.later),
    )


# Short metric names for chart titles (two charts share a row).
METRIC_SHORT = {
    "limb_symmetry_index": "LSI",
    "strength_per_body_weight": "Strength per body weight",
    "hamstring_quadriceps_ratio": "H:Q ratio",
    "adductor_abductor_ratio": "Adductor:abductor ratio",
    "y_balance_anterior_difference": "Y-balance anterior difference",
}
Values = tuple[Decimal | None, ...]
ChartKey = tuple[str, str | None]  # (metric code or "", measurement code or None)


def _fired(data: Iterable[VisitData]) -> list[str]:
    """The finding codes that fired at any visit (dismissed ones do not), first seen first."""
    codes = [f.code for visit in data for f in visit.findings if f.status != DISMISSED]
    return [code for code in dict.fromkeys(codes) if code != "referral_advised"]


def _rule_metrics(visits: list[Assessment]) -> dict[str, list[ChartKey]]:
    """Finding code -> the metrics whose cut-off its rule applies (the engine stores them)."""
    found: dict[str, list[ChartKey]] = {}
    for visit in visits:
        for metric in visit.metrics:
            for cutoff in metric.get("cutoffs") or []:
                key = (metric["code"], metric["measurement"])
                found.setdefault(cutoff["rule"], [])
                if key not in found[cutoff["rule"]]:
                    found[cutoff["rule"]].append(key)
    return found


def _finding_charts(visits: list[Assessment], data: tuple[VisitData, ...]) -> list[ChartKey]:
    """The measures behind the patient's own findings: the metrics their rules cut, else the
    numeric measurements their rules read (domain/rules.md, as reports/fhir.py lists them)."""
    by_rule = _rule_metrics(visits)
    keys: list[ChartKey] = []
    for code in _fired(data):
        keys += by_rule.get(code) or [
            ("", m) for m in FINDING_INPUTS.get(code, ())
            if not catalogue.MEASUREMENT_TYPES[m].is_boolean
        ]  # fmt: skip
    return list(dict.fromkeys(keys))


def _measurement_values(
    data: tuple[VisitData, ...], code: str, side: str
) -> tuple[Values, str | None]:
    """One side's values, in the unit of its latest reading (N and Nm never mix)."""
    readings = [
        next((m for m in visit.measurements if (m.code, m.side) == (code, side)), None)
        for visit in data
    ]
    units = [r.unit for r in readings if r is not None and not isinstance(r.value, bool)]
    unit = units[-1] if units else None
    return tuple(
        _shown(r.value, unit)
        if r is not None and r.unit == unit and isinstance(r.value, Decimal)
        else None
        for r in readings
    ), unit


def _metric_values(data: tuple[VisitData, ...], key: ChartKey, side: str | None) -> Values:
    return tuple(
        next((m.value for m in visit.metrics
              if (m.code, m.measurement, m.side) == (*key, side)), None)
        for visit in data
    )  # fmt: skip


def _band(values: Values, threshold: ChangeThreshold | None, unit: str | None):
    """The first value +/- the threshold, and what the shading means."""
    first = next((v for v in values if v is not None), None)
    if threshold is None or first is None:
        return None, ""
    amount = threshold.absolute(first)
    kind = "test error" if threshold.kind == ERROR else "MIC"
    size = (
        f"{numbers.plain(threshold.amount)}% of it"
        if threshold.measure == STRENGTH
        else numbers.value_text(amount, unit)
    )
    return (first - amount, first + amount), (
        f"shaded: first visit \N{PLUS-MINUS SIGN} {size} ({kind}, {threshold.source})"
    )


def _series(
    label: str,
    unit: str | None,
    values: Values,
    chart: str,
    threshold: ChangeThreshold | None,
    scale_max: Decimal | None = None,
) -> pdf.TrendSeries | None:
    if all(v is None for v in values):
        return None
    band, note = _band(values, threshold, unit)
    return pdf.TrendSeries(
        label, unit, values, chart=chart, band=band, band_note=note, scale_max=scale_max
    )


def _with_unit(name: str, unit: str | None) -> str:
    return f"{name} ({unit})" if unit else f"{name} (ratio)"


def _chart_series(
    key: ChartKey, data: tuple[VisitData, ...], table: dict[str, ChangeThreshold]
) -> list[pdf.TrendSeries | None]:
    metric, code = key
    if not metric:
        assert code is not None
        rows = []
        for side in ("left", "right"):
            values, unit = _measurement_values(data, code, side)
            measure = STRENGTH if unit in STRENGTH_UNITS else code
            label = catalogue.MEASUREMENT_TYPES[code].label
            title = f"{label} ({unit})" if unit else label
            rows.append(_series(side.capitalize(), unit, values, title, table.get(measure)))
        return rows
    unit = next((m.unit for v in data for m in v.metrics if (m.code, m.measurement) == key), None)
    name = METRIC_SHORT.get(metric, metric)
    if code:
        name += ", " + catalogue.MEASUREMENT_TYPES[code].label.lower()
    title = _with_unit(name, unit)
    return [
        _series(side.capitalize() if side else METRIC_SHORT.get(metric, metric), unit,
                _metric_values(data, key, side), title, table.get(metric))
        for side in (None, "left", "right")
    ]  # fmt: skip


def _prom_series(
    data: tuple[VisitData, ...], table: dict[str, ChangeThreshold]
) -> list[pdf.TrendSeries | None]:
    keys = dict.fromkeys((p.instrument, p.metric) for visit in data for p in visit.proms)
    rows = []
    for instrument, metric in keys:
        values = tuple(
            next((p.score for p in visit.proms if (p.instrument, p.metric) == (instrument, metric)),
                 None)
            for visit in data
        )  # fmt: skip
        name = prom_name(instrument, metric)
        top = LEFS_MAX if instrument == scoring.LEFS else PROM_MAX
        chart = f"{name} (0-{top})"
        rows.append(_series(name, "points", values, chart, table[instrument], top))
    return rows


def trend_of(visits: list[Assessment], ep: Episode) -> pdf.Trend:
    """Every visit once, oldest first; nothing for a single visit."""
    if len(visits) < 2:
        return pdf.Trend()
    data, table = ep.data, ep.thresholds
    series: list[pdf.TrendSeries | None] = []
    for key in _finding_charts(visits, data):
        series += _chart_series(key, data, table)
    series += _prom_series(data, table)
    pain = tuple(None if v.pain_nprs is None else Decimal(v.pain_nprs) for v in data)
    series.append(_series("Pain", "points", pain, NPRS_NAME, table[NPRS], NPRS_MAX))
    return pdf.Trend(
        tuple(v.assessed_on for v in visits), tuple(s for s in series if s is not None)
    )


def report_progress(
    assessment: Assessment,
) -> tuple[pdf.Trend, pdf.SinceLastVisit | None]:
    """The visits up to this one (each once), read in a fixed number of queries."""
    visits = visits_until(assessment=assessment, queryset=visit_queryset())
    ep = episode(visits, clinic_id=assessment.clinic_id)
    return trend_of(visits, ep), since_last_visit(ep)


def _score_text(score: float | None) -> str:
    return "not scored" if score is None else numbers.plain(Decimal(str(score)))


def prom_scores_text(proms: dict[str, dict]) -> list[str]:
    """A visit's PROM scores, a line per instrument: "KOOS: Symptoms 75, Pain 50, ...",
    "LEFS 60"."""
    lines = []
    for instrument, scores in proms.items():
        short = PromInstrument(instrument).label
        if list(scores) == ["total"]:
            lines.append(f"{short} {_score_text(scores['total']['score'])}")
            continue
        parts = [f"{KOOS_SUBSCALES.get(c, c)} {_score_text(p['score'])}" for c, p in scores.items()]
        lines.append(f"{short}: {', '.join(parts)}")
    return lines
