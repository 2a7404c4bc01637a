"""Strength rules: each threshold just below, at and just above, on each side, by hand."""

from decimal import Decimal

import pytest

from assessments.rules import evaluate
from assessments.rules.samples import assessment, both, measurement

D = Decimal

LSI_RULES = [
    # finding code, measurement code, grade, strategies
    ("quadriceps_weakness", "knee_extensor_strength", "A", ("wall_squat", "quad_set", "step_down")),
    ("hamstring_weakness", "knee_flexor_strength", "C", ("hamstring_curl", "glute_bridge")),
    (
        "hip_abductor_weakness",
        "hip_abductor_strength",
        "B",
        ("side_lying_hip_abduction", "clamshell"),
    ),
    ("hip_extensor_weakness", "hip_extensor_strength", "B", ("glute_bridge", "split_squat")),
    ("hip_external_rotator_weakness", "hip_external_rotator_strength", "B", ("clamshell",)),
]
HIP_LSI_CODES = {"hip_abductor_weakness", "hip_extensor_weakness", "hip_external_rotator_weakness"}


def found(result, code):
    return [f for f in result.findings if f.code == code]


def lsi_pair(code, weaker_side, weaker, stronger="100", unit="N", method=None):
    other = "right" if weaker_side == "left" else "left"
    return (
        measurement(code, weaker_side, weaker, unit, method),
        measurement(code, other, stronger, unit, method),
    )


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(("code", "mcode", "grade", "strategies"), LSI_RULES)
@pytest.mark.parametrize(
    ("weaker", "expected_severity"),
    [
        ("90.1", None),  # 90.1 / 100 x 100 = 90.1: not below 90
        ("90", None),  # 90 / 100 x 100 = 90: not below 90 (strict <)
        ("89.9", "mild"),  # 89.9 %: mild band 80 to <90
        ("80", "mild"),  # 80 %: still mild
        ("79.9", "moderate"),  # 79.9 %: moderate band 70 to <80
        ("70", "moderate"),
        ("69.9", "severe"),  # below 70: severe
    ],
)
def test_strength_lsi_rules_fire_below_90_on_the_weaker_side(
    side, code, mcode, grade, strategies, weaker, expected_severity
):
    result = evaluate(assessment(*lsi_pair(mcode, side, weaker)))
    findings = found(result, code)
    if expected_severity is None:
        assert findings == []
        return
    (finding,) = findings
    assert finding.side == side
    assert finding.severity == expected_severity
    assert finding.value == D(weaker)  # stronger side is 100, so the LSI equals the weaker value
    assert finding.threshold == D("90")
    assert finding.unit == "%"
    hip = code in HIP_LSI_CODES
    assert finding.source == ("Robinson2007" if hip else "LSI90")
    assert finding.evidence == grade
    assert finding.strategies == strategies
    assert ("Grindem H et al 2016" in finding.explanation) is not hip
    assert ("Robinson RL, Nee RJ 2007" in finding.explanation) == hip
    # Hip weakness: a deficit present, not a risk factor (Rathleff2014, Neal2019).
    assert ("Rathleff MS et al 2014" in finding.explanation) == hip
    assert ("not a risk factor" in finding.explanation) == hip
    assert side in finding.explanation


def test_quadriceps_weakness_says_its_cut_off_is_borrowed_from_acl_criteria():
    (finding,) = found(
        evaluate(assessment(*lsi_pair("knee_extensor_strength", "left", "80"))),
        "quadriceps_weakness",
    )
    assert "borrowed from ACL return-to-sport criteria" in finding.explanation
    assert "Neal BS et al 2019" in finding.explanation
    assert "Willy RW et al 2019" in finding.explanation


@pytest.mark.parametrize(("code", "mcode", "grade", "strategies"), LSI_RULES)
def test_strength_lsi_rule_is_silent_with_one_side_only(code, mcode, grade, strategies):
    result = evaluate(assessment(measurement(mcode, "left", "10")))
    assert found(result, code) == []
    assert [m for m in result.metrics if m.code == "limb_symmetry_index"] == []


def test_lsi_compares_kgf_with_newtons_exactly():
    # 9 kgf = 9 x 9.80665 = 88.25985 N; 88.25985 / 100 x 100 = 88.25985 % -> mild
    result = evaluate(
        assessment(
            measurement("knee_extensor_strength", "left", "9", "kgf"),
            measurement("knee_extensor_strength", "right", "100", "N"),
        )
    )
    (finding,) = found(result, "quadriceps_weakness")
    assert finding.value == D("88.25985")
    assert finding.side == "left"
    assert finding.severity == "mild"


