"""What the rules engine returns: metrics, findings and the evaluation holding both."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

RULESET_VERSION = "2026.2"

MILD, MODERATE, SEVERE, URGENT = "mild", "moderate", "severe", "urgent"
SEVERITY_RANK: dict[str, int] = {MILD: 1, MODERATE: 2, SEVERE: 3, URGENT: 4}

# Every finding code in the order of the rules.md tables (the order findings are listed in).
FINDING_CODES: tuple[str, ...] = (
    # Strength
    "quadriceps_weakness",
    "hamstring_weakness",
    "hamstring_quadriceps_ratio_low",
    "quadriceps_weak_relative_to_hamstrings",
    "hip_abductor_weakness",
    "hip_extensor_weakness",
    "hip_external_rotator_weakness",
    "calf_weakness",
    "hop_asymmetry",
    # Flexibility
    "hip_flexor_tightness",
    "quadriceps_tightness",
    "hamstring_tightness",
    "itb_tightness",
    "calf_tightness",
    # Movement
    "dynamic_knee_valgus",
    "poor_step_down_control",
    "pelvic_drop",
    "balance_asymmetry",
    # Combined (expert models)
    "hip_flexor_glute_imbalance",
    "calf_tibialis_imbalance",
    # Red flags
    "referral_advised",
)

# Codes of 2026.1 that no longer fire; findings frozen with them still read and print.
RETIRED_FINDING_CODES: tuple[str, ...] = ("hip_adductor_weakness",)

METRIC_CODES: tuple[str, ...] = (
    "hamstring_quadriceps_ratio",
    "adductor_abductor_ratio",
    "limb_symmetry_index",
    "strength_per_body_weight",
    "y_balance_anterior_difference",
)


@dataclass(frozen=True, slots=True)
class Cutoff:
    """A rule's cut-off that applies to a metric, and whether that rule fired on it."""

    rule: str  # the finding code whose cut-off this is
    comparison: str  # "<" or ">": the rule fires when the value is strictly past it
    value: Decimal
    source: str  # references.md key
    crossed: bool  # the rule fired on this metric (so the report marks it)
    condition: str = ""  # what else the rule needs, e.g. "sides more than 6 reps apart"


@dataclass(frozen=True, slots=True)
class Metric:
    """A derived number (api.md "A metric"); `value` is unrounded; `cutoffs` are the rule
    cut-offs that apply to it (none where no rule reads it)."""

    code: str
    measurement: str | None  # the compared code for LSI and %BW, else None
    side: str | None
    value: Decimal
    unit: str | None  # None for ratios, "%" for LSI, "%BW", "cm"
    cutoffs: tuple[Cutoff, ...] = ()

    @property
    def crossed(self) -> bool:
        return any(cutoff.crossed for cutoff in self.cutoffs)


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding on one side (rules.md "What a finding holds")."""

    code: str
    side: str | None  # None only for referral_advised
    severity: str  # mild | moderate | severe | urgent
    evidence: str  # A | B | C
    value: Decimal | bool | None
    threshold: Decimal | None
    unit: str | None
    explanation: str
    patient_text: str
    source: str
    strategies: tuple[str, ...]
    referral_tier: str | None = None  # referral_advised only: emergency | urgent | routine


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's answer for one assessment."""

    ruleset_version: str
    metrics: tuple[Metric, ...]
    findings: tuple[Finding, ...]
