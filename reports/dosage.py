"""Dosage in words, as the patient handout prints it (pure; see exercises.md)."""

from __future__ import annotations

REST_DAY_WEEKS = (2, 3)
REST_DAY = ", with a rest day in between"


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


def _duration(seconds: int) -> str:
    """Seconds as words; whole minutes from 60 seconds on ("1 minute", "90 seconds")."""
    if seconds >= 60 and seconds % 60 == 0:
        return _plural(seconds // 60, "minute")
    return _plural(seconds, "second")


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _frequency(per_week: int, per_day: int) -> str:
    """ "every day" for 7 a week, else "N days a week"; a second daily session is added."""
    if not 1 <= per_week <= 7:
        raise ValueError(f"per_week must be 1 to 7, not {per_week}")
    if per_day < 1:
        raise ValueError(f"per_day must be at least 1, not {per_day}")
    days = "every day" if per_week == 7 else f"{_plural(per_week, 'day')} a week"
    return days if per_day == 1 else f"{days}, {per_day} times a day"


def _holds(sets: int, reps: int, hold_seconds: int, each_leg: str) -> str:
    """Hold-only dosage: "Hold for 30 seconds, 3 times" (or "2 sets of 3" when both count)."""
    both = sets > 1 and reps > 1
    count = f"{_plural(sets, 'set')} of {reps}" if both else _times(sets * reps)
    return f"Hold for {_duration(hold_seconds)}, {count}{each_leg}"


def _release(sets: int, reps: int, hold_seconds: int, one_leg: bool) -> str:
    """Foam rolling: hold_seconds is the time per leg ("1 minute on each leg")."""
    text = _duration(hold_seconds) + (" on each leg" if one_leg else "")
    text = text[0].upper() + text[1:]
    rounds = sets * reps
    return text if rounds == 1 else f"{text}, {_times(rounds)}"


def _repetitions(sets: int, reps: int, hold_seconds: int, each_leg: str) -> str:
    text = f"{_plural(sets, 'set')} of {reps}{each_leg}"
    if hold_seconds:
        text += f", hold each for {_duration(hold_seconds)}"
    return text


def dosage_in_words(
    *,
    kind: str,
    sets: int,
    reps: int,
    hold_seconds: int,
    per_week: int,
    per_day: int,
    one_leg: bool,
) -> str:
    """The dosage sentence: "3 sets of 12, 3 days a week", "Hold for 30 seconds, 3 times, ..."."""
    if sets < 1 or reps < 1 or hold_seconds < 0:
        raise ValueError("sets and reps must be at least 1 and hold_seconds not negative")
    each_leg = " on each leg" if one_leg else ""
    if kind == "release" and hold_seconds:
        amount = _release(sets, reps, hold_seconds, one_leg)
    elif hold_seconds and (kind == "stretch" or reps == 1):
        amount = _holds(sets, reps, hold_seconds, each_leg)
    else:
        amount = _repetitions(sets, reps, hold_seconds, each_leg)
    text = f"{amount}, {_frequency(per_week, per_day)}"
    if kind == "strengthen" and per_week in REST_DAY_WEEKS:
        text += REST_DAY  # exercises.md: strength days say so when per_week is 2 or 3
    return text
