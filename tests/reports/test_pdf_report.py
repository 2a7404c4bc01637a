"""The clinician report PDF, read back with pypdf: details, tables, findings, references, trend."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from reports.pdf.data import MeasurementRow, ReportData, Trend
from reports.pdf.report import render_report
from reports.pdf.samples import sample_report
from tests.pdf_text import pdf_words


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def report() -> ReportData:
    return sample_report()


@pytest.fixture(scope="module")
def text(report: ReportData) -> str:
    return pdf_words(render_report(report))


def test_patient_and_assessment_details_print(text: str):
    for expected in ("Zoë Müller-Łukasiewicz", "2 June 1988", "12 March 2026", "Sam O'Neill",
                     "final (ruleset 2026.2)", "67.4 kg / 168 cm", "4/10", "anterior, medial",
                     "Mild left hip drop late in stance."):  # fmt: skip
        assert expected in text


def test_every_measurement_prints_by_side(text: str):
    assert "Knee extensor strength 310 402 N Handheld dynamometer" in text
    assert "Knee-to-wall distance 11.5 8 cm" in text
    assert "Trendelenburg test negative negative" in text
    assert "Lateral step-down score 2 1 points" in text


def test_metrics_print_rounded_as_measurements_md_says(text: str):
    assert "H:Q ratio (hhd isometric) left 0.58 > 1.00" in text  # 0.5806 to 2 decimals
    assert "LSI knee extensors \N{EN DASH} 77.1% < 90% past cut-off" in text  # 77.11 to 1 decimal
    # a metric no rule reads prints no cut-off and is never marked
    assert "Adductor:abductor ratio right 0.79 \N{EN DASH}" in text
    assert "Knee extensors per body weight right 60.8 %BW" in text


def test_findings_print_with_grade_status_value_and_full_reference(text: str):
    assert "Quadriceps weakness \N{EN DASH} left" in text
    assert "Severity: moderate · Evidence grade: A · Status: proposed" in text
    assert "Value: 77.1% (threshold 90%)" in text
    assert "Status: confirmed · Value: 8 cm (threshold 10 cm)" in text
    assert "Grindem H et al 2016, Br J Sports Med 50:804, doi:10.1136/bjsports-2016-096031" in text
    assert "Robinson RL, Nee RJ 2007, JOSPT 37:232, doi:10.2519/jospt.2007.2439" in text
    assert "Herrington L, Munro A 2010, Phys Ther Sport 11:56" in text


def test_strength_chart_is_drawn(text: str):
    assert "Strength, left and right (N)" in text
    assert "90% of the stronger side" in text
    assert "Quadriceps" in text


def test_trend_prints_over_visits(text: str):
    assert "Trend over visits" in text
    assert "20 November 2025 15 January 2026 12 March 2026" in text
    assert "LSI, knee extensor strength (%) 68.2 72.5 77.1" in text
    assert "projection angle (deg), right 8 \N{EN DASH} 7" in text  # not measured at the middle
    assert "shaded: first visit \N{PLUS-MINUS SIGN} 8 deg (test error, Munro2012)" in text


def test_first_visit_has_no_trend(report: ReportData):
    text = pdf_words(render_report(replace(report, trend=Trend())))
    assert "Trend over visits" not in text


def test_markup_in_user_text_prints_literally(report: ReportData):
    data = replace(
        report,
        patient=replace(report.patient, name="Tom & <Jerry>"),
        assessment=replace(report.assessment, notes="Knee <b>locks</b> & clicks\nsecond line"),
        measurements=(MeasurementRow("Test <i>x</i> & y", Decimal("1.5"), None, "cm"),),
    )
    text = pdf_words(render_report(data))
    for literal in ("Tom & <Jerry>", "Knee <b>locks</b> & clicks", "second line",
                    "Test <i>x</i> & y 1.5 \N{EN DASH}"):  # fmt: skip
        assert literal in text


def test_empty_assessment_still_renders(report: ReportData):
    data = replace(report, measurements=(), metrics=(), strength_bars=(), findings=(),
                   trend=Trend())  # fmt: skip
    text = pdf_words(render_report(data))
    assert "No measurements recorded." in text
    assert "No rule fired on this assessment." in text


def test_red_flags_and_clearance_print(report: ReportData):
    assessment = replace(report.assessment, red_flags=("Locked knee",), clearance="")
    text = pdf_words(render_report(replace(report, assessment=assessment)))
    assert "Red flags Locked knee" in text
    assert "not cleared: referral advised" in text


def test_metadata_fonts_and_page_size(report: ReportData):
    reader = read(render_report(replace(report, page_size="LETTER")))
    assert reader.metadata.title.startswith(
        "Knee assessment report \N{EN DASH} Zoë Müller-Łukasiewicz"
    )
    assert reader.metadata.author == "Riverside Knee & Hip Physiotherapy"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    for font in page["/Resources"]["/Font"].values():
        assert "/FontFile2" in font.get_object()["/FontDescriptor"]


def test_identical_input_gives_identical_bytes(report: ReportData):
    assert render_report(report) == render_report(sample_report())


def test_trend_with_a_missing_visit_value_still_renders(report: ReportData):
    trend = replace(report.trend, visit_dates=(date(2026, 1, 1), date(2026, 3, 12)))
    trend = replace(trend, series=tuple(replace(s, values=(None, s.values[-1]))
                                        for s in report.trend.series))  # fmt: skip
    assert "Trend over visits" in pdf_words(render_report(replace(report, trend=trend)))
