"""Fills the folded search name of the patients recorded before it existed.

Holds its own copy of the folding (patients.search.fold as it was when this ran), so a later
change to the app's code never changes what this migration did.
"""

import unicodedata

from django.db import migrations

LETTERS_WITHOUT_DECOMPOSITION = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "\u0131": "i",  # dotless i
        "ŀ": "l",
        "ŧ": "t",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ŋ": "n",
        "ƒ": "f",
    }
)
BATCH = 2000


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cc"
    )
    return " ".join(plain.translate(LETTERS_WITHOUT_DECOMPOSITION).split())


def fill_search_names(apps, schema_editor):
    patient_model = apps.get_model("patients", "Patient")
    batch = []
    for patient in patient_model.objects.only("first_name", "last_name").iterator(BATCH):
        patient.search_name = fold(f"{patient.first_name} {patient.last_name}")
        batch.append(patient)
        if len(batch) == BATCH:
            patient_model.objects.bulk_update(batch, ["search_name"])
            batch = []
    patient_model.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0007_patient_search_name_and_list_index"),
    ]

    operations = [
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
    ]
