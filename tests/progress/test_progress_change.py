"""Change between two visits: each threshold just below, at and just above, both directions."""

from decimal import Decimal

import pytest

from progress.change import (
    THRESHOLDS,
    FindingKey,
    FindingState,
    MeasurementValue,
    MetricValue,
    PromScore,
    VisitData,
    compare,
)

D = Decimal


def measurement(code, value, unit=None, side="left", method=None):
    value = value if isinstance(value, bool) else D(value)
    return MeasurementValue(code, side, value, unit, method)


def measures(earlier, later, **kwargs):
    return compare(earlier, later, **kwargs).measures


def one_measure(code, earlier, later, unit=None, **kwargs):
    rows = measures(
        VisitData(measurements=(measurement(code, earlier, unit),)),
        VisitData(measurements=(measurement(code, later, unit),)),
        **kwargs,
    )
    assert len(rows) == 1
    return rows[0]


# (code, unit, earlier, later, expected label): a measurement error must be exceeded.
ERROR_CASES = [
    # single_leg_squat_fppa, lower is better, 8 deg: 18 -> 13 (the example) is noise.
    ("single_leg_squat_fppa", "deg", "18", "13", "no_clear_change"),
    ("single_leg_squat_fppa", "deg", "18", "10.1", "no_clear_change"),  # -7.9
    ("single_leg_squat_fppa", "deg", "18", "10", "no_clear_change"),  # -8 exactly
    ("single_leg_squat_fppa", "deg", "18", "9.9", "improved"),  # -8.1
    ("single_leg_squat_fppa", "deg", "18", "25.9", "no_clear_change"),  # +7.9
    ("single_leg_squat_fppa", "deg", "18", "26", "no_clear_change"),  # +8
    ("single_leg_squat_fppa", "deg", "18", "26.1", "worse"),  # +8.1
    # y_balance_anterior, higher is better, 9 cm.
    ("y_balance_anterior", "cm", "60", "68.9", "no_clear_change"),
    ("y_balance_anterior", "cm", "60", "69", "no_clear_change"),
    ("y_balance_anterior", "cm", "60", "69.1", "improved"),
    ("y_balance_anterior", "cm", "60", "51.1", "no_clear_change"),
    ("y_balance_anterior", "cm", "60", "51", "no_clear_change"),
    ("y_balance_anterior", "cm", "60", "50.9", "worse"),
    # thomas_knee_angle, higher is better, 19 deg.
    ("thomas_knee_angle", "deg", "50", "68.9", "no_clear_change"),
    ("thomas_knee_angle", "deg", "50", "69", "no_clear_change"),
    ("thomas_knee_angle", "deg", "50", "69.1", "improved"),
    ("thomas_knee_angle", "deg", "50", "31.1", "no_clear_change"),
    ("thomas_knee_angle", "deg", "50", "31", "no_clear_change"),
    ("thomas_knee_angle", "deg", "50", "30.9", "worse"),
    # single_leg_heel_raise, higher is better, 6 reps (whole numbers).
    ("single_leg_heel_raise", "reps", "20", "25", "no_clear_change"),
    ("single_leg_heel_raise", "reps", "20", "26", "no_clear_change"),
    ("single_leg_heel_raise", "reps", "20", "27", "improved"),
    ("single_leg_heel_raise", "reps", "20", "15", "no_clear_change"),
    ("single_leg_heel_raise", "reps", "20", "14", "no_clear_change"),
    ("single_leg_heel_raise", "reps", "20", "13", "worse"),
    # knee_to_wall, higher is better, 2 cm.
    ("knee_to_wall", "cm", "8", "9.9", "no_clear_change"),
    ("knee_to_wall", "cm", "8", "10", "no_clear_change"),
    ("knee_to_wall", "cm", "8", "10.1", "improved"),
    ("knee_to_wall", "cm", "8", "6.1", "no_clear_change"),
    ("knee_to_wall", "cm", "8", "6", "no_clear_change"),
    ("knee_to_wall", "cm", "8", "5.9", "worse"),
]
THRESHOLD_OF = {
    "single_leg_squat_fppa": ("8", "Munro2012"),
    "y_balance_anterior": ("9", "Plisky2006"),
    "thomas_knee_angle": ("19", "Peeler2008"),
    "single_leg_heel_raise": ("6", "HebertLosier2017"),
    "knee_to_wall": ("2", "Rabin2015"),
}


