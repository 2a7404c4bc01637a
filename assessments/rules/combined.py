"""Combined imbalances of the source articles: expert models with limited evidence."""

from __future__ import annotations

from collections.abc import Sequence

from assessments.numbers import number_text

from .common import Branch, RuleSpec, per_side, source_text
from .metrics import Readings
from .results import MILD, MODERATE, Finding
from .thresholds import HQ_HIGH, STRENGTH_LSI

HIP_FLEXOR_GLUTE = RuleSpec(
    "hip_flexor_glute_imbalance", "C", ("standing_hip_flexor_stretch", "glute_bridge")
)
CALF_TIBIALIS = RuleSpec(
    "calf_tibialis_imbalance", "C", ("tibialis_raise", "standing_calf_stretch")
)
EXPERT_SOURCE = HQ_HIGH.source  # "ExpertModel"
_LIMITED = "Expert model, limited evidence; no published cut-off, confirm clinically"


def _present(readings: Readings, found: Sequence[Finding]) -> set[tuple[str, str | None]]:
    """The parts that fired and that the clinician has not dismissed (rules.md: a dismissed
    part removes the combination)."""
    dismissed = set(readings.assessment.dismissed)
    return {(f.code, f.side) for f in found if (f.code, f.side) not in dismissed}


def _combined(severity: str, what: str) -> Branch:
    detail = f"{what}. {_LIMITED}. {source_text(EXPERT_SOURCE)}"
    return Branch(severity, None, None, None, EXPERT_SOURCE, detail)


def hip_flexor_glute_imbalance(readings: Readings, found: Sequence[Finding]) -> list[Finding]:
    """Hip flexor tightness with hip extensor or abductor weakness on one side (ExpertModel);
    one undismissed weakness suffices."""
    present = _present(readings, found)

    def branch(side: str) -> Branch | None:
        weak = [
            code.replace("_", " ")
            for code in ("hip_extensor_weakness", "hip_abductor_weakness")
            if (code, side) in present
        ]
        if ("hip_flexor_tightness", side) not in present or not weak:
            return None
        return _combined(MODERATE, f"Hip flexor tightness with {' and '.join(weak)}")

    return per_side(HIP_FLEXOR_GLUTE, branch)


def calf_tibialis_imbalance(readings: Readings, found: Sequence[Finding]) -> list[Finding]:
    """Calf tightness (suspected included) with ankle dorsiflexor LSI < 90% weaker on that side
    (ExpertModel; the LSI cut-off from LSI90)."""
    present = _present(readings, found)
    lsi = readings.lsi.get("ankle_dorsiflexor_strength")

    def branch(side: str) -> Branch | None:
        if ("calf_tightness", side) not in present or lsi is None or lsi.weaker != side:
            return None
        if not lsi.value < STRENGTH_LSI.value:
            return None
        what = (
            f"Calf tightness with ankle dorsiflexor (tibialis anterior) limb symmetry index "
            f"{number_text(lsi.value, '%', STRENGTH_LSI.value)}%, below {STRENGTH_LSI.value}% "
            "and weaker on this side"
        )
        return _combined(MILD, what)

    return per_side(CALF_TIBIALIS, branch)


RULES = (hip_flexor_glute_imbalance, calf_tibialis_imbalance)
