"""The one number formatter: every place that prints a value (explanations, API, admin, PDFs).

Pure standard library, so the rules engine and the PDF renderers share it. measurements.md
"Rounding": ratios to 2 decimals, LSI and %BW to 1 decimal; every other value (angles,
distances, counts, scores, forces) prints as entered, without trailing zeros or exponent.
Comparisons always use the unrounded value, so a rounded value that would read as equal to
the cut-off it crossed gets more places (89.96 prints as 89.96, not 90.0).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

DASH = "\N{EN DASH}"
RATIO_PLACES = 2
# Unit -> decimal places; a value with no unit is a ratio.
PLACES: dict[str | None, int] = {None: RATIO_PLACES, "%": 1, "%BW": 1}
ATTACHED_UNITS = frozenset({"%"})  # "89.9%", but "12.3 %BW" and "8 deg"
SINGULAR_UNITS = {"points": "point"}  # "1 point", "-1 point", but "2 points" and "1.5 points"
MAX_EXTRA_PLACES = 3


def plain(value: Decimal | int) -> str:
    """A number as entered: no exponent, no trailing zeros (2500, 0.11, -23.2)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return format(number.quantize(Decimal(1)), "f")
    return format(number.normalize(), "f")


def stored_force(value: Decimal) -> Decimal:
    """A force converted to N (from kgf or lbf) as shown: to 0.1 N (the value stays raw)."""
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()


def _rounded(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def number_text(value: Decimal | int, unit: str | None, cutoff: Decimal | None = None) -> str:
    """A value of its kind as printed everywhere, without its unit."""
    number = Decimal(value)
    places = PLACES.get(unit)
    if places is None:
        return plain(number)
    for extra in range(MAX_EXTRA_PLACES + 1):
        text = _rounded(number, places + extra)
        if cutoff is None or Decimal(text) != cutoff or number == cutoff:
            return text
    return plain(number)


def value_text(
    value: Decimal | int | bool | None, unit: str | None, cutoff: Decimal | None = None
) -> str:
    """A finding's or metric's value with its unit: "89.9%", "0.45", "12 deg", "positive"."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "positive" if value else "negative"
    return with_unit(number_text(value, unit, cutoff), unit)


def cutoff_text(cutoff: Decimal, unit: str | None) -> str:
    """A cut-off as printed: ratios to 2 decimals (0.47, 1.00), others as written (90, -23.2)."""
    number = _rounded(cutoff, RATIO_PLACES) if unit is None else plain(cutoff)
    return with_unit(number, unit)


def with_unit(text: str, unit: str | None) -> str:
    if not unit or text == DASH:
        return text
    if unit in ATTACHED_UNITS:
        return f"{text}{unit}"
    if text.lstrip("+-\N{MINUS SIGN}") == "1":
        unit = SINGULAR_UNITS.get(unit, unit)
    return f"{text} {unit}"


def metric_cutoff(metric: dict[str, Any]) -> Decimal | None:
    """The cut-off a stored metric is printed against: the first crossed one, else the first."""
    cutoffs = metric.get("cutoffs") or []
    chosen = next((c for c in cutoffs if c["crossed"]), cutoffs[0] if cutoffs else None)
    return Decimal(chosen["value"]) if chosen else None


def metric_value_text(metric: dict[str, Any]) -> str:
    """A stored metric (services.metric_as_json) as every door prints it."""
    return value_text(Decimal(metric["value"]), metric["unit"], metric_cutoff(metric))
