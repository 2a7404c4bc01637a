"""API tokens move to django-rest-knox (hashed, expiring): DRF's plain-text tokens go.

Everyone signs in again once. The table of rest_framework.authtoken, if an earlier version
made it, is dropped with its migration records, so nothing readable is left behind.
"""

from django.db import migrations

OLD_TABLE = "authtoken_token"


def drop_plaintext_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {connection.ops.quote_name(OLD_TABLE)}")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("patients", "0010_add_clinic_emergency_phone")]

    operations = [migrations.RunPython(drop_plaintext_tokens, migrations.RunPython.noop)]
