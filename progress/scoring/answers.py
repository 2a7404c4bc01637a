"""Checking a PROM response's answers: whole numbers, known items, allowed values."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .instruments import Instrument, Item


class AnswerErrors(ValueError):
    """Bad answers, one message per item (the key is the item number as given)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{item}: {message}" for item, message in errors.items()))
        self.errors = errors


def _whole_number(value: object) -> int | None:
    """The answer as an int: 2 and 2.0 are 2; True, 2.5 and "2" are not whole numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal) and value == value and value % 1 == 0:
        return int(value)
    return None


def _allowed_text(instrument: Instrument, item: Item) -> str:
    name = f"item {item.number}" if item.number.isdigit() else item.number
    if instrument.method == "sum":
        points = ", ".join(str(points) for points in item.allowed)
        return f"{name} ({item.label}) must be one of {points} points"
    return f"{name} ({item.label}) must be a whole number from 0 to 4"


def _item_numbers(instrument: Instrument) -> str:
    return ", ".join(
        f"{subscale.items[0].number}-{subscale.items[-1].number}"
        for subscale in instrument.subscales
    )


def _check(instrument: Instrument, number: str, value: object) -> int | str | None:
    """The answer as a whole number, None when missing, or the message saying what is allowed."""
    item = instrument.item(number)
    if item is None:
        return f"unknown item {number}; {instrument.name} has items {_item_numbers(instrument)}."
    if value is None:
        return None
    answer = _whole_number(value)
    if answer is None or answer not in item.allowed:
        return f"{_allowed_text(instrument, item)}; got {value!r}."
    return answer


def clean_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    """The answered items as whole numbers, in item order; raises AnswerErrors naming each bad one.

    An item left out or given as null (None) is missing, not an error.
    """
    errors: dict[str, str] = {}
    given: dict[str, int] = {}
    for number, value in answers.items():
        checked = _check(instrument, str(number), value)
        if isinstance(checked, str):
            errors[str(number)] = checked
        elif checked is not None:
            given[str(number)] = checked
    if errors:
        raise AnswerErrors(errors)
    return {item.number: given[item.number] for item in instrument.items if item.number in given}
