"""Reads an assessment once and derives its metrics: ratios, LSIs, %BW, Y-balance difference."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from assessments.catalogue import (
    MEASUREMENT_TYPES,
    NEWTONS_PER_FORCE_UNIT,
    TORQUE_UNIT,
    StrengthMethod,
    newtons,
)

from .inputs import AssessmentInput, MeasurementInput
from .results import Metric

SIDES = ("left", "right")
HUNDRED = Decimal(100)
GRAVITY_FOR_BW = Decimal("9.81")  # measurements.md: %BW = N / (body_mass_kg x 9.81) x 100

STRENGTH_CODES = tuple(code for code, m in MEASUREMENT_TYPES.items() if m.is_strength)
LSI_CODES = (*STRENGTH_CODES, "single_leg_heel_raise", "single_leg_hop")
_STRENGTH_SET = frozenset(STRENGTH_CODES)
# Code -> "strength" | "boolean" | "number", looked up once per measurement.
_KINDS: dict[str, str] = {
    code: "strength" if m.is_strength else "boolean" if m.is_boolean else "number"
    for code, m in MEASUREMENT_TYPES.items()
}
_DEFAULT_METHOD = StrengthMethod.HHD_ISOMETRIC.value


class Strength(NamedTuple):
    """A strength reading: N for force (converted exactly), Nm for torque."""

    value: Decimal  # comparable value, unrounded
    entered: Decimal
    unit: str  # as entered
    kind: str  # "force" | "torque"
    method: str | None

    def pairs_with(self, other: Strength) -> bool:
        """Ratios and LSIs only between one method and one kind of unit."""
        return self.method is not None and (self.method, self.kind) == (other.method, other.kind)


class Lsi(NamedTuple):
    """Limb symmetry index of one code: weaker / stronger x 100, with the weaker side."""

    code: str
    value: Decimal
    weaker: str | None  # None when both sides are equal
    left: Decimal  # the entered values and units, for explanations
    right: Decimal
    left_unit: str | None
    right_unit: str | None


class Ratio(NamedTuple):
    """A per-side muscle ratio: numerator / denominator of one method and unit kind."""

    side: str
    value: Decimal
    method: str
    numerator: Strength
    denominator: Strength


def _as_number(value: object) -> Decimal | None:
    """A finite Decimal, or None for booleans, NaN, infinities and anything else."""
    if isinstance(value, bool):
        return None
    number = value
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):  # never expected; parse as typed, not as binary
        number = Decimal(repr(value))
    return number if isinstance(number, Decimal) and number.is_finite() else None


def _strength(number: Decimal, unit: str | None, method: str | None) -> Strength | None:
    unit = unit or "N"
    if unit in NEWTONS_PER_FORCE_UNIT:
        force = newtons(number, unit)  # exact: 1 kgf = 9.80665 N, 1 lbf = 4.4482216152605 N
        return Strength(force, number, unit, "force", method or _DEFAULT_METHOD)
    if unit == TORQUE_UNIT:
        return Strength(number, number, unit, "torque", method)
    return None


class Readings:
    """The measurements of one assessment, indexed once, with every derived number."""

    __slots__ = (
        "add_abd",
        "assessment",
        "flags",
        "hq",
        "lsi",
        "metrics",
        "numbers",
        "strength",
        "y_diff",
    )

    def __init__(self, assessment: AssessmentInput) -> None:
        self.assessment = assessment
        self.numbers: dict[tuple[str, str], Decimal] = {}
        self.flags: dict[tuple[str, str], bool] = {}
        self.strength: dict[tuple[str, str], Strength] = {}
        for item in assessment.measurements:
            self._add(item)
        self.hq = self._ratios("knee_flexor_strength", "knee_extensor_strength")
        self.add_abd = self._ratios("hip_adductor_strength", "hip_abductor_strength")
        self.lsi: dict[str, Lsi] = {}
        for code in LSI_CODES:
            lsi = self._lsi(code)
            if lsi is not None:
                self.lsi[code] = lsi
        self.y_diff = self._y_difference()
        self.metrics = self._metrics()

    def _add(self, item: MeasurementInput) -> None:
        key = (item.code, item.side)
        kind = _KINDS.get(item.code)
        if kind is None or item.side not in SIDES or key in self.numbers or key in self.flags:
            return  # unknown code or side, or a repeat: the first entry stands
        if kind == "boolean":
            if isinstance(item.value, bool):
                self.flags[key] = item.value
            return
        value = item.value
        number = value if type(value) is Decimal and value.is_finite() else _as_number(value)
        if number is None:
            return
        if kind == "strength":
            reading = _strength(number, item.unit, item.method)
            if reading is None:
                return
            self.strength[key] = reading
        self.numbers[key] = number

    def ratio(self, side: str, numerator: str, denominator: str) -> Ratio | None:
        top = self.strength.get((numerator, side))
        bottom = self.strength.get((denominator, side))
        if top is None or bottom is None or not top.pairs_with(bottom) or not bottom.value:
            return None
        return Ratio(side, top.value / bottom.value, str(top.method), top, bottom)

    def _ratios(self, numerator: str, denominator: str) -> dict[str, Ratio]:
        found = {side: self.ratio(side, numerator, denominator) for side in SIDES}
        return {side: ratio for side, ratio in found.items() if ratio is not None}

    def _lsi(self, code: str) -> Lsi | None:
        if code in _STRENGTH_SET:
            left, right = self.strength.get((code, "left")), self.strength.get((code, "right"))
            if left is None or right is None or not left.pairs_with(right):
                return None
            found = _symmetry(left.value, right.value)
            if found is None:
                return None
            return Lsi(code, *found, left.entered, right.entered, left.unit, right.unit)
        left_n, right_n = self.numbers.get((code, "left")), self.numbers.get((code, "right"))
        if left_n is None or right_n is None:
            return None
        unit = MEASUREMENT_TYPES[code].unit
        found = _symmetry(left_n, right_n)
        return None if found is None else Lsi(code, *found, left_n, right_n, unit, unit)

    def _y_difference(self) -> Decimal | None:
        left = self.numbers.get(("y_balance_anterior", "left"))
        right = self.numbers.get(("y_balance_anterior", "right"))
        return None if left is None or right is None else abs(left - right)

    def _metrics(self) -> tuple[Metric, ...]:
        """In the order of the measurements.md metric table, catalogue order, left first."""
        out = [
            Metric("hamstring_quadriceps_ratio", None, s, r.value, None) for s, r in self.hq.items()
        ]
        out += [
            Metric("adductor_abductor_ratio", None, s, r.value, None)
            for s, r in self.add_abd.items()
        ]
        out += [Metric("limb_symmetry_index", c, None, v.value, "%") for c, v in self.lsi.items()]
        out += self._per_body_weight()
        if self.y_diff is not None:
            out.append(Metric("y_balance_anterior_difference", None, None, self.y_diff, "cm"))
        return tuple(out)

    def _per_body_weight(self) -> list[Metric]:
        """%BW per strength code and side: force units only, and only with a body mass."""
        mass = _as_number(self.assessment.body_mass_kg)
        if mass is None or not mass > 0:
            return []
        weight = mass * GRAVITY_FOR_BW
        out = []
        for code in STRENGTH_CODES:
            for side in SIDES:
                reading = self.strength.get((code, side))
                if reading is not None and reading.kind == "force":
                    value = reading.value * HUNDRED / weight
                    out.append(Metric("strength_per_body_weight", code, side, value, "%BW"))
        return out


def _symmetry(left: Decimal, right: Decimal) -> tuple[Decimal, str | None] | None:
    """(weaker / stronger x 100, weaker side); none when both sides are 0, 0 when one is 0."""
    stronger = max(left, right)
    if stronger <= 0:
        return None
    side = None if left == right else ("left" if left < right else "right")
    return min(left, right) * HUNDRED / stronger, side
