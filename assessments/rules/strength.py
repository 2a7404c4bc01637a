"""Strength findings: limb symmetry, the hamstring:quadriceps ratio, heel raises and the hop."""

from __future__ import annotations

from assessments.catalogue import METHOD_LABELS
from assessments.numbers import number_text

from .common import (
    CONVENTION,
    Branch,
    Edges,
    RuleSpec,
    lsi_branch,
    make_finding,
    num,
    source_text,
    with_unit,
    worse,
)
from .metrics import SIDES, Lsi, Ratio, Readings
from .results import MILD, MODERATE, SEVERE, Finding
from .thresholds import (
    HEEL_RAISE_AGE_LIMIT,
    HEEL_RAISE_DIFFERENCE,
    HEEL_RAISE_LSI,
    HEEL_RAISE_REPS,
    HIP_LSI,
    HOP_LSI,
    HOP_MODERATE_BELOW,
    HOP_SEVERE_BELOW,
    HQ_HIGH,
    HQ_HIGH_SEVERE_ABOVE,
    HQ_ISOKINETIC_60,
    HQ_SEVERE_BELOW,
    LSI_MODERATE_BELOW,
    LSI_SEVERE_BELOW,
    STRENGTH_LSI,
    Threshold,
)

QUADRICEPS = RuleSpec("quadriceps_weakness", "A", ("wall_squat", "quad_set", "step_down"))
HAMSTRINGS = RuleSpec("hamstring_weakness", "C", ("hamstring_curl", "glute_bridge"))
HQ_LOW = RuleSpec("hamstring_quadriceps_ratio_low", "C", ("hamstring_curl", "glute_bridge"))
HQ_HIGH_SPEC = RuleSpec("quadriceps_weak_relative_to_hamstrings", "C", ("wall_squat", "quad_set"))
HIP_ABDUCTORS = RuleSpec("hip_abductor_weakness", "B", ("side_lying_hip_abduction", "clamshell"))
HIP_EXTENSORS = RuleSpec("hip_extensor_weakness", "B", ("glute_bridge", "split_squat"))
HIP_ROTATORS = RuleSpec("hip_external_rotator_weakness", "B", ("clamshell",))
CALF = RuleSpec("calf_weakness", "C", ("calf_raise",))
HOP = RuleSpec("hop_asymmetry", "B", ("step_down", "split_squat"))

LSI_EDGES: Edges = ((LSI_SEVERE_BELOW, SEVERE), (LSI_MODERATE_BELOW, MODERATE))
HOP_EDGES: Edges = ((HOP_SEVERE_BELOW, SEVERE), (HOP_MODERATE_BELOW, MODERATE))

# Explanation prompts (rules.md): what the clinician should know about each cut-off.
QUADRICEPS_PROMPT = (
    "The 90% cut-off is borrowed from ACL return-to-sport criteria; quadriceps weakness is the "
    "one strength measure with prospective support in knee pain."
)
HIP_PROMPT = (
    "A hip strength deficit is present in people who have knee pain; it is not a risk factor "
    "and does not show that it caused the pain."
)
HQ_HIGH_PROMPT = (
    "Check for effusion or pain inhibition of the quadriceps; with a hand-held dynamometer, "
    "check for an examiner ceiling on strong quadriceps (use belt stabilisation), and compare "
    "strength per body weight."
)
HOP_PROMPT = "Hop-test only when hopping is pain-free."
HOP_SOURCE_NOTE = "Hop LSI cut-off 85% from ACL return-to-sport testing."


def _bands(cutoff: Threshold, moderate: Threshold, severe: Threshold) -> str:
    """ "mild 80 to <90, moderate 70 to <80, severe <70; KneeClinic clinic convention ..." """
    return (
        f"mild {moderate.value} to <{cutoff.value}, moderate {severe.value} to "
        f"<{moderate.value}, severe <{severe.value}; {CONVENTION}"
    )


LSI_BANDS = _bands(STRENGTH_LSI, LSI_MODERATE_BELOW, LSI_SEVERE_BELOW)
HOP_BANDS = _bands(HOP_LSI, HOP_MODERATE_BELOW, HOP_SEVERE_BELOW)

# Only the isokinetic 60 deg/s ratio has a cut-off (Croisier2008); the hand-held branch
# (0.50, the healthy average) is retired in 2026.2 and its ratio only shown.
HQ_LOW_CUTOFFS: dict[str, Threshold] = {"isokinetic_60": HQ_ISOKINETIC_60}
CONCENTRIC_OR_ISOMETRIC = frozenset(
    ("hhd_isometric", "isokinetic_60", "isokinetic_180", "isokinetic_240")
)


