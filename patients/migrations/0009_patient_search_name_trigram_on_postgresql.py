"""On PostgreSQL, a trigram index on the folded search name so `LIKE '%muller%'` is indexed.

Runs only on PostgreSQL (pg_trgm is a PostgreSQL extension; SQLite scans the clinic's rows,
which is fast at its sizes). Not in the model's Meta, so the migration state stays the same
on every database.
"""

from django.db import migrations

from patients.migrations._postgresql import on_postgresql

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS patient_search_name_trgm "
    "ON patients_patient USING gin (search_name gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS patient_search_name_trgm"]


class Migration(migrations.Migration):
    dependencies = [
        ("patients", "0008_fill_patient_search_name"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP)),
    ]