def test_lsi_needs_one_method_and_one_unit_kind():
    mixed_method = assessment(
        measurement("knee_extensor_strength", "left", "50", "Nm", "isokinetic_60"),
        measurement("knee_extensor_strength", "right", "100", "Nm", "isokinetic_180"),
    )
    mixed_kind = assessment(
        measurement("knee_extensor_strength", "left", "50", "N", "hhd_isometric"),
        measurement("knee_extensor_strength", "right", "100", "Nm", "hhd_isometric"),
    )
    for case in (mixed_method, mixed_kind):
        result = evaluate(case)
        assert found(result, "quadriceps_weakness") == []
        assert [m for m in result.metrics if m.code == "limb_symmetry_index"] == []


def hq(side, flexor, extensor, unit="N", method="hhd_isometric", flexor_unit=None):
    return (
        measurement("knee_flexor_strength", side, flexor, flexor_unit or unit, method),
        measurement("knee_extensor_strength", side, extensor, unit, method),
    )


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("method", "unit", "flexor", "extensor", "expected", "threshold", "source"),
    [
        ("isokinetic_60", "Nm", "94.2", "200", None, "0.47", "Croisier2008"),  # 0.471
        ("isokinetic_60", "Nm", "94", "200", None, "0.47", "Croisier2008"),  # 94 / 200 = 0.47
        ("isokinetic_60", "Nm", "93.8", "200", "moderate", "0.47", "Croisier2008"),  # 0.469
        ("isokinetic_60", "Nm", "80", "200", "moderate", "0.47", "Croisier2008"),  # 0.40
        ("isokinetic_60", "Nm", "79.8", "200", "severe", "0.47", "Croisier2008"),  # 0.399
        # The hand-held branch (0.50) is retired in 2026.2: never fires, whatever the ratio.
        ("hhd_isometric", "N", "150.3", "300", None, None, None),  # 0.501
        ("hhd_isometric", "N", "150", "300", None, None, None),  # 150 / 300 = 0.50
        ("hhd_isometric", "N", "149.7", "300", None, None, None),  # 0.499: fired in 2026.1
        ("hhd_isometric", "N", "120", "300", None, None, None),  # 0.40
        ("hhd_isometric", "N", "119.7", "300", None, None, None),  # 0.399
    ],
)
def test_hamstring_quadriceps_ratio_low(
    side, method, unit, flexor, extensor, expected, threshold, source
):
    result = evaluate(assessment(*hq(side, flexor, extensor, unit, method)))
    findings = found(result, "hamstring_quadriceps_ratio_low")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.side, finding.severity, finding.evidence) == (side, expected, "C")
    assert finding.value == D(flexor) / D(extensor)
    assert finding.threshold == D(threshold)
    assert finding.unit is None
    assert finding.source == source
    assert finding.strategies == ("hamstring_curl", "glute_bridge")


@pytest.mark.parametrize("method", ["isokinetic_180", "isokinetic_240", "isokinetic_eccentric_30"])
def test_low_hq_has_no_cut_off_for_other_speeds(method):
    # 60 / 200 = 0.30, far below any cut-off, but only 60 deg/s and handheld have one
    result = evaluate(assessment(*hq("left", "60", "200", "Nm", method)))
    assert found(result, "hamstring_quadriceps_ratio_low") == []
    assert [m.value for m in result.metrics if m.code == "hamstring_quadriceps_ratio"] == [D("0.3")]


def test_hq_ratio_converts_kgf_exactly():
    # 50 kgf / 100 kgf = 0.5 exactly
    result = evaluate(assessment(*hq("left", "50", "100", "kgf")))
    (metric,) = [m for m in result.metrics if m.code == "hamstring_quadriceps_ratio"]
    assert metric.value == D("0.5")
    # 49 kgf / 100 kgf = 0.49: the hand-held low-ratio branch is retired, so it is only shown
    result = evaluate(assessment(*hq("left", "49", "100", "kgf")))
    (metric,) = [m for m in result.metrics if m.code == "hamstring_quadriceps_ratio"]
    assert metric.value == D("0.49")
    assert found(result, "hamstring_quadriceps_ratio_low") == []
    assert [c.rule for c in metric.cutoffs] == ["quadriceps_weak_relative_to_hamstrings"]
    assert not metric.crossed


def test_hq_ratio_compares_lbf_with_newtons_exactly():
    # 100 lbf = 444.82216152605 N; twice that is 889.6443230521 N, so the ratio is 0.5
    result = evaluate(assessment(*hq("right", "100", "889.6443230521", "N", flexor_unit="lbf")))
    (metric,) = [m for m in result.metrics if m.code == "hamstring_quadriceps_ratio"]
    assert (metric.side, metric.value) == ("right", D("0.5"))
    assert found(result, "hamstring_quadriceps_ratio_low") == []