def _strength_lsi(
    spec: RuleSpec,
    readings: Readings,
    code: str,
    what: str,
    cutoff: Threshold = STRENGTH_LSI,
    also: tuple[str, ...] = (),
    prompt: str = "",
) -> list[Finding]:
    """An LSI rule: one finding at most, on the weaker side."""
    lsi = readings.lsi.get(code)
    if lsi is None:
        return []
    branch = lsi_branch(lsi, cutoff, LSI_EDGES, LSI_BANDS, what, also, prompt)
    return [] if branch is None else [make_finding(spec, lsi.weaker, branch)]


def quadriceps_weakness(readings: Readings) -> list[Finding]:
    """Knee extensor LSI < 90% (LSI90: Grindem 2016; Noyes 1991; why: Neal2019, Willy2019)."""
    return _strength_lsi(
        QUADRICEPS,
        readings,
        "knee_extensor_strength",
        "Knee extensor",
        also=("Neal2019", "Willy2019"),
        prompt=QUADRICEPS_PROMPT,
    )


def hamstring_weakness(readings: Readings) -> list[Finding]:
    """Knee flexor LSI < 90% (LSI90: Grindem 2016, Br J Sports Med; Noyes 1991, AJSM)."""
    return _strength_lsi(HAMSTRINGS, readings, "knee_flexor_strength", "Knee flexor")


def method_words(method: str) -> str:
    """The method as a clinician names it ("Handheld dynamometer, isometric"), not its code."""
    return METHOD_LABELS.get(method, method)


def _ratio_text(ratio: Ratio, name: str, cutoff: Threshold) -> str:
    top, bottom = ratio.numerator, ratio.denominator
    return (
        f"{name} {number_text(ratio.value, None, cutoff.value)} "
        f"({with_unit(top.entered, top.unit)} / {with_unit(bottom.entered, bottom.unit)}, "
        f"{method_words(ratio.method)})"
    )


def hamstring_quadriceps_ratio_low(readings: Readings) -> list[Finding]:
    """H:Q < 0.47 isokinetic concentric 60 deg/s (Croisier 2008, AJSM 36:1469)."""
    out = []
    for side, ratio in readings.hq.items():
        cutoff = HQ_LOW_CUTOFFS.get(ratio.method)
        if cutoff is None or not ratio.value < cutoff.value:
            continue
        severity = SEVERE if ratio.value < HQ_SEVERE_BELOW.value else MODERATE
        detail = (
            f"{_ratio_text(ratio, 'Hamstring:quadriceps ratio', cutoff)} is below the "
            f"{cutoff.value} cut-off for {method_words(ratio.method)}. "
            f"Severity {severity} (severe below {HQ_SEVERE_BELOW.value}; {CONVENTION}). "
            "The cut-off comes from hamstring-strain and ACL research, not knee pain. "
            f"{source_text(cutoff.source)}"
        )
        branch = Branch(severity, ratio.value, cutoff.value, None, cutoff.source, detail)
        out.append(make_finding(HQ_LOW, side, branch))
    return out


def quadriceps_weak_relative_to_hamstrings(readings: Readings) -> list[Finding]:
    """H:Q > 1.00 with a concentric or isometric method (ExpertModel: expert model)."""
    out = []
    for side, ratio in readings.hq.items():
        if ratio.method not in CONCENTRIC_OR_ISOMETRIC or not ratio.value > HQ_HIGH.value:
            continue
        severity = SEVERE if ratio.value > HQ_HIGH_SEVERE_ABOVE.value else MODERATE
        detail = (
            f"{_ratio_text(ratio, 'Hamstring:quadriceps ratio', HQ_HIGH)} is above "
            f"{HQ_HIGH.value} (hamstrings stronger than quadriceps). Severity {severity} "
            f"(severe above {HQ_HIGH_SEVERE_ABOVE.value}; {CONVENTION}). {HQ_HIGH_PROMPT} "
            f"{source_text(HQ_HIGH.source)}"
        )
        branch = Branch(severity, ratio.value, HQ_HIGH.value, None, HQ_HIGH.source, detail)
        out.append(make_finding(HQ_HIGH_SPEC, side, branch))
    return out


def _hip_lsi(spec: RuleSpec, readings: Readings, code: str, what: str) -> list[Finding]:
    also = ("Rathleff2014", "Neal2019")
    return _strength_lsi(spec, readings, code, what, HIP_LSI, also, HIP_PROMPT)


