"""Roles per membership (api.md "Roles"): what a clinician, a clinic admin and an assistant may
do, in the API and the admin. Inside the clinic a missing right is a 403; outside, a 404."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from assessments import catalogue, services
from patients.models import Membership, Patient
from reports.models import Exercise
from tests.conftest import PASSWORD, api_client_for, member

DAY = datetime.date(2026, 3, 2)
OWN_EXERCISE = {
    "code": "stair_climb", "name": "Stair climb", "kind": "strengthen", "sets": 2, "reps": 10,
    "per_week": 3, "steps": ["Walk up the stairs slowly."], "cue": "Hold the rail.",
}  # fmt: skip


@pytest.fixture
def record(clinician, patient, clinic):
    """A draft with a finding, a program with an item, and a clinic exercise."""
    assessment = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[services.MeasurementEntry(
            catalogue.normalize_measurement("knee_to_wall", "left", 8))],
    )  # fmt: skip
    api_client_for(clinician).post(f"/api/v1/assessments/{assessment.pk}/program/")
    item = assessment.home_program.items.first()
    own = Exercise.objects.create(clinic=clinic, **OWN_EXERCISE)
    return patient, assessment, assessment.findings.get(), item, own


def clinical_calls(patient, assessment, finding, item, own):
    """(method, path, body, status for a clinician): everything an assistant may not do."""
    base = f"/api/v1/assessments/{assessment.pk}"
    return [
        ("get", "/api/v1/assessments/", None, 200),
        ("post", "/api/v1/assessments/", {"patient": patient.pk, "assessed_on": "2026-03-03"}, 201),
        ("get", f"{base}/", None, 200),
        ("patch", f"{base}/", {"notes": "Stairs hurt"}, 200),
        ("get", "/api/v1/findings/", None, 200),
        ("get", f"/api/v1/findings/{finding.pk}/", None, 200),
        ("patch", f"/api/v1/findings/{finding.pk}/", {"status": "confirmed"}, 200),
        ("get", f"{base}/program/", None, 200),
        ("post", f"{base}/program/items/", {"exercise": "dead_bug"}, 201),
        ("get", f"/api/v1/program-items/{item.pk}/", None, 200),
        ("patch", f"/api/v1/program-items/{item.pk}/", {"sets": 2}, 200),
        ("get", f"{base}/handout.pdf", None, 200),
        ("get", f"{base}/report.pdf", None, 200),
        ("get", "/api/v1/exercises/", None, 200),
        ("get", f"/api/v1/exercises/{own.pk}/", None, 200),
        ("patch", f"/api/v1/exercises/{own.pk}/", {"reps": 12}, 200),
        ("post", "/api/v1/exercises/", {**OWN_EXERCISE, "code": "step_ups"}, 201),
        ("delete", f"/api/v1/program-items/{item.pk}/", None, 204),
        ("post", f"{base}/program/", None, 201),
        ("post", f"{base}/finalize/", None, 200),
        ("post", f"{base}/amend/", None, 201),
        ("patch", f"/api/v1/patients/{patient.pk}/", {"notes": "Runs 20 km a week"}, 200),
        ("delete", f"/api/v1/patients/{patient.pk}/", None, 204),
    ]


def run(client, method, path, body):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, format="json")


@pytest.mark.parametrize("role_fixture", ["clinician", "clinic_admin"])
def test_clinicians_and_clinic_admins_may_do_everything_clinical(record, role_fixture, request):
    client = api_client_for(request.getfixturevalue(role_fixture))
    for method, path, body, expected in clinical_calls(*record):
        assert run(client, method, path, body).status_code == expected, (method, path)


def test_an_assistant_gets_403_on_everything_clinical_and_changes_nothing(record, assistant):
    patient, assessment, finding, *_ = record
    client = api_client_for(assistant)
    for method, path, body, _ in clinical_calls(*record):
        response = run(client, method, path, body)
        assert response.status_code == 403, (method, path, response.content[:200])
        assert "role" in response.json()["detail"]
    assessment.refresh_from_db()
    finding.refresh_from_db()
    patient.refresh_from_db()
    # knee-to-wall 8 cm: calf tightness, grade C since 2026.2, so it waits as to_confirm
    assert (assessment.status, assessment.notes, finding.status) == ("draft", "", "to_confirm")
    assert patient.archived_at is None and patient.notes == ""
    assert assessment.home_program.items.count() > 0


def test_an_assistant_registers_and_edits_identity_and_contact(record, assistant):
    patient = record[0]
    client = api_client_for(assistant)
    listed = client.get("/api/v1/patients/")
    assert listed.status_code == 200 and listed.json()["count"] == 1
    shown = client.get(f"/api/v1/patients/{patient.pk}/").json()
    assert shown["last_name"] == "Lind" and "notes" not in shown and "activity" not in shown
    changed = client.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "+1 555 0199"})
    assert changed.status_code == 200
    made = client.post(
        "/api/v1/patients/",
        {"first_name": "Noor", "last_name": "Haddad", "date_of_birth": "1988-02-03",
         "sex": "female", "email": "noor@example.org"},
    )  # fmt: skip
    assert made.status_code == 201
    refused = client.post(
        "/api/v1/patients/",
        {"first_name": "Ola", "last_name": "Berg", "date_of_birth": "1988-02-03",
         "sex": "female", "notes": "Knee pain on stairs"},
    )  # fmt: skip
    assert refused.status_code == 403
    assert Patient.objects.filter(last_name="Berg").count() == 0


def test_an_outsider_gets_404_not_403(record, outsider):
    client = api_client_for(outsider)
    for method, path, body, _ in clinical_calls(*record):
        if path.rstrip("/").endswith(("assessments", "findings", "exercises")):
            continue  # lists: an outsider sees their own clinic's (empty) list
        assert run(client, method, path, body).status_code == 404, (method, path)


def test_a_role_holds_in_its_clinic_only(record, clinic, other_clinic):
    """An assistant here and a clinician elsewhere: clinical lists show only the other clinic."""
    user = member(clinic, "split", "assistant")
    Membership.objects.create(user=user, clinic=other_clinic, role="clinician")
    client = api_client_for(user)
    assert client.get("/api/v1/assessments/").json()["count"] == 0
    assert client.get(f"/api/v1/assessments/{record[1].pk}/").status_code == 403


def test_create_clinician_gives_the_role_asked_for(db, monkeypatch):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "a-long-enough-password-2026")
    call_command("create_clinician", "desk", clinic="Eastside", role="assistant", noinput=True)
    assert Membership.objects.get(user__username="desk").role == "assistant"


def admin_client(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_assistant_in_the_admin_sees_patients_without_clinical_fields(record, assistant):
    patient, assessment, *_ = record
    client = admin_client(assistant)
    assert client.get("/admin/patients/patient/").status_code == 200
    page = client.get(f"/admin/patients/patient/{patient.pk}/change/")
    assert page.status_code == 200
    assert 'name="phone"' in page.content.decode() and 'name="notes"' not in page.content.decode()
    assert client.get("/admin/assessments/assessment/").status_code == 403
    assert client.get(f"/admin/assessments/assessment/{assessment.pk}/change/").status_code == 403
    assert client.get("/admin/patients/auditevent/").status_code == 403


def test_only_a_clinic_admin_reads_the_audit_trail_and_changes_roles(
    record, clinician, clinic_admin, clinic
):
    assert admin_client(clinician).get("/admin/patients/auditevent/").status_code == 403
    client = admin_client(clinic_admin)
    assert client.get("/admin/patients/auditevent/").status_code == 200
    membership = Membership.objects.get(user=clinician, clinic=clinic)
    page = client.get(f"/admin/patients/clinic/{clinic.pk}/change/").content.decode()
    assert 'name="memberships-' in page
    memberships = list(Membership.objects.filter(clinic=clinic).order_by("id"))
    data = {
        "name": clinic.name, "address": clinic.address, "phone": clinic.phone,
        "email": clinic.email, "paper_size": clinic.paper_size,
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for index, row in enumerate(memberships):
        data[f"memberships-{index}-id"] = row.pk
        data[f"memberships-{index}-clinic"] = clinic.pk
        data[f"memberships-{index}-role"] = "assistant" if row.pk == membership.pk else row.role
    response = client.post(f"/admin/patients/clinic/{clinic.pk}/change/", data)
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "assistant"
    assert (
        admin_client(clinician)
        .post(f"/admin/patients/clinic/{clinic.pk}/change/", data)
        .status_code
        == 403
    )
