"""What change between two visits returns: measures, PROM scores and finding transitions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

IMPROVED, WORSE, NO_CLEAR_CHANGE = "improved", "worse", "no_clear_change"
CHANGED, UNCHANGED = "changed", "unchanged"  # measures without a threshold: no judgement


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """One row of api.md `since_last.measures`; values unrounded."""

    code: str
    side: str | None
    metric: str | None  # None for a raw measurement and for NPRS
    earlier: Decimal | bool
    later: Decimal | bool
    unit: str | None
    change: Decimal | None  # None for a yes/no test
    threshold: Decimal | None  # absolute, in the measure's unit
    label: str
    source: str | None


@dataclass(frozen=True, slots=True)
class PromChange:
    """One row of api.md `since_last.proms`, from the scores as reported (rounded)."""

    code: str  # instrument
    metric: str  # subscale or "total"
    earlier: Decimal
    later: Decimal
    change: Decimal
    threshold: Decimal
    label: str
    source: str


@dataclass(frozen=True, slots=True)
class FindingKey:
    code: str
    side: str | None


@dataclass(frozen=True, slots=True)
class FindingTransitions:
    new: tuple[FindingKey, ...]  # fires now, not then
    resolved: tuple[FindingKey, ...]  # fired then, not now
    persisting: tuple[FindingKey, ...]  # both


@dataclass(frozen=True, slots=True)
class Change:
    measures: tuple[MeasureChange, ...]
    findings: FindingTransitions
    proms: tuple[PromChange, ...]
