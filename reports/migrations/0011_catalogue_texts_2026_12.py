"""Catalogue texts of 2026-12: the rest-day sentence of the banded exercises moves into the
band step, so a one-leg exercise's "Then do the same with the other leg." no longer reads as
"rest a day, then the other leg"; the calf-rolling cue points to the handout's emergency box
(a swollen, red or tender calf is emergency care now there, not only advice today).

The data is a copy frozen in this migration (a migration never imports live code). Only
shipped rows (clinic empty) are written: a clinic's own exercises and copies stay as they are.
"""

from django.db import migrations

TEXTS = [
    {
        "code": "seated_knee_extension",
        "steps": [
            "Sit on a firm chair. Tie a band to a chair leg and loop it around one ankle.",
            "Use a band that makes the last 2 or 3 lifts of each set hard, with good form. Rest a day between these sessions.",
            "Straighten your knee slowly against the band.",
            "Hold for a moment, then bend your knee slowly.",
        ],
        "cue": "Move slowly both ways. Do not let the band pull your leg back fast.",
    },
    {
        "code": "hamstring_curl",
        "steps": [
            "Tie a band to something firm near the floor, like a table leg.",
            "Use a band that makes the last 2 or 3 curls of each set hard, with good form. Rest a day between these sessions.",
            "Lie on your stomach and loop the band around one ankle.",
            "Bend your knee to pull your heel toward your buttock.",
            "Lower your leg slowly.",
        ],
        "cue": "Move slowly both ways. Do not let the band snap your leg back.",
    },
    {
        "code": "banded_clamshell",
        "steps": [
            "Put a loop band around your legs, just above your knees.",
            "Use a band that makes the last 2 or 3 lifts of each set hard, with good form. Rest a day between these sessions.",
            "Lie on your side with your hips and knees bent and your feet together.",
            "Lift your top knee against the band without rolling your hips back.",
            "Lower your knee slowly.",
        ],
        "cue": "Keep your hips stacked. Rest a hand on your top hip to check it stays still.",
    },
    {
        "code": "foam_roll_calves",
        "steps": [
            "Sit with a foam roller under one calf.",
            "Put your hands on the floor behind you and lift your hips.",
            "Roll slowly from just above your ankle to just below your knee.",
            "Turn your leg a little in and out to reach the sides.",
        ],
        "cue": "Do not roll a calf that is swollen, warm or tender. Get medical advice today, or help now for the signs on page 1.",
    },
]


def update_shipped(apps, schema_editor):
    exercise_model = apps.get_model("reports", "Exercise")
    for row in TEXTS:
        exercise_model.objects.filter(clinic=None, code=row["code"]).update(
            steps=row["steps"], cue=row["cue"]
        )


class Migration(migrations.Migration):
    dependencies = [("reports", "0010_program_handout_settings")]

    operations = [migrations.RunPython(update_shipped, migrations.RunPython.noop)]
