"""Flexibility findings: hip flexors, quadriceps, hamstrings, ITB/TFL and calf."""

from __future__ import annotations

from decimal import Decimal

from .common import (
    CONVENTION,
    Branch,
    Edges,
    RuleSpec,
    band_above,
    band_below,
    flag_branch,
    num,
    per_side,
    source_text,
    worse,
)
from .metrics import Readings
from .references import cite
from .results import MILD, MODERATE, SEVERE, Finding
from .texts import SUSPECTED
from .thresholds import (
    AKE_MALE,
    AKE_MODERATE_MARGIN,
    AKE_OTHER,
    AKE_SEVERE_MARGIN,
    KNEE_TO_WALL,
    KNEE_TO_WALL_MODERATE_BELOW,
    KNEE_TO_WALL_SEVERE_BELOW,
    OBER_ANGLE,
    SLR,
    SLR_MODERATE_BELOW,
    SLR_SEVERE_BELOW,
    THOMAS_HIP_ANGLE,
    THOMAS_HIP_MODERATE_ABOVE,
    THOMAS_HIP_SEVERE_ABOVE,
    THOMAS_KNEE_ANGLE,
    THOMAS_KNEE_ERROR,
    Threshold,
)

HIP_FLEXORS = RuleSpec("hip_flexor_tightness", "C", ("standing_hip_flexor_stretch",))
QUADRICEPS = RuleSpec(
    "quadriceps_tightness", "C", ("standing_quad_stretch", "foam_roll_quadriceps")
)
HAMSTRINGS = RuleSpec(
    "hamstring_tightness", "C", ("seated_hamstring_stretch", "foam_roll_hamstrings")
)
ITB = RuleSpec("itb_tightness", "C", ("foam_roll_outer_thigh", "side_lying_hip_abduction"))
CALF = RuleSpec(
    "calf_tightness", "C", ("standing_calf_stretch", "bent_knee_calf_stretch", "foam_roll_calves")
)
SUSPECTED_CALF_GRADE = "C"

THOMAS_HIP_EDGES: Edges = (
    (THOMAS_HIP_SEVERE_ABOVE, SEVERE),
    (THOMAS_HIP_MODERATE_ABOVE, MODERATE),
)
SLR_EDGES: Edges = ((SLR_SEVERE_BELOW, SEVERE), (SLR_MODERATE_BELOW, MODERATE))
KNEE_TO_WALL_EDGES: Edges = (
    (KNEE_TO_WALL_SEVERE_BELOW, SEVERE),
    (KNEE_TO_WALL_MODERATE_BELOW, MODERATE),
)


def _bands(direction: str, moderate: Threshold, severe: Threshold) -> str:
    """ "moderate above 30, severe above 45 deg; KneeClinic clinic convention ..." """
    return (
        f"moderate {direction} {moderate.value}, severe {direction} {severe.value} "
        f"{severe.unit}; {CONVENTION}"
    )


SLR_BANDS = _bands("below", SLR_MODERATE_BELOW, SLR_SEVERE_BELOW)
KTW_BANDS = _bands("below", KNEE_TO_WALL_MODERATE_BELOW, KNEE_TO_WALL_SEVERE_BELOW)

QUADRICEPS_PROMPT = (
    f"The modified Thomas knee angle has fair reliability (about {THOMAS_KNEE_ERROR.value} "
    f"degrees of error; {cite(THOMAS_KNEE_ERROR.source)})."
)
ELY_PROMPT = "The Ely test has fair reliability (kappa about 0.5)."
NEURAL_PROMPT = (
    "With a straight-leg raise below 70 degrees, rule out neural tension (slump test) before "
    "stretching."
)
ITB_PROMPT = (
    f"ITB length does not differ in knee pain ({cite('Piva2005')}), so this finding is a "
    "prompt for hip strengthening rather than stretching."
)
CALF_PROMPT = "The 10 cm knee-to-wall cut-off is a heuristic."


def _measured(
    value: Decimal,
    cutoff: Threshold,
    severity: str,
    what: str,
    compared: str,
    bands: str,
    prompt: str = "",
) -> Branch:
    """A numeric branch that fired: value, its cut-off and the severity edges it was banded by."""
    prompt = f" {prompt}" if prompt else ""
    detail = (
        f"{what} {num(value)} {cutoff.unit} is {compared} the {cutoff.value} {cutoff.unit} "
        f"cut-off. Severity {severity} ({bands}).{prompt} {source_text(cutoff.source)}"
    )
    return Branch(severity, value, cutoff.value, cutoff.unit, cutoff.source, detail)


def _thomas_hip(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("thomas_hip_angle", side))
    if angle is None or not angle > THOMAS_HIP_ANGLE.value:
        return None
    severity = band_above(angle, THOMAS_HIP_EDGES, MILD)
    bands = (
        f"mild up to {THOMAS_HIP_MODERATE_ABOVE.value}, moderate above "
        f"{THOMAS_HIP_MODERATE_ABOVE.value}, severe above {THOMAS_HIP_SEVERE_ABOVE.value} deg; "
        f"{CONVENTION}"
    )
    what = "Modified Thomas thigh angle (above horizontal)"
    return _measured(angle, THOMAS_HIP_ANGLE, severity, what, "above", bands)


