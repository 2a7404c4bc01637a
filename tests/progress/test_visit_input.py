"""Two recorded visits, read through the ORM bridge and compared, with hand-worked labels."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessments import catalogue
from assessments import services as assessment_services
from progress import services
from progress.change import FindingKey, compare
from progress.visit_input import visit_data

D = Decimal


def visit(clinician, patient, day, pain, readings, lefs_value):
    assessment = assessment_services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=day,
        pain_nprs=pain,
        measurements=[
            assessment_services.MeasurementEntry(catalogue.normalize_measurement(*reading))
            for reading in readings
        ],
    )
    answers = {str(n): lefs_value for n in range(1, 21)}
    services.prom_record(actor=clinician, assessment=assessment, instrument="lefs", answers=answers)
    return assessment


def test_two_visits_compare_through_the_bridge(clinician, patient):
    first = visit(clinician, patient, datetime.date(2026, 1, 12), 6, [
        ("hip_abductor_strength", "left", D("20"), "kgf"),
        ("hip_abductor_strength", "right", D("25"), "kgf"),
        ("knee_to_wall", "left", D("8")),
        ("ely_test", "left", True),
    ], 2)  # fmt: skip
    second = visit(clinician, patient, datetime.date(2026, 2, 23), 3, [
        ("hip_abductor_strength", "left", D("23"), "kgf"),
        ("hip_abductor_strength", "right", D("25"), "kgf"),
        ("knee_to_wall", "left", D("10.5")),
        ("ely_test", "left", False),
    ], 3)  # fmt: skip
    change = compare(visit_data(first), visit_data(second))
    rows = {(row.code, row.side, row.metric): row for row in change.measures}
    # NPRS 6 -> 3: 3 points down, at least 2: improved.
    assert rows[("pain_nprs", None, None)].label == "improved"
    # 20 kgf = 196.133 N; 23 kgf = 225.55295 N: +29.41995 N, exactly 15%: no clear change.
    left = rows[("hip_abductor_strength", "left", None)]
    assert (left.change, left.threshold, left.label) == (
        D("29.41995"),
        D("29.41995"),
        "no_clear_change",
    )
    assert rows[("hip_abductor_strength", "right", None)].label == "no_clear_change"  # unchanged
    # knee_to_wall 8 -> 10.5 cm: +2.5, more than 2: improved.
    assert rows[("knee_to_wall", "left", None)].label == "improved"
    assert (rows[("ely_test", "left", None)].change, rows[("ely_test", "left", None)].label) == (
        None,
        "changed",
    )
    # LSI 20/25 = 80% -> 23/25 = 92%: +12 points, more than 10: improved.
    lsi = rows[("hip_abductor_strength", None, "limb_symmetry_index")]
    assert (lsi.earlier, lsi.later, lsi.label) == (D("80"), D("92"), "improved")
    # LEFS 40 -> 60: +20, at least 9: improved.
    (lefs,) = change.proms
    assert (lefs.earlier, lefs.later, lefs.label) == (D("40"), D("60"), "improved")
    # Left hip abductor LSI 80% (< 90) and knee-to-wall 8 cm (< 10) fired; neither fires now.
    assert FindingKey("hip_abductor_weakness", "left") in change.findings.resolved
    assert FindingKey("calf_tightness", "left") in change.findings.resolved
