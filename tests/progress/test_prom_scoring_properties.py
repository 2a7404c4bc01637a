"""Properties of PROM scoring over any valid answers: in range, never raising, monotone."""

from hypothesis import given
from hypothesis import strategies as st

from progress.scoring import INSTRUMENTS, score

CODES = list(INSTRUMENTS)


@st.composite
def responses(draw):
    """An instrument and any valid answers to it, each item answered, null or left out."""
    code = draw(st.sampled_from(CODES))
    answers = {}
    for item in INSTRUMENTS[code].items:
        choice = draw(st.sampled_from(["answered", "null", "left out"]))
        if choice == "answered":
            answers[item.number] = draw(st.sampled_from(item.allowed))
        elif choice == "null":
            answers[item.number] = None
    return code, answers


@given(responses())
def test_every_score_is_in_range_or_null_with_a_reason(response):
    code, answers = response
    top = 80 if code == "lefs" else 100
    for result in score(code, answers).values():
        if result.score is None:
            assert result.reason
        else:
            assert 0 <= result.score <= top and result.reason is None


@given(responses())
def test_a_better_answer_never_lowers_a_score(response):
    code, answers = response
    instrument = INSTRUMENTS[code]
    answered = [item for item in instrument.items if answers.get(item.number) is not None]
    if not answered:
        return
    item = answered[0]
    # Better: KOOS and KOOS-PF 0 = no problems; LEFS 4 = no difficulty; Kujala the most points.
    best = 0 if instrument.method == "koos" else max(item.allowed)
    before = score(code, answers)
    after = score(code, answers | {item.number: best})
    for part, result in before.items():
        if result.score is not None:
            assert after[part].score >= result.score