def test_hq_ratio_needs_one_method_and_unit_kind():
    mixed_method = (
        measurement("knee_flexor_strength", "left", "50", "Nm", "isokinetic_60"),
        measurement("knee_extensor_strength", "left", "200", "Nm", "isokinetic_180"),
    )
    mixed_kind = (
        measurement("knee_flexor_strength", "left", "50", "N", "hhd_isometric"),
        measurement("knee_extensor_strength", "left", "200", "Nm", "hhd_isometric"),
    )
    for case in (mixed_method, mixed_kind):
        result = evaluate(assessment(*case))
        assert not [m for m in result.metrics if m.code == "hamstring_quadriceps_ratio"]
        assert found(result, "hamstring_quadriceps_ratio_low") == []


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("flexor", "expected"),
    [
        ("199.8", None),  # 199.8 / 200 = 0.999
        ("200", None),  # 1.00: not above 1.00
        ("200.2", "moderate"),  # 1.001
        ("250", "moderate"),  # 1.25: not above 1.25
        ("250.2", "severe"),  # 1.251
    ],
)
def test_quadriceps_weak_relative_to_hamstrings(side, flexor, expected):
    result = evaluate(assessment(*hq(side, flexor, "200")))
    findings = found(result, "quadriceps_weak_relative_to_hamstrings")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.side, finding.severity, finding.evidence) == (side, expected, "C")
    assert finding.value == D(flexor) / D("200")
    assert finding.threshold == D("1.00")
    assert (finding.unit, finding.source) == (None, "ExpertModel")
    assert finding.strategies == ("wall_squat", "quad_set")
    assert "effusion or pain inhibition" in finding.explanation
    assert "examiner ceiling" in finding.explanation
    assert "strength per body weight" in finding.explanation


@pytest.mark.parametrize(
    ("method", "fires"),
    [
        ("isokinetic_60", True),
        ("isokinetic_180", True),
        ("isokinetic_240", True),
        ("isokinetic_eccentric_30", False),  # eccentric: not a concentric or isometric method
    ],
)
def test_high_hq_applies_to_concentric_and_isometric_methods(method, fires):
    # 120 / 100 = 1.2
    result = evaluate(assessment(*hq("left", "120", "100", "Nm", method)))
    assert bool(found(result, "quadriceps_weak_relative_to_hamstrings")) is fires


def add_abd(side, adductor, abductor="200", method="hhd_isometric", unit="N"):
    return (
        measurement("hip_adductor_strength", side, adductor, unit, method),
        measurement("hip_abductor_strength", side, abductor, unit, method),
    )


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    "adductor",
    [
        "160.2",  # 160.2 / 200 = 0.801
        "160",  # 0.80
        "159.8",  # 0.799: mild in 2026.1
        "139.8",  # 0.699: moderate in 2026.1
        "20",  # 0.10
    ],
)
def test_hip_adductor_weakness_is_retired_but_its_ratio_is_still_computed(side, adductor):
    result = evaluate(assessment(*add_abd(side, adductor)))
    assert found(result, "hip_adductor_weakness") == []
    (metric,) = [m for m in result.metrics if m.code == "adductor_abductor_ratio"]
    assert (metric.side, metric.value) == (side, D(adductor) / D("200"))
    assert metric.cutoffs == ()  # no rule reads it: never "past cut-off"


def heel_raises(side, weaker, stronger, age=65):
    """Age 65: the count branch does not apply, only the LSI with its side difference."""
    other = "right" if side == "left" else "left"
    return assessment(
        measurement("single_leg_heel_raise", side, weaker),
        measurement("single_leg_heel_raise", other, stronger),
        age=age,
    )


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("weaker", "expected"),
    [
        ("55", None),  # 55 / 60 x 100 = 91.67
        ("54", None),  # 54 / 60 x 100 = 90: not below (the sides differ by 6: not > 6 either)
        ("53", "mild"),  # 88.33, sides 7 apart
        ("48", "mild"),  # 80
        ("47", "moderate"),  # 78.33
        ("42", "moderate"),  # 70
        ("41", "severe"),  # 68.33
    ],
)
def test_calf_weakness_by_heel_raise_lsi(side, weaker, expected):
    findings = found(evaluate(heel_raises(side, weaker, "60")), "calf_weakness")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.side, finding.severity, finding.evidence) == (side, expected, "C")
    assert finding.value == D(weaker) * 100 / 60
    assert (finding.threshold, finding.unit) == (D("90"), "%")
    assert finding.source == "HebertLosier2017"
    assert "Hebert-Losier K et al 2017" in finding.explanation
    assert finding.strategies == ("calf_raise",)


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("weaker", "stronger", "fires"),
    [
        ("26", "30", False),  # 86.67 % but only 4 reps apart: within the limits of agreement
        ("50", "56", False),  # 89.29 %, 6 apart: not more than 6
        ("50", "57", True),  # 87.72 %, 7 apart
        ("94", "101", False),  # 7 apart but 93.07 %: not below 90
    ],
)
def test_calf_weakness_by_lsi_needs_a_side_difference_beyond_6_reps(side, weaker, stronger, fires):
    findings = found(evaluate(heel_raises(side, weaker, stronger)), "calf_weakness")
    assert bool(findings) is fires
    if fires:
        assert (findings[0].side, findings[0].severity) == (side, "mild")


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("reps", "age", "fires"),
    [
        ("24", 59, True),
        ("25", 59, False),  # not below 25
        ("26", 59, False),
        ("24", 60, False),  # the count applies under 60 only
        ("24", None, False),  # age unknown: the count branch is silent
        ("0", 18, True),
    ],
)
def test_calf_weakness_by_heel_raise_count(side, reps, age, fires):
    case = assessment(measurement("single_leg_heel_raise", side, reps), age=age)
    findings = found(evaluate(case), "calf_weakness")
    assert bool(findings) is fires
    if fires:
        (finding,) = findings
        assert (finding.side, finding.severity, finding.value) == (side, "mild", D(reps))
        assert (finding.threshold, finding.unit) == (D("25"), "reps")
        assert finding.source == "Lunsford1995"