def hip_abductor_weakness(readings: Readings) -> list[Finding]:
    """Hip abductor LSI < 90% (Robinson 2007, JOSPT; present, not a risk factor: Rathleff
    2014, Neal 2019)."""
    return _hip_lsi(HIP_ABDUCTORS, readings, "hip_abductor_strength", "Hip abductor")


def hip_extensor_weakness(readings: Readings) -> list[Finding]:
    """Hip extensor LSI < 90% (Robinson 2007, JOSPT; present, not a risk factor)."""
    return _hip_lsi(HIP_EXTENSORS, readings, "hip_extensor_strength", "Hip extensor")


def hip_external_rotator_weakness(readings: Readings) -> list[Finding]:
    """Hip external rotator LSI < 90% (Robinson 2007, JOSPT; present, not a risk factor)."""
    return _hip_lsi(HIP_ROTATORS, readings, "hip_external_rotator_strength", "Hip external rotator")


def _heel_raise_count(readings: Readings, side: str) -> Branch | None:
    """Fewer than 25 heel raises, only for patients under 60 (Lunsford 1995, Phys Ther)."""
    age = readings.assessment.age_years
    reps = readings.numbers.get(("single_leg_heel_raise", side))
    if age is None or not age < HEEL_RAISE_AGE_LIMIT.value or reps is None:
        return None
    if not reps < HEEL_RAISE_REPS.value:
        return None
    detail = (
        f"{num(reps)} single-leg heel raises, below {HEEL_RAISE_REPS.value} "
        f"(patient aged {age}, under {HEEL_RAISE_AGE_LIMIT.value}). Severity mild. "
        f"{source_text(HEEL_RAISE_REPS.source)}"
    )
    return Branch(MILD, reps, HEEL_RAISE_REPS.value, "reps", HEEL_RAISE_REPS.source, detail)


def heel_raise_lsi_fires(lsi: Lsi) -> bool:
    """LSI below 90% and a side difference beyond the test's limits of agreement (6 reps)."""
    return lsi.value < HEEL_RAISE_LSI.value and abs(lsi.left - lsi.right) > (
        HEEL_RAISE_DIFFERENCE.value
    )


def _heel_raise_lsi(readings: Readings) -> Branch | None:
    lsi = readings.lsi.get("single_leg_heel_raise")
    if lsi is None or not heel_raise_lsi_fires(lsi):
        return None
    prompt = (
        f"The sides differ by {num(abs(lsi.left - lsi.right))} reps, more than the "
        f"{HEEL_RAISE_DIFFERENCE.value}-rep limits of agreement of the test."
    )
    return lsi_branch(
        lsi, HEEL_RAISE_LSI, LSI_EDGES, LSI_BANDS, "Single-leg heel raise", prompt=prompt
    )


def calf_weakness(readings: Readings) -> list[Finding]:
    """Heel raise LSI < 90% with more than 6 reps between sides (Hebert-Losier 2017,
    Physiotherapy) or < 25 reps under age 60 (Lunsford 1995, Phys Ther)."""
    lsi = readings.lsi.get("single_leg_heel_raise")
    by_lsi = _heel_raise_lsi(readings)
    out = []
    for side in SIDES:
        lsi_here = by_lsi if lsi is not None and lsi.weaker == side else None
        branch = worse(lsi_here, _heel_raise_count(readings, side))
        if branch is not None:
            out.append(make_finding(CALF, side, branch))
    return out


def hop_asymmetry(readings: Readings) -> list[Finding]:
    """Single-leg hop LSI < 85% (LSI90: Noyes 1991, AJSM; Grindem 2016, Br J Sports Med)."""
    lsi = readings.lsi.get("single_leg_hop")
    if lsi is None:
        return []
    prompt = f"{HOP_SOURCE_NOTE} {HOP_PROMPT}"
    what = "Single-leg hop for distance"
    branch = lsi_branch(lsi, HOP_LSI, HOP_EDGES, HOP_BANDS, what, prompt=prompt)
    return [] if branch is None else [make_finding(HOP, lsi.weaker, branch)]


RULES = (
    quadriceps_weakness,
    hamstring_weakness,
    hamstring_quadriceps_ratio_low,
    quadriceps_weak_relative_to_hamstrings,
    hip_abductor_weakness,
    hip_extensor_weakness,
    hip_external_rotator_weakness,
    calf_weakness,
    hop_asymmetry,
)
