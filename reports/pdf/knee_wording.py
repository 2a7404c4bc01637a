"""Patient wording of "Understanding your knee" and of the plan for the weeks (grade 8, tested).

Facts from the 2018 patellofemoral pain consensus and the 2019 JOSPT guideline: pain with
exercise is not damage, strength takes weeks, and an aggravating activity is eased for a while
rather than stopped (runners: below the distance that hurts, then about 10% more a week).
"""

from __future__ import annotations

UNDERSTANDING_HEADING = "Understanding your knee"

MEANING_LABEL = "What this means:"
# With findings: what "weak, tight or poorly controlled" means in everyday words; no diagnosis.
MEANING_FOUND = (
    "Your hip, thigh and calf muscles share the load on your knee. If some are weak or tight, "
    "or do not keep your knee in line, the knee takes more load and can get sore. This is "
    "common, and exercise helps most people."
)
MEANING_NOTHING_FOUND = (
    "Knee pain like yours is common, and regular exercise helps most people. Your exercises "
    "build up the muscles that share the load when you walk, climb stairs or squat."
)

PAIN_LABEL = "Pain while you exercise:"
PAIN_TEXTS = (
    "Some pain does not mean harm. If 0 is no pain and 10 is the worst, up to about 3 is okay "
    "if it is back to normal by the next morning.",
    "If your knee is worse the next day, do not stop everything. Next time, do fewer "
    "repetitions or do not go as deep. Then build up again slowly.",
)

WEEKS_LABEL = "Why it takes weeks:"
WEEKS_TEXT = (
    "Muscles take time to get stronger. Most people need at least 6 weeks of regular exercise "
    "before they feel better, so keep going."
)

LOAD_LABEL = "Easing the load:"
LOAD_INTRO = (
    "You do not need to stop being active. For a few weeks, do less of what makes your knee "
    "sore. Then build back up slowly."
)
LOAD_GENERAL = (
    "Keep active in ways that feel okay, such as walking, cycling or swimming. If something "
    "makes your knee sore, do less of it for a while."
)
# One piece of advice per load the assessment records (understanding.load_topics chooses).
LOAD_ADVICE: dict[str, tuple[str, str]] = {
    "running": (
        "Running:",
        "Run a little less than the distance where your knee starts to hurt. When that feels "
        "fine, add about 10% a week, so 5 km can become 5.5 km.",
    ),
    "stairs": ("Stairs:", "Hold the rail and take one step at a time for now."),
    "squatting": ("Squatting:", "Do not bend as deep for a while, and hold on to something."),
    "kneeling": ("Kneeling:", "Kneel on a soft pad or a folded towel, and not for long."),
    "sitting": ("Desk work:", "Get up and walk for a minute every half hour or so."),
}

SAFETY_LABEL = "When to call:"
# {emergency} is the clinic's emergency number, or data.EMERGENCY_DEFAULT.
SAFETY_TEXTS = (
    "Stop and call us if the pain is sharp or gets worse day after day, or your knee swells, "
    "locks or gives way. Get help now at an emergency department, or call {emergency}, for any of "
    "the signs in the box on page 1.",
)

# The tick log and the next-visit line: {weeks} is the program's weeks until the next visit.
LOG_HEADING = "Your plan for the next {weeks}"
LOG_INTRO = "Tick a box each day you do an exercise. Bring this sheet to your next visit."
LOG_WEEK = "Week {number}"
NEXT_VISIT = "We will look at your plan again at your next visit, in about {weeks}."
EXPECT_TEXTS = (
    "Most people need at least 6 weeks of regular exercise before they feel better. Keep "
    "going even if you do not notice a change at first.",
)


def weeks_words(weeks: int) -> str:
    """ "1 week", "6 weeks" """
    return f"{weeks} week" if weeks == 1 else f"{weeks} weeks"
