"""Scoring a PROM response: per subscale or total, null with a reason when not scorable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .answers import clean_answers
from .instruments import INSTRUMENTS, Instrument, Subscale


@dataclass(frozen=True, slots=True)
class Score:
    """One subscale or total (progress.md score shape)."""

    score: Decimal | None  # KOOS and KOOS-PF to 1 decimal; Kujala and LEFS whole numbers
    reason: str | None  # why score is None
    prorated: bool = False  # only a LEFS total computed with missing items

    def as_json(self) -> dict[str, object]:
        """`{"score", "reason", "prorated"}` with the score as a JSON number."""
        value: int | float | None = None
        if self.score is not None:
            whole = self.score.as_tuple().exponent == 0
            value = int(self.score) if whole else float(self.score)
        return {"score": value, "reason": self.reason, "prorated": self.prorated}


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Exact rounding of a non-negative score, half up: 81.25 -> 81.3 (1 place)."""
    scale = 10**places
    rounded = (value * scale + Fraction(1, 2)).__floor__()
    return Decimal(rounded).scaleb(-places) if places else Decimal(rounded)


def _answered(subscale: Subscale, answers: Mapping[str, int]) -> list[int]:
    return [answers[item.number] for item in subscale.items if item.number in answers]


def _koos(subscale: Subscale, answers: Mapping[str, int]) -> Score:
    """100 - mean(answered items) x 25, when at least half the items are answered."""
    answered = _answered(subscale, answers)
    total = len(subscale.items)
    if len(answered) < subscale.min_answered:
        return Score(
            None,
            f"{len(answered)} of {total} {subscale.name} items answered; "
            f"at least {subscale.min_answered} are needed.",
        )
    mean = Fraction(sum(answered), len(answered))
    return Score(round_half_up(100 - mean * 25, 1), None)


def _kujala(subscale: Subscale, answers: Mapping[str, int]) -> Score:
    """The sum of the chosen options' points; no total with any item missing (Kujala 1993)."""
    missing = [item.number for item in subscale.items if item.number not in answers]
    if missing:
        items = "item" if len(missing) == 1 else "items"
        return Score(None, f"{items} {', '.join(missing)} missing; the total needs all 13.")
    return Score(Decimal(sum(_answered(subscale, answers))), None)


def _lefs(subscale: Subscale, answers: Mapping[str, int]) -> Score:
    """The sum; with 1-2 items missing, mean(answered) x 20, half up, marked prorated."""
    answered = _answered(subscale, answers)
    missing = len(subscale.items) - len(answered)
    if len(answered) < subscale.min_answered:
        return Score(None, f"{missing} of 20 items missing; LEFS is not scored past 2 missing.")
    if not missing:
        return Score(Decimal(sum(answered)), None)
    return Score(round_half_up(Fraction(sum(answered), len(answered)) * 20, 0), None, True)


_METHODS = {"koos": _koos, "sum": _kujala, "lefs": _lefs}


def score_answers(instrument: Instrument, answers: Mapping[str, int]) -> dict[str, Score]:
    """Scores from answers already cleaned by `clean_answers`, keyed by subscale code."""
    method = _METHODS[instrument.method]
    return {subscale.code: method(subscale, answers) for subscale in instrument.subscales}


def score(code: str, answers: Mapping[str, object]) -> dict[str, Score]:
    """Check and score a response of instrument `code`; raises AnswerErrors on bad answers."""
    instrument = INSTRUMENTS[code]
    return score_answers(instrument, clean_answers(instrument, answers))


def scores_json(scores: Mapping[str, Score]) -> dict[str, dict[str, object]]:
    return {code: value.as_json() for code, value in scores.items()}
