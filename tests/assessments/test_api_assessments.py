"""REST API v1, assessments: CRUD, filters, order, finalize, amend, archive, red-flag clearance."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus
from patients.models import AuditAction, AuditEvent
from tests.factories import PatientFactory

URL = "/api/v1/assessments/"

# Knee extensors 300 N left vs 400 N right: LSI = 300 / 400 x 100 = 75 % -> quadriceps weakness.
QUAD_WEAK_LEFT = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
]


def detail(assessment_id: int) -> str:
    return f"{URL}{assessment_id}/"


def action(assessment_id: int, name: str) -> str:
    return f"{URL}{assessment_id}/{name}/"


def create(client, patient, **fields) -> dict:
    body = {"patient": patient.id, "assessed_on": "2025-01-10", **fields}
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def finalize(client, assessment_id: int) -> dict:
    response = client.post(action(assessment_id, "finalize"))
    assert response.status_code == 200, response.content
    return response.json()


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def stored_measurements(assessment_id: int) -> list[tuple]:
    assessment = Assessment.objects.get(pk=assessment_id)
    return sorted(
        (m.code, m.side, m.value, m.positive, m.unit, m.entered_value, m.entered_unit)
        for m in assessment.measurements.all()
    )


# --- create -----------------------------------------------------------------------------------


def test_clinician_records_an_assessment(api, clinician, patient):
    data = create(
        api,
        patient,
        body_mass_kg=72.5,
        height_cm=171.5,
        pain_nprs=6,
        pain_sites=["anterior", "medial"],
        gait_notes="Antalgic on the left",
        notes="Stairs hurt",
        measurements=QUAD_WEAK_LEFT,
    )

    assert data["patient"] == patient.id
    assert data["assessed_on"] == "2025-01-10"
    assert data["status"] == "draft"
    assert data["clinician"] == clinician.id
    assert data["amends"] is None
    assert data["archived_at"] is None
    assert data["finalized_at"] is None
    assert data["finalized_by"] is None
    assert data["body_mass_kg"] == 72.5
    assert data["height_cm"] == 171.5
    assert data["pain_nprs"] == 6
    assert data["pain_sites"] == ["anterior", "medial"]
    assert data["red_flags"] == []
    assert data["gait_notes"] == "Antalgic on the left"
    assert data["notes"] == "Stairs hurt"
    assert data["ruleset_version"]
    assert [(m["code"], m["side"]) for m in data["measurements"]] == [
        ("knee_extensor_strength", "left"),
        ("knee_extensor_strength", "right"),
    ]
    assert "quadriceps_weakness" in [f["code"] for f in data["findings"]]
    stored = Assessment.objects.get(pk=data["id"])
    assert stored.clinician == clinician
    assert stored.measurements.count() == 2


def test_response_has_every_contract_field(api, patient):
    data = create(api, patient)
    expected = {
        "id",
        "patient",
        "assessed_on",
        "status",
        "body_mass_kg",
        "height_cm",
        "pain_nprs",
        "pain_sites",
        "red_flags",
        "gait_notes",
        "notes",
        "measurements",
        "metrics",
        "findings",
        "ruleset_version",
        "clinician",
        "amends",
        "archived_at",
        "finalized_at",
        "finalized_by",
        "red_flags_cleared_at",
        "red_flags_cleared_by",
        "red_flags_clearance_reason",
        "created_at",
        "updated_at",
    }
    assert expected <= set(data)


def test_colleague_records_an_assessment_for_a_clinic_patient(colleague_api, colleague, patient):
    data = create(colleague_api, patient)
    assert data["clinician"] == colleague.id


def test_read_only_fields_are_ignored_on_create(api, clinician, colleague, patient):
    data = create(
        api,
        patient,
        status="final",
        clinician=colleague.id,
        metrics=[{"code": "limb_symmetry_index", "value": 1}],
        ruleset_version="1999.1",
        amends=1,
        finalized_by=colleague.id,
    )
    assert data["status"] == "draft"
    assert data["clinician"] == clinician.id
    assert data["metrics"] == []
    assert data["ruleset_version"] != "1999.1"
    assert data["amends"] is None
    assert data["finalized_by"] is None


def test_assessment_for_another_clinics_patient_is_a_400_like_a_missing_one(api, other_clinic):
    foreign = PatientFactory(clinic=other_clinic)
    missing_id = foreign.id + 1000
    before = Assessment.objects.count()

    foreign_resp = api.post(URL, {"patient": foreign.id, "assessed_on": "2025-01-10"})
    missing_resp = api.post(URL, {"patient": missing_id, "assessed_on": "2025-01-10"})

    assert foreign_resp.status_code == missing_resp.status_code == 400
    foreign_msg = foreign_resp.json()["patient"][0].replace(str(foreign.id), "<id>")
    missing_msg = missing_resp.json()["patient"][0].replace(str(missing_id), "<id>")
    assert foreign_msg == missing_msg
    assert Assessment.objects.count() == before


def test_assessment_for_an_archived_patient_is_a_400(api, patient):
    assert api.delete(f"/api/v1/patients/{patient.id}/").status_code == 204
    response = api.post(URL, {"patient": patient.id, "assessed_on": "2025-01-10"})
    assert response.status_code == 400
    assert "patient" in response.json()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("field", ["patient", "assessed_on"])
def test_required_fields_are_named(api, patient, field):
    body = {"patient": patient.id, "assessed_on": "2025-01-10"}
    del body[field]
    response = api.post(URL, body)
    assert response.status_code == 400
    assert field in response.json()


def test_assessed_on_in_the_future_is_refused(api, patient):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.post(URL, {"patient": patient.id, "assessed_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "assessed_on" in response.json()
    assert not Assessment.objects.exists()


def test_assessed_on_today_is_accepted(api, patient):
    create(api, patient, assessed_on=timezone.localdate().isoformat())


def test_assessed_on_before_birth_is_refused(api, patient):
    # The patient was born on 1990-05-17.
    response = api.post(URL, {"patient": patient.id, "assessed_on": "1990-05-16"})
    assert response.status_code == 400
    assert "assessed_on" in response.json()
    create(api, patient, assessed_on="1990-05-17")


def test_patch_assessed_on_before_birth_is_refused(api, patient):
    data = create(api, patient)
    response = api.patch(detail(data["id"]), {"assessed_on": "1980-01-01"})
    assert response.status_code == 400
    assert "assessed_on" in response.json()
    assert Assessment.objects.get(pk=data["id"]).assessed_on == datetime.date(2025, 1, 10)


@pytest.mark.parametrize("value", [11, -1, 2.5, "high", True])
def test_pain_nprs_outside_0_to_10_whole_numbers_is_refused(api, patient, value):
    response = api.post(
        URL, {"patient": patient.id, "assessed_on": "2025-01-10", "pain_nprs": value}
    )
    assert response.status_code == 400
    assert "pain_nprs" in response.json()


@pytest.mark.parametrize("value", [0, 10])
def test_pain_nprs_edges_are_accepted(api, patient, value):
    assert create(api, patient, pain_nprs=value)["pain_nprs"] == value


@pytest.mark.parametrize("value", [19.99, 300.01, 0, -70, 1000])
def test_body_mass_outside_20_to_300_is_refused(api, patient, value):
    response = api.post(
        URL, {"patient": patient.id, "assessed_on": "2025-01-10", "body_mass_kg": value}
    )
    assert response.status_code == 400
    assert "body_mass_kg" in response.json()


@pytest.mark.parametrize("value", [20, 300])
def test_body_mass_edges_are_accepted(api, patient, value):
    assert create(api, patient, body_mass_kg=value)["body_mass_kg"] == value


@pytest.mark.parametrize("value", [89.9, 230.1])
def test_height_outside_90_to_230_is_refused(api, patient, value):
    response = api.post(
        URL, {"patient": patient.id, "assessed_on": "2025-01-10", "height_cm": value}
    )
    assert response.status_code == 400
    assert "height_cm" in response.json()


def test_unknown_pain_site_lists_the_allowed_values(api, patient):
    response = api.post(
        URL,
        {"patient": patient.id, "assessed_on": "2025-01-10", "pain_sites": ["elbow"]},
        format="json",
    )
    assert response.status_code == 400
    message = str(response.json()["pain_sites"])
    for allowed in ("anterior", "medial", "lateral", "posterior", "diffuse"):
        assert allowed in message


def test_unknown_red_flag_is_refused(api, patient):
    response = api.post(
        URL,
        {"patient": patient.id, "assessed_on": "2025-01-10", "red_flags": ["sore_elbow"]},
        format="json",
    )
    assert response.status_code == 400
    assert "locked_knee" in str(response.json()["red_flags"])


def test_malformed_json_is_a_400(api, patient):
    response = api.post(URL, b'{"patient": 1, "assessed_on": ', content_type="application/json")
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_non_list_measurements_is_a_400(api, patient):
    response = api.post(
        URL,
        {"patient": patient.id, "assessed_on": "2025-01-10", "measurements": {"code": "x"}},
        format="json",
    )
    assert response.status_code == 400
    assert "measurements" in response.json()


# --- read -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_clinic_members_read_an_assessment(request, persona, api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    response = request.getfixturevalue(persona).get(detail(data["id"]))
    assert response.status_code == 200
    assert response.json()["id"] == data["id"]
    assert response.json()["measurements"] == data["measurements"]
    assert response.json()["findings"] == data["findings"]


def test_outsider_cannot_read_assessment(api, outsider_api, patient):
    data = create(api, patient)
    assert outsider_api.get(detail(data["id"])).status_code == 404


def test_reading_an_assessment_is_audited(api, clinician, patient):
    data = create(api, patient)
    api.get(detail(data["id"]))
    event = AuditEvent.objects.get(user=clinician, action=AuditAction.VIEW)
    assert event.patient == patient
    assert event.object_id == str(data["id"])


# --- list -------------------------------------------------------------------------------------


def test_list_orders_newest_assessed_on_first_then_id_descending(api, patient):
    older = create(api, patient, assessed_on="2024-03-01")["id"]
    newest_a = create(api, patient, assessed_on="2025-06-01")["id"]
    middle = create(api, patient, assessed_on="2025-01-10")["id"]
    newest_b = create(api, patient, assessed_on="2025-06-01")["id"]

    assert ids(api.get(URL)) == [newest_b, newest_a, middle, older]


def test_list_filters_by_patient(api, patient, clinic):
    other = PatientFactory(clinic=clinic)
    mine = create(api, patient)["id"]
    theirs = create(api, other)["id"]

    assert ids(api.get(URL, {"patient": patient.id})) == [mine]
    assert ids(api.get(URL, {"patient": other.id})) == [theirs]


def test_list_filters_by_status(api, patient):
    draft = create(api, patient)["id"]
    final = create(api, patient)["id"]
    finalize(api, final)

    assert ids(api.get(URL, {"status": "draft"})) == [draft]
    assert ids(api.get(URL, {"status": "final"})) == [final]


def test_list_has_the_page_shape(api, patient):
    create(api, patient)
    data = api.get(URL).json()
    assert set(data) >= {"count", "next", "previous", "results"}
    assert data["count"] == 1


def test_outsider_list_leaves_out_another_clinics_assessments(api, outsider_api, patient):
    create(api, patient)
    assert ids(outsider_api.get(URL)) == []


def test_filter_on_another_clinics_patient_gives_an_empty_list(api, outsider_api, patient):
    create(api, patient)
    response = outsider_api.get(URL, {"patient": patient.id})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [{"patient": "abc"}, {"status": "bogus"}, {"archived": "maybe"}, {"page": 0}],
)
def test_odd_filters_are_never_a_500(api, patient, params):
    create(api, patient)
    assert api.get(URL, params).status_code < 500


# --- patch ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_clinic_members_change_a_draft(request, persona, api, patient):
    data = create(api, patient, notes="first")
    client = request.getfixturevalue(persona)
    response = client.patch(detail(data["id"]), {"notes": "second", "pain_nprs": 3})
    assert response.status_code == 200, response.content
    assert response.json()["notes"] == "second"
    assert response.json()["pain_nprs"] == 3
    stored = Assessment.objects.get(pk=data["id"])
    assert (stored.notes, stored.pain_nprs) == ("second", 3)


def test_outsider_cannot_change_assessment(api, outsider_api, patient):
    data = create(api, patient, notes="first")
    response = outsider_api.patch(detail(data["id"]), {"notes": "hacked"})
    assert response.status_code == 404
    assert Assessment.objects.get(pk=data["id"]).notes == "first"


def test_patch_measurements_replace_the_old_list_as_a_whole(api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    new_list = [{"code": "knee_to_wall", "side": "right", "value": 12}]

    response = api.patch(detail(data["id"]), {"measurements": new_list}, format="json")

    assert response.status_code == 200, response.content
    assert [(m["code"], m["side"], m["value"]) for m in response.json()["measurements"]] == [
        ("knee_to_wall", "right", 12)
    ]
    assert stored_measurements(data["id"]) == [("knee_to_wall", "right", 12, None, "cm", 12, "cm")]
    assert "quadriceps_weakness" not in [f["code"] for f in response.json()["findings"]]


def test_patch_with_an_empty_list_removes_every_measurement(api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    response = api.patch(detail(data["id"]), {"measurements": []}, format="json")
    assert response.status_code == 200
    assert response.json()["measurements"] == []
    assert response.json()["findings"] == []
    assert stored_measurements(data["id"]) == []


def test_patch_without_measurements_keeps_them(api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    before = stored_measurements(data["id"])
    response = api.patch(detail(data["id"]), {"notes": "only the notes"}, format="json")
    assert response.status_code == 200
    assert len(response.json()["measurements"]) == 2
    assert stored_measurements(data["id"]) == before


def test_patch_cannot_move_an_assessment_to_another_patient(api, patient, clinic, other_clinic):
    data = create(api, patient)
    other = PatientFactory(clinic=clinic)
    foreign = PatientFactory(clinic=other_clinic)
    for target in (other, foreign):
        response = api.patch(detail(data["id"]), {"patient": target.id}, format="json")
        assert response.status_code in (200, 400)
    assert Assessment.objects.get(pk=data["id"]).patient == patient


def test_metrics_are_read_only(api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    response = api.patch(
        detail(data["id"]),
        {"metrics": [{"code": "limb_symmetry_index", "value": 1}], "status": "final"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["metrics"] == data["metrics"]
    assert response.json()["status"] == "draft"


def test_put_is_not_offered(api, patient):
    data = create(api, patient)
    response = api.put(detail(data["id"]), {"patient": patient.id, "assessed_on": "2025-01-10"})
    assert response.status_code == 405


# --- archive (DELETE) -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_delete_archives_a_draft(request, persona, api, patient):
    data = create(api, patient)
    client = request.getfixturevalue(persona)

    response = client.delete(detail(data["id"]))

    assert response.status_code == 204
    stored = Assessment.objects.get(pk=data["id"])
    assert stored.archived_at is not None
    assert ids(client.get(URL)) == []
    assert ids(client.get(URL, {"archived": "true"})) == [data["id"]]


def test_archived_assessment_is_still_retrievable(api, patient):
    data = create(api, patient)
    assert api.delete(detail(data["id"])).status_code == 204
    response = api.get(detail(data["id"]))
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None


def test_archived_true_lists_only_archived_assessments(api, patient):
    kept = create(api, patient)["id"]
    gone = create(api, patient)["id"]
    assert api.delete(detail(gone)).status_code == 204
    assert ids(api.get(URL, {"archived": "true"})) == [gone]
    assert ids(api.get(URL)) == [kept]


def test_delete_of_a_final_assessment_is_a_409(api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    response = api.delete(detail(data["id"]))
    assert response.status_code == 409
    assert Assessment.objects.get(pk=data["id"]).archived_at is None


def test_outsider_cannot_archive_assessment(api, outsider_api, patient):
    data = create(api, patient)
    assert outsider_api.delete(detail(data["id"])).status_code == 404
    assert Assessment.objects.get(pk=data["id"]).archived_at is None


# --- finalize ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "user"), [("api", "clinician"), ("colleague_api", "colleague")]
)
def test_finalize_locks_the_assessment(request, persona, user, api, patient):
    data = create(api, patient, measurements=QUAD_WEAK_LEFT)
    client = request.getfixturevalue(persona)

    final = finalize(client, data["id"])

    assert final["id"] == data["id"]
    assert final["status"] == "final"
    assert final["finalized_by"] == request.getfixturevalue(user).id
    assert final["finalized_at"] is not None
    assert final["ruleset_version"] == data["ruleset_version"]
    assert [f["id"] for f in final["findings"]] == [f["id"] for f in data["findings"]]
    stored = Assessment.objects.get(pk=data["id"])
    assert stored.status == AssessmentStatus.FINAL


def test_finalizing_twice_is_a_409(api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    assert api.post(action(data["id"], "finalize")).status_code == 409
    assert api.post(action(data["id"], "finalize")).status_code == 409


def test_finalized_assessment_rejects_changes(api, patient):
    data = create(api, patient, notes="as recorded", measurements=QUAD_WEAK_LEFT)
    finalize(api, data["id"])
    before = stored_measurements(data["id"])

    response = api.patch(
        detail(data["id"]),
        {"notes": "changed", "measurements": [{"code": "ely_test", "side": "left", "value": True}]},
        format="json",
    )

    assert response.status_code == 409
    stored = Assessment.objects.get(pk=data["id"])
    assert stored.notes == "as recorded"
    assert stored_measurements(data["id"]) == before


def test_invalid_patch_on_a_final_assessment_is_still_a_409(api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    response = api.patch(detail(data["id"]), {"pain_nprs": 99}, format="json")
    assert response.status_code == 409


def test_outsider_cannot_finalize(api, outsider_api, patient):
    data = create(api, patient)
    assert outsider_api.post(action(data["id"], "finalize")).status_code == 404
    assert Assessment.objects.get(pk=data["id"]).status == AssessmentStatus.DRAFT


# --- amend ------------------------------------------------------------------------------------


def test_amend_creates_a_linked_draft_by_the_amending_user(api, colleague_api, colleague, patient):
    data = create(api, patient, notes="original", body_mass_kg=70, measurements=QUAD_WEAK_LEFT)
    finalize(api, data["id"])

    response = colleague_api.post(action(data["id"], "amend"))

    assert response.status_code == 201, response.content
    copy = response.json()
    assert copy["id"] != data["id"]
    assert copy["amends"] == data["id"]
    assert copy["status"] == "draft"
    assert copy["clinician"] == colleague.id
    assert copy["patient"] == patient.id
    assert copy["assessed_on"] == data["assessed_on"]
    assert copy["notes"] == "original"
    assert copy["body_mass_kg"] == 70
    assert copy["finalized_at"] is None
    assert copy["measurements"] == data["measurements"]
    assert [(f["code"], f["side"]) for f in copy["findings"]] == [
        (f["code"], f["side"]) for f in data["findings"]
    ]
    original = Assessment.objects.get(pk=data["id"])
    assert original.status == AssessmentStatus.FINAL
    assert original.clinician.username == "clinician"


def test_amendment_can_be_changed_and_the_original_stays(api, patient):
    data = create(api, patient, notes="original")
    finalize(api, data["id"])
    copy = api.post(action(data["id"], "amend")).json()

    response = api.patch(detail(copy["id"]), {"notes": "corrected"})

    assert response.status_code == 200
    assert Assessment.objects.get(pk=data["id"]).notes == "original"


def test_amending_a_draft_is_a_409(api, patient):
    data = create(api, patient)
    response = api.post(action(data["id"], "amend"))
    assert response.status_code == 409
    assert Assessment.objects.count() == 1


def test_amending_with_an_open_amendment_is_a_409(api, colleague_api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    assert api.post(action(data["id"], "amend")).status_code == 201

    assert api.post(action(data["id"], "amend")).status_code == 409
    assert colleague_api.post(action(data["id"], "amend")).status_code == 409
    assert Assessment.objects.filter(amends_id=data["id"]).count() == 1


def test_amending_again_after_the_amendment_is_final(api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    first = api.post(action(data["id"], "amend")).json()
    finalize(api, first["id"])
    assert api.post(action(data["id"], "amend")).status_code == 201


def test_outsider_cannot_amend(api, outsider_api, patient):
    data = create(api, patient)
    finalize(api, data["id"])
    assert outsider_api.post(action(data["id"], "amend")).status_code == 404
    assert Assessment.objects.count() == 1


# --- clear red flags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "user"), [("api", "clinician"), ("colleague_api", "colleague")]
)
def test_clear_red_flags_records_the_clearance(request, persona, user, api, patient):
    data = create(api, patient, red_flags=["locked_knee"])
    assert data["red_flags_cleared_at"] is None
    client = request.getfixturevalue(persona)

    response = client.post(
        action(data["id"], "clear-red-flags"), {"reason": "Seen by orthopaedics, cleared"}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == data["id"]
    assert body["red_flags"] == ["locked_knee"]
    assert body["red_flags_cleared_at"] is not None
    assert body["red_flags_cleared_by"] == request.getfixturevalue(user).id
    assert body["red_flags_clearance_reason"] == "Seen by orthopaedics, cleared"
    stored = Assessment.objects.get(pk=data["id"])
    assert stored.red_flags_clearance_reason == "Seen by orthopaedics, cleared"


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_clear_red_flags_needs_a_reason(api, patient, body):
    data = create(api, patient, red_flags=["locked_knee"])
    response = api.post(action(data["id"], "clear-red-flags"), body, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert Assessment.objects.get(pk=data["id"]).red_flags_cleared_at is None


def test_clear_red_flags_with_nothing_to_clear_is_a_409(api, patient):
    data = create(api, patient)
    response = api.post(action(data["id"], "clear-red-flags"), {"reason": "just in case"})
    assert response.status_code == 409


def test_clearing_twice_is_a_409(api, patient):
    data = create(api, patient, red_flags=["locked_knee"])
    assert api.post(action(data["id"], "clear-red-flags"), {"reason": "ok"}).status_code == 200
    assert api.post(action(data["id"], "clear-red-flags"), {"reason": "ok"}).status_code == 409


def test_clear_red_flags_is_allowed_on_a_final_assessment(api, patient):
    data = create(api, patient, red_flags=["night_or_constant_pain"])
    finalize(api, data["id"])
    response = api.post(action(data["id"], "clear-red-flags"), {"reason": "GP reviewed"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "final"
    assert response.json()["red_flags_clearance_reason"] == "GP reviewed"


def test_a_new_flag_lapses_the_clearance(api, patient):
    data = create(api, patient, red_flags=["locked_knee"])
    api.post(action(data["id"], "clear-red-flags"), {"reason": "ok"})
    api.patch(
        detail(data["id"]), {"red_flags": ["locked_knee", "history_of_cancer"]}, format="json"
    )
    response = api.post(action(data["id"], "clear-red-flags"), {"reason": "oncology ok"})
    assert response.status_code == 200


def test_outsider_cannot_clear_red_flags(api, outsider_api, patient):
    data = create(api, patient, red_flags=["locked_knee"])
    response = outsider_api.post(action(data["id"], "clear-red-flags"), {"reason": "x"})
    assert response.status_code == 404
    assert Assessment.objects.get(pk=data["id"]).red_flags_cleared_at is None


def test_assessment_list_is_paginated(api, patient):
    made = [create(api, patient, assessed_on=f"2025-01-{day:02d}")["id"] for day in range(1, 6)]
    first = api.get(URL, {"page_size": 2}).json()
    assert first["count"] == 5
    assert [row["id"] for row in first["results"]] == [made[4], made[3]]
    assert first["next"] is not None
    assert first["previous"] is None
    last = api.get(URL, {"page_size": 2, "page": 3}).json()
    assert [row["id"] for row in last["results"]] == [made[0]]
    assert last["next"] is None
