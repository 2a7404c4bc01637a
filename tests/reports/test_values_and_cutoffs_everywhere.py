"""Issue 8 over the rule test vectors: the report marks "past cut-off" exactly where a rule
fired on the metric, and a finding's value prints the same in its explanation, the API, the
admin and both PDFs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib import admin

from assessments import catalogue, numbers, rules, services
from assessments.models import Finding
from reports.handouts import _metric_rows
from reports.pdf.data import Trend
from reports.pdf.report import render_report
from reports.pdf.samples import sample_report
from tests.assessments.rules.vectors import rule_vectors
from tests.pdf_text import pdf_words

VECTORS = rule_vectors()
IDS = [name for name, _ in VECTORS]

# Which metric each finding fires on, written out from rules.md: (metric code, measurement).
# The side is the finding's for the per-side ratios; LSI and Y-balance metrics have none.
FIRED_ON = {
    "quadriceps_weakness": ("limb_symmetry_index", "knee_extensor_strength"),
    "hamstring_weakness": ("limb_symmetry_index", "knee_flexor_strength"),
    "hip_abductor_weakness": ("limb_symmetry_index", "hip_abductor_strength"),
    "hip_extensor_weakness": ("limb_symmetry_index", "hip_extensor_strength"),
    "hip_external_rotator_weakness": ("limb_symmetry_index", "hip_external_rotator_strength"),
    "hop_asymmetry": ("limb_symmetry_index", "single_leg_hop"),
    "calf_tibialis_imbalance": ("limb_symmetry_index", "ankle_dorsiflexor_strength"),
    "hamstring_quadriceps_ratio_low": ("hamstring_quadriceps_ratio", None),
    "quadriceps_weak_relative_to_hamstrings": ("hamstring_quadriceps_ratio", None),
    "balance_asymmetry": ("y_balance_anterior_difference", None),
}
PER_SIDE = {"hamstring_quadriceps_ratio"}


def expected_marks(findings) -> set[tuple[str, str | None, str | None]]:
    marks = set()
    for f in findings:
        if f.code == "calf_weakness" and f.source == "HebertLosier2017":  # its LSI branch
            marks.add(("limb_symmetry_index", "single_leg_heel_raise", None))
        elif f.code in FIRED_ON:
            code, measurement = FIRED_ON[f.code]
            marks.add((code, measurement, f.side if code in PER_SIDE else None))
    return marks


@pytest.mark.parametrize(("name", "case"), VECTORS, ids=IDS)
def test_past_cut_off_marks_match_the_findings(name, case):
    evaluation = rules.evaluate(case)
    stored = [services.metric_as_json(m) for m in evaluation.metrics]
    marked = {(m["code"], m["measurement"], m["side"]) for m in stored if m["crossed"]}
    assert marked == expected_marks(evaluation.findings)
    rows = _metric_rows(SimpleNamespace(metrics=stored))
    assert sum(row.flagged for row in rows) == len(marked)
    text = pdf_words(
        render_report(
            sample_report(
                metrics=rows, measurements=(), strength_bars=(), findings=(), trend=Trend()
            )
        )
    )
    assert text.count("past cut-off") == len(marked)


def test_the_report_never_marks_a_metric_no_rule_reads():
    # hip flexor LSI 85 % (issue 8): below 90 but no rule reads it, so no cut-off, no mark
    case = rules.evaluate(
        rules.AssessmentInput(
            "female",
            35,
            None,
            tuple(
                rules.MeasurementInput(
                    "hip_flexor_strength", side, Decimal(v), "N", "hhd_isometric"
                )
                for side, v in (("left", "85"), ("right", "100"))
            ),
        )
    )
    stored = [services.metric_as_json(m) for m in case.metrics]
    (row,) = _metric_rows(SimpleNamespace(metrics=stored))
    assert (row.flagged, row.threshold, row.value_text) == (False, "", "85.0%")


# The same value everywhere, through the database: the vectors where a finding has a number
# (one in three of them, to keep the suite fast) and the everything-fires sample.
NUMERIC = [
    (name, case)
    for name, case in VECTORS
    if any(isinstance(f.value, Decimal) for f in rules.evaluate(case).findings)
]
DB_VECTORS = [*NUMERIC[::3], VECTORS[-1]]
DAY = datetime.date(2026, 3, 2)


def _entries(case):
    out = []
    for m in case.measurements:
        strength = catalogue.MEASUREMENT_TYPES[m.code].is_strength
        unit = m.unit if strength else None
        normalized = catalogue.normalize_measurement(m.code, m.side, m.value, unit, m.method)
        out.append(services.MeasurementEntry(normalized))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "case"), DB_VECTORS, ids=[n for n, _ in DB_VECTORS])
def test_a_finding_value_prints_the_same_in_every_door(name, case, api, clinician, patient):
    patient.sex = case.sex
    patient.save()
    made = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        measurements=_entries(case),
        red_flags=["history_of_cancer"],  # so the referral letter prints
    )
    data = api.get(f"/api/v1/assessments/{made.pk}/").json()
    api_text = {(f["code"], f["side"]): f["value_text"] for f in data["findings"]}
    report = pdf_words(api.get(f"/api/v1/assessments/{made.pk}/report.pdf").content)
    letter = pdf_words(api.get(f"/api/v1/assessments/{made.pk}/referral.pdf").content)
    inline = next(i for i in admin.site._registry[type(made)].inlines if i.model is Finding)(
        Finding, admin.site
    )
    for finding in rules.evaluate(
        rules.AssessmentInput(case.sex, made.patient.age_on(DAY), None, case.measurements)
    ).findings:
        if not isinstance(finding.value, Decimal):
            continue
        expected = numbers.value_text(finding.value, finding.unit, finding.threshold)
        number = numbers.number_text(finding.value, finding.unit, finding.threshold)
        assert number in finding.explanation, (finding.code, number)
        assert api_text[finding.code, finding.side] == expected
        row = made.findings.get(code=finding.code, side=finding.side or "")
        assert inline.measured(row).startswith(expected)
        assert f"Value: {expected}" in report
        assert f": {expected}" in letter


@pytest.mark.parametrize(
    ("text", "unit", "printed"),
    [
        ("1", "points", "1 point"),
        ("-1", "points", "-1 point"),
        ("+1", "points", "+1 point"),
        ("2", "points", "2 points"),
        ("1.5", "points", "1.5 points"),
        ("10", "points", "10 points"),
        ("1", "deg", "1 deg"),
        ("1", "%", "1%"),
    ],
)
def test_one_point_is_singular_in_the_api_texts_and_the_pdfs(text: str, unit: str, printed: str):
    assert numbers.with_unit(text, unit) == printed
