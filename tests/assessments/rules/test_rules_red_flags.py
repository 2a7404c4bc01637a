"""Red flags in three tiers (rules.md): each code's tier, the most urgent tier wins, aliases."""

import pytest

from assessments.rules import evaluate
from assessments.rules.samples import assessment

# rules.md, Red flags: the tier table, written out by hand.
TIERS = {
    "unable_to_bear_weight": "emergency",
    "suspected_fracture_or_dislocation": "emergency",
    "extensor_mechanism_rupture": "emergency",
    "hot_swollen_joint_with_fever": "emergency",
    "hot_swollen_joint": "emergency",
    "calf_swelling_or_tenderness": "emergency",
    "neurovascular_compromise": "emergency",
    "systemically_unwell": "emergency",
    "locked_knee": "urgent",
    "rapid_swelling_after_injury": "urgent",
    "ottawa_knee_rule_positive": "urgent",
    "progressive_neurological_loss": "urgent",
    "hard_mass_or_deformity": "urgent",
    "unexplained_weight_loss": "urgent",
    "adolescent_hip_source": "urgent",
    "night_or_constant_pain": "routine",
    "history_of_cancer": "routine",
    "morning_stiffness_over_30_min": "routine",
    "unable_to_walk_or_move_knee": "routine",
}


def referral(*flags):
    (finding,) = evaluate(assessment(red_flags=flags)).findings
    return finding


@pytest.mark.parametrize(("flag", "tier"), sorted(TIERS.items()))
def test_every_red_flag_advises_referral_with_its_tier(flag, tier):
    finding = referral(flag)
    assert (finding.code, finding.side, finding.severity, finding.evidence) == (
        "referral_advised",
        None,
        "urgent",  # urgent whatever the tier
        "A",
    )
    assert finding.referral_tier == tier
    assert f"({tier})" in finding.explanation


def test_the_catalogue_knows_exactly_the_codes_of_rules_md():
    from assessments.catalogue import RED_FLAG_TIERS, RED_FLAGS

    assert set(RED_FLAGS) == set(TIERS)
    assert RED_FLAG_TIERS == TIERS


@pytest.mark.parametrize(
    ("flags", "tier"),
    [
        (("history_of_cancer", "locked_knee"), "urgent"),
        (("history_of_cancer", "locked_knee", "hot_swollen_joint"), "emergency"),
        (("night_or_constant_pain", "morning_stiffness_over_30_min"), "routine"),
        (("calf_swelling_or_tenderness", "history_of_cancer"), "emergency"),
    ],
)
def test_the_most_urgent_tier_of_the_flags_present_wins(flags, tier):
    assert referral(*flags).referral_tier == tier


def test_neurological_loss_is_an_alias_of_progressive_neurological_loss():
    finding = referral("neurological_loss")
    assert finding.referral_tier == "urgent"
    assert "Progressive neurological loss" in finding.explanation
    # the alias and the new code together are one flag
    both = referral("neurological_loss", "progressive_neurological_loss")
    assert both.explanation.count("Progressive neurological loss") == 1


@pytest.mark.parametrize(
    ("tier", "words"),
    [
        ("emergency", "emergency department today"),
        ("urgent", "within a few days"),
        ("routine", "before starting the exercise program"),
    ],
)
def test_the_explanation_gives_the_tier_advice(tier, words):
    flag = next(code for code, t in TIERS.items() if t == tier)
    assert words in referral(flag).explanation
