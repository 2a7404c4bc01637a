"""The events a list read leaves (services.audit_list): one a patient shown, every column as
for any other event, on SQLite (bulk_create) and PostgreSQL (one INSERT from the ids)."""

from __future__ import annotations

from django.utils import timezone

from patients.audit_context import client_address
from patients.models import AuditEvent
from patients.services import audit_list
from tests.factories import PatientFactory


def test_a_list_read_leaves_one_event_per_patient_in_the_order_shown(clinician, clinic):
    shown = [PatientFactory(clinic=clinic) for _ in range(3)][::-1]
    before = timezone.now()
    token = client_address.set("10.9.8.7")
    try:
        audit_list(actor=clinician, patients=shown, channel="admin")
    finally:
        client_address.reset(token)
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.patient_id for e in events] == [p.pk for p in shown]
    for event, patient in zip(events, shown, strict=True):
        assert (event.user_id, event.username, event.action) == (clinician.pk, "clinician", "list")
        assert (event.object_type, event.object_id) == ("patient", str(patient.pk))
        assert (event.detail, event.changes) == ("", {})
        assert (event.address, event.channel) == ("10.9.8.7", "admin")
        assert before <= event.at <= timezone.now()


def test_a_list_read_without_an_address_stores_none(clinician, patient):
    audit_list(actor=clinician, patients=[patient])
    event = AuditEvent.objects.get()
    assert (event.address, event.channel, event.patient_id) == (None, "api", patient.pk)


def test_an_empty_list_leaves_no_event(clinician):
    audit_list(actor=clinician, patients=[])
    assert not AuditEvent.objects.exists()
