"""Patient texts: plain language (Flesch-Kincaid grade <= 8), no jargon, no blame, every variant."""

import re

import pytest

from assessments.rules import (
    FINDING_CODES,
    LABELS,
    PATIENT_TITLES,
    all_patient_texts,
    patient_text,
    patient_title,
)
from tests.readability import MAX_GRADE, reading_grade

JARGON_AND_BLAME = (
    "caus",  # never "caused your pain"
    "diagnos",
    "valgus",
    "lsi",
    "ratio",
    "symmetry",
    "deficit",
    "quadriceps",
    "hamstring",
    "glute",
    "tibialis",
    "adductor",
    "abductor",
    "dorsiflex",
    "plantarflex",
    "itb",
    "iliotibial",
    "fppa",
    "trendelenburg",
    "predict",
    "risk",
    "injur",
    "fault",
    "blame",
    "poor",
    "abnormal",
    "lazy",
)


def every_text():
    return all_patient_texts()


def test_every_code_has_a_label_title_and_text_for_each_side():
    for code in FINDING_CODES:
        assert LABELS[code] and PATIENT_TITLES[code] == patient_title(code)
        for side in ("left", "right", None):
            assert patient_text(code, side)
    assert patient_text("calf_tightness", "left", "suspected") != patient_text(
        "calf_tightness", "left"
    )


def test_side_specific_texts_name_the_side():
    for code in FINDING_CODES[:-1]:  # referral has no side
        assert "left" in patient_text(code, "left")
        assert "right" in patient_text(code, "right")
        assert "left" not in patient_text(code, None) and "right" not in patient_text(code)


@pytest.mark.parametrize("text", every_text())
def test_patient_text_reads_at_grade_8_or_below(text):
    assert reading_grade(text) <= MAX_GRADE, text


@pytest.mark.parametrize("text", every_text() + tuple(PATIENT_TITLES.values()))
def test_patient_text_has_no_jargon_or_blame(text):
    words = text.lower()
    for word in JARGON_AND_BLAME:
        assert not re.search(rf"\b{word}", words), (word, text)
    assert "{" not in text and "}" not in text  # every template slot was filled


@pytest.mark.parametrize("text", every_text())
def test_patient_text_speaks_to_the_patient_and_offers_help(text):
    words = text.lower()
    assert re.search(r"\byour?\b", words)
    assert "help" in words
