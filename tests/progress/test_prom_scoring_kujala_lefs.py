"""Kujala AKPS (1993 key, every option of every item) and LEFS (sum, proration) by hand."""

from decimal import Decimal

import pytest

from progress.scoring import INSTRUMENTS, score

D = Decimal

# The 1993 key as progress.md lists it, copied by hand: item -> option points, best first.
KUJALA_KEY = {
    1: (5, 3, 0),
    2: (5, 3, 0),
    3: (5, 3, 2, 0),
    4: (10, 8, 5, 0),
    5: (5, 4, 3, 2, 0),
    6: (10, 8, 6, 3, 0),
    7: (10, 7, 2, 0),
    8: (10, 8, 6, 4, 0),
    9: (10, 8, 6, 3, 0),
    10: (10, 8, 6, 4, 0),
    11: (10, 6, 4, 2, 0),
    12: (5, 3, 0),
    13: (5, 3, 0),
}
EVERY_OPTION = [(item, points) for item, options in KUJALA_KEY.items() for points in options]


def kujala(**overrides):
    answers = {str(item): options[0] for item, options in KUJALA_KEY.items()}
    return answers | {key.removeprefix("i"): value for key, value in overrides.items()}


def test_kujala_key_matches_the_1993_key():
    instrument = INSTRUMENTS["kujala"]
    assert {int(item.number): item.allowed for item in instrument.items} == KUJALA_KEY


def test_kujala_all_best_options_score_100():
    # 5+5+5+10+5+10+10+10+10+10+10+5+5 = 100
    assert score("kujala", kujala())["total"].score == 100


def test_kujala_all_worst_options_score_0():
    answers = {str(item): 0 for item in KUJALA_KEY}
    assert score("kujala", answers)["total"].score == 0


def test_kujala_complete_answers_hand_worked():
    answers = kujala(
        i1=3, i2=3, i3=3, i4=5, i5=3, i6=6, i7=7, i8=4, i9=6, i10=8, i11=10, i12=3, i13=5
    )
    # 3+3+3+5+3+6+7+4+6+8+10+3+5 = 66
    assert score("kujala", answers)["total"].score == 66


@pytest.mark.parametrize(("item", "points"), EVERY_OPTION)
def test_kujala_every_option_of_every_item_scores_its_points(item, points):
    # Every other item at its best: 100 less this item's best plus the chosen option's points.
    expected = 100 - KUJALA_KEY[item][0] + points
    result = score("kujala", kujala(**{f"i{item}": points}))["total"]
    assert (result.score, result.reason, result.prorated) == (expected, None, False)


@pytest.mark.parametrize("item", list(KUJALA_KEY))
def test_kujala_no_total_when_any_item_is_missing(item):
    answers = kujala()
    del answers[str(item)]
    result = score("kujala", answers)["total"]
    assert result.score is None
    assert f"item {item} missing" in result.reason


def test_kujala_null_answer_is_missing():
    result = score("kujala", kujala(i4=None, i9=None))["total"]
    assert result.score is None and "items 4, 9 missing" in result.reason


LEFS_ANSWERS = [3, 3, 4, 4, 4, 2, 3, 4, 2, 4, 4, 3, 3, 3, 4, 2, 1, 1, 1, 4]  # sum 59


def lefs(values):
    return {str(number): value for number, value in enumerate(values, start=1)}


def test_lefs_complete_answers_sum():
    result = score("lefs", lefs(LEFS_ANSWERS))["total"]
    assert (result.score, result.reason, result.prorated) == (59, None, False)


def test_lefs_one_missing_is_prorated():
    # Item 20 (a 4) missing: 55 over 19 items, x 20 = 1100 / 19 = 57.89 -> 58.
    result = score("lefs", lefs(LEFS_ANSWERS[:19]))["total"]
    assert (result.score, result.prorated) == (58, True)


def test_lefs_two_missing_is_prorated():
    # Items 19 and 20 missing: 54 over 18 items, x 20 = 60.
    answers = lefs(LEFS_ANSWERS) | {"19": None, "20": None}
    result = score("lefs", answers)["total"]
    assert (result.score, result.prorated) == (60, True)


def test_lefs_three_missing_is_not_scored():
    result = score("lefs", lefs(LEFS_ANSWERS[:17]))["total"]
    assert (result.score, result.prorated) == (None, False)
    assert "3 of 20 items missing" in result.reason


def test_lefs_prorated_total_rounds_to_nearest_whole_number():
    # 19 answered, sum 18 (eighteen 1s and one 0): 18 / 19 x 20 = 18.95 -> 19.
    result = score("lefs", lefs([1] * 18 + [0]))["total"]
    assert (result.score, result.prorated) == (19, True)


def test_lefs_all_best_and_all_worst():
    assert score("lefs", lefs([4] * 20))["total"].score == 80
    assert score("lefs", lefs([0] * 20))["total"].score == 0
    # All best with two missing: mean 4 x 20 = 80, prorated.
    result = score("lefs", lefs([4] * 18))["total"]
    assert (result.score, result.prorated) == (80, True)
