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
    "We did not find a clear muscle imbalance. The exercises below help most people with knee pain."
)
GENERAL_EXERCISE_NOTE = "This exercise helps most people with knee pain, so we add it for you too."

STOP_TITLE = "Stop and call us if:"
STOP_SIGNS = (
    "the pain is sharp,",
    "the pain gets worse from one day to the next,",
    "your knee swells,",
    "your knee locks or gets stuck, or",
    "your knee gives way.",
)
CALL_LABEL = "Call us:"

EXERCISES_HEADING = "Your exercises"
EXERCISES_INTRO = (
    "Do each exercise as often as it says. Move slowly and with control.",
    "Some mild discomfort while you exercise is okay, as long as it settles within 24 hours.",
    "Tick the log at the end each day that you do them.",
)
DOSAGE_LABEL = "How much:"
CUE_LABEL = "Keep in mind:"
WHY_LABEL = "Why you are doing this:"
SIDE_WORDS = {"left": "Left leg", "right": "Right leg", "both": "Both legs"}
FINDING_SIDE_WORDS = {"left": "left side", "right": "right side", "both": "both sides"}

LOG_HEADING = "Your weekly log"
LOG_INTRO = "Tick a box on each day that you do the exercise. Bring this sheet to your next visit."
LOG_EXERCISE_LABEL = "Exercise"
LOG_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LOG_WEEK_LABEL = "Week starting:"

SUPPORT_LINE = (
    "This handout supports the advice of your clinician. It does not replace that advice."
)

REFERRAL_TITLE = "Please see a doctor before you start any exercises"
REFERRAL_LEAD = "At your visit we noticed signs that a doctor should check first:"
REFERRAL_TEXTS = (
    "This is a safety step. It does not always mean that something serious is wrong.",
    "Please do not start a home exercise plan until your clinician tells you it is safe.",
    "If you feel very unwell, or your pain or swelling gets worse fast, "
    "go to an emergency department now.",
)
