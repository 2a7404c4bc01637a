"""Derived metrics: ratios, LSI, strength per body weight and the Y-balance difference."""

from decimal import Decimal

from assessments.rules import evaluate
from assessments.rules.samples import assessment, both, measurement

D = Decimal


def metrics(result, code):
    return [m for m in result.metrics if m.code == code]


def test_lsi_is_weaker_over_stronger_unrounded_with_side_none():
    # 200 / 300 x 100 = 66.666...: kept unrounded
    result = evaluate(assessment(both("knee_extensor_strength", "300", "200")))
    (lsi,) = metrics(result, "limb_symmetry_index")
    assert (lsi.measurement, lsi.side, lsi.unit) == ("knee_extensor_strength", None, "%")
    assert lsi.value == D(20000) / D(300)
    assert lsi.value != lsi.value.quantize(D("0.1"))


def test_lsi_with_zero_sides():
    # hop: one side 0 gives LSI 0; both 0 gives none
    (one_zero,) = metrics(
        evaluate(assessment(both("single_leg_hop", "0", "150"))), "limb_symmetry_index"
    )
    assert one_zero.value == D("0")
    assert (
        metrics(evaluate(assessment(both("single_leg_hop", "0", "0"))), "limb_symmetry_index") == []
    )


def test_strength_per_body_weight_for_force_units_with_body_mass():
    # 100 N / (50 kg x 9.81) x 100 = 10000 / 490.5 = 20.3874 %BW
    # 10 kgf = 98.0665 N; 98.0665 / 490.5 x 100 = 19.9932 %BW
    result = evaluate(
        assessment(
            measurement("hip_abductor_strength", "left", "100", "N"),
            measurement("hip_abductor_strength", "right", "10", "kgf"),
            measurement("knee_extensor_strength", "left", "150", "Nm", "isokinetic_60"),
            body_mass_kg="50",
        )
    )
    left, right = metrics(result, "strength_per_body_weight")
    assert (left.measurement, left.side, left.unit) == ("hip_abductor_strength", "left", "%BW")
    assert left.value.quantize(D("0.0001")) == D("20.3874")
    assert right.side == "right"
    assert right.value.quantize(D("0.0001")) == D("19.9932")


def test_no_strength_per_body_weight_without_body_mass():
    result = evaluate(assessment(measurement("hip_abductor_strength", "left", "100")))
    assert metrics(result, "strength_per_body_weight") == []


def test_ratios_are_per_side_with_null_measurement_and_unit():
    # left 150 / 300 = 0.5; right 160 / 200 = 0.8
    result = evaluate(
        assessment(
            both("knee_flexor_strength", "150", "160"),
            both("knee_extensor_strength", "300", "200"),
            both("hip_adductor_strength", "120", "90"),
            both("hip_abductor_strength", "200", "100"),
        )
    )
    hq_left, hq_right = metrics(result, "hamstring_quadriceps_ratio")
    assert (hq_left.side, hq_left.value, hq_left.measurement, hq_left.unit) == (
        "left",
        D("0.5"),
        None,
        None,
    )
    assert (hq_right.side, hq_right.value) == ("right", D("0.8"))
    # adductor:abductor left 120 / 200 = 0.6, right 90 / 100 = 0.9
    aa_left, aa_right = metrics(result, "adductor_abductor_ratio")
    assert (aa_left.value, aa_right.value) == (D("0.6"), D("0.9"))


def test_y_balance_difference_is_absolute():
    # |60.5 - 66| = 5.5
    (metric,) = metrics(
        evaluate(assessment(both("y_balance_anterior", "60.5", "66"))),
        "y_balance_anterior_difference",
    )
    assert (metric.value, metric.unit, metric.side, metric.measurement) == (
        D("5.5"),
        "cm",
        None,
        None,
    )


def test_metric_order_follows_the_metric_table_then_catalogue_then_side():
    result = evaluate(
        assessment(
            both("y_balance_anterior", "60", "62"),
            both("single_leg_hop", "100", "120"),
            both("hip_abductor_strength", "200", "210"),
            both("hip_adductor_strength", "150", "160"),
            both("knee_flexor_strength", "100", "110"),
            both("knee_extensor_strength", "200", "210"),
            body_mass_kg="70",
        )
    )
    assert [(m.code, m.measurement, m.side) for m in result.metrics] == [
        ("hamstring_quadriceps_ratio", None, "left"),
        ("hamstring_quadriceps_ratio", None, "right"),
        ("adductor_abductor_ratio", None, "left"),
        ("adductor_abductor_ratio", None, "right"),
        ("limb_symmetry_index", "knee_extensor_strength", None),
        ("limb_symmetry_index", "knee_flexor_strength", None),
        ("limb_symmetry_index", "hip_abductor_strength", None),
        ("limb_symmetry_index", "hip_adductor_strength", None),
        ("limb_symmetry_index", "single_leg_hop", None),
        ("strength_per_body_weight", "knee_extensor_strength", "left"),
        ("strength_per_body_weight", "knee_extensor_strength", "right"),
        ("strength_per_body_weight", "knee_flexor_strength", "left"),
        ("strength_per_body_weight", "knee_flexor_strength", "right"),
        ("strength_per_body_weight", "hip_abductor_strength", "left"),
        ("strength_per_body_weight", "hip_abductor_strength", "right"),
        ("strength_per_body_weight", "hip_adductor_strength", "left"),
        ("strength_per_body_weight", "hip_adductor_strength", "right"),
        ("y_balance_anterior_difference", None, None),
    ]


def test_lsi_for_heel_raise_and_every_strength_code_but_no_other_codes():
    result = evaluate(
        assessment(
            both("single_leg_heel_raise", "20", "25"),
            both("ankle_plantarflexor_strength", "400", "500"),
            both("knee_to_wall", "8", "10"),
        )
    )
    # 20 / 25 x 100 = 80; 400 / 500 x 100 = 80; no LSI for knee-to-wall
    assert [(m.measurement, m.value) for m in metrics(result, "limb_symmetry_index")] == [
        ("ankle_plantarflexor_strength", D("80")),
        ("single_leg_heel_raise", D("80")),
    ]
