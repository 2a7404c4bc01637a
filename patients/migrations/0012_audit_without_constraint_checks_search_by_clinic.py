"""Two costs of a list read at scale (README "Scale"):

- The audit trail keeps its links to the patient and the user without foreign-key
  constraints (patients.models.AuditEvent.patient says why); Django still protects both.
- On PostgreSQL the name search's trigram index also holds the clinic (btree_gin), so a
  search of one clinic reads only that clinic's matches: the index on the name alone found
  the matches of every clinic and beside it a bitmap of all the clinic's patients. It
  replaces patient_search_name_trgm (a search of every clinic is served by it too).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from patients.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE INDEX IF NOT EXISTS patient_clinic_search_name_trgm "
    "ON patients_patient USING gin (clinic_id, search_name gin_trgm_ops)",
    "DROP INDEX IF EXISTS patient_search_name_trgm",
]
RESTORE = [
    "CREATE INDEX IF NOT EXISTS patient_search_name_trgm "
    "ON patients_patient USING gin (search_name gin_trgm_ops)",
    "DROP INDEX IF EXISTS patient_clinic_search_name_trgm",
]


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0011_drop_plaintext_api_tokens"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="patient",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to="patients.patient",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty for a failed sign-in (the username tried is kept).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(RESTORE)),
    ]
