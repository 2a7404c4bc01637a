"""Fixed patient wording of the handout, written for an 8th-grade reader (tested for it)."""

from __future__ import annotations

HANDOUT_TITLE = "Your home exercise plan"
REFERRAL_DOCUMENT_TITLE = "Important: please read this first"
HANDOUT_SUBJECT = "Home exercise handout"

NAME_LABEL = "Name:"
DATE_LABEL = "Date:"
CLINICIAN_LABEL = "Your clinician:"

FOUND_HEADING = "What we found"
FOUND_INTRO = (
    "We checked the strength, length and control of the muscles around your hips and knees. "
    "This is what we found."
)
NOTHING_FOUND = (
    "We did not find a clear muscle imbalance. The exercises below are recommended for knee "
    "pain in general."
)
# The "why" line of a guideline default (an item with no finding behind it, rules.md step 3).
GENERAL_EXERCISE_NOTE = "We added it because it is recommended for knee pain in general."
# An item whose findings are not (or no longer) shown to the patient: never the general line.
CLINICIAN_CHOSE_NOTE = "Your clinician chose this exercise for what we found at your visit."
WHY_PREFIX = "To help with "
# The "why" line of a maintenance item (rules.md step 7): its findings are gone at this visit.
MAINTENANCE_WHY = "This exercise helps you keep the gains you have made."
# A one-leg exercise done on both sides ends with this step (exercises.md).
OTHER_LEG_STEP = "Then do the same with the other leg."

STOP_TITLE = "Stop and call us if:"
STOP_SIGNS = (
    "the pain is sharp,",
    "the pain gets worse day after day,",
    "your knee swells,",
    "your knee locks or gets stuck, or",
    "your knee gives way.",
)
CALL_LABEL = "Call us:"

# Emergency signs: {emergency} is the clinic's emergency number, or data.EMERGENCY_DEFAULT.
EMERGENCY_TITLE = "Get help now. Go to an emergency department or call {emergency} if:"
EMERGENCY_SIGNS = (
    "your calf is swollen, red or sore to touch,",
    "your knee is hot and red, or you have a fever,",
    "you have new numbness in your leg or foot, or",
    "you cannot put any weight on your leg.",
)
EMERGENCY_OUT_OF_HOURS = "Do this at any time, day or night, even when we are closed."

EXERCISES_HEADING = "Your exercises"
EXERCISES_INTRO = (
    "Do each exercise as often as it says. Move slowly and with control.",
    "Each day you do them, tick them off in your plan.",
)
PAIN_RULE_HEADING = "How much pain is okay"
PAIN_RULE = (
    "Some pain while you exercise is okay. Up to about 3 out of 10 is fine, as long as it is "
    "back to normal by the next morning.",
    "If your knee is worse the next day, do not stop everything. Next time, do fewer "
    "repetitions or do not go as deep. Then build up again slowly.",
)
DOSAGE_LABEL = "How much:"
CUE_LABEL = "Keep in mind:"
WHY_LABEL = "Why you are doing this:"
# The heading of a one-leg exercise names the leg; a two-leg exercise names none.
SIDE_WORDS = {"left": "Left leg", "right": "Right leg", "both": "On each leg"}
FINDING_SIDE_WORDS = {"left": "left side", "right": "right side", "both": "both sides"}

LOG_EXERCISE_LABEL = "Exercise"  # the tick log's other texts are in knee_wording

SUPPORT_LINE = (
    "This handout supports the advice of your clinician. It does not replace that advice."
)

# The referral notice follows the most urgent tier of the flags (rules.md, Red flags).
REFERRAL_LEAD = "At your visit we noticed signs that a doctor should check first:"
REFERRAL_EMERGENCY_TITLE = "Please go to an emergency department today"
REFERRAL_EMERGENCY_TEXTS = (
    "Go to an emergency department today, or call {emergency}. Do not wait for an appointment.",
    "Take this sheet with you to show the doctor.",
    "Do not start any home exercises until your clinician tells you it is safe.",
)
REFERRAL_URGENT_TITLE = "Please see a doctor within the next few days"
REFERRAL_URGENT_TEXTS = (
    "Please see a doctor within the next few days, before you do any exercise.",
    "This is a safety step. It does not always mean that something serious is wrong.",
    "If you feel very unwell, or your pain or swelling gets worse fast, go to an emergency "
    "department. You can also call {emergency}.",
)
REFERRAL_ROUTINE_TITLE = "Please see your doctor before you start these exercises"
REFERRAL_ROUTINE_TEXTS = (
    "Please book a visit with your doctor. See them before you start these exercises.",
    "This is a safety step. It does not always mean that something serious is wrong.",
    "If you feel very unwell, or your pain or swelling gets worse fast, go to an emergency "
    "department. You can also call {emergency}.",
)
REFERRAL_NOTICES = {
    "emergency": (REFERRAL_EMERGENCY_TITLE, REFERRAL_EMERGENCY_TEXTS),
    "urgent": (REFERRAL_URGENT_TITLE, REFERRAL_URGENT_TEXTS),
    "routine": (REFERRAL_ROUTINE_TITLE, REFERRAL_ROUTINE_TEXTS),
}
