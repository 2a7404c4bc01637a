"""REST API v1: odd client input is a 4xx, never a 500 (api.md, Errors)."""

from __future__ import annotations

import pytest

URL = "/api/v1/assessments/"


@pytest.fixture
def draft(api, patient) -> dict:
    response = api.post(
        URL,
        {
            "patient": patient.id,
            "assessed_on": "2025-01-10",
            "red_flags": ["locked_knee"],
            "measurements": [
                {"code": "knee_extensor_strength", "side": "left", "value": 300},
                {"code": "knee_extensor_strength", "side": "right", "value": 400},
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


ASSESSMENT_BODIES = [
    {"measurements": None},
    {"measurements": "knee"},
    {"measurements": [None]},
    {"measurements": [{"code": None, "side": None, "value": None}]},
    {"measurements": [{"code": ["knee_to_wall"], "side": "left", "value": 9}]},
    {"measurements": [{"code": "knee_to_wall", "side": {"a": 1}, "value": 9}]},
    {"measurements": [{"code": "knee_extensor_strength", "side": "left", "value": 9, "unit": 5}]},
    {"measurements": [{"code": "knee_extensor_strength", "side": "left", "value": 9, "method": 5}]},
    {"measurements": [{"code": "knee_to_wall", "side": "left", "value": 1e300}]},
    {"measurements": [{"code": "knee_to_wall", "side": "left", "value": -1e-300}]},
    {"measurements": [{"code": "knee_to_wall", "side": "left", "value": 10**40}]},
    {"red_flags": None},
    {"red_flags": "locked_knee"},
    {"red_flags": ["locked_knee", "locked_knee"]},
    {"pain_sites": "anterior"},
    {"pain_sites": [["anterior"]]},
    {"body_mass_kg": "abc"},
    {"body_mass_kg": 1e300},
    {"body_mass_kg": 70.123456},
    {"height_cm": True},
    {"pain_nprs": 10**30},
    {"assessed_on": "2025-13-01"},
    {"assessed_on": None},
    {"assessed_on": 20250110},
    {"notes": None},
    {"notes": {"a": 1}},
]


@pytest.mark.parametrize("body", ASSESSMENT_BODIES)
def test_odd_assessment_patch_is_a_400(api, draft, body):
    response = api.patch(f"{URL}{draft['id']}/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("body", ASSESSMENT_BODIES)
def test_odd_assessment_create_is_a_400(api, patient, body):
    response = api.post(
        URL, {"patient": patient.id, "assessed_on": "2025-01-10", **body}, format="json"
    )
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("patient_value", [None, "abc", True, [1], {"id": 1}, -1, 10**30, 1.5])
def test_odd_patient_reference_is_a_400(api, patient, patient_value):
    response = api.post(URL, {"patient": patient_value, "assessed_on": "2025-01-10"}, format="json")
    assert response.status_code == 400, response.content
    assert "patient" in response.json()


@pytest.mark.parametrize(
    "body",
    [
        {"first_name": None},
        {"first_name": ""},
        {"first_name": "x" * 101},
        {"date_of_birth": None},
        {"sex": None},
        {"sex": ["female"]},
        {"affected_side": None},
        {"email": 5},
    ],
)
def test_odd_patient_patch_is_a_400(api, patient, body):
    response = api.patch(f"/api/v1/patients/{patient.id}/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize(
    "body",
    [
        {"status": None},
        {"status": ["confirmed"]},
        {"status": "dismissed", "note": None},
        {"status": "dismissed", "note": ["why"]},
        [],
        "confirmed",
    ],
)
def test_odd_finding_decision_is_a_400(api, draft, body):
    finding = draft["findings"][0]["id"]
    response = api.patch(f"/api/v1/findings/{finding}/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("body", [{"reason": None}, {"reason": ["x"]}, {"reason": "x" * 2001}, []])
def test_odd_clearance_is_a_400(api, draft, body):
    response = api.post(f"{URL}{draft['id']}/clear-red-flags/", body, format="json")
    assert response.status_code == 400, response.content


@pytest.mark.parametrize("path", ["abc", "-1", "99999999999999999999999", "1.5"])
def test_odd_ids_in_the_url_are_a_404(api, draft, path):
    for prefix in ("/api/v1/patients/", URL, "/api/v1/findings/"):
        assert api.get(f"{prefix}{path}/").status_code == 404


def test_an_id_filter_beyond_64_bits_is_a_400(api):
    huge = "99999999999999999999"
    assert api.get(f"/api/v1/findings/?assessment={huge}").status_code == 400
    assert api.get(f"/api/v1/assessments/?patient={huge}").status_code == 400
