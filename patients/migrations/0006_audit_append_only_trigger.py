"""On PostgreSQL, the audit trail refuses UPDATE and DELETE: events are append-only.

SQLite keeps the rule in the application (no admin or API path edits an event); a SQLite
trigger would also block the test runner's table flush, so only PostgreSQL gets one.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION kneeclinic_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_append_only ON patients_auditevent;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON patients_auditevent
    FOR EACH ROW EXECUTE FUNCTION kneeclinic_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_append_only ON patients_auditevent;
DROP FUNCTION IF EXISTS kneeclinic_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("patients", "0005_audit_values_address_sign_ins")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
