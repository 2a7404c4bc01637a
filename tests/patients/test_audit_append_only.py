"""On PostgreSQL the audit table refuses UPDATE and DELETE from any connection, not only
through the ORM: raw SQL, a bulk delete, a user's deletion cascading. Inserts still work.

SQLite has no such trigger (the test flush of transactional tests deletes rows there), so
these run on the PostgreSQL run (`DATABASE_URL=postgres://...`) and skip on SQLite.
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from patients.models import AuditEvent
from patients.services import audit_record

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's"
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def event(clinician, patient) -> AuditEvent:
    return audit_record(actor=clinician, action="view", obj=patient, patient=patient)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE patients_auditevent SET detail = 'edited' WHERE id = %s",
        "UPDATE patients_auditevent SET changes = '{}'::jsonb, user_id = NULL WHERE id = %s",
        "DELETE FROM patients_auditevent WHERE id = %s",
    ],
    ids=["detail", "values and who", "delete"],
)
def test_raw_sql_cannot_change_or_remove_an_event(event, statement):
    refused = pytest.raises(DatabaseError, match="append-only")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.detail, stored.user_id) == (event.detail, event.user_id)


def test_a_bulk_delete_of_the_whole_trail_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_trigger_guards_update_and_delete_and_lets_inserts_through(event, clinician):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgtype FROM pg_trigger WHERE tgname = 'audit_append_only' "
            "AND tgrelid = 'patients_auditevent'::regclass"
        )
        (tgtype,) = cursor.fetchone()
    # pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update.
    assert tgtype & (1 | 2 | 8 | 16) == 1 | 2 | 8 | 16 and not tgtype & 4
    audit_record(actor=clinician, action="view", obj=event.patient, patient=event.patient)
    assert AuditEvent.objects.filter(patient=event.patient).count() == 2
