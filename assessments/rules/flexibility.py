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
from .results import MILD, MODERATE, SEVERE, Finding
from .texts import SUSPECTED
from .thresholds import (
    AKE,
    AKE_MODERATE_ABOVE,
    AKE_SEVERE_ABOVE,
    KNEE_TO_WALL,
    KNEE_TO_WALL_MODERATE_BELOW,
    KNEE_TO_WALL_SEVERE_BELOW,
    OBER_ANGLE,
    SLR,
    SLR_MODERATE_BELOW,
    SLR_SEVERE_BELOW,
    THOMAS_HIP_ANGLE,
    THOMAS_HIP_SEVERE_ABOVE,
    THOMAS_KNEE_ANGLE,
    THOMAS_KNEE_SEVERE_BELOW,
    Threshold,
)

HIP_FLEXORS = RuleSpec("hip_flexor_tightness", "C", ("kneeling_hip_flexor_stretch",))
QUADRICEPS = RuleSpec(
    "quadriceps_tightness", "B", ("standing_quad_stretch", "foam_roll_quadriceps")
)
HAMSTRINGS = RuleSpec(
    "hamstring_tightness", "B", ("seated_hamstring_stretch", "foam_roll_hamstrings")
)
ITB = RuleSpec("itb_tightness", "C", ("foam_roll_outer_thigh", "side_lying_hip_abduction"))
CALF = RuleSpec(
    "calf_tightness", "B", ("standing_calf_stretch", "bent_knee_calf_stretch", "foam_roll_calves")
)
SUSPECTED_CALF_GRADE = "C"

THOMAS_HIP_EDGES: Edges = ((THOMAS_HIP_SEVERE_ABOVE, SEVERE),)
THOMAS_KNEE_EDGES: Edges = ((THOMAS_KNEE_SEVERE_BELOW, SEVERE),)
AKE_EDGES: Edges = ((AKE_SEVERE_ABOVE, SEVERE), (AKE_MODERATE_ABOVE, MODERATE))
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


AKE_BANDS = _bands("above", AKE_MODERATE_ABOVE, AKE_SEVERE_ABOVE)
SLR_BANDS = _bands("below", SLR_MODERATE_BELOW, SLR_SEVERE_BELOW)
KTW_BANDS = _bands("below", KNEE_TO_WALL_MODERATE_BELOW, KNEE_TO_WALL_SEVERE_BELOW)


def _measured(
    value: Decimal, cutoff: Threshold, severity: str, what: str, compared: str, bands: str
) -> Branch:
    """A numeric branch that fired: value, its cut-off and the severity edges it was banded by."""
    detail = (
        f"{what} {num(value)} {cutoff.unit} is {compared} the {cutoff.value} {cutoff.unit} "
        f"cut-off. Severity {severity} ({bands}). {source_text(cutoff.source)}"
    )
    return Branch(severity, value, cutoff.value, cutoff.unit, cutoff.source, detail)


def _thomas_hip(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("thomas_hip_angle", side))
    if angle is None or not angle > THOMAS_HIP_ANGLE.value:
        return None
    severity = band_above(angle, THOMAS_HIP_EDGES, MODERATE)
    bands = f"severe above {THOMAS_HIP_SEVERE_ABOVE.value} deg; {CONVENTION}"
    what = "Modified Thomas thigh angle (above horizontal)"
    return _measured(angle, THOMAS_HIP_ANGLE, severity, what, "above", bands)


def hip_flexor_tightness(readings: Readings) -> list[Finding]:
    """Thomas thigh angle > 0 deg or Thomas test positive (Harvey 1998, Br J Sports Med)."""

    def branch(side: str) -> Branch | None:
        test = flag_branch(
            readings, "thomas_test", side, MODERATE, "Harvey1998", "Thomas test (hip flexors)"
        )
        return worse(_thomas_hip(readings, side), test)

    return per_side(HIP_FLEXORS, branch)


def _thomas_knee(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("thomas_knee_angle", side))
    if angle is None or not angle < THOMAS_KNEE_ANGLE.value:
        return None
    severity = band_below(angle, THOMAS_KNEE_EDGES, MODERATE)
    bands = f"severe below {THOMAS_KNEE_SEVERE_BELOW.value} deg; {CONVENTION}"
    what = "Modified Thomas knee flexion of the hanging leg"
    return _measured(angle, THOMAS_KNEE_ANGLE, severity, what, "below", bands)


def quadriceps_tightness(readings: Readings) -> list[Finding]:
    """Thomas knee angle < 67 deg (Thomas67, BMC 2021) or Ely positive (Witvrouw 2000, AJSM)."""

    def branch(side: str) -> Branch | None:
        ely = flag_branch(
            readings, "ely_test", side, MODERATE, "Witvrouw2000", "Ely test (rectus femoris)"
        )
        return worse(_thomas_knee(readings, side), ely)

    return per_side(QUADRICEPS, branch)


def _active_knee_extension(readings: Readings, side: str) -> Branch | None:
    deficit = readings.numbers.get(("active_knee_extension", side))
    if deficit is None or not deficit > AKE.value:
        return None
    severity = band_above(deficit, AKE_EDGES, MILD)
    what = "90/90 active knee extension, degrees short of straight,"
    return _measured(deficit, AKE, severity, what, "above", AKE_BANDS)


def _straight_leg_raise(readings: Readings, side: str) -> Branch | None:
    angle = readings.numbers.get(("straight_leg_raise", side))
    if angle is None or not angle < SLR.value:
        return None
    severity = band_below(angle, SLR_EDGES, MILD)
    return _measured(angle, SLR, severity, "Passive straight-leg raise", "below", SLR_BANDS)


def hamstring_tightness(readings: Readings) -> list[Finding]:
    """AKE > 20 deg (Gajdosik 1983, Phys Ther) or SLR < 80 deg (Ayala 2013, Phys Ther Sport)."""
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
    return _measured(angle, OBER_ANGLE, MILD, "Modified Ober angle", "above", "always mild")


def itb_tightness(readings: Readings) -> list[Finding]:
    """Ober angle > -23.2 deg or Ober test positive (Ferber 2010, J Athl Train 45:344)."""

    def branch(side: str) -> Branch | None:
        test = flag_branch(readings, "ober_test", side, MILD, "Ferber2010", "Ober test (ITB/TFL)")
        return worse(_ober_angle(readings, side), test)

    return per_side(ITB, branch)


def _knee_to_wall(distance: Decimal) -> Branch | None:
    if not distance < KNEE_TO_WALL.value:
        return None
    severity = band_below(distance, KNEE_TO_WALL_EDGES, MILD)
    return _measured(distance, KNEE_TO_WALL, severity, "Knee-to-wall", "below", KTW_BANDS)


def _suspected_calf(readings: Readings, side: str) -> Branch | None:
    if not readings.flags.get(("heel_lift_in_squat", side)):
        return None
    detail = (
        "Heels lift in a bodyweight squat and no knee-to-wall was measured on this side: "
        "calf tightness suspected, severity mild. Please measure knee-to-wall (weight-bearing "
        f"lunge) to confirm. {source_text(KNEE_TO_WALL.source)}"
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