def hip_flexor_tightness(readings: Readings) -> list[Finding]:
    """Thomas thigh angle > 0 deg or Thomas test positive (Harvey 1998, Br J Sports Med)."""

    def branch(side: str) -> Branch | None:
        test = flag_branch(
            readings, "thomas_test", side, MILD, "Harvey1998", "Thomas test (hip flexors)"
        )
        return worse(_thomas_hip(readings, side), test)

    return per_side(HIP_FLEXORS, branch)


def _thomas_knee(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("thomas_knee_angle", side))
    if angle is None or not angle < THOMAS_KNEE_ANGLE.value:
        return None
    what = "Modified Thomas knee flexion of the hanging leg"
    bands = "always moderate"
    return _measured(angle, THOMAS_KNEE_ANGLE, MODERATE, what, "below", bands, QUADRICEPS_PROMPT)


def quadriceps_tightness(readings: Readings) -> list[Finding]:
    """Thomas knee angle < 67 deg (Thomas67, BMC 2021) or Ely positive (Peeler 2008)."""

    def branch(side: str) -> Branch | None:
        ely = flag_branch(
            readings,
            "ely_test",
            side,
            MODERATE,
            "Peeler2008",
            "Ely test (rectus femoris)",
            ELY_PROMPT,
        )
        return worse(_thomas_knee(readings, side), ely)

    return per_side(QUADRICEPS, branch)


def ake_cutoff(sex: str) -> Threshold:
    """Yildirim2018: 33.0 deg for men, 23.4 deg for every other patient."""
    return AKE_MALE if sex == "male" else AKE_OTHER


def _active_knee_extension(readings: Readings, side: str) -> Branch | None:
    deficit = readings.numbers.get(("active_knee_extension", side))
    male = readings.assessment.sex == "male"
    cutoff = ake_cutoff(readings.assessment.sex)
    if deficit is None or not deficit > cutoff.value:
        return None
    moderate = cutoff.value + AKE_MODERATE_MARGIN.value
    severe = cutoff.value + AKE_SEVERE_MARGIN.value
    severity = SEVERE if deficit > severe else MODERATE if deficit > moderate else MILD
    group = "male patient" if male else "patient not recorded as male"
    what = "90/90 active knee extension, degrees short of straight,"
    bands = f"{group}; moderate above {moderate}, severe above {severe} deg; {CONVENTION}"
    return _measured(deficit, cutoff, severity, what, "above", bands)


def _straight_leg_raise(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("straight_leg_raise", side))
    if angle is None or not angle < SLR.value:
        return None
    severity = band_below(angle, SLR_EDGES, MILD)
    prompt = NEURAL_PROMPT if angle < SLR_MODERATE_BELOW.value else ""
    what = "Passive straight-leg raise"
    return _measured(angle, SLR, severity, what, "below", SLR_BANDS, prompt)


def hamstring_tightness(readings: Readings) -> list[Finding]:
    """AKE > 33 deg (men) or > 23.4 deg (others) (Yildirim 2018, Balkan Med J) or SLR < 80
    deg (Ayala 2013, Phys Ther Sport)."""
    return per_side(
        HAMSTRINGS,
        lambda side: worse(
            _active_knee_extension(readings, side), _straight_leg_raise(readings, side)
        ),
    )


def _ober_angle(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("ober_angle", side))
    if angle is None or not angle > OBER_ANGLE.value:
        return None
    what = "Modified Ober angle"
    return _measured(angle, OBER_ANGLE, MILD, what, "above", "always mild", ITB_PROMPT)


def itb_tightness(readings: Readings) -> list[Finding]:
    """Ober angle > -23.2 deg or Ober test positive (Ferber 2010, J Athl Train 45:344)."""

    def branch(side: str) -> Branch | None:
        what = "Ober test (ITB/TFL)"
        test = flag_branch(readings, "ober_test", side, MILD, "Ferber2010", what, ITB_PROMPT)
        return worse(_ober_angle(readings, side), test)

    return per_side(ITB, branch)


def _knee_to_wall(distance: Decimal) -> Branch | None:
    if not distance < KNEE_TO_WALL.value:
        return None
    severity = band_below(distance, KNEE_TO_WALL_EDGES, MILD)
    what = "Knee-to-wall"
    return _measured(distance, KNEE_TO_WALL, severity, what, "below", KTW_BANDS, CALF_PROMPT)


def _suspected_calf(readings: Readings, side: str) -> Branch | None:
    if not readings.flags.get(("heel_lift_in_squat", side)):
        return None
    detail = (
        "Heels lift in a bodyweight squat and no knee-to-wall was measured on this side: "
        "calf tightness suspected, severity mild. Please measure knee-to-wall (weight-bearing "
        f"lunge) to confirm. {CALF_PROMPT} {source_text(KNEE_TO_WALL.source)}"
    )
    source = KNEE_TO_WALL.source
    return Branch(MILD, True, None, None, source, detail, SUSPECTED_CALF_GRADE, SUSPECTED)


def calf_tightness(readings: Readings) -> list[Finding]:
    """Knee-to-wall < 10 cm; suspected from heel lift without it (WBLT10: Bennell 1998)."""

    def branch(side: str) -> Branch | None:
        distance = readings.numbers.get(("knee_to_wall", side))
        if distance is None:
            return _suspected_calf(readings, side)
        return _knee_to_wall(distance)

    return per_side(CALF, branch)


RULES = (
    hip_flexor_tightness,
    quadriceps_tightness,
    hamstring_tightness,
    itb_tightness,
    calf_tightness,
)
