"""The red-flag referral finding: any red flag advises referral instead of a home program."""

from __future__ import annotations

from assessments.catalogue import red_flag_code, red_flag_tier, red_flag_words, referral_tier

from .common import Branch, RuleSpec, make_finding, source_text
from .inputs import AssessmentInput
from .results import URGENT, Finding

REFERRAL = RuleSpec("referral_advised", "A", ())
SOURCE = "RedFlags"
TIER_ADVICE = {
    "emergency": "Emergency: send to an emergency department today.",
    "urgent": "Urgent: medical review within a few days, before any exercise.",
    "routine": "Routine: medical review before starting the exercise program.",
}


def flag_words(code: str) -> str:
    """The clinical words for a red-flag code (an unknown code is shown in words as recorded)."""
    return red_flag_words(code)


def referral_advised(assessment: AssessmentInput) -> list[Finding]:
    """Any red flag: urgent referral, no side, with the most urgent tier of the flags present
    (NHS knee pathways; Stiell 1995 and 1996, Ottawa knee rules)."""
    flags = tuple(dict.fromkeys(red_flag_code(flag) for flag in assessment.red_flags if flag))
    if not flags:
        return []
    tier = referral_tier(flags)
    named = "; ".join(
        f"{flag_words(flag)} ({red_flag_tier(flag) or 'unknown tier'})" for flag in flags
    )
    advice = TIER_ADVICE.get(tier or "", "")
    detail = (
        f"Red flags recorded: {named}. {advice} No home program is proposed until a clinician "
        f"records that the patient is cleared for exercise. {source_text(SOURCE)}"
    )
    branch = Branch(URGENT, None, None, None, SOURCE, detail)
    return [make_finding(REFERRAL, None, branch, tier)]