@pytest.mark.parametrize(("code", "unit", "earlier", "later", "label"), ERROR_CASES)
def test_measurement_error_thresholds(code, unit, earlier, later, label):
    row = one_measure(code, earlier, later, unit)
    threshold, source = THRESHOLD_OF[code]
    assert (row.code, row.side, row.metric, row.unit) == (code, "left", None, unit)
    assert (row.earlier, row.later, row.change) == (D(earlier), D(later), D(later) - D(earlier))
    assert (row.threshold, row.source, row.label) == (D(threshold), source, label)


# Strength: 15% of the earlier value. 200 N -> 30 N; 100 Nm -> 15 Nm.
@pytest.mark.parametrize(
    ("unit", "earlier", "later", "threshold", "label"),
    [
        ("N", "200", "229.9", "30", "no_clear_change"),
        ("N", "200", "230", "30", "no_clear_change"),
        ("N", "200", "230.1", "30", "improved"),
        ("N", "200", "170.1", "30", "no_clear_change"),
        ("N", "200", "170", "30", "no_clear_change"),
        ("N", "200", "169.9", "30", "worse"),
        ("Nm", "100", "114.9", "15", "no_clear_change"),
        ("Nm", "100", "115", "15", "no_clear_change"),
        ("Nm", "100", "115.1", "15", "improved"),
        ("Nm", "100", "85", "15", "no_clear_change"),
        ("Nm", "100", "84.9", "15", "worse"),
    ],
)
def test_strength_threshold_is_15_percent_of_the_earlier_value(
    unit, earlier, later, threshold, label
):
    row = one_measure("hip_abductor_strength", earlier, later, unit)
    assert (row.threshold, row.label, row.source, row.unit) == (
        D(threshold),
        label,
        "Convention",
        unit,
    )


def test_strength_entered_in_kgf_compares_exactly():
    # 20 kgf = 196.133 N; 15% = 29.41995 N; 23 kgf = 225.55295 N: a gain of exactly 15%.
    row = one_measure("knee_extensor_strength", "196.133", "225.55295", "N")
    assert (row.change, row.threshold, row.label) == (
        D("29.41995"),
        D("29.41995"),
        "no_clear_change",
    )


def measure_of_metric(code, measurement_code, earlier, later, unit):
    def visit(value):
        return VisitData(metrics=(MetricValue(code, measurement_code, None, D(value), unit),))

    (row,) = measures(visit(earlier), visit(later))
    return row


@pytest.mark.parametrize(
    ("earlier", "later", "label"),
    [
        ("75", "84.9", "no_clear_change"),
        ("75", "85", "no_clear_change"),
        ("75", "85.1", "improved"),
        ("75", "65.1", "no_clear_change"),
        ("75", "65", "no_clear_change"),
        ("75", "64.9", "worse"),
    ],
)
def test_limb_symmetry_index_threshold_is_10_percentage_points(earlier, later, label):
    row = measure_of_metric("limb_symmetry_index", "hip_abductor_strength", earlier, later, "%")
    assert (row.code, row.metric, row.side, row.unit) == (
        "hip_abductor_strength",
        "limb_symmetry_index",
        None,
        "%",
    )
    assert (row.threshold, row.label, row.source) == (D("10"), label, "Convention")


def pain(earlier, later, **kwargs):
    (row,) = measures(VisitData(pain_nprs=earlier), VisitData(pain_nprs=later), **kwargs)
    return row


