"""evaluate(): runs every rule of the ruleset over one assessment, in rules.md table order."""

from __future__ import annotations

from . import combined, flexibility, movement, strength
from .cutoffs import with_cutoffs
from .inputs import AssessmentInput
from .metrics import Readings
from .referral import referral_advised
from .results import RULESET_VERSION, Evaluation, Finding

SIDE_RULES = (*strength.RULES, *flexibility.RULES, *movement.RULES)
COMBINED_RULES = combined.RULES


def evaluate(assessment: AssessmentInput) -> Evaluation:
    """Metrics and findings of one assessment; pure, deterministic and never raises on valid
    catalogue values."""
    readings = Readings(assessment)
    findings: list[Finding] = []
    for rule in SIDE_RULES:
        findings += rule(readings)
    parts = tuple(findings)
    for combine in COMBINED_RULES:
        findings += combine(readings, parts)
    findings += referral_advised(assessment)
    return Evaluation(RULESET_VERSION, with_cutoffs(readings, findings), tuple(findings))
