"""Property tests: every rule is monotonic in its metric, and the engine never raises."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.catalogue import MEASUREMENT_TYPES, RED_FLAGS, ValueKind, range_in_unit
from assessments.rules import (
    FINDING_CODES,
    METRIC_CODES,
    REFERENCES,
    SEVERITY_RANK,
    AssessmentInput,
    MeasurementInput,
    all_patient_texts,
    cite,
    evaluate,
)
from assessments.rules.samples import assessment, measurement

D = Decimal
FEW = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def rank(result, code):
    """The worst severity of `code` over both sides (0 when it did not fire)."""
    ranks = [SEVERITY_RANK[f.severity] for f in result.findings if f.code == code]
    return max(ranks, default=0)


def lsi_case(code, stronger, scale, unit=None, method=None, integer=False):
    """An assessment whose `code` LSI is `lsi` %, weaker on `side` (stronger side fixed)."""

    def build(lsi, side, context):
        weaker = (lsi * scale).to_integral_value() if integer else lsi * scale
        lsi_side = "right" if side == "left" else "left"
        return assessment(
            MeasurementInput(code, side, weaker, unit, method),
            MeasurementInput(code, lsi_side, D(stronger), unit, method),
            **context,
        )

    return build


LSI_CASES = [
    ("quadriceps_weakness", lsi_case("knee_extensor_strength", 1000, 10, "N", "hhd_isometric")),
    ("hamstring_weakness", lsi_case("knee_flexor_strength", 500, 5, "Nm", "isokinetic_60")),
    ("hip_abductor_weakness", lsi_case("hip_abductor_strength", 100, 1, "kgf", "hhd_isometric")),
    ("hip_extensor_weakness", lsi_case("hip_extensor_strength", 200, 2, "lbf", "hhd_isometric")),
    (
        "hip_external_rotator_weakness",
        lsi_case("hip_external_rotator_strength", 1000, 10, "N", "hhd_isometric"),
    ),
    ("calf_weakness", lsi_case("single_leg_heel_raise", 100, 1, "reps", integer=True)),
    ("hop_asymmetry", lsi_case("single_leg_hop", 300, 3, "cm")),
]
context = st.fixed_dictionaries(
    {
        "sex": st.sampled_from(["female", "male", "other", "unknown"]),
        "age": st.one_of(st.none(), st.integers(16, 95)),
    }
)
percent = st.decimals(min_value=1, max_value=100, places=1)


@pytest.mark.parametrize(("code", "build"), LSI_CASES, ids=[c for c, _ in LSI_CASES])
@FEW
@given(
    a=percent,
    b=percent,
    side_a=st.sampled_from(["left", "right"]),
    side_b=st.sampled_from(["left", "right"]),
    ctx=context,
)
def test_lsi_rules_are_monotonic_in_the_lsi(code, build, a, b, side_a, side_b, ctx):
    worse, better = (a, b) if a <= b else (b, a)
    side_worse, side_better = (side_a, side_b) if a <= b else (side_b, side_a)
    # a lower LSI (on whichever side is weaker) never removes or softens the finding
    assert rank(evaluate(build(worse, side_worse, ctx)), code) >= rank(
        evaluate(build(better, side_better, ctx)), code
    )


def ratio_case(numerator, denominator, method, unit, base):
    def build(ratio, side, ctx):
        return assessment(
            MeasurementInput(numerator, side, ratio * base, unit, method),
            MeasurementInput(denominator, side, D(base), unit, method),
            **ctx,
        )

    return build


methods = st.sampled_from(
    [
        ("hhd_isometric", "N", 1000),
        ("isokinetic_60", "Nm", 200),
        ("isokinetic_180", "Nm", 200),
        ("isokinetic_eccentric_30", "Nm", 200),
    ]
)
ratio = st.decimals(min_value=D("0.05"), max_value=D("2.5"), places=3)


@pytest.mark.parametrize(
    ("code", "numerator", "denominator", "lower_is_worse"),
    [
        ("hamstring_quadriceps_ratio_low", "knee_flexor_strength", "knee_extensor_strength", True),
        (
            "quadriceps_weak_relative_to_hamstrings",
            "knee_flexor_strength",
            "knee_extensor_strength",
            False,
        ),
        ("hip_adductor_weakness", "hip_adductor_strength", "hip_abductor_strength", True),
    ],
)
@FEW
@given(a=ratio, b=ratio, how=methods, side=st.sampled_from(["left", "right"]), ctx=context)
def test_ratio_rules_are_monotonic(
    code, numerator, denominator, lower_is_worse, a, b, how, side, ctx
):
    build = ratio_case(numerator, denominator, *how)
    worse, better = (min(a, b), max(a, b)) if lower_is_worse else (max(a, b), min(a, b))
    assert rank(evaluate(build(worse, side, ctx)), code) >= rank(
        evaluate(build(better, side, ctx)), code
    )


SINGLE_INPUT_CASES = [
    # finding, measurement, lower is worse
    ("hip_flexor_tightness", "thomas_hip_angle", False),
    ("quadriceps_tightness", "thomas_knee_angle", True),
    ("hamstring_tightness", "active_knee_extension", False),
    ("hamstring_tightness", "straight_leg_raise", True),
    ("itb_tightness", "ober_angle", False),
    ("calf_tightness", "knee_to_wall", True),
    ("dynamic_knee_valgus", "single_leg_squat_fppa", False),
    ("poor_step_down_control", "lateral_step_down_score", False),
    ("calf_weakness", "single_leg_heel_raise", True),  # the count branch
]


@st.composite
def value_pair(draw, code):
    rng = MEASUREMENT_TYPES[code].range
    if MEASUREMENT_TYPES[code].kind is ValueKind.INTEGER:
        values = st.integers(int(rng.low), int(rng.high)).map(D)
    else:
        values = st.decimals(min_value=rng.low, max_value=rng.high, places=1)
    return draw(values), draw(values)


@pytest.mark.parametrize(
    ("code", "mcode", "lower_is_worse"), SINGLE_INPUT_CASES, ids=[c[1] for c in SINGLE_INPUT_CASES]
)
@FEW
@given(data=st.data(), side=st.sampled_from(["left", "right"]), ctx=context, flag=st.booleans())
def test_single_input_rules_are_monotonic(code, mcode, lower_is_worse, data, side, ctx, flag):
    a, b = data.draw(value_pair(mcode))
    worse, better = (min(a, b), max(a, b)) if lower_is_worse else (max(a, b), min(a, b))
    unit = MEASUREMENT_TYPES[mcode].unit
    # a companion boolean test on the same side must not break monotonicity
    extra = (measurement("thomas_test", side, flag), measurement("heel_lift_in_squat", side, flag))

    def build(value):
        return assessment(MeasurementInput(mcode, side, value, unit), *extra, **ctx)

    assert rank(evaluate(build(worse)), code) >= rank(evaluate(build(better)), code)


@FEW
@given(a=st.decimals(0, 100, places=1), b=st.decimals(0, 100, places=1), ctx=context)
def test_balance_asymmetry_is_monotonic_in_the_difference(a, b, ctx):
    def build(difference):
        return assessment(
            measurement("y_balance_anterior", "left", "120"),
            MeasurementInput("y_balance_anterior", "right", D(120) - difference, "cm"),
            **ctx,
        )

    code = "balance_asymmetry"
    assert rank(evaluate(build(max(a, b))), code) >= rank(evaluate(build(min(a, b))), code)


@pytest.mark.parametrize(
    ("code", "test"),
    [
        ("hip_flexor_tightness", "thomas_test"),
        ("quadriceps_tightness", "ely_test"),
        ("itb_tightness", "ober_test"),
        ("dynamic_knee_valgus", "knee_valgus_observed"),
        ("pelvic_drop", "trendelenburg_test"),
        ("calf_tightness", "heel_lift_in_squat"),
    ],
)
def test_a_positive_test_never_removes_a_finding(code, test):
    for side in ("left", "right"):
        assert rank(evaluate(assessment(measurement(test, side, True))), code) > 0
        assert rank(evaluate(assessment(measurement(test, side, False))), code) == 0


# --- the engine never raises on valid catalogue values -------------------------------------

PAIRS = [(code, side) for code in MEASUREMENT_TYPES for side in ("left", "right")]
STRENGTH_SETUPS = [
    ("N", "hhd_isometric"),
    ("kgf", "hhd_isometric"),
    ("lbf", "hhd_isometric"),
    ("Nm", "isokinetic_60"),
    ("Nm", "isokinetic_180"),
    ("Nm", "isokinetic_240"),
    ("Nm", "isokinetic_eccentric_30"),
]


@st.composite
def valid_measurement(draw, code, side):
    mtype = MEASUREMENT_TYPES[code]
    if mtype.is_boolean:
        return MeasurementInput(code, side, draw(st.booleans()), None)
    unit, method = mtype.unit, None
    if mtype.is_strength:
        unit, method = draw(st.sampled_from(STRENGTH_SETUPS))
    rng = range_in_unit(code, unit)
    if mtype.kind is ValueKind.INTEGER:
        value = D(draw(st.integers(int(rng.low), int(rng.high))))
    else:
        value = draw(st.decimals(min_value=rng.low, max_value=rng.high, places=2))
    return MeasurementInput(code, side, value, unit, method)


@st.composite
def valid_assessment(draw):
    chosen = draw(st.lists(st.sampled_from(PAIRS), unique=True, max_size=len(PAIRS)))
    measurements = tuple(draw(valid_measurement(code, side)) for code, side in chosen)
    mass = draw(st.one_of(st.none(), st.decimals(min_value=20, max_value=300, places=1)))
    return AssessmentInput(
        sex=draw(st.sampled_from(["female", "male", "other", "unknown"])),
        age_years=draw(st.one_of(st.none(), st.integers(0, 120))),
        body_mass_kg=mass,
        measurements=measurements,
        red_flags=tuple(draw(st.lists(st.sampled_from(sorted(RED_FLAGS)), unique=True))),
        affected_side=draw(st.sampled_from(["left", "right", "both"])),
    )


TEXTS = set(all_patient_texts())


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(case=valid_assessment())
def test_engine_never_raises_and_findings_are_well_formed(case):
    result = evaluate(case)
    order = [(FINDING_CODES.index(f.code), f.side or "z") for f in result.findings]
    assert order == sorted(order)
    assert len(set(order)) == len(order)  # one finding per code and side
    assert bool(case.red_flags) == any(f.code == "referral_advised" for f in result.findings)
    for finding in result.findings:
        assert (finding.side is None) == (finding.code == "referral_advised")
        assert finding.severity in SEVERITY_RANK
        assert finding.evidence in {"A", "B", "C"}
        assert finding.source in REFERENCES
        assert cite(finding.source) in finding.explanation
        assert finding.patient_text in TEXTS
        if isinstance(finding.value, bool) or finding.value is None:
            assert finding.threshold is None and finding.unit is None
        else:
            assert isinstance(finding.value, Decimal) and isinstance(finding.threshold, Decimal)
    for metric in result.metrics:
        assert metric.code in METRIC_CODES
        assert isinstance(metric.value, Decimal)