@pytest.mark.parametrize(
    ("earlier", "later", "label"),
    [
        (6, 5, "no_clear_change"),  # -1
        (6, 4, "improved"),  # -2: at the minimal important change counts
        (6, 3, "improved"),  # -3 (the 6 -> 3)
        (6, 7, "no_clear_change"),
        (6, 8, "worse"),
        (6, 9, "worse"),
        (6, 6, "no_clear_change"),
    ],
)
def test_pain_nprs_minimal_important_change_counts_from_2_points(earlier, later, label):
    row = pain(earlier, later)
    assert (row.code, row.side, row.metric) == ("pain_nprs", None, None)
    assert (row.change, row.threshold, row.label, row.source) == (
        D(later - earlier),
        D("2"),
        label,
        "Farrar2001",
    )


def prom(instrument, earlier, later, metric="total"):
    def visit(value):
        return VisitData(proms=(PromScore(instrument, metric, D(value)),))

    (row,) = compare(visit(earlier), visit(later)).proms
    return row


@pytest.mark.parametrize(
    ("instrument", "metric", "earlier", "later", "threshold", "label"),
    [
        ("koos", "pain", "50.0", "59.9", "10", "no_clear_change"),
        ("koos", "pain", "50.0", "60.0", "10", "improved"),
        ("koos", "pain", "50.0", "60.1", "10", "improved"),
        ("koos", "qol", "50.0", "40.1", "10", "no_clear_change"),
        ("koos", "qol", "50.0", "40.0", "10", "worse"),
        ("koos", "qol", "50.0", "39.9", "10", "worse"),
        ("koos_pf", "total", "50.0", "66.3", "16.4", "no_clear_change"),
        ("koos_pf", "total", "50.0", "66.4", "16.4", "improved"),
        ("koos_pf", "total", "50.0", "66.5", "16.4", "improved"),
        ("koos_pf", "total", "50.0", "33.7", "16.4", "no_clear_change"),
        ("koos_pf", "total", "50.0", "33.6", "16.4", "worse"),
        ("kujala", "total", "60", "69", "10", "no_clear_change"),
        ("kujala", "total", "60", "70", "10", "improved"),
        ("kujala", "total", "60", "71", "10", "improved"),
        ("kujala", "total", "60", "51", "10", "no_clear_change"),
        ("kujala", "total", "60", "50", "10", "worse"),
        ("lefs", "total", "40", "48", "9", "no_clear_change"),
        ("lefs", "total", "40", "49", "9", "improved"),
        ("lefs", "total", "40", "50", "9", "improved"),
        ("lefs", "total", "40", "32", "9", "no_clear_change"),
        ("lefs", "total", "40", "31", "9", "worse"),
    ],
)
def test_prom_minimal_important_change(instrument, metric, earlier, later, threshold, label):
    row = prom(instrument, earlier, later, metric)
    assert (row.code, row.metric, row.change) == (instrument, metric, D(later) - D(earlier))
    assert (row.threshold, row.label) == (D(threshold), label)


def test_prom_sources():
    sources = {
        code: prom(code, "50", "50").source for code in ("koos", "koos_pf", "kujala", "lefs")
    }
    assert sources == {
        "koos": "Roos",
        "koos_pf": "Crossley2018",
        "kujala": "Crossley2004",
        "lefs": "Binkley1999",
    }


def test_prom_score_not_scored_at_either_visit_is_left_out():
    earlier = VisitData(
        proms=(PromScore("lefs", "total", None), PromScore("kujala", "total", D(60)))
    )
    later = VisitData(proms=(PromScore("lefs", "total", D(50)), PromScore("kujala", "total", None)))
    assert compare(earlier, later).proms == ()


@pytest.mark.parametrize(
    ("code", "unit", "earlier", "later", "label"),
    [
        ("active_knee_extension", "deg", "30", "25", "changed"),
        ("active_knee_extension", "deg", "30", "30", "unchanged"),
        ("straight_leg_raise", "deg", "70", "90", "changed"),
        ("single_leg_hop", "cm", "120", "100", "changed"),
        ("lateral_step_down_score", "points", "3", "3", "unchanged"),
    ],
)
def test_measurements_without_a_threshold_are_changed_or_unchanged(
    code, unit, earlier, later, label
):
    row = one_measure(code, earlier, later, unit)
    assert (row.change, row.threshold, row.source, row.label) == (
        D(later) - D(earlier),
        None,
        None,
        label,
    )


