"""ETag, `version` and If-Match (api.md "Concurrency"): a stale write is a 412 with the record
as it is now, and changes nothing; without If-Match the write applies."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, services

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def draft(clinician, patient):
    return services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[services.MeasurementEntry(
            catalogue.normalize_measurement("knee_to_wall", "left", 8))],
    )  # fmt: skip


def test_a_detail_answer_carries_its_version_as_etag(api, patient):
    response = api.get(f"/api/v1/patients/{patient.pk}/")
    assert response.json()["version"] == 1
    assert response["ETag"] == f'"patient-{patient.pk}-v1"'


def test_a_matching_if_match_applies_and_moves_the_version(api, patient):
    url = f"/api/v1/patients/{patient.pk}/"
    etag = api.get(url)["ETag"]
    changed = api.patch(url, {"phone": "+1 555 0142"}, HTTP_IF_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["version"] == 2
    assert changed["ETag"] == f'"patient-{patient.pk}-v2"'


def test_a_stale_if_match_is_412_with_the_current_record_and_changes_nothing(api, patient):
    url = f"/api/v1/patients/{patient.pk}/"
    stale = api.get(url)["ETag"]
    api.patch(url, {"phone": "+1 555 0142"}, HTTP_IF_MATCH=stale)
    refused = api.patch(url, {"phone": "+1 555 0999"}, HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    assert refused.json()["phone"] == "+1 555 0142"
    assert refused.json()["version"] == 2
    patient.refresh_from_db()
    assert patient.phone == "+1 555 0142"


def test_without_if_match_the_write_applies(api, patient):
    url = f"/api/v1/patients/{patient.pk}/"
    api.patch(url, {"phone": "+1 555 0142"})
    assert api.patch(url, {"phone": "+1 555 0143"}).status_code == 200


def test_an_etag_of_another_record_never_matches(api, patient, clinic):
    from tests.factories import PatientFactory

    other = PatientFactory(clinic=clinic)
    wrong = f'"patient-{other.pk}-v1"'
    response = api.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "1"}, HTTP_IF_MATCH=wrong)
    assert response.status_code == 412


def test_a_stale_archive_is_412_and_the_patient_stays(api, patient):
    url = f"/api/v1/patients/{patient.pk}/"
    stale = api.get(url)["ETag"]
    api.patch(url, {"phone": "+1 555 0142"})
    assert api.delete(url, HTTP_IF_MATCH=stale).status_code == 412
    patient.refresh_from_db()
    assert patient.archived_at is None


def test_assessment_finding_and_item_writes_honour_if_match(api, draft):
    url = f"/api/v1/assessments/{draft.pk}/"
    stale = api.get(url)["ETag"]
    assert api.patch(url, {"notes": "first"}, HTTP_IF_MATCH=stale).status_code == 200
    assert api.patch(url, {"notes": "second"}, HTTP_IF_MATCH=stale).status_code == 412
    draft.refresh_from_db()
    assert draft.notes == "first"
    finding = draft.findings.get()
    finding_url = f"/api/v1/findings/{finding.pk}/"
    tag = api.get(finding_url)["ETag"]
    assert api.patch(finding_url, {"status": "confirmed"}, HTTP_IF_MATCH=tag).status_code == 200
    again = api.patch(finding_url, {"status": "dismissed", "note": "x"}, HTTP_IF_MATCH=tag)
    assert again.status_code == 412 and again.json()["status"] == "confirmed"
    api.post(f"/api/v1/assessments/{draft.pk}/program/")
    item = draft.home_program.items.first()
    item_url = f"/api/v1/program-items/{item.pk}/"
    tag = api.get(item_url)["ETag"]
    assert api.patch(item_url, {"sets": 2}, HTTP_IF_MATCH=tag).status_code == 200
    assert api.patch(item_url, {"sets": 4}, HTTP_IF_MATCH=tag).status_code == 412
    assert api.delete(item_url, HTTP_IF_MATCH=tag).status_code == 412
    item.refresh_from_db()
    assert item.sets == 2


def test_the_schema_documents_if_match_and_412(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    patch = schema["paths"]["/api/v1/patients/{id}/"]["patch"]
    assert "412" in patch["responses"] and "403" in patch["responses"]
    assert any(p["name"] == "If-Match" for p in patch["parameters"])


def test_an_admin_form_opened_before_another_change_is_refused_with_a_message(
    api, patient, clinician
):
    from django.test import Client

    from tests.conftest import PASSWORD

    browser = Client()
    assert browser.login(username=clinician.username, password=PASSWORD)
    page = browser.get(f"/admin/patients/patient/{patient.pk}/change/").content.decode()
    assert 'name="expected_version" value="1"' in page
    api.patch(f"/api/v1/patients/{patient.pk}/", {"phone": "+1 555 0142"})  # lands first
    data = {
        "first_name": patient.first_name, "last_name": "Changed", "date_of_birth":
        patient.date_of_birth.isoformat(), "sex": patient.sex, "affected_side": "both",
        "expected_version": "1",
    }  # fmt: skip
    response = browser.post(f"/admin/patients/patient/{patient.pk}/change/", data, follow=True)
    assert "Someone else changed this record" in response.content.decode()
    patient.refresh_from_db()
    assert (patient.last_name, patient.phone) == ("Lind", "+1 555 0142")
