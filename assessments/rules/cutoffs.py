"""Which rule cut-off applies to each metric, and whether that rule fired on it.

The report marks a metric "past cut-off" from this alone, so the mark and the findings never
disagree: a metric that no rule reads (adductor:abductor, hand-held H:Q below 1.00, %BW, the
LSI of a muscle group without a rule) carries no cut-off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .metrics import Readings
from .results import Cutoff, Finding, Metric
from .strength import CONCENTRIC_OR_ISOMETRIC, HQ_LOW_CUTOFFS
from .thresholds import (
    HEEL_RAISE_DIFFERENCE,
    HEEL_RAISE_LSI,
    HIP_LSI,
    HOP_LSI,
    HQ_HIGH,
    STRENGTH_LSI,
    Y_BALANCE_DIFFERENCE,
    Threshold,
)

# LSI measurement code -> (the finding it fires, its cut-off, the source the finding carries
# when this LSI fired it).
LSI_RULES: dict[str, tuple[str, Threshold, str]] = {
    "knee_extensor_strength": ("quadriceps_weakness", STRENGTH_LSI, STRENGTH_LSI.source),
    "knee_flexor_strength": ("hamstring_weakness", STRENGTH_LSI, STRENGTH_LSI.source),
    "hip_abductor_strength": ("hip_abductor_weakness", HIP_LSI, HIP_LSI.source),
    "hip_extensor_strength": ("hip_extensor_weakness", HIP_LSI, HIP_LSI.source),
    "hip_external_rotator_strength": ("hip_external_rotator_weakness", HIP_LSI, HIP_LSI.source),
    "single_leg_heel_raise": ("calf_weakness", HEEL_RAISE_LSI, HEEL_RAISE_LSI.source),
    "single_leg_hop": ("hop_asymmetry", HOP_LSI, HOP_LSI.source),
    "ankle_dorsiflexor_strength": ("calf_tibialis_imbalance", STRENGTH_LSI, "ExpertModel"),
}

# What else a rule needs besides its cut-off, so an LSI past it but unmarked reads right.
CONDITIONS: dict[str, str] = {
    "calf_weakness": f"and the sides more than {HEEL_RAISE_DIFFERENCE.value} reps apart",
    "calf_tibialis_imbalance": "and calf tightness on the weaker side",
}

Fired = set[tuple[str, str | None, str]]


def _cutoff(rule: str, sign: str, threshold: Threshold, crossed: bool) -> Cutoff:
    condition = CONDITIONS.get(rule, "")
    return Cutoff(rule, sign, threshold.value, threshold.source, crossed, condition)


def _ratio_cutoffs(readings: Readings, metric: Metric, fired: Fired) -> Iterable[Cutoff]:
    ratio = readings.hq.get(metric.side or "")
    if ratio is None:
        return
    low = HQ_LOW_CUTOFFS.get(ratio.method)
    if low is not None:
        rule = "hamstring_quadriceps_ratio_low"
        yield _cutoff(rule, "<", low, (rule, metric.side, low.source) in fired)
    if ratio.method in CONCENTRIC_OR_ISOMETRIC:
        rule = "quadriceps_weak_relative_to_hamstrings"
        yield _cutoff(rule, ">", HQ_HIGH, (rule, metric.side, HQ_HIGH.source) in fired)


def _lsi_cutoffs(readings: Readings, metric: Metric, fired: Fired) -> Iterable[Cutoff]:
    known = LSI_RULES.get(metric.measurement or "")
    lsi = readings.lsi.get(metric.measurement or "")
    if known is None or lsi is None:
        return
    rule, threshold, source = known
    yield _cutoff(rule, "<", threshold, (rule, lsi.weaker, source) in fired)


def _balance_cutoffs(fired: Fired) -> Iterable[Cutoff]:
    crossed = any(code == "balance_asymmetry" for code, _, _ in fired)
    yield _cutoff("balance_asymmetry", ">", Y_BALANCE_DIFFERENCE, crossed)


def _cutoffs(readings: Readings, metric: Metric, fired: Fired) -> tuple[Cutoff, ...]:
    if metric.code == "hamstring_quadriceps_ratio":
        return tuple(_ratio_cutoffs(readings, metric, fired))
    if metric.code == "limb_symmetry_index":
        return tuple(_lsi_cutoffs(readings, metric, fired))
    if metric.code == "y_balance_anterior_difference":
        return tuple(_balance_cutoffs(fired))
    return ()


def with_cutoffs(readings: Readings, findings: Sequence[Finding]) -> tuple[Metric, ...]:
    """The metrics with the cut-offs that apply to them, crossed where the rule fired."""
    fired: Fired = {(f.code, f.side, f.source) for f in findings}
    out = []
    for metric in readings.metrics:
        cutoffs = _cutoffs(readings, metric, fired)
        if cutoffs:  # built directly: dataclasses.replace was most of the engine's time
            metric = Metric(
                metric.code, metric.measurement, metric.side, metric.value, metric.unit, cutoffs
            )
        out.append(metric)
    return tuple(out)
