"""The audit trail with values: who, when, which patient, which door, from which address, and
for a change the old and new value of each field; sign-ins and denied attempts too."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from rest_framework.test import APIClient

from assessments import catalogue, services
from patients.models import AuditEvent
from tests.conftest import PASSWORD, api_client_for

DAY = datetime.date(2026, 3, 2)


def latest(**filters) -> AuditEvent:
    return AuditEvent.objects.filter(**filters).order_by("-id").first()


def entry(code, side, value):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def test_a_patient_change_keeps_old_and_new_values_and_the_address(api, patient):
    api.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "+1 555 0142"}, REMOTE_ADDR="10.1.2.3")
    event = latest(action="update", object_type="patient")
    assert event.changes == {"phone": [patient.phone, "+1 555 0142"]}
    assert (event.address, event.channel, event.patient_id) == ("10.1.2.3", "api", patient.pk)
    assert event.username == "clinician"


def test_an_assessment_change_records_measurements_and_a_removed_finding(api, clinician, patient):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[entry("knee_to_wall", "left", 8)],
    )  # fmt: skip
    assert draft.findings.count() == 1  # 8 cm is short of the knee-to-wall cut-off
    api.patch(
        f"/api/v1/assessments/{draft.pk}/",
        {
            "notes": "Better",
            "measurements": [{"code": "knee_to_wall", "side": "left", "value": 14}],
        },
    )
    changes = latest(action="update", object_type="assessment").changes
    assert changes["notes"] == ["", "Better"]
    assert changes["measurements"] == [["knee_to_wall left: 8 cm"], ["knee_to_wall left: 14 cm"]]
    old_findings, new_findings = changes["findings"]
    assert len(old_findings) == 1 and old_findings[0].startswith("calf_tightness left")
    assert new_findings == []


def test_a_decision_records_status_and_note(api, clinician, patient):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[entry("knee_to_wall", "left", 8)],
    )  # fmt: skip
    finding = draft.findings.get()
    api.patch(f"/api/v1/findings/{finding.pk}/", {"status": "dismissed", "note": "Old sprain"})
    assert latest(object_type="finding").changes == {
        "status": ["to_confirm", "dismissed"],  # calf tightness is grade C since 2026.2
        "note": ["", "Old sprain"],
    }


def test_a_program_item_change_records_the_dosage(api, clinician, patient):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[entry("knee_to_wall", "left", 8)],
    )  # fmt: skip
    api.post(f"/api/v1/assessments/{draft.pk}/program/")
    item = draft.home_program.items.first()
    api.patch(f"/api/v1/program-items/{item.pk}/", {"sets": item.sets + 1})
    assert latest(object_type="homeprogram").changes == {"sets": [item.sets, item.sets + 1]}


def test_an_admin_change_records_the_same_values_through_the_admin_door(clinician, patient):
    browser = Client()
    assert browser.login(username=clinician.username, password=PASSWORD)
    data = {
        "first_name": patient.first_name, "last_name": "Lindqvist",
        "date_of_birth": patient.date_of_birth.isoformat(), "sex": patient.sex,
        "affected_side": patient.affected_side, "expected_version": "1",
    }  # fmt: skip
    assert browser.post(f"/admin/patients/patient/{patient.pk}/change/", data).status_code == 302
    event = latest(action="update", object_type="patient")
    assert (event.channel, event.changes) == ("admin", {"last_name": ["Lind", "Lindqvist"]})


def test_sign_in_failed_sign_in_and_sign_out_are_recorded(clinician):
    client = APIClient()
    client.post("/api/v1/auth/token/", {"username": "clinician", "password": "wrong"})
    failed = latest(action="sign_in_failed")
    assert (failed.username, failed.user) == ("clinician", None)
    token = client.post(
        "/api/v1/auth/token/", {"username": "clinician", "password": PASSWORD}
    ).json()["token"]
    assert latest(action="sign_in").user == clinician
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.post("/api/v1/auth/logout/")
    assert latest(action="sign_out").user == clinician
    browser = Client()
    browser.post("/admin/login/", {"username": "clinician", "password": "nope"})
    assert latest(action="sign_in_failed").channel == "admin"


def test_denied_and_out_of_clinic_requests_are_recorded(patient, outsider, assistant, clinician):
    draft = services.assessment_create(actor=clinician, patient=patient, assessed_on=DAY)
    assert api_client_for(outsider).get(f"/api/v1/patients/{patient.pk}/").status_code == 404
    denied = latest(action="denied")
    assert denied.user == outsider and denied.detail.startswith("404 GET /api/v1/patients/")
    assert api_client_for(assistant).get(f"/api/v1/assessments/{draft.pk}/").status_code == 403
    denied = latest(action="denied")
    assert denied.user == assistant and denied.detail.startswith("403 GET /api/v1/assessments/")


def test_a_clinic_admin_reads_a_patients_trail_others_may_not(api, patient, clinic_admin, outsider):
    api.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "+1 555 0142"})
    url = f"/api/v1/patients/{patient.pk}/audit/"
    trail = api_client_for(clinic_admin).get(url)
    assert trail.status_code == 200
    # Newest first: this very read of the trail, then the change.
    read, change = trail.json()["results"][:2]
    assert (read["action"], read["detail"]) == ("view", "audit trail")
    assert change["action"] == "update" and change["changes"]["phone"][1] == "+1 555 0142"
    assert api.get(url).status_code == 403
    assert api_client_for(outsider).get(url).status_code == 404


def test_the_admin_shows_the_trail_on_the_patient_page_to_clinic_admins(
    api, patient, clinic_admin, clinician
):
    api.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "+1 555 0142"})
    admin = Client()
    assert admin.login(username=clinic_admin.username, password=PASSWORD)
    page = admin.get(f"/admin/patients/patient/{patient.pk}/change/").content.decode()
    assert "Audit trail" in page and "phone:  -&gt; +1 555 0142" in page
    plain = Client()
    assert plain.login(username=clinician.username, password=PASSWORD)
    assert (
        "Audit trail"
        not in plain.get(f"/admin/patients/patient/{patient.pk}/change/").content.decode()
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's"
)
def test_the_database_refuses_to_change_or_delete_an_audit_event(api, patient):
    api.get(f"/api/v1/patients/{patient.pk}/")
    event = latest(object_type="patient")
    for write in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(detail="edited"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            write()
    assert AuditEvent.objects.get(pk=event.pk).detail == event.detail
