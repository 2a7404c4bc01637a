"""The plain data of one visit that change between visits reads (built by the ORM bridge)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class MeasurementValue:
    """One measurement as stored: force in N, torque in Nm, the code's unit otherwise."""

    code: str
    side: str
    value: Decimal | bool | None  # None: a copied test not measured (ignored)
    unit: str | None  # "N" or "Nm" for strength; None for yes/no tests
    method: str | None = None  # strength only


@dataclass(frozen=True, slots=True)
class MetricValue:
    """A metric as the rules engine computed it (api.md "A metric"), unrounded."""

    code: str
    measurement: str | None
    side: str | None
    value: Decimal
    unit: str | None


@dataclass(frozen=True, slots=True)
class FindingState:
    code: str
    side: str | None
    status: str  # proposed | to_confirm | confirmed | dismissed


@dataclass(frozen=True, slots=True)
class PromScore:
    """One reported (rounded) PROM score: instrument code and subscale (or "total")."""

    instrument: str
    metric: str
    score: Decimal | None


@dataclass(frozen=True, slots=True)
class VisitData:
    """Everything change reads about one visit; lists in the order they are to be reported."""

    pain_nprs: int | None = None
    measurements: tuple[MeasurementValue, ...] = ()
    metrics: tuple[MetricValue, ...] = ()
    findings: tuple[FindingState, ...] = ()
    proms: tuple[PromScore, ...] = ()
