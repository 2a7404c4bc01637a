"""Number, side and status wording shared by the clinician report's tables."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from reports.pdf.data import Value

DASH = "\N{EN DASH}"


def decimal_text(value: Decimal | int, places: int | None = None) -> str:
    """A number without exponent; rounded half up to places when given, else as entered."""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return format(number, "f")
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(value: Value, places: int | None = None) -> str:
    """A measured value: yes/no tests as positive/negative, a dash when not measured."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "positive" if value else "negative"
    return decimal_text(value, places)


def metric_places(unit: str | None) -> int | None:
    """measurements.md: ratios to 2 decimals, LSI, %BW and distances to 1; others as given."""
    if unit is None:
        return 2
    return 1 if unit in ("%", "%BW", "cm") else None


def words(code: str | None) -> str:
    """A code as words: "to_confirm" -> "to confirm"; None -> a dash."""
    return code.replace("_", " ") if code else DASH
