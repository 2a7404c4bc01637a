"""Combined (expert-model) findings and the red-flag referral."""

import pytest

from assessments.rules import FINDING_CODES, evaluate
from assessments.rules.samples import assessment, both, measurement

SIDES = ["left", "right"]


def codes(result):
    return [(f.code, f.side) for f in result.findings]


def weak(code, side, weaker="80"):
    """A strength pair with `side` weaker: weaker / 100 x 100 = weaker %."""
    other = "right" if side == "left" else "left"
    return (measurement(code, side, weaker), measurement(code, other, "100"))


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("weak_code", ["hip_extensor_strength", "hip_abductor_strength"])
def test_hip_flexor_glute_imbalance_on_the_side_where_both_parts_hold(side, weak_code):
    result = evaluate(
        assessment(measurement("thomas_hip_angle", side, "5"), *weak(weak_code, side))
    )
    (finding,) = [f for f in result.findings if f.code == "hip_flexor_glute_imbalance"]
    assert (finding.side, finding.severity, finding.evidence) == (side, "moderate", "C")
    assert (finding.value, finding.threshold, finding.unit) == (None, None, None)
    assert finding.source == "ExpertModel"
    assert "expert model, limited evidence" in finding.explanation.lower()
    assert finding.strategies == ("standing_hip_flexor_stretch", "glute_bridge")
    # it fires in addition to its parts
    assert ("hip_flexor_tightness", side) in codes(result)


@pytest.mark.parametrize("side", SIDES)
def test_dismissing_a_part_removes_the_combined_finding(side):
    parts = (measurement("thomas_hip_angle", side, "5"), *weak("hip_extensor_strength", side))
    tight_dismissed = evaluate(assessment(*parts, dismissed=(("hip_flexor_tightness", side),)))
    # the dismissed part still fires (the clinician's decision is kept on it); the
    # combination does not
    assert ("hip_flexor_tightness", side) in codes(tight_dismissed)
    assert ("hip_flexor_glute_imbalance", side) not in codes(tight_dismissed)
    weak_dismissed = evaluate(assessment(*parts, dismissed=(("hip_extensor_weakness", side),)))
    assert ("hip_flexor_glute_imbalance", side) not in codes(weak_dismissed)
    # a dismissal on the other side changes nothing
    other = "right" if side == "left" else "left"
    elsewhere = evaluate(assessment(*parts, dismissed=(("hip_flexor_tightness", other),)))
    assert ("hip_flexor_glute_imbalance", side) in codes(elsewhere)


def test_one_undismissed_hip_weakness_suffices_for_the_combination():
    parts = (
        measurement("thomas_test", "left", True),
        *weak("hip_extensor_strength", "left"),
        *weak("hip_abductor_strength", "left"),
    )
    one_left = evaluate(assessment(*parts, dismissed=(("hip_extensor_weakness", "left"),)))
    (finding,) = [f for f in one_left.findings if f.code == "hip_flexor_glute_imbalance"]
    assert "hip abductor weakness" in finding.explanation
    assert "hip extensor weakness" not in finding.explanation
    both_gone = evaluate(
        assessment(
            *parts,
            dismissed=(("hip_extensor_weakness", "left"), ("hip_abductor_weakness", "left")),
        )
    )
    assert ("hip_flexor_glute_imbalance", "left") not in codes(both_gone)


def test_dismissing_calf_tightness_removes_calf_tibialis_imbalance():
    parts = (measurement("knee_to_wall", "left", "8"), *weak("ankle_dorsiflexor_strength", "left"))
    assert ("calf_tibialis_imbalance", "left") in codes(evaluate(assessment(*parts)))
    dismissed = evaluate(assessment(*parts, dismissed=(("calf_tightness", "left"),)))
    assert ("calf_tibialis_imbalance", "left") not in codes(dismissed)


