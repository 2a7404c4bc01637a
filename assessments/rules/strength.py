"""Strength findings: limb symmetry, muscle ratios, heel raises and the single-leg hop."""

from __future__ import annotations

from assessments.catalogue import METHOD_LABELS

from .common import (
    CONVENTION,
    Branch,
    Edges,
    RuleSpec,
    lsi_branch,
    make_finding,
    num,
    shown,
    source_text,
    with_unit,
    worse,
)
from .metrics import SIDES, Ratio, Readings
from .results import MILD, MODERATE, SEVERE, Finding
from .thresholds import (
    ADDUCTOR_ABDUCTOR,
    ADDUCTOR_ABDUCTOR_MODERATE_BELOW,
    HEEL_RAISE_AGE_LIMIT,
    HEEL_RAISE_REPS,
    HOP_LSI,
    HOP_MODERATE_BELOW,
    HOP_SEVERE_BELOW,
    HQ_HHD_ISOMETRIC,
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
HAMSTRINGS = RuleSpec("hamstring_weakness", "B", ("hamstring_curl", "glute_bridge"))
HQ_LOW = RuleSpec("hamstring_quadriceps_ratio_low", "C", ("hamstring_curl", "glute_bridge"))
HQ_HIGH_SPEC = RuleSpec("quadriceps_weak_relative_to_hamstrings", "C", ("wall_squat", "quad_set"))
HIP_ABDUCTORS = RuleSpec("hip_abductor_weakness", "A", ("side_lying_hip_abduction", "clamshell"))
HIP_EXTENSORS = RuleSpec("hip_extensor_weakness", "A", ("glute_bridge", "lunge"))
HIP_ROTATORS = RuleSpec("hip_external_rotator_weakness", "A", ("clamshell",))
HIP_ADDUCTORS = RuleSpec("hip_adductor_weakness", "C", ("adductor_squeeze",))
CALF = RuleSpec("calf_weakness", "C", ("calf_raise",))
HOP = RuleSpec("hop_asymmetry", "A", ("step_down", "lunge"))

LSI_EDGES: Edges = ((LSI_SEVERE_BELOW, SEVERE), (LSI_MODERATE_BELOW, MODERATE))
HOP_EDGES: Edges = ((HOP_SEVERE_BELOW, SEVERE), (HOP_MODERATE_BELOW, MODERATE))


def _bands(cutoff: Threshold, moderate: Threshold, severe: Threshold) -> str:
    """ "mild 80 to <90, moderate 70 to <80, severe <70; KneeClinic clinic convention ..." """
    return (
        f"mild {moderate.value} to <{cutoff.value}, moderate {severe.value} to "
        f"<{moderate.value}, severe <{severe.value}; {CONVENTION}"
    )


LSI_BANDS = _bands(STRENGTH_LSI, LSI_MODERATE_BELOW, LSI_SEVERE_BELOW)
HOP_BANDS = _bands(HOP_LSI, HOP_MODERATE_BELOW, HOP_SEVERE_BELOW)

HQ_LOW_CUTOFFS: dict[str, Threshold] = {
    "isokinetic_60": HQ_ISOKINETIC_60,
    "hhd_isometric": HQ_HHD_ISOMETRIC,
}
CONCENTRIC_OR_ISOMETRIC = frozenset(
    ("hhd_isometric", "isokinetic_60", "isokinetic_180", "isokinetic_240")
)


def _strength_lsi(
    spec: RuleSpec, readings: Readings, code: str, what: str, *also: str
) -> list[Finding]:
    """An LSI rule: one finding at most, on the weaker side."""
    lsi = readings.lsi.get(code)
    if lsi is None:
        return []
    branch = lsi_branch(lsi, STRENGTH_LSI, LSI_EDGES, LSI_BANDS, what, also)
    return [] if branch is None else [make_finding(spec, lsi.weaker, branch)]


def quadriceps_weakness(readings: Readings) -> list[Finding]:
    """Knee extensor LSI < 90% (LSI90: Grindem 2016, Br J Sports Med; Noyes 1991, AJSM)."""
    return _strength_lsi(QUADRICEPS, readings, "knee_extensor_strength", "Knee extensor")


def hamstring_weakness(readings: Readings) -> list[Finding]:
    """Knee flexor LSI < 90% (LSI90: Grindem 2016, Br J Sports Med; Noyes 1991, AJSM)."""
    return _strength_lsi(HAMSTRINGS, readings, "knee_flexor_strength", "Knee flexor")


def method_words(method: str) -> str:
    """The method as a clinician names it ("Handheld dynamometer, isometric"), not its code."""
    return METHOD_LABELS.get(method, method)


def _ratio_text(ratio: Ratio, name: str, cutoff: Threshold) -> str:
    top, bottom = ratio.numerator, ratio.denominator
    return (
        f"{name} {shown(ratio.value, 2, cutoff.value)} ({with_unit(top.entered, top.unit)} / "
        f"{with_unit(bottom.entered, bottom.unit)}, {method_words(ratio.method)})"
    )


def hamstring_quadriceps_ratio_low(readings: Readings) -> list[Finding]:
    """H:Q < 0.47 isokinetic 60 deg/s (Croisier 2008, AJSM) or < 0.50 handheld (HHD-HQ 2025)."""
    out = []
    for side, ratio in readings.hq.items():
        cutoff = HQ_LOW_CUTOFFS.get(ratio.method)
        if cutoff is None or not ratio.value < cutoff.value:
            continue
        severity = SEVERE if ratio.value < HQ_SEVERE_BELOW.value else MODERATE
        detail = (
            f"{_ratio_text(ratio, 'Hamstring:quadriceps ratio', cutoff)} is below the "
            f"{cutoff.value} cut-off for {method_words(ratio.method)}. "
            f"Severity {severity} (severe below "
            f"{HQ_SEVERE_BELOW.value}; {CONVENTION}). {source_text(cutoff.source)}"
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
            f"(severe above {HQ_HIGH_SEVERE_ABOVE.value}; {CONVENTION}). "
            f"{source_text(HQ_HIGH.source)}"
        )
        branch = Branch(severity, ratio.value, HQ_HIGH.value, None, HQ_HIGH.source, detail)
        out.append(make_finding(HQ_HIGH_SPEC, side, branch))
    return out


def hip_abductor_weakness(readings: Readings) -> list[Finding]:
    """Hip abductor LSI < 90% (LSI90: Grindem 2016; Noyes 1991; also Robinson 2007, JOSPT)."""
    return _strength_lsi(
        HIP_ABDUCTORS, readings, "hip_abductor_strength", "Hip abductor", "Robinson2007"
    )


def hip_extensor_weakness(readings: Readings) -> list[Finding]:
    """Hip extensor LSI < 90% (LSI90: Grindem 2016; Noyes 1991; also Robinson 2007, JOSPT)."""
    return _strength_lsi(
        HIP_EXTENSORS, readings, "hip_extensor_strength", "Hip extensor", "Robinson2007"
    )


def hip_external_rotator_weakness(readings: Readings) -> list[Finding]:
    """Hip external rotator LSI < 90% (LSI90: Grindem 2016; Noyes 1991; also Robinson 2007)."""
    return _strength_lsi(
        HIP_ROTATORS,
        readings,
        "hip_external_rotator_strength",
        "Hip external rotator",
        "Robinson2007",
    )


def hip_adductor_weakness(readings: Readings) -> list[Finding]:
    """Adductor:abductor ratio < 0.80 (Tyler 2001, Am J Sports Med 29:124)."""
    out = []
    for side, ratio in readings.add_abd.items():
        if not ratio.value < ADDUCTOR_ABDUCTOR.value:
            continue
        moderate = ratio.value < ADDUCTOR_ABDUCTOR_MODERATE_BELOW.value
        severity = MODERATE if moderate else MILD
        detail = (
            f"{_ratio_text(ratio, 'Adductor:abductor ratio', ADDUCTOR_ABDUCTOR)} is below the "
            f"{ADDUCTOR_ABDUCTOR.value} cut-off. Severity {severity} (moderate below "
            f"{ADDUCTOR_ABDUCTOR_MODERATE_BELOW.value}; {CONVENTION}). "
            f"{source_text(ADDUCTOR_ABDUCTOR.source)}"
        )
        value, cutoff = ratio.value, ADDUCTOR_ABDUCTOR
        branch = Branch(severity, value, cutoff.value, None, cutoff.source, detail)
        out.append(make_finding(HIP_ADDUCTORS, side, branch))
    return out


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


def calf_weakness(readings: Readings) -> list[Finding]:
    """Heel raise LSI < 90% (LSI90) or < 25 reps under age 60 (Lunsford 1995, Phys Ther)."""
    lsi = readings.lsi.get("single_leg_heel_raise")
    by_lsi = None
    if lsi is not None:
        by_lsi = lsi_branch(lsi, STRENGTH_LSI, LSI_EDGES, LSI_BANDS, "Single-leg heel raise")
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
    branch = lsi_branch(lsi, HOP_LSI, HOP_EDGES, HOP_BANDS, "Single-leg hop for distance")
    return [] if branch is None else [make_finding(HOP, lsi.weaker, branch)]


RULES = (
    quadriceps_weakness,
    hamstring_weakness,
    hamstring_quadriceps_ratio_low,
    quadriceps_weak_relative_to_hamstrings,
    hip_abductor_weakness,
    hip_extensor_weakness,
    hip_external_rotator_weakness,
    hip_adductor_weakness,
    calf_weakness,
    hop_asymmetry,
)