def test_calf_weakness_count_alone_when_the_sides_are_close():
    # left 20 / right 23 x 100 = 86.96 %, but only 3 reps apart: the LSI branch is silent;
    # both sides are under 25 at age 30, so the count fires on each side.
    case = assessment(both("single_leg_heel_raise", "20", "23"), age=30)
    left, right = found(evaluate(case), "calf_weakness")
    assert (left.side, left.severity, left.source, left.value) == (
        "left",
        "mild",
        "Lunsford1995",
        D("20"),
    )
    assert (right.side, right.source, right.value) == ("right", "Lunsford1995", D("23"))


def test_calf_weakness_worse_branch_wins():
    # left 10 / right 20 x 100 = 50 %: severe by LSI beats mild by count on the left
    case = assessment(both("single_leg_heel_raise", "10", "20"), age=30)
    left, right = found(evaluate(case), "calf_weakness")
    assert (left.side, left.severity, left.value) == ("left", "severe", D("50"))
    assert (right.side, right.severity, right.source) == ("right", "mild", "Lunsford1995")


def test_calf_weakness_zero_reps():
    # one side 0 gives LSI 0 (severe); both 0 gives no LSI
    one = evaluate(assessment(both("single_leg_heel_raise", "0", "20"), age=70))
    (finding,) = found(one, "calf_weakness")
    assert (finding.side, finding.severity, finding.value) == ("left", "severe", D("0"))
    zero = evaluate(assessment(both("single_leg_heel_raise", "0", "0"), age=70))
    assert found(zero, "calf_weakness") == []
    assert [m for m in zero.metrics if m.code == "limb_symmetry_index"] == []


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize(
    ("weaker", "expected"),
    [
        ("170.2", None),  # 170.2 / 200 x 100 = 85.1
        ("170", None),  # 85: not below 85
        ("169.8", "mild"),  # 84.9
        ("150", "mild"),  # 75
        ("149.8", "moderate"),  # 74.9
        ("130", "moderate"),  # 65
        ("129.8", "severe"),  # 64.9
    ],
)
def test_hop_asymmetry(side, weaker, expected):
    other = "right" if side == "left" else "left"
    case = assessment(
        measurement("single_leg_hop", side, weaker), measurement("single_leg_hop", other, "200")
    )
    findings = found(evaluate(case), "hop_asymmetry")
    if expected is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.side, finding.severity, finding.evidence) == (side, expected, "B")
    assert finding.value == D(weaker) / 2
    assert (finding.threshold, finding.unit, finding.source) == (D("85"), "%", "LSI90")
    assert finding.strategies == ("step_down", "split_squat")
    assert "only when hopping is pain-free" in finding.explanation


def test_explanation_never_shows_a_value_rounded_onto_its_cut_off():
    # 93.8 / 200 = 0.469: shown as 0.469, not 0.47 (which would look equal to the cut-off)
    result = evaluate(assessment(*hq("left", "93.8", "200", "Nm", "isokinetic_60")))
    (finding,) = found(result, "hamstring_quadriceps_ratio_low")
    assert (
        "ratio 0.469 (93.8 Nm / 200 Nm, Isokinetic concentric 60 deg/s) is below the 0.47 cut-off"
        in (finding.explanation)
    )
    # 89.96 / 100 x 100 = 89.96 %: shown as 89.96, not 90.0
    result = evaluate(assessment(*lsi_pair("knee_extensor_strength", "right", "89.96")))
    (finding,) = found(result, "quadriceps_weakness")
    assert "limb symmetry index 89.96% (left 100 N, right 89.96 N; right weaker)" in (
        finding.explanation
    )
    assert "below the 90% cut-off" in finding.explanation
