"""KOOS and KOOS-PF scoring: hand-worked subscales, the half-answered rule, rounding half up."""

from decimal import Decimal

import pytest

from progress.scoring import score, scores_json

D = Decimal
SUBSCALES = {  # code: (item prefix, item count, fewest answered items that still score)
    "symptoms": ("S", 7, 4),
    "pain": ("P", 9, 5),
    "adl": ("A", 17, 9),
    "sport_rec": ("SP", 5, 3),
    "qol": ("Q", 4, 2),
}


def items(prefix, values):
    return {f"{prefix}{number}": value for number, value in enumerate(values, start=1)}


def every_item(value):
    answers = {}
    for prefix, count, _ in SUBSCALES.values():
        answers |= items(prefix, [value] * count)
    return answers


def test_koos_complete_answers_hand_worked():
    answers = (
        items("S", [1, 0, 2, 1, 0, 3, 1])  # sum 8 of 7: 100 - 8/7 x 25 = 71.43
        | items("P", [2, 1, 1, 0, 1, 2, 3, 1, 0])  # sum 11 of 9: 100 - 30.56 = 69.44
        | items("A", [2, 2, 3] + [1] * 14)  # sum 21 of 17: 100 - 30.88 = 69.12
        | items("SP", [3, 4, 4, 2, 3])  # sum 16 of 5: 100 - 80 = 20
        | items("Q", [2, 2, 3, 1])  # sum 8 of 4: 100 - 50 = 50
    )
    scores = score("koos", answers)
    assert {code: s.score for code, s in scores.items()} == {
        "symptoms": D("71.4"),
        "pain": D("69.4"),
        "adl": D("69.1"),
        "sport_rec": D("20.0"),
        "qol": D("50.0"),
    }
    assert all(s.reason is None and not s.prorated for s in scores.values())


def test_koos_rounds_half_up_to_one_decimal():
    # QOL 1, 1, 1, 0: mean 0.75, 100 - 18.75 = 81.25 -> 81.3 (half-even would give 81.2).
    assert score("koos", items("Q", [1, 1, 1, 0]))["qol"].score == D("81.3")
    # QOL 2, 2, 2, 3: mean 2.25, 100 - 56.25 = 43.75 -> 43.8.
    assert score("koos", items("Q", [2, 2, 2, 3]))["qol"].score == D("43.8")


@pytest.mark.parametrize(("code", "spec"), SUBSCALES.items())
def test_koos_subscale_scores_with_at_least_half_answered(code, spec):
    prefix, _, fewest = spec
    # Every answered item 2: mean 2, 100 - 50 = 50.
    assert score("koos", items(prefix, [2] * fewest))[code].score == D("50.0")


@pytest.mark.parametrize(("code", "spec"), SUBSCALES.items())
def test_koos_subscale_one_item_short_of_half_is_not_scored(code, spec):
    prefix, count, fewest = spec
    result = score("koos", items(prefix, [2] * (fewest - 1)))[code]
    assert result.score is None
    assert f"{fewest - 1} of {count}" in result.reason
    assert f"at least {fewest}" in result.reason


def test_koos_qol_with_exactly_half_answered_is_scored_and_one_fewer_is_not():
    # Q1 = 1, Q3 = 2 (Q2 and Q4 missing): mean 1.5, 100 - 37.5 = 62.5.
    assert score("koos", {"Q1": 1, "Q2": None, "Q3": 2})["qol"].score == D("62.5")
    assert score("koos", {"Q1": 1, "Q2": None})["qol"].score is None


def test_koos_missing_items_are_left_out_of_the_mean():
    # Symptoms S1-S4 answered 0, 1, 2, 3 (S5-S7 missing): mean 1.5 -> 62.5, not 100 - 6/7 x 25.
    assert score("koos", items("S", [0, 1, 2, 3]))["symptoms"].score == D("62.5")


def test_koos_all_best_answers_score_100_in_every_subscale():
    # S4-S7 are scored by box position too: the first box (0) is no problem.
    scores = score("koos", every_item(0))
    assert {s.score for s in scores.values()} == {D("100.0")}


def test_koos_all_worst_answers_score_0_in_every_subscale():
    assert {s.score for s in score("koos", every_item(4)).values()} == {D("0.0")}


def test_koos_has_five_subscales_and_no_total():
    assert list(score("koos", {})) == ["symptoms", "pain", "adl", "sport_rec", "qol"]


def test_koos_scores_as_json_numbers_with_reason_and_prorated():
    assert scores_json(score("koos", items("Q", [1, 1, 1, 0])))["qol"] == {
        "score": 81.3,
        "reason": None,
        "prorated": False,
    }


def pf(values):
    return items("PF", values)


def test_koos_pf_complete_answers_hand_worked():
    # Sum 14 of 11: 100 - 14/11 x 25 = 100 - 31.82 = 68.18 -> 68.2.
    result = score("koos_pf", pf([1, 2, 0, 1, 3, 2, 1, 0, 1, 2, 1]))
    assert list(result) == ["total"]
    assert result["total"].score == D("68.2")


def test_koos_pf_scores_with_6_of_11_answered():
    # 1, 1, 1, 1, 1, 2: mean 7/6, 100 - 29.17 = 70.83 -> 70.8.
    assert score("koos_pf", pf([1, 1, 1, 1, 1, 2]))["total"].score == D("70.8")


def test_koos_pf_with_5_of_11_answered_is_not_scored():
    result = score("koos_pf", pf([1, 1, 1, 1, 1]))["total"]
    assert result.score is None
    assert "5 of 11" in result.reason and "at least 6" in result.reason


def test_koos_pf_all_best_and_all_worst():
    assert score("koos_pf", pf([0] * 11))["total"].score == D("100.0")
    assert score("koos_pf", pf([4] * 11))["total"].score == D("0.0")
