"""Movement findings: knee valgus, step-down control, pelvic drop and Y-balance asymmetry."""

from __future__ import annotations

from .common import (
    CONVENTION,
    Branch,
    RuleSpec,
    flag_branch,
    make_finding,
    num,
    per_side,
    source_text,
    worse,
)
from .metrics import Readings
from .results import MILD, MODERATE, SEVERE, Finding
from .thresholds import (
    FPPA_MALE,
    FPPA_OTHER,
    FPPA_SEVERE_ABOVE,
    STEP_DOWN_SCORE,
    STEP_DOWN_SEVERE_FROM,
    Y_BALANCE_DIFFERENCE,
    Y_BALANCE_MODERATE_ABOVE,
)

KNEE_VALGUS = RuleSpec(
    "dynamic_knee_valgus", "B", ("squat_knee_alignment", "side_lying_hip_abduction", "clamshell")
)
STEP_DOWN = RuleSpec("poor_step_down_control", "B", ("step_down", "squat_knee_alignment"))
PELVIC_DROP = RuleSpec("pelvic_drop", "C", ("single_leg_stance", "side_lying_hip_abduction"))
BALANCE = RuleSpec("balance_asymmetry", "C", ("single_leg_balance",))


def _fppa(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("single_leg_squat_fppa", side))
    male = readings.assessment.sex == "male"
    cutoff = FPPA_MALE if male else FPPA_OTHER
    if angle is None or not angle > cutoff.value:
        return None
    severity = SEVERE if angle > FPPA_SEVERE_ABOVE.value else MODERATE
    group = "male patient" if male else "patient not recorded as male"
    detail = (
        f"Single-leg squat frontal plane projection angle {num(angle)} deg is above the "
        f"{cutoff.value} deg cut-off ({group}). Severity {severity} (severe above "
        f"{FPPA_SEVERE_ABOVE.value} deg; {CONVENTION}). {source_text(cutoff.source)}"
    )
    return Branch(severity, angle, cutoff.value, "deg", cutoff.source, detail)


def dynamic_knee_valgus(readings: Readings) -> list[Finding]:
    """FPPA > 9 deg (male) or > 12 deg (others), or valgus seen (Herrington 2010, PTiS 11:56)."""

    def branch(side: str) -> Branch | None:
        seen = flag_branch(
            readings,
            "knee_valgus_observed",
            side,
            MODERATE,
            FPPA_OTHER.source,
            "Knee valgus observed (squat, landing or gait)",
        )
        return worse(_fppa(readings, side), seen)

    return per_side(KNEE_VALGUS, branch)


def _step_down(readings: Readings, side: str) -> Branch | None:
    score = readings.numbers.get(("lateral_step_down_score", side))
    if score is None or score < STEP_DOWN_SCORE.value:
        return None
    severity = SEVERE if score >= STEP_DOWN_SEVERE_FROM.value else MODERATE
    detail = (
        f"Lateral step-down score {num(score)} points is at or above "
        f"{STEP_DOWN_SCORE.value} (0-1 good, 2-3 moderate, 4+ poor). "
        f"Severity {severity}. {source_text(STEP_DOWN_SCORE.source)}"
    )
    return Branch(severity, score, STEP_DOWN_SCORE.value, "points", STEP_DOWN_SCORE.source, detail)


def poor_step_down_control(readings: Readings) -> list[Finding]:
    """Lateral step-down score >= 2; 4+ poor (Piva 2006, BMC Musculoskelet Disord 7:33)."""
    return per_side(STEP_DOWN, lambda side: _step_down(readings, side))


def pelvic_drop(readings: Readings) -> list[Finding]:
    """Trendelenburg positive, on the stance side (Hardcastle 1985, J Bone Joint Surg Br)."""
    what = "Trendelenburg test (opposite pelvis drops in stance on this side)"
    return per_side(
        PELVIC_DROP,
        lambda side: flag_branch(
            readings, "trendelenburg_test", side, MODERATE, "Hardcastle1985", what
        ),
    )


def balance_asymmetry(readings: Readings) -> list[Finding]:
    """Y-balance anterior difference > 4 cm, on the shorter-reach side (Plisky 2006, JOSPT)."""
    difference = readings.y_diff
    if difference is None or not difference > Y_BALANCE_DIFFERENCE.value:
        return []
    left = readings.numbers[("y_balance_anterior", "left")]
    right = readings.numbers[("y_balance_anterior", "right")]
    side = "left" if left < right else "right"
    severity = MODERATE if difference > Y_BALANCE_MODERATE_ABOVE.value else MILD
    cutoff = Y_BALANCE_DIFFERENCE
    detail = (
        f"Y-balance anterior reach left {num(left)} cm, right {num(right)} cm: difference "
        f"{num(difference)} cm is above the {cutoff.value} cm cut-off (contested, near "
        f"measurement error); {side} reach shorter. Severity {severity} (moderate above "
        f"{Y_BALANCE_MODERATE_ABOVE.value} cm; {CONVENTION}). {source_text(cutoff.source)}"
    )
    branch = Branch(severity, difference, cutoff.value, "cm", cutoff.source, detail)
    return [make_finding(BALANCE, side, branch)]


RULES = (dynamic_knee_valgus, poor_step_down_control, pelvic_drop, balance_asymmetry)
