"""The clinician report PDF: details, measurements by side, metrics, charts, findings, trend."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby, zip_longest

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from assessments import numbers
from reports.pdf.charts import strength_chart, trend_chart
from reports.pdf.data import (
    AssessmentDetails,
    MeasurementRow,
    MetricRow,
    PatientDetails,
    ReportData,
    ReportFinding,
    StrengthBar,
    Trend,
    TrendSeries,
)
from reports.pdf.document import DocumentSpec, build_pdf, content_width, long_date
from reports.pdf.format import DASH, metric_places, value_text, words
from reports.pdf.styles import ACCENT, RULE, SOFT, table_style
from reports.pdf.text import para

REPORT_TITLE = "Knee assessment report"
TREND_TABLE_VISITS = 6


def render_report(data: ReportData) -> bytes:
    """The clinician report as PDF bytes."""
    spec = _spec(data)
    width = content_width(spec)
    story = [
        *_header(data),
        *_details(data.patient, data.assessment, width),
        *_measurements(data.measurements, width),
        *_metrics(data.metrics, width),
        *_strength(data.strength_bars, width),
        *_findings(data.findings),
        *_trend(data.trend, width),
    ]
    return build_pdf(story, spec)


def _spec(data: ReportData) -> DocumentSpec:
    day = long_date(data.assessment.assessed_on)
    return DocumentSpec(
        page_size=data.page_size,
        language=data.language,
        title=f"{REPORT_TITLE} \N{EN DASH} {data.patient.name}, {day}",
        author=data.clinic.name,
        subject="Clinician assessment report",
        footer_left=f"{data.patient.name} · {day} · {data.clinic.name}",
        margin_mm=15,
        footer_size=8,
    )


def _header(data: ReportData) -> list[Flowable]:
    return [
        para(data.clinic.name, "r_clinic"),
        HRFlowable(width="100%", thickness=1, color=ACCENT, spaceBefore=3, spaceAfter=3),
        para(f"{REPORT_TITLE}: {data.patient.name}", "r_title"),
    ]


def _grid(
    rows: list[list[Flowable]],
    widths: Sequence[float],
    *,
    header: bool = True,
    split_in_row: bool = False,
) -> Table:
    """A table with thin rules; the first row is a shaded header that repeats on new pages.
    With `split_in_row` a row taller than a page (long notes) goes on over the next pages."""
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1 if header else 0,
        splitInRow=1 if split_in_row else 0,
        hAlign="LEFT",
    )
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SOFT))
    table.setStyle(table_style(*commands))
    return table


def _cells(values: Sequence[str], style: str = "r_cell") -> list[Flowable]:
    return [para(value, style) for value in values]


def _patient_pairs(patient: PatientDetails) -> list[tuple[str, str]]:
    born = long_date(patient.date_of_birth) if patient.date_of_birth else DASH
    return [
        ("Patient", patient.name),
        ("Date of birth", born),
        ("Sex", words(patient.sex)),
        ("Affected side", words(patient.affected_side)),
        ("Occupation", patient.occupation or DASH),
        ("Activity", patient.activity or DASH),
    ]


def _assessment_pairs(a: AssessmentDetails) -> list[tuple[str, str]]:
    pain = f"{a.pain_nprs}/10" if a.pain_nprs is not None else DASH
    mass = numbers.value_text(a.body_mass_kg, "kg") if a.body_mass_kg is not None else DASH
    height = numbers.value_text(a.height_cm, "cm") if a.height_cm is not None else DASH
    return [
        ("Assessed on", long_date(a.assessed_on)),
        ("Clinician", a.clinician),
        ("Status", f"{words(a.status)} (ruleset {a.ruleset_version})"),
        ("Body mass / height", f"{mass} / {height}"),
        ("Pain (NPRS, worst last week)", pain),
        ("Pain sites", ", ".join(a.pain_sites) or DASH),
    ]


def _long_pairs(a: AssessmentDetails) -> list[tuple[str, str]]:
    flags = "; ".join(a.red_flags) if a.red_flags else "none"
    pairs = [("Red flags", flags)]
    if a.red_flags:
        pairs.append(("Clearance", a.clearance or "not cleared: referral advised"))
    pairs += [("Gait notes", a.gait_notes), ("Notes", a.notes)]
    return [(label, text) for label, text in pairs if text]


def _details(patient: PatientDetails, a: AssessmentDetails, width: float) -> list[Flowable]:
    label_w, value_w = 30 * mm, width / 2 - 30 * mm
    rows = [
        [*_cells((left[0],), "r_cell_bold"), *_cells((left[1],)),
         *_cells((right[0],), "r_cell_bold"), *_cells((right[1],))]
        for left, right in zip_longest(_patient_pairs(patient), _assessment_pairs(a),
                                       fillvalue=("", ""))
    ]  # fmt: skip
    side_by_side = _grid(rows, (label_w, value_w, label_w + 8 * mm, value_w - 8 * mm), header=False)
    long_rows = [[*_cells((k,), "r_cell_bold"), *_cells((v,))] for k, v in _long_pairs(a)]
    story: list[Flowable] = [para("Patient and assessment", "r_heading"), side_by_side]
    if long_rows:
        long_grid = _grid(long_rows, (label_w, width - label_w), header=False, split_in_row=True)
        story += [Spacer(1, 3), long_grid]
    return story


def _measurements(rows: Sequence[MeasurementRow], width: float) -> list[Flowable]:
    heading = para("Measurements", "r_heading")
    if not rows:
        return [heading, para("No measurements recorded.", "r_body")]
    widths = (0.34 * width, 0.13 * width, 0.13 * width, 0.08 * width, 0.32 * width)
    table = [_cells(("Test", "Left", "Right", "Unit", "Method"), "r_cell_bold")]
    table += [
        _cells((row.label, value_text(row.left), value_text(row.right), row.unit or DASH,
                row.method or DASH))
        for row in rows
    ]  # fmt: skip
    return [heading, _grid(table, widths)]


def _metric_cells(row: MetricRow) -> list[Flowable]:
    value = row.value_text or numbers.value_text(row.value, row.unit)
    flag = "past cut-off" if row.flagged else ""
    cells = _cells((row.label, words(row.side), row.threshold or DASH))
    cells.insert(2, para(value, "r_cell_flag" if row.flagged else "r_cell"))
    return [*cells, para(flag, "r_cell_flag")]


def _metrics(rows: Sequence[MetricRow], width: float) -> list[Flowable]:
    heading = para("Metrics", "r_heading")
    if not rows:
        return [heading, para("No metrics could be computed.", "r_body")]
    widths = (0.38 * width, 0.08 * width, 0.12 * width, 0.28 * width, 0.14 * width)
    table = [_cells(("Metric", "Side", "Value", "Cut-off", ""), "r_cell_bold")]
    table += [_metric_cells(row) for row in rows]
    return [heading, _grid(table, widths)]


def _strength(bars: Sequence[StrengthBar], width: float) -> list[Flowable]:
    if not bars:
        return []
    story: list[Flowable] = [para("Strength by side", "r_heading")]
    ordered = sorted(bars, key=lambda bar: bar.unit)  # stable: keeps the catalogue order
    for _unit, group in groupby(ordered, key=lambda bar: bar.unit):
        story += [strength_chart(list(group), width), Spacer(1, 4)]
    return story


def _finding_value(finding: ReportFinding) -> str:
    """The one formatter's text (assessments.numbers), so the value reads as elsewhere."""
    value = finding.value_text or numbers.value_text(finding.value, finding.unit, finding.threshold)
    if finding.threshold is None:
        return value
    threshold = finding.threshold_text or numbers.cutoff_text(finding.threshold, finding.unit)
    return f"{value} (threshold {threshold})"