def test_hip_flexor_glute_imbalance_needs_both_parts_on_one_side():
    other_side = evaluate(
        assessment(
            measurement("thomas_hip_angle", "right", "5"), *weak("hip_extensor_strength", "left")
        )
    )
    assert "hip_flexor_glute_imbalance" not in [c for c, _ in codes(other_side)]
    only_tight = evaluate(assessment(measurement("thomas_test", "left", True)))
    assert "hip_flexor_glute_imbalance" not in [c for c, _ in codes(only_tight)]
    # LSI 90 is no hip extensor weakness
    not_weak = evaluate(
        assessment(
            measurement("thomas_test", "left", True), *weak("hip_extensor_strength", "left", "90")
        )
    )
    assert "hip_flexor_glute_imbalance" not in [c for c, _ in codes(not_weak)]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    "calf",
    [("knee_to_wall", "8"), ("heel_lift_in_squat", True)],  # measured and suspected
)
def test_calf_tibialis_imbalance(side, calf):
    result = evaluate(
        assessment(measurement(calf[0], side, calf[1]), *weak("ankle_dorsiflexor_strength", side))
    )
    (finding,) = [f for f in result.findings if f.code == "calf_tibialis_imbalance"]
    assert (finding.side, finding.severity, finding.evidence) == (side, "mild", "C")
    assert (finding.threshold, finding.source) == (None, "ExpertModel")
    assert "expert model, limited evidence" in finding.explanation.lower()
    assert finding.strategies == ("tibialis_raise", "standing_calf_stretch")


@pytest.mark.parametrize(
    ("calf_side", "weaker_side", "weaker", "fires"),
    [
        ("left", "left", "89.9", True),  # 89.9 %
        ("left", "left", "90", False),  # LSI 90: not below 90
        ("left", "right", "80", False),  # dorsiflexors weaker on the other side
    ],
)
def test_calf_tibialis_imbalance_needs_dorsiflexor_lsi_below_90_on_that_side(
    calf_side, weaker_side, weaker, fires
):
    result = evaluate(
        assessment(
            measurement("knee_to_wall", calf_side, "8"),
            *weak("ankle_dorsiflexor_strength", weaker_side, weaker),
        )
    )
    assert (("calf_tibialis_imbalance", calf_side) in codes(result)) is fires


def test_calf_tibialis_imbalance_needs_one_method():
    result = evaluate(
        assessment(
            measurement("knee_to_wall", "left", "8"),
            measurement("ankle_dorsiflexor_strength", "left", "10", "Nm", "isokinetic_60"),
            measurement("ankle_dorsiflexor_strength", "right", "100", "N"),
        )
    )
    assert "calf_tibialis_imbalance" not in [c for c, _ in codes(result)]


def test_referral_advised_names_every_red_flag():
    result = evaluate(
        assessment(red_flags=("locked_knee", "calf_swelling_or_tenderness", "locked_knee"))
    )
    (finding,) = result.findings
    assert (finding.code, finding.side, finding.severity, finding.evidence) == (
        "referral_advised",
        None,
        "urgent",
        "A",
    )
    assert (finding.value, finding.threshold, finding.unit) == (None, None, None)
    assert finding.source == "RedFlags"
    assert finding.strategies == ()
    assert "Locked knee" in finding.explanation
    assert "Calf swelling or tenderness (possible clot)" in finding.explanation
    assert finding.explanation.count("Locked knee") == 1
    assert "Stiell IG et al 1995" in finding.explanation
    assert "Stiell IG et al 1996" in finding.explanation
    # the most urgent tier present: the calf (possible clot) is an emergency
    assert finding.referral_tier == "emergency"


def test_no_red_flag_no_referral():
    assert evaluate(assessment(red_flags=())).findings == ()


def test_referral_comes_last_and_combined_after_movement():
    result = evaluate(
        assessment(
            measurement("thomas_test", "left", True),
            *weak("hip_abductor_strength", "left"),
            measurement("trendelenburg_test", "left", True),
            both("y_balance_anterior", "50", "60"),
            red_flags=("locked_knee",),
        )
    )
    assert [c for c, _ in codes(result)] == [
        "hip_abductor_weakness",
        "hip_flexor_tightness",
        "pelvic_drop",
        "balance_asymmetry",
        "hip_flexor_glute_imbalance",
        "referral_advised",
    ]
    assert FINDING_CODES[-3:] == (
        "hip_flexor_glute_imbalance",
        "calf_tibialis_imbalance",
        "referral_advised",
    )
