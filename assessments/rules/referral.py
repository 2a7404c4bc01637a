"""The red-flag referral finding: any red flag advises referral instead of a home program."""

from __future__ import annotations

from assessments.catalogue import RED_FLAGS

from .common import Branch, RuleSpec, make_finding, source_text
from .inputs import AssessmentInput
from .results import URGENT, Finding

REFERRAL = RuleSpec("referral_advised", "A", ())
SOURCE = "RedFlags"


def flag_words(code: str) -> str:
    """The clinical words for a red-flag code (an unknown code is shown in words as recorded)."""
    return RED_FLAGS.get(code) or code.replace("_", " ")


def referral_advised(assessment: AssessmentInput) -> list[Finding]:
    """Any red flag: urgent referral, no side (NHS knee pathways; Stiell 1995, Ottawa rules)."""
    flags = tuple(dict.fromkeys(flag for flag in assessment.red_flags if flag))
    if not flags:
        return []
    detail = (
        f"Red flags recorded: {'; '.join(flag_words(flag) for flag in flags)}. Refer for "
        "medical assessment; no home program is proposed until a clinician records that the "
        f"patient is cleared for exercise. {source_text(SOURCE)}"
    )
    branch = Branch(URGENT, None, None, None, SOURCE, detail)
    return [make_finding(REFERRAL, None, branch)]
