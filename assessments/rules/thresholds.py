"""Every threshold and severity edge of ruleset 2026.2, each with its value and source key.

The cut-offs retired in 2026.2 stay here (marked) so findings frozen under 2026.1 still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Threshold:
    """A cut-off or severity edge: its value, unit and the references.md key behind it."""

    value: Decimal
    source: str
    unit: str | None
    meaning: str


def _t(value: str, source: str, unit: str | None, meaning: str) -> Threshold:
    return Threshold(Decimal(value), source, unit, meaning)


# Strength: limb symmetry index (weaker / stronger x 100) and its clinic-convention bands.
STRENGTH_LSI = _t("90", "LSI90", "%", "strength LSI below this is abnormal")
LSI_MODERATE_BELOW = _t("80", "Convention", "%", "LSI moderate below this")
LSI_SEVERE_BELOW = _t("70", "Convention", "%", "LSI severe below this")

# Hip strength LSI rules (rules.md: source Robinson2007; the 90 % cut-off as for strength).
HIP_LSI = _t("90", "Robinson2007", "%", "hip strength LSI below this")

# Hamstring:quadriceps ratio.
HQ_ISOKINETIC_60 = _t("0.47", "Croisier2008", None, "conventional H:Q at 60 deg/s below this")
# Retired in 2026.2 (0.50 is the healthy average, not a cut-off): shown for 2026.1 findings.
HQ_HHD_ISOMETRIC = _t("0.50", "HHD-HQ", None, "retired: handheld isometric H:Q below this")
HQ_SEVERE_BELOW = _t("0.40", "Convention", None, "low H:Q severe below this")
HQ_HIGH = _t("1.00", "ExpertModel", None, "H:Q above this: quadriceps weak relative to hamstrings")
HQ_HIGH_SEVERE_ABOVE = _t("1.25", "Convention", None, "high H:Q severe above this")

# Adductor:abductor ratio: retired in 2026.2 (groin-strain research); kept for 2026.1 findings.
ADDUCTOR_ABDUCTOR = _t("0.80", "Tyler2001", None, "retired: adductor:abductor below this")
ADDUCTOR_ABDUCTOR_MODERATE_BELOW = _t("0.70", "Convention", None, "retired: moderate below")

# Calf: the heel raise LSI branch also needs a side difference beyond the test's limits of
# agreement; the count applies below the age limit.
HEEL_RAISE_LSI = _t("90", "HebertLosier2017", "%", "heel raise LSI below this")
HEEL_RAISE_DIFFERENCE = _t("6", "HebertLosier2017", "reps", "sides differ by more than this")
HEEL_RAISE_REPS = _t("25", "Lunsford1995", "reps", "fewer single-leg heel raises than this")
# rules.md gives the age limit without a reference of its own: a clinic convention.
HEEL_RAISE_AGE_LIMIT = _t("60", "Convention", "years", "count branch only under this age")

# Single-leg hop for distance.
HOP_LSI = _t("85", "LSI90", "%", "hop LSI below this is abnormal")
HOP_MODERATE_BELOW = _t("75", "Convention", "%", "hop LSI moderate below this")
HOP_SEVERE_BELOW = _t("65", "Convention", "%", "hop LSI severe below this")

# Flexibility.
THOMAS_HIP_ANGLE = _t("0", "Harvey1998", "deg", "thigh above horizontal")
THOMAS_HIP_MODERATE_ABOVE = _t("5", "Convention", "deg", "moderate above this")
THOMAS_HIP_SEVERE_ABOVE = _t("10", "Convention", "deg", "severe above this")
THOMAS_KNEE_ANGLE = _t("67", "Thomas67", "deg", "knee flexion below this")
# Sex-specific active knee extension cut-offs (Yildirim2018); the bands sit a fixed number of
# degrees above the patient's cut-off (rules.md: cut-off + 10 moderate, + 25 severe).
AKE_MALE = _t("33", "Yildirim2018", "deg", "active knee extension deficit above this, men")
AKE_OTHER = _t("23.4", "Yildirim2018", "deg", "active knee extension deficit above this, others")
AKE_MODERATE_MARGIN = _t("10", "Convention", "deg", "moderate above the cut-off plus this")
AKE_SEVERE_MARGIN = _t("25", "Convention", "deg", "severe above the cut-off plus this")
SLR = _t("80", "SLR80", "deg", "straight-leg raise below this")
SLR_MODERATE_BELOW = _t("70", "Convention", "deg", "moderate below this")
SLR_SEVERE_BELOW = _t("55", "Convention", "deg", "severe below this")
OBER_ANGLE = _t("-23.2", "Ferber2010", "deg", "modified Ober angle above this")
KNEE_TO_WALL = _t("10", "WBLT10", "cm", "knee-to-wall below this")
KNEE_TO_WALL_MODERATE_BELOW = _t("7", "Convention", "cm", "moderate below this")
KNEE_TO_WALL_SEVERE_BELOW = _t("4", "Convention", "cm", "severe below this")

# Movement.
FPPA_MALE = _t("9", "Herrington2010", "deg", "FPPA above this, male patients")
FPPA_OTHER = _t("12", "Herrington2010", "deg", "FPPA above this, every other patient")
FPPA_SEVERE_ABOVE = _t("20", "Convention", "deg", "severe above this")
STEP_DOWN_SCORE = _t("2", "Piva2006", "points", "lateral step-down score at or above this")
STEP_DOWN_SEVERE_FROM = _t("4", "Piva2006", "points", "poor (severe) at or above this")
Y_BALANCE_DIFFERENCE = _t("4", "Plisky2006", "cm", "anterior reach difference above this")
# Measurement error of the modified Thomas knee angle and of the FPPA (explanations only).
THOMAS_KNEE_ERROR = _t("7", "Peeler2008", "deg", "about this much measurement error")
FPPA_CHANGE_WITHIN_ERROR = _t("8", "Munro2012", "deg", "a change under this is within error")

THRESHOLDS: dict[str, Threshold] = {
    name: value for name, value in globals().items() if isinstance(value, Threshold)
}
