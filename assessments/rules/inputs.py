"""The plain data the rules engine reads: one assessment and its measurements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class MeasurementInput:
    """One measurement as entered: value and unit as typed (bool for positive/negative tests)."""

    code: str  # a code of assessments.catalogue.MEASUREMENT_TYPES
    side: str  # "left" | "right"
    value: Decimal | bool
    unit: str | None  # "N", "kgf", "lbf", "Nm", or the code's unit; None for booleans
    method: str | None = None  # strength only: hhd_isometric, isokinetic_60, ...


@dataclass(frozen=True, slots=True)
class AssessmentInput:
    """Everything a rule may read about one assessment."""

    sex: str  # "female" | "male" | "other" | "unknown"
    age_years: int | None  # on the assessment date
    body_mass_kg: Decimal | None
    measurements: tuple[MeasurementInput, ...]
    red_flags: tuple[str, ...] = ()
    affected_side: str = "both"  # recorded; used by no rule
    # (finding code, side) pairs the clinician dismissed: combined findings respect them.
    dismissed: tuple[tuple[str, str | None], ...] = ()
