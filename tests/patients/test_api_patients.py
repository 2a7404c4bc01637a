"""REST API v1, patients: CRUD, archive, search, order, pagination, clinics, personas, audit."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from patients.models import AuditAction, AuditEvent, Membership, Patient
from tests.conftest import api_client_for
from tests.factories import ClinicFactory, PatientFactory, UserFactory

URL = "/api/v1/patients/"


def detail(patient_id: int) -> str:
    return f"{URL}{patient_id}/"


def new_patient(**overrides) -> dict:
    body = {
        "first_name": "Noor",
        "last_name": "Haddad",
        "date_of_birth": "1985-03-02",
        "sex": "female",
    }
    body.update(overrides)
    return body


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


# --- create -------------------------------------------------------------------------------


def test_clinician_creates_a_patient_in_their_clinic(api, clinic, clinician):
    body = new_patient(
        email="noor@example.org",
        phone="+1 555 0199",
        occupation="Nurse",
        activity="Runs 30 km a week",
        notes="Left knee worse on stairs",
        affected_side="left",
    )
    response = api.post(URL, body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    for key, value in body.items():
        assert data[key] == value
    assert data["clinic"] == clinic.id
    assert data["archived_at"] is None
    assert isinstance(data["id"], int)
    stored = Patient.objects.get(pk=data["id"])
    assert stored.clinic == clinic
    assert stored.last_name == "Haddad"


def test_new_patient_defaults_to_both_sides_affected(api):
    response = api.post(URL, new_patient(), format="json")
    assert response.status_code == 201
    assert response.json()["affected_side"] == "both"


def test_response_has_every_contract_field(api):
    data = api.post(URL, new_patient(), format="json").json()
    expected = {
        "id",
        "first_name",
        "last_name",
        "date_of_birth",
        "sex",
        "affected_side",
        "email",
        "phone",
        "occupation",
        "activity",
        "notes",
        "clinic",
        "archived_at",
        "created_at",
        "updated_at",
    }
    assert expected <= set(data)


@pytest.mark.parametrize("field", ["first_name", "last_name", "date_of_birth", "sex"])
def test_required_fields_are_named_when_missing(api, field):
    body = new_patient()
    del body[field]
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Patient.objects.exists()


def test_user_with_one_clinic_cannot_put_a_patient_in_another_clinic(api, clinic, other_clinic):
    response = api.post(URL, new_patient(clinic=other_clinic.id), format="json")
    # Either refused or ignored (clinic is read-only for a one-clinic user); never placed there.
    assert response.status_code in (201, 400)
    assert not Patient.objects.filter(clinic=other_clinic).exists()
    if response.status_code == 201:
        assert response.json()["clinic"] == clinic.id


@pytest.fixture
def third_clinic(db):
    return ClinicFactory(name="Southside Physio")


@pytest.fixture
def multi_api(clinic, third_clinic):
    """A clinician who belongs to two clinics."""
    user = UserFactory(username="locum", clinic=clinic)
    Membership.objects.create(user=user, clinic=third_clinic)
    return api_client_for(user)


def test_user_with_several_clinics_must_name_one(multi_api):
    response = multi_api.post(URL, new_patient(), format="json")
    assert response.status_code == 400
    assert "clinic" in response.json()
    assert not Patient.objects.exists()


def test_user_with_several_clinics_names_one_of_theirs(multi_api, third_clinic):
    response = multi_api.post(URL, new_patient(clinic=third_clinic.id), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["clinic"] == third_clinic.id
    assert Patient.objects.get().clinic == third_clinic


def test_user_with_several_clinics_cannot_name_a_clinic_they_are_not_in(multi_api, other_clinic):
    response = multi_api.post(URL, new_patient(clinic=other_clinic.id), format="json")
    assert response.status_code == 400
    assert "clinic" in response.json()
    assert not Patient.objects.exists()


def test_foreign_clinic_gets_the_same_message_as_a_missing_one(multi_api, other_clinic):
    missing_id = other_clinic.id + 1000
    foreign = multi_api.post(URL, new_patient(clinic=other_clinic.id), format="json")
    missing = multi_api.post(URL, new_patient(clinic=missing_id), format="json")
    assert foreign.status_code == missing.status_code == 400
    foreign_msg = foreign.json()["clinic"][0].replace(str(other_clinic.id), "<id>")
    missing_msg = missing.json()["clinic"][0].replace(str(missing_id), "<id>")
    assert foreign_msg == missing_msg


# --- validation -----------------------------------------------------------------------------


def test_date_of_birth_in_the_future_is_refused(api):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.post(URL, new_patient(date_of_birth=tomorrow.isoformat()), format="json")
    assert response.status_code == 400
    assert "date_of_birth" in response.json()
    assert not Patient.objects.exists()


def test_date_of_birth_more_than_120_years_ago_is_refused(api):
    too_old = years_before(timezone.localdate(), 120) - datetime.timedelta(days=1)
    response = api.post(URL, new_patient(date_of_birth=too_old.isoformat()), format="json")
    assert response.status_code == 400
    assert "date_of_birth" in response.json()
    assert "120" in " ".join(response.json()["date_of_birth"])


@pytest.mark.parametrize("age_days", [0, 1])
def test_date_of_birth_within_120_years_or_today_is_accepted(api, age_days):
    today = timezone.localdate()
    for day in (years_before(today, 120) + datetime.timedelta(days=age_days), today):
        response = api.post(URL, new_patient(date_of_birth=day.isoformat()), format="json")
        assert response.status_code == 201, (day, response.content)


def test_unknown_sex_lists_the_allowed_values(api):
    response = api.post(URL, new_patient(sex="robot"), format="json")
    assert response.status_code == 400
    message = " ".join(response.json()["sex"])
    for allowed in ("female", "male", "other", "unknown"):
        assert allowed in message


def test_unknown_affected_side_lists_the_allowed_values(api):
    response = api.post(URL, new_patient(affected_side="middle"), format="json")
    assert response.status_code == 400
    message = " ".join(response.json()["affected_side"])
    for allowed in ("left", "right", "both"):
        assert allowed in message


def test_invalid_email_is_refused(api):
    response = api.post(URL, new_patient(email="not-an-email"), format="json")
    assert response.status_code == 400
    assert "email" in response.json()


def test_malformed_json_is_a_400(api):
    response = api.post(URL, b'{"first_name": "Noor", ', content_type="application/json")
    assert response.status_code == 400
    assert not Patient.objects.exists()


def test_malformed_json_on_patch_is_a_400(api, patient):
    response = api.patch(detail(patient.id), b"{not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("bad_date", ["1990-02-30", "yesterday", "", 19900101])
def test_unparseable_date_of_birth_is_a_400(api, bad_date):
    response = api.post(URL, new_patient(date_of_birth=bad_date), format="json")
    assert response.status_code == 400
    assert "date_of_birth" in response.json()


# --- read -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_clinic_members_read_a_patient(request, persona, patient, clinic):
    client = request.getfixturevalue(persona)
    response = client.get(detail(patient.id))
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == patient.id
    assert data["first_name"] == "Ava"
    assert data["last_name"] == "Lind"
    assert data["date_of_birth"] == "1990-05-17"
    assert data["clinic"] == clinic.id


def test_outsider_cannot_read_patient(outsider_api, patient):
    response = outsider_api.get(detail(patient.id))
    assert response.status_code == 404


def test_missing_patient_is_404(api, patient):
    assert api.get(detail(patient.id + 1000)).status_code == 404


def test_outsider_does_not_see_patients_of_another_clinic(outsider_api, patient, other_clinic):
    own = PatientFactory(clinic=other_clinic)
    response = outsider_api.get(URL)
    assert response.status_code == 200
    assert ids(response) == [own.id]


def test_reading_a_patient_is_audited(api, clinician, patient):
    before = AuditEvent.objects.count()
    api.get(detail(patient.id))
    events = AuditEvent.objects.filter(user=clinician, action=AuditAction.VIEW, patient=patient)
    assert AuditEvent.objects.count() > before
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(patient.id)


def test_colleague_read_is_attributed_to_the_colleague(colleague_api, colleague, patient):
    colleague_api.get(detail(patient.id))
    assert AuditEvent.objects.filter(
        user=colleague, action=AuditAction.VIEW, patient=patient
    ).exists()


def test_outsider_404_leaves_no_view_event(outsider_api, outsider, patient):
    outsider_api.get(detail(patient.id))
    assert not AuditEvent.objects.filter(user=outsider, action=AuditAction.VIEW).exists()


# --- list: order, search, archived, pagination ------------------------------------------------


def test_list_orders_by_last_name_then_first_name_then_id(api, clinic):
    berg = PatientFactory(clinic=clinic, last_name="Berg", first_name="Ann")
    adams_zoe = PatientFactory(clinic=clinic, last_name="Adams", first_name="Zoe")
    adams_anna_1 = PatientFactory(clinic=clinic, last_name="Adams", first_name="Anna")
    adams_anna_2 = PatientFactory(clinic=clinic, last_name="Adams", first_name="Anna")
    cruz = PatientFactory(clinic=clinic, last_name="Cruz", first_name="Al")

    response = api.get(URL)

    assert response.status_code == 200
    assert ids(response) == [adams_anna_1.id, adams_anna_2.id, adams_zoe.id, berg.id, cruz.id]


def test_search_matches_last_and_first_names(api, clinic, patient):
    other = PatientFactory(clinic=clinic, first_name="Lindsay", last_name="Moss")
    PatientFactory(clinic=clinic, first_name="Omar", last_name="Said")

    assert ids(api.get(URL, {"search": "lind"})) == [patient.id, other.id]  # Lind, Moss
    assert ids(api.get(URL, {"search": "omar"})) != []
    assert ids(api.get(URL, {"search": "zzz"})) == []


def test_search_does_not_reach_another_clinic(api, patient, other_clinic):
    PatientFactory(clinic=other_clinic, first_name="Ava", last_name="Lind")
    assert ids(api.get(URL, {"search": "Lind"})) == [patient.id]


def test_list_page_shape(api, patient):
    data = api.get(URL).json()
    assert set(data) >= {"count", "next", "previous", "results"}
    assert data["count"] == 1
    assert data["next"] is None
    assert data["previous"] is None


def test_list_pages_by_20_by_default(api, clinic):
    PatientFactory.create_batch(25, clinic=clinic)
    first = api.get(URL).json()
    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["next"] is not None
    assert first["previous"] is None
    second = api.get(URL, {"page": 2}).json()
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] is not None
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_page_size_is_honoured(api, clinic):
    PatientFactory.create_batch(7, clinic=clinic)
    data = api.get(URL, {"page_size": 5}).json()
    assert data["count"] == 7
    assert len(data["results"]) == 5


def test_page_size_above_100_is_treated_as_100(api, clinic):
    PatientFactory.create_batch(105, clinic=clinic)
    data = api.get(URL, {"page_size": 500}).json()
    assert data["count"] == 105
    assert len(data["results"]) == 100
    assert data["next"] is not None


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": 999},
        {"page_size": "abc"},
        {"page_size": -1},
        {"archived": "maybe"},
        {"search": "\x00"},
    ],
)
def test_odd_list_parameters_are_never_a_500(api, patient, params):
    response = api.get(URL, params)
    assert response.status_code < 500


# --- update -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_clinic_members_change_a_patient(request, persona, patient):
    client = request.getfixturevalue(persona)
    response = client.patch(
        detail(patient.id), {"occupation": "Teacher", "affected_side": "right"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["occupation"] == "Teacher"
    assert response.json()["affected_side"] == "right"
    assert response.json()["last_name"] == "Lind"
    patient.refresh_from_db()
    assert (patient.occupation, patient.affected_side) == ("Teacher", "right")


def test_outsider_cannot_change_patient(outsider_api, patient):
    response = outsider_api.patch(detail(patient.id), {"first_name": "Mallory"}, format="json")
    assert response.status_code == 404
    patient.refresh_from_db()
    assert patient.first_name == "Ava"


def test_patch_cannot_move_a_patient_to_another_clinic(api, patient, clinic, other_clinic):
    response = api.patch(detail(patient.id), {"clinic": other_clinic.id}, format="json")
    assert response.status_code in (200, 400)
    patient.refresh_from_db()
    assert patient.clinic == clinic


def test_patch_with_invalid_value_changes_nothing(api, patient):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.patch(
        detail(patient.id),
        {"first_name": "Changed", "date_of_birth": tomorrow.isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()
    patient.refresh_from_db()
    assert patient.first_name == "Ava"
    assert patient.date_of_birth == datetime.date(1990, 5, 17)


def test_put_is_not_offered(api, patient):
    response = api.put(detail(patient.id), new_patient(), format="json")
    assert response.status_code == 405


# --- archive ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_delete_archives_the_patient(request, persona, patient):
    client = request.getfixturevalue(persona)
    response = client.delete(detail(patient.id))

    assert response.status_code == 204
    patient.refresh_from_db()
    assert patient.archived_at is not None
    assert ids(client.get(URL)) == []
    assert ids(client.get(URL, {"archived": "true"})) == [patient.id]


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_archived_patient_is_still_retrievable(request, persona, patient):
    client = request.getfixturevalue(persona)
    assert client.delete(detail(patient.id)).status_code == 204
    still = client.get(detail(patient.id))
    assert still.status_code == 200
    assert still.json()["id"] == patient.id
    assert still.json()["archived_at"] is not None


def test_archived_true_lists_only_archived_patients(api, clinic, patient):
    archived = PatientFactory(clinic=clinic, last_name="Zed")
    assert api.delete(detail(archived.id)).status_code == 204

    assert ids(api.get(URL, {"archived": "true"})) == [archived.id]
    assert ids(api.get(URL)) == [patient.id]
    assert ids(api.get(URL, {"archived": "false"})) == [patient.id]


def test_archiving_keeps_the_patients_assessments(api, patient):
    created = api.post(
        "/api/v1/assessments/",
        {"patient": patient.id, "assessed_on": "2025-01-10"},
        format="json",
    )
    assert created.status_code == 201
    assert api.delete(detail(patient.id)).status_code == 204
    response = api.get(f"/api/v1/assessments/{created.json()['id']}/")
    assert response.status_code == 200
    assert response.json()["patient"] == patient.id


def test_outsider_cannot_archive_patient(outsider_api, patient):
    response = outsider_api.delete(detail(patient.id))
    assert response.status_code == 404
    patient.refresh_from_db()
    assert patient.archived_at is None
