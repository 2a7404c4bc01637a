"""The clinician report's "Since last visit" and trend, from visits recorded through the
services and read back with pypdf: hand-worked labels, an amended visit once, nothing for a
first visit."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessments import catalogue
from assessments import services as assessment_services
from progress import services as progress_services
from reports.handouts import load_assessment, report_data
from reports.models import ItemResponse
from reports.pdf.report import render_report
from reports.services import home_program_propose
from tests.factories import PatientFactory
from tests.pdf_text import pdf_words

DAY_1, DAY_2 = datetime.date(2026, 1, 12), datetime.date(2026, 2, 23)
FIRST = [
    ("single_leg_squat_fppa", "left", Decimal("18")),
    ("knee_to_wall", "left", Decimal("8")),
    ("knee_to_wall", "right", Decimal("12")),
]
SECOND = [
    ("single_leg_squat_fppa", "left", Decimal("10")),  # -8: at the error: no clear change
    ("knee_to_wall", "left", Decimal("10.5")),  # +2.5: past 2: improved
    ("knee_to_wall", "right", Decimal("9")),  # -3: past 2 the wrong way: worse
]


@pytest.fixture
def runner(clinic):
    return PatientFactory(clinic=clinic, first_name="Ines", last_name="Moreau", sex="female")


def visit(clinician, patient, day, pain, readings, kujala=None, final=True):
    assessment = assessment_services.assessment_create(
        actor=clinician, patient=patient, assessed_on=day, pain_nprs=pain,
        measurements=[
            assessment_services.MeasurementEntry(catalogue.normalize_measurement(*reading))
            for reading in readings
        ],
    )  # fmt: skip
    if kujala is not None:
        progress_services.prom_record(
            actor=clinician, assessment=assessment, instrument="kujala", answers=kujala
        )
    if final:
        assessment = assessment_services.assessment_finalize(assessment=assessment, actor=clinician)
    return assessment


# Kujala 1993 key: every item at its best option sums to 100 (5+5+5+10+5+10+10+10+10+10+10
# +5+5); "stairs" (item 4) and "running" (item 6) "unable" (0) take 10 each off.
BEST = {"1": 5, "2": 5, "3": 5, "4": 10, "5": 5, "6": 10, "7": 10, "8": 10, "9": 10,
        "10": 10, "11": 10, "12": 5, "13": 5}  # fmt: skip


def report_text(assessment) -> str:
    return pdf_words(render_report(report_data(load_assessment(assessment.pk))))


def test_since_last_visit_prints_the_hand_worked_labels(clinician, runner):
    # Kujala 80 (stairs 0, running 0) -> 90 (stairs 0): +10, at least the MIC of 10: improved.
    first = visit(clinician, runner, DAY_1, 6, FIRST, kujala=BEST | {"4": 0, "6": 0})
    program = home_program_propose(assessment=first, actor=clinician)
    second = visit(clinician, runner, DAY_2, 5, SECOND, kujala=BEST | {"4": 0}, final=False)
    item = program.items.order_by("position").first()
    ItemResponse.objects.create(
        assessment=second, item=item, response="flare", days_done_per_week=2
    )
    text = report_text(second)
    assert "Since last visit (12 January 2026)" in text
    # NPRS 6 -> 5: -1, under the MIC of 2.
    pain = "Pain (NPRS 0-10) \N{EN DASH} 6 points 5 points -1 point 2 points (Farrar2001)"
    assert f"{pain} No clear change" in text
    assert "left 18 deg 10 deg -8 deg 8 deg (Munro2012) No clear change" in text
    assert "left 8 cm 10.5 cm +2.5 cm 2 cm (Rabin2015) Improved" in text
    assert "right 12 cm 9 cm -3 cm 2 cm (Rabin2015) Worse" in text
    assert "Kujala AKPS total 80 90 +10 10 (Crossley2004) Improved" in text
    # Knee-to-wall under 10 cm: left 8 fired, 10.5 not; right 12 not, 9 does. FPPA 18 > 12.
    assert "New Calf tightness (restricted ankle dorsiflexion) \N{EN DASH} right" in text
    assert "Resolved Calf tightness (restricted ankle dorsiflexion) \N{EN DASH} left" in text
    assert "Dynamic knee valgus \N{EN DASH} left" in text
    assert "How the previous program went" in text
    assert f"{item.exercise.name}" in text and "Flare-up (worse next day) 2" in text


def test_the_trend_charts_the_findings_measures_proms_and_pain_each_visit_once(clinician, runner):
    visit(clinician, runner, DAY_1, 6, FIRST, kujala=BEST | {"4": 0, "6": 0})
    second = visit(clinician, runner, DAY_2, 5, SECOND, kujala=BEST | {"4": 0})
    correction = assessment_services.assessment_amend(assessment=second, actor=clinician)
    data = report_data(load_assessment(correction.pk))
    assert data.trend.visit_dates == (DAY_1, DAY_2)
    charts = [s.chart for s in data.trend.series]
    # In the rules table's order: calf tightness (flexibility), then dynamic knee valgus.
    assert charts == [
        "Knee-to-wall (weight-bearing lunge) (cm)", "Knee-to-wall (weight-bearing lunge) (cm)",
        "Single-leg squat frontal plane projection angle (deg)",
        "Kujala AKPS total (0-100)",
        "Pain (NPRS 0-10)",
    ]  # fmt: skip
    fppa = data.trend.series[2]
    assert fppa.band == (Decimal("10"), Decimal("26"))  # 18 +/- 8
    text = pdf_words(render_report(data))
    assert "Metric 12 January 2026 23 February 2026 Knee-to-wall" in text  # each visit once
    assert "Since last visit (12 January 2026)" in text


def test_the_report_of_an_amended_visit_lists_it_once(clinician, runner):
    visit(clinician, runner, DAY_1, 6, FIRST)
    second = visit(clinician, runner, DAY_2, 5, SECOND)
    assessment_services.assessment_amend(assessment=second, actor=clinician)  # an open draft
    text = report_text(second)
    assert "Metric 12 January 2026 23 February 2026 Knee-to-wall" in text
    assert "23 February 2026 23 February 2026" not in text


def test_a_first_visit_has_no_since_last_visit_and_no_trend(clinician, runner):
    first = visit(clinician, runner, DAY_1, 6, FIRST)
    text = report_text(first)
    assert "Since last visit" not in text
    assert "Trend over visits" not in text


def test_each_chart_is_built_and_drawn_once(monkeypatch):
    """The hot-path rule: a chart is built once per report and drawn once, however often the
    layout wraps it (the sample has 4 trend charts and 1 strength chart)."""
    from collections import Counter

    from reportlab.graphics.shapes import Drawing

    from reports.pdf import report as report_module
    from reports.pdf.samples import sample_report

    built, drawn = Counter(), Counter()

    def counting(build):
        def wrapper(*args, **kwargs):
            drawing = build(*args, **kwargs)
            built[build.__name__] += 1
            return drawing

        return wrapper

    original_draw_on = Drawing.drawOn

    def draw_on(self, *args, **kwargs):
        drawn[id(self)] += 1
        return original_draw_on(self, *args, **kwargs)

    monkeypatch.setattr(report_module, "trend_chart", counting(report_module.trend_chart))
    monkeypatch.setattr(report_module, "strength_chart", counting(report_module.strength_chart))
    monkeypatch.setattr(Drawing, "drawOn", draw_on)
    render_report(sample_report())
    assert built == {"trend_chart": 4, "strength_chart": 1}
    assert sorted(drawn.values()) == [1, 1, 1, 1, 1]