def _finding(finding: ReportFinding) -> list[Flowable]:
    title = f"{finding.title} \N{EN DASH} {words(finding.side)}" if finding.side else finding.title
    facts = (
        f"Severity: {words(finding.severity)} · Evidence grade: {finding.evidence} · "
        f"Status: {words(finding.status)} · Value: {_finding_value(finding)}"
    )
    parts: list[Flowable] = [
        para(title, "r_subheading"),
        para(facts, "r_body"),
        para(finding.explanation, "r_body"),
        para(finding.reference, "r_small", label="Reference:"),
    ]
    if finding.note:
        parts.append(para(finding.note, "r_body", label="Clinician note:"))
    parts.append(HRFlowable(width="100%", thickness=0.3, color=RULE, spaceBefore=2, spaceAfter=4))
    return parts


def _findings(findings: Sequence[ReportFinding]) -> list[Flowable]:
    heading = para("Findings", "r_heading")
    if not findings:
        return [heading, para("No rule fired on this assessment.", "r_body")]
    first, *rest = [_finding(finding) for finding in findings]
    # Each finding stays on one page, and the heading never stands alone at a page's foot.
    return [KeepTogether([heading, *first]), *[KeepTogether(parts) for parts in rest]]


def _trend_table(trend: Trend, width: float) -> Table:
    """The values behind the trend charts: the last TREND_TABLE_VISITS visits, to stay legible."""
    dates = [long_date(day) for day in trend.visit_dates[-TREND_TABLE_VISITS:]]
    label_w = 0.34 * width
    col_w = (width - label_w) / len(dates)
    rows = [_cells(("Metric", *dates), "r_cell_bold")]
    rows += [
        _cells((f"{s.label} ({s.unit or 'ratio'})",
                *[value_text(v, metric_places(s.unit)) for v in s.values[-len(dates):]]))
        for s in trend.series
    ]  # fmt: skip
    return _grid(rows, (label_w, *[col_w] * len(dates)))


def _trend(trend: Trend, width: float) -> list[Flowable]:
    """Charts per unit and a table of values; nothing for a first visit."""
    if len(trend.visit_dates) < 2 or not trend.series:
        return []
    story: list[Flowable] = [para("Trend over visits", "r_heading")]
    by_unit: dict[str | None, list[TrendSeries]] = {}
    for series in trend.series:
        by_unit.setdefault(series.unit, []).append(series)
    charts = [trend_chart(trend.visit_dates, group, width / 2) for group in by_unit.values()]
    pairs = [[*charts[i : i + 2], ""][:2] for i in range(0, len(charts), 2)]
    grid = Table(pairs, colWidths=(width / 2, width / 2), hAlign="LEFT")
    grid.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0)))
    return [*story, grid, Spacer(1, 6), _trend_table(trend, width)]
