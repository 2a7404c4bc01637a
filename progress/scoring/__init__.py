"""PROM scoring (pure, standard library only): KOOS, KOOS-PF, Kujala AKPS and LEFS."""

from .answers import AnswerErrors, clean_answers
from .instruments import (
    INSTRUMENTS,
    KOOS,
    KOOS_PF,
    KUJALA,
    LEFS,
    Instrument,
    Item,
    Option,
    Subscale,
)
from .scores import Score, round_half_up, score, score_answers, scores_json

__all__ = [
    "INSTRUMENTS",
    "KOOS",
    "KOOS_PF",
    "KUJALA",
    "LEFS",
    "AnswerErrors",
    "Instrument",
    "Item",
    "Option",
    "Score",
    "Subscale",
    "clean_answers",
    "round_half_up",
    "score",
    "score_answers",
    "scores_json",
]
