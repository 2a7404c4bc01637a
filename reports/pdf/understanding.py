"""The "Understanding your knee" section: the findings in everyday words, the pain rule, why it
takes weeks, and load advice chosen by what the assessment records."""

from __future__ import annotations

import re

from reportlab.platypus import Flowable, Spacer

from reports.pdf import knee_wording as k
from reports.pdf.data import LoadFacts
from reports.pdf.text import para

# Words in the patient's activity or occupation (free text) that name a load. Whole words, any
# case; a stem ends in \w* so "runner", "running" and "jogs" all count.
_WORDS: dict[str, re.Pattern[str]] = {
    "running": re.compile(r"\b(run|runs|runn\w*|jog\w*|marathon\w*|parkrun\w*|triathl\w*)\b", re.I),
    "stairs": re.compile(r"\b(stair\w*|steps)\b", re.I),
    "squatting": re.compile(r"\b(squat\w*|lift\w*|weights?|gym|crossfit)\b", re.I),
    "kneeling": re.compile(
        r"\b(kneel\w*|tiler\w*|tiling|floor\w*|carpet\w*|garden\w*|plumb\w*|clean\w*)\b", re.I
    ),
    "sitting": re.compile(
        r"\b(desk\w*|office\w*|computer\w*|programm\w*|developer\w*|software|accountan\w*|"
        r"admin\w*|secretar\w*|reception\w*|driv\w*|student\w*|sitting|seated)\b",
        re.I,
    ),
}
# Pain at the front of the knee is made worse by stairs, squatting and kneeling (patellofemoral
# load); pain all over the knee by stairs and squatting.
_PAIN_SITE_TOPICS: dict[str, tuple[str, ...]] = {
    "anterior": ("stairs", "squatting", "kneeling"),
    "diffuse": ("stairs", "squatting"),
}


PART_GAP = 4  # points between the parts of the section


def load_topics(load: LoadFacts) -> tuple[str, ...]:
    """The load advice that applies, in the order of knee_wording.LOAD_ADVICE."""
    said = f"{load.activity} {load.occupation}"
    chosen = {topic for topic, words in _WORDS.items() if words.search(said)}
    for site in load.pain_sites:
        chosen.update(_PAIN_SITE_TOPICS.get(site, ()))
    return tuple(topic for topic in k.LOAD_ADVICE if topic in chosen)


def _load_part(load: LoadFacts) -> list[Flowable]:
    topics = load_topics(load)
    if not topics:
        return [Spacer(1, PART_GAP), para(k.LOAD_GENERAL, "h_item", label=k.LOAD_LABEL)]
    advice = [
        para(k.LOAD_ADVICE[topic][1], "h_finding", label=k.LOAD_ADVICE[topic][0], bullet="•")
        for topic in topics
    ]
    return [Spacer(1, PART_GAP), para(k.LOAD_INTRO, "h_item", label=k.LOAD_LABEL), *advice]


def understanding(*, any_findings: bool, load: LoadFacts, emergency: str) -> list[Flowable]:
    """The section as a flat list: the handout gives it a page of its own (see handout.py)."""
    meaning = k.MEANING_FOUND if any_findings else k.MEANING_NOTHING_FOUND
    first, *rest = [text.format(emergency=emergency) for text in k.SAFETY_TEXTS]
    pain_first, *pain_rest = k.PAIN_TEXTS
    return [
        para(k.UNDERSTANDING_HEADING, "h_heading"),
        para(meaning, "h_item", label=k.MEANING_LABEL),
        para(pain_first, "h_item", label=k.PAIN_LABEL),
        *[para(text, "h_item") for text in pain_rest],
        Spacer(1, PART_GAP),
        para(k.WEEKS_TEXT, "h_item", label=k.WEEKS_LABEL),
        *_load_part(load),
        para(first, "h_item", label=k.SAFETY_LABEL),
        *[para(text, "h_item") for text in rest],
    ]