@pytest.mark.parametrize(
    ("code", "measurement_code", "unit", "earlier", "later", "label"),
    [
        ("hamstring_quadriceps_ratio", None, None, "0.5", "0.62", "changed"),
        ("adductor_abductor_ratio", None, None, "0.7", "0.7", "unchanged"),
        ("strength_per_body_weight", "hip_abductor_strength", "%BW", "20", "35", "changed"),
        ("y_balance_anterior_difference", None, "cm", "6", "2", "changed"),
    ],
)
def test_metrics_without_a_threshold_are_changed_or_unchanged(
    code, measurement_code, unit, earlier, later, label
):
    row = measure_of_metric(code, measurement_code, earlier, later, unit)
    assert (row.code, row.metric) == (measurement_code or code, code)
    assert (row.change, row.threshold, row.label) == (D(later) - D(earlier), None, label)


@pytest.mark.parametrize(
    ("earlier", "later", "label"),
    [(True, False, "changed"), (False, True, "changed"), (True, True, "unchanged")],
)
def test_yes_no_test_has_no_change_value(earlier, later, label):
    row = one_measure("ely_test", earlier, later)
    assert (row.earlier, row.later, row.change, row.threshold, row.label) == (
        earlier,
        later,
        None,
        None,
        label,
    )


def test_only_tests_measured_at_both_visits_comparably_are_compared():
    earlier = VisitData(
        measurements=(
            measurement("knee_to_wall", "8", "cm"),
            measurement("hip_abductor_strength", "200", "N"),
            measurement("knee_extensor_strength", "100", "Nm", method="isokinetic_60"),
            measurement("ober_angle", "-10", "deg"),
            measurement("thomas_knee_angle", "50", "deg", side="right"),
        )
    )
    later = VisitData(
        measurements=(
            measurement("knee_to_wall", "11", "cm", side="right"),  # other side
            measurement("hip_abductor_strength", "20", "Nm"),  # force against torque
            measurement("knee_extensor_strength", "90", "Nm", method="isokinetic_180"),
            MeasurementValue("ober_angle", "left", None, "deg"),  # copied, not measured
            measurement("thomas_knee_angle", "55", "deg", side="right"),
        )
    )
    assert [(row.code, row.side) for row in measures(earlier, later)] == [
        ("thomas_knee_angle", "right")
    ]


def test_measures_list_pain_then_measurements_then_metrics():
    def visit(value):
        return VisitData(
            pain_nprs=value,
            measurements=(measurement("knee_to_wall", value, "cm"),),
            metrics=(MetricValue("limb_symmetry_index", "single_leg_hop", None, D(value), "%"),),
        )

    rows = measures(visit(5), visit(6))
    assert [(row.code, row.metric) for row in rows] == [
        ("pain_nprs", None),
        ("knee_to_wall", None),
        ("single_leg_hop", "limb_symmetry_index"),
    ]


def test_clinic_setting_overrides_a_threshold_and_is_named_as_source():
    clinic = {"single_leg_squat_fppa": D("5"), "strength": D("10"), "pain_nprs": D("3")}
    row = one_measure("single_leg_squat_fppa", "18", "12.9", "deg", clinic_thresholds=clinic)
    assert (row.threshold, row.label, row.source) == (D("5"), "improved", "clinic setting")
    # Still a measurement error: at the clinic's 5 exactly is no clear change.
    row = one_measure("single_leg_squat_fppa", "18", "13", "deg", clinic_thresholds=clinic)
    assert row.label == "no_clear_change"
    # Strength: 10% of 200 N = 20 N.
    row = one_measure("hip_abductor_strength", "200", "220.1", "N", clinic_thresholds=clinic)
    assert (row.threshold, row.label, row.source) == (D("20"), "improved", "clinic setting")
    # A minimal important change stays "at least": 6 -> 3 is 3 points.
    assert pain(6, 3, clinic_thresholds=clinic).label == "improved"
    assert pain(6, 4, clinic_thresholds=clinic).label == "no_clear_change"
    # Measures the clinic did not set keep the published threshold.
    row = one_measure("knee_to_wall", "8", "10.1", "cm", clinic_thresholds=clinic)
    assert (row.threshold, row.source) == (D("2"), "Rabin2015")


