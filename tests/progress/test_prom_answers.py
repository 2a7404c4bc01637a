"""PROM answers: whole numbers only, known items, allowed values, messages naming the item."""

import pytest

from progress.scoring import INSTRUMENTS, AnswerErrors, clean_answers, score


def errors(code, answers):
    with pytest.raises(AnswerErrors) as caught:
        score(code, answers)
    return caught.value.errors


@pytest.mark.parametrize("value", [5, -1, 2.5, "2", True, [1], float("nan")])
def test_koos_item_out_of_range_or_not_a_whole_number_is_refused(value):
    message = errors("koos", {"P1": value, "P2": 1})["P1"]
    assert message.startswith("P1 (how often pain) must be a whole number from 0 to 4; got ")


def test_koos_error_states_the_value_given():
    assert errors("koos", {"S4": 5}) == {
        "S4": "S4 (straightening fully) must be a whole number from 0 to 4; got 5."
    }


@pytest.mark.parametrize(
    ("code", "item"), [("koos", "P10"), ("koos", "s1"), ("koos_pf", "PF12"), ("lefs", "21")]
)
def test_unknown_item_is_refused_naming_the_items(code, item):
    message = errors(code, {item: 1})[item]
    assert message.startswith(f"unknown item {item}; ")


def test_unknown_item_with_null_answer_is_still_refused():
    assert "unknown item X" in errors("lefs", {"X": None})["X"]


def test_unknown_item_message_lists_the_koos_items():
    assert errors("koos", {"Z1": 0})["Z1"].endswith(
        "has items S1-S7, P1-P9, A1-A17, SP1-SP5, Q1-Q4."
    )


def test_kujala_value_not_an_option_of_the_item_names_the_allowed_points():
    assert errors("kujala", {"3": 4}) == {
        "3": "item 3 (walking) must be one of 5, 3, 2, 0 points; got 4."
    }


def test_kujala_points_of_another_item_are_refused():
    # 10 is an option of item 4 (stairs), not of item 1 (limp).
    assert errors("kujala", {"1": 10})["1"] == (
        "item 1 (limp) must be one of 5, 3, 0 points; got 10."
    )


def test_lefs_item_out_of_range_is_refused():
    assert errors("lefs", {"7": 5})["7"] == (
        "item 7 (lifting from the floor) must be a whole number from 0 to 4; got 5."
    )


def test_every_bad_answer_is_reported_at_once():
    assert set(errors("koos", {"P1": 9, "Q2": -1, "A3": 2, "X": 0})) == {"P1", "Q2", "X"}


def test_whole_floats_are_taken_as_integers_and_nulls_dropped():
    instrument = INSTRUMENTS["koos"]
    cleaned = clean_answers(instrument, {"Q2": 2.0, "S1": 1, "P3": None})
    assert cleaned == {"S1": 1, "Q2": 2}
    assert all(type(value) is int for value in cleaned.values())


def test_instruments_name_their_reference_and_mic():
    assert [(i.code, str(i.mic)) for i in INSTRUMENTS.values()] == [
        ("koos", "10"),
        ("koos_pf", "16.4"),
        ("kujala", "10"),
        ("lefs", "9"),
    ]
    assert "Roos" in INSTRUMENTS["koos"].reference
    assert "Crossley" in INSTRUMENTS["koos_pf"].reference
    assert "Arthroscopy 9:159" in INSTRUMENTS["kujala"].reference
    assert "Phys Ther 79:371" in INSTRUMENTS["lefs"].reference


def test_item_numbers_are_the_official_ones():
    koos = [item.number for item in INSTRUMENTS["koos"].items]
    assert len(koos) == 42
    assert koos[:8] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "P1"]
    assert koos[-5:] == ["SP5", "Q1", "Q2", "Q3", "Q4"]
    assert [i.number for i in INSTRUMENTS["koos_pf"].items][-1] == "PF11"
    assert [i.number for i in INSTRUMENTS["kujala"].items] == [str(n) for n in range(1, 14)]
    assert [i.number for i in INSTRUMENTS["lefs"].items] == [str(n) for n in range(1, 21)]
