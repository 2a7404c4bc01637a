"""Every patient-facing sentence reads at 8th grade or below (Flesch-Kincaid, textstat)."""

from __future__ import annotations

import pytest

from reports.exercise_catalogue import EXERCISES
from reports.pdf import knee_wording, wording
from tests.readability import MAX_GRADE, reading_grade


def _wording_texts() -> list[tuple[str, str]]:
    """Every string constant of reports.pdf.wording (tuples item by item), with its name."""
    texts = []
    for name, value in vars(wording).items():
        if not name.isupper():
            continue
        items = value if isinstance(value, tuple) else (value,)
        texts += [(name, item) for item in items if isinstance(item, str)]
    return texts


def _knee_texts() -> list[tuple[str, str]]:
    """Every text of "Understanding your knee" and of the log (the load advice item by item)."""
    texts = []
    for name, value in vars(knee_wording).items():
        if not name.isupper():
            continue
        if isinstance(value, dict):
            texts += [(f"{name}[{key}]", " ".join(item)) for key, item in value.items()]
            continue
        items = value if isinstance(value, tuple) else (value,)
        texts += [(name, item) for item in items if isinstance(item, str)]
    return texts


def _catalogue_texts() -> list[tuple[str, str]]:
    return [
        (f"{spec.code}", text) for spec in EXERCISES.values() for text in (*spec.steps, spec.cue)
    ]


@pytest.mark.parametrize(("source", "text"), _catalogue_texts())
def test_exercise_steps_and_cues_are_plain(source: str, text: str):
    assert reading_grade(text) <= MAX_GRADE, f"{source}: {text}"


@pytest.mark.parametrize(("source", "text"), _wording_texts())
def test_handout_safety_and_general_texts_are_plain(source: str, text: str):
    assert reading_grade(text) <= MAX_GRADE, f"{source}: {text}"


@pytest.mark.parametrize(("source", "text"), _knee_texts())
def test_understanding_and_log_texts_are_plain(source: str, text: str):
    assert reading_grade(text) <= MAX_GRADE, f"{source}: {text}"


def test_the_understanding_texts_are_all_found():
    names = {name.split("[")[0] for name, _ in _knee_texts()}
    expected = {"MEANING_FOUND", "PAIN_TEXTS", "WEEKS_TEXT", "LOAD_ADVICE", "SAFETY_TEXTS"}
    assert expected | {"LOG_INTRO", "EXPECT_TEXTS", "NEXT_VISIT"} <= names
    assert len([n for n, _ in _knee_texts() if n.startswith("LOAD_ADVICE[")]) == 5


def test_the_texts_are_all_found():
    names = {name for name, _ in _wording_texts()}
    assert {
        "STOP_SIGNS",
        "SUPPORT_LINE",
        "GENERAL_EXERCISE_NOTE",
        "EMERGENCY_SIGNS",
        "PAIN_RULE",
        "REFERRAL_EMERGENCY_TEXTS",
        "REFERRAL_URGENT_TEXTS",
        "REFERRAL_ROUTINE_TEXTS",
    } <= names
    assert len(_catalogue_texts()) >= 34 * 4