def test_clinic_setting_for_a_prom():
    earlier = VisitData(proms=(PromScore("kujala", "total", D(60)),))
    later = VisitData(proms=(PromScore("kujala", "total", D(68)),))
    (row,) = compare(earlier, later, clinic_thresholds={"kujala": D("8")}).proms
    assert (row.threshold, row.label, row.source) == (D("8"), "improved", "clinic setting")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [({"hip_flexor_tightness": D(3)}, "unknown measure"), ({"knee_to_wall": D(0)}, "more than 0")],
)
def test_clinic_setting_must_name_a_measure_and_a_positive_amount(overrides, message):
    with pytest.raises(ValueError, match=message):
        compare(VisitData(), VisitData(), clinic_thresholds=overrides)


def test_thresholds_table_lists_every_row_of_progress_md_with_a_source():
    assert {key: (str(t.amount), t.better, t.kind) for key, t in THRESHOLDS.items()} == {
        "pain_nprs": ("2", "lower", "important"),
        "single_leg_squat_fppa": ("8", "lower", "error"),
        "y_balance_anterior": ("9", "higher", "error"),
        "thomas_knee_angle": ("19", "higher", "error"),
        "single_leg_heel_raise": ("6", "higher", "error"),
        "knee_to_wall": ("2", "higher", "error"),
        "limb_symmetry_index": ("10", "higher", "error"),
        "strength": ("15", "higher", "error"),
        "koos": ("10", "higher", "important"),
        "koos_pf": ("16.4", "higher", "important"),
        "kujala": ("10", "higher", "important"),
        "lefs": ("9", "higher", "important"),
    }
    assert all(t.source and t.reference for t in THRESHOLDS.values())


def finding(code, side, status):
    return FindingState(code, side, status)


def test_finding_transitions_new_resolved_persisting():
    earlier = VisitData(
        findings=(
            finding("hip_abductor_weakness", "left", "proposed"),
            finding("calf_tightness", "right", "confirmed"),
            finding("quadriceps_tightness", "left", "to_confirm"),
            finding("dynamic_knee_valgus", "left", "dismissed"),
            finding("hamstring_tightness", "right", "proposed"),
        )
    )
    later = VisitData(
        findings=(
            finding("hip_abductor_weakness", "left", "confirmed"),  # persisting
            finding("hip_abductor_weakness", "right", "proposed"),  # new: other side
            finding("calf_tightness", "right", "dismissed"),  # dismissed now: resolved
            finding("quadriceps_tightness", "left", "to_confirm"),  # to_confirm fires
            finding("dynamic_knee_valgus", "left", "proposed"),  # dismissed then: new
            finding("pelvic_drop", "left", "proposed"),  # new
        )  # hamstring_tightness right no longer fires: resolved
    )
    transitions = compare(earlier, later).findings
    assert transitions.new == (
        FindingKey("hip_abductor_weakness", "right"),
        FindingKey("dynamic_knee_valgus", "left"),
        FindingKey("pelvic_drop", "left"),
    )
    assert transitions.resolved == (
        FindingKey("calf_tightness", "right"),
        FindingKey("hamstring_tightness", "right"),
    )
    assert transitions.persisting == (
        FindingKey("hip_abductor_weakness", "left"),
        FindingKey("quadriceps_tightness", "left"),
    )


def test_finding_dismissed_at_both_visits_is_in_no_list():
    visit = VisitData(findings=(finding("itb_tightness", "left", "dismissed"),))
    transitions = compare(visit, visit).findings
    assert transitions.new == transitions.resolved == transitions.persisting == ()


def test_referral_finding_without_side_transitions():
    earlier = VisitData(findings=(finding("referral_advised", None, "proposed"),))
    assert compare(earlier, VisitData()).findings.resolved == (
        FindingKey("referral_advised", None),
    )
