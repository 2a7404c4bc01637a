"""Flesch-Kincaid grading for patient-facing text, the same way in every test.

textstat 0.7.10 asks NLTK for the CMU pronouncing dictionary and tries to download it on first
use; these machines and CI cannot reach it. Syllables then come from local data only: NLTK's
dictionary if it is installed, else textstat's own pyphen hyphenation. Never a download.
"""

from __future__ import annotations

import textstat
from textstat.backend.counts import _count_syllables

MAX_GRADE = 8
MIN_WORDS = 4  # headings and labels are too short for a grade to mean anything


def _local_cmudict(lang: str) -> dict | None:
    try:
        from nltk.corpus import cmudict

        return cmudict.dict()
    except (ImportError, LookupError):
        return None


_count_syllables.get_cmudict = _local_cmudict  # only tests use textstat


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of a text; 0 for a fragment too short to grade."""
    if len(text.split()) < MIN_WORDS:
        return 0.0
    return textstat.flesch_kincaid_grade(text)
