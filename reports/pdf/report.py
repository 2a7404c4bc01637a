"""The clinician report PDF: details, since last visit, measurements by side, metrics, charts,
findings, trend."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby, zip_longest

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from assessments import numbers
from reports.pdf.charts import strength_chart, trend_chart
from reports.pdf.data import (
    AssessmentDetails,
    ChangeRow,
    ItemResponseLine,
    MeasurementRow,
    MetricRow,
    PatientDetails,
    ReportData,
    ReportFinding,
    SinceLastVisit,
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
TREND_PLOT_HEIGHT = 92.0  # smaller than a single chart's: the charts come two to a row
CHANGE_NOTE = (
    "A change is judged against the test's own error (it must be exceeded) or, for pain and "
    "the questionnaires, the minimal important change (from the threshold on); inside it the "
    "label is no clear change. Tests without a threshold are only changed or unchanged."
)


def render_report(data: ReportData) -> bytes:
    """The clinician report as PDF bytes."""
    spec = _spec(data)
    width = content_width(spec)
    story = [
        *_header(data),
        *_details(data.patient, data.assessment, width),
        *_since_last(data.since_last, width),
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
        _cells((_series_name(s),
                *[value_text(v, metric_places(s.unit)) for v in s.values[-len(dates):]]))
        for s in trend.series
    ]  # fmt: skip
    return _grid(rows, (label_w, *[col_w] * len(dates)))


def _series_name(series: TrendSeries) -> str:
    """The chart's title and the series ("Knee-to-wall (cm), left"), or the label and unit."""
    if not series.chart:
        return f"{series.label} ({series.unit or 'ratio'})"
    if series.chart.startswith(series.label):
        return series.chart
    return f"{series.chart}, {series.label.lower()}"


def _trend(trend: Trend, width: float) -> list[Flowable]:
    """Charts per unit and a table of values; nothing for a first visit."""
    if len(trend.visit_dates) < 2 or not trend.series:
        return []
    story: list[Flowable] = [para("Trend over visits", "r_heading")]
    by_chart: dict[str, list[TrendSeries]] = {}
    for series in trend.series:
        by_chart.setdefault(series.chart or f"unit:{series.unit}", []).append(series)
    charts = [
        trend_chart(trend.visit_dates, group, width / 2, title=group[0].chart or None,
                    plot_height=TREND_PLOT_HEIGHT)
        for group in by_chart.values()
    ]  # fmt: skip
    # One table per row of two charts: the heading keeps with the first row only, so the
    # charts start on the page where the heading fits.
    rows = []
    for i in range(0, len(charts), 2):
        row = Table([[*charts[i : i + 2], ""][:2]], colWidths=(width / 2, width / 2), hAlign="LEFT")
        row.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0)))
        rows.append(row)
    return [*story, *rows, Spacer(1, 6), _trend_table(trend, width)]


def _change_cells(row: ChangeRow) -> list[Flowable]:
    label = row.label_words
    style = {"worse": "r_cell_flag", "improved": "r_cell_bold"}.get(row.label, "r_cell")
    cells = _cells((row.measure, words(row.side) if row.side else DASH, row.earlier, row.later,
                    row.change or DASH, row.threshold or DASH))  # fmt: skip
    return [*cells, para(label, style)]


def _change_table(rows: Sequence[ChangeRow], first: str, width: float, *, sides: bool) -> Table:
    """Measures (with a side column) or questionnaire scores (without)."""
    fractions = [0.28, 0.07, 0.11, 0.11, 0.11, 0.19, 0.13]
    head = [first, "Side", "Before", "Now", "Change", "Threshold (source)", "Label"]
    body = [_change_cells(row) for row in rows]
    if not sides:
        fractions[0] += fractions.pop(1)
        del head[1]
        body = [cells[:1] + cells[2:] for cells in body]
    return _grid([_cells(head, "r_cell_bold"), *body], [f * width for f in fractions])


def _transition_rows(since: SinceLastVisit) -> list[list[Flowable]]:
    groups = (("New", since.new_findings), ("Resolved", since.resolved_findings),
              ("Persisting", since.persisting_findings))  # fmt: skip
    return [_cells((name, "; ".join(titles) or "none"), "r_cell") for name, titles in groups]


def _responses_table(lines: Sequence[ItemResponseLine], width: float) -> Table:
    head = _cells(("Exercise (previous program)", "Dosage", "Response", "Days a week"),
                  "r_cell_bold")  # fmt: skip
    rows = [
        _cells((line.exercise, line.dosage, line.response,
                DASH if line.days_done_per_week is None else str(line.days_done_per_week)))
        for line in lines
    ]  # fmt: skip
    return _grid([head, *rows], (0.3 * width, 0.36 * width, 0.22 * width, 0.12 * width))


def _since_last(since: SinceLastVisit | None, width: float) -> list[Flowable]:
    """The reported visit against the one before (progress.md); nothing for a first visit."""
    if since is None:
        return []
    heading = para(f"Since last visit ({long_date(since.earlier_date)})", "r_heading")
    story: list[Flowable] = [heading, para(CHANGE_NOTE, "r_small")]
    if since.measures:
        story.append(_change_table(since.measures, "Measure", width, sides=True))
    else:
        story.append(para("No test was measured at both visits.", "r_body"))
    transitions = _grid(_transition_rows(since), (0.16 * width, 0.84 * width), header=False)
    story.append(KeepTogether([para("Findings", "r_subheading"), transitions]))
    # Each heading stays with its table (both are a few rows).
    if since.proms:
        proms = _change_table(since.proms, "Score", width, sides=False)
        story.append(KeepTogether([para("Questionnaires", "r_subheading"), proms]))
    if since.item_responses:
        responses = _responses_table(since.item_responses, width)
        story.append(KeepTogether([para("How the previous program went", "r_subheading"),
                                   responses]))  # fmt: skip
    return story
