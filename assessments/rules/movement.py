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
from .references import cite
from .results import MILD, MODERATE, SEVERE, Finding
from .thresholds import (
    FPPA_CHANGE_WITHIN_ERROR,
    FPPA_MALE,
    FPPA_OTHER,
    FPPA_SEVERE_ABOVE,
    STEP_DOWN_SCORE,
    STEP_DOWN_SEVERE_FROM,
    Y_BALANCE_DIFFERENCE,
)

KNEE_VALGUS = RuleSpec(
    "dynamic_knee_valgus", "B", ("squat_knee_alignment", "side_lying_hip_abduction", "clamshell")
)
STEP_DOWN = RuleSpec("poor_step_down_control", "B", ("step_down", "squat_knee_alignment"))
PELVIC_DROP = RuleSpec("pelvic_drop", "C", ("single_leg_stance", "side_lying_hip_abduction"))
BALANCE = RuleSpec("balance_asymmetry", "C", ("single_leg_balance",))
OBSERVATION = "Observation"  # valgus seen by eye alone: grade C, no cut-off
OBSERVATION_GRADE = "C"

FPPA_PROMPT = (
    "The angle norms come from single-leg landing (Herrington and Munro 2010), applied to the "
    f"squat; a change under about {FPPA_CHANGE_WITHIN_ERROR.value} degrees is within the test's "
    "error "
    f"({cite(FPPA_CHANGE_WITHIN_ERROR.source)})."
)
PELVIC_DROP_PROMPT = (
    "Consider a hip source (gluteal tendon, hip joint; in a child or teenager, the hip growth "
    "plate)."
)
BALANCE_PROMPT = "The cut-off comes from the star excursion test and lies near measurement error."


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
        f"{FPPA_SEVERE_ABOVE.value} deg; {CONVENTION}). {FPPA_PROMPT} "
        f"{source_text(cutoff.source)}"
    )
    return Branch(severity, angle, cutoff.value, "deg", cutoff.source, detail)


def _observed(readings: Readings, side: str) -> Branch | None:
    """Valgus seen by eye alone: grade C, source Observation (an angle below its cut-off
    recorded as well changes nothing)."""
    seen = flag_branch(
        readings,
        "knee_valgus_observed",
        side,
        MODERATE,
        OBSERVATION,
        "Knee valgus observed by eye (squat, landing or gait), no angle past its cut-off",
        "Seen by eye alone, the finding is grade C; measure the angle to confirm.",
    )
    return None if seen is None else seen._replace(evidence=OBSERVATION_GRADE)


def dynamic_knee_valgus(readings: Readings) -> list[Finding]:
    """FPPA > 9 deg (male) or > 12 deg (others) (Herrington 2010, PTiS 11:56): grade B; or
    valgus seen by eye only (Observation): grade C."""

    def branch(side: str) -> Branch | None:
        return worse(_fppa(readings, side), _observed(readings, side))

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
            readings,
            "trendelenburg_test",
            side,
            MODERATE,
            "Hardcastle1985",
            what,
            PELVIC_DROP_PROMPT,
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
    severity = MILD
    cutoff = Y_BALANCE_DIFFERENCE
    detail = (
        f"Y-balance anterior reach left {num(left)} cm, right {num(right)} cm: difference "
        f"{num(difference)} cm is above the {cutoff.value} cm cut-off; {side} reach shorter. "
        f"Severity mild (always). {BALANCE_PROMPT} {source_text(cutoff.source)}"
    )
    branch = Branch(severity, difference, cutoff.value, "cm", cutoff.source, detail)
    return [make_finding(BALANCE, side, branch)]


RULES = (dynamic_knee_valgus, poor_step_down_control, pelvic_drop, balance_asymmetry)
