"""REST API v1: the three personas on every read endpoint (same clinic sees, outsider gets 404)."""

from __future__ import annotations

import pytest

MEMBERS = ["api", "colleague_api"]

# Knee extensors 300 / 400 x 100 = 75 % LSI -> a quadriceps_weakness finding.
MEASUREMENTS = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
]


@pytest.fixture
def recorded(api, patient) -> dict:
    response = api.post(
        "/api/v1/assessments/",
        {"patient": patient.id, "assessed_on": "2025-01-10", "measurements": MEASUREMENTS},
        format="json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["findings"]
    return {
        "patient": patient.id,
        "assessment": data["id"],
        "finding": data["findings"][0]["id"],
    }


DETAILS = {
    "patient": "/api/v1/patients/{}/",
    "assessment": "/api/v1/assessments/{}/",
    "finding": "/api/v1/findings/{}/",
}
LISTS = {
    "patient": "/api/v1/patients/",
    "assessment": "/api/v1/assessments/",
    "finding": "/api/v1/findings/",
}


@pytest.mark.parametrize("kind", list(DETAILS))
@pytest.mark.parametrize("persona", MEMBERS)
def test_clinic_members_read_every_record(request, recorded, persona, kind):
    client = request.getfixturevalue(persona)
    response = client.get(DETAILS[kind].format(recorded[kind]))
    assert response.status_code == 200
    assert response.json()["id"] == recorded[kind]


@pytest.mark.parametrize("kind", list(LISTS))
@pytest.mark.parametrize("persona", MEMBERS)
def test_clinic_members_list_every_record(request, recorded, persona, kind):
    client = request.getfixturevalue(persona)
    response = client.get(LISTS[kind])
    assert response.status_code == 200
    assert recorded[kind] in [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("kind", list(DETAILS))
def test_outsider_gets_404_never_403(outsider_api, recorded, kind):
    url = DETAILS[kind].format(recorded[kind])
    assert outsider_api.get(url).status_code == 404
    assert outsider_api.patch(url, {}, format="json").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("delete", "/api/v1/patients/{patient}/"),
        ("delete", "/api/v1/assessments/{assessment}/"),
        ("post", "/api/v1/assessments/{assessment}/finalize/"),
        ("post", "/api/v1/assessments/{assessment}/amend/"),
        ("post", "/api/v1/assessments/{assessment}/clear-red-flags/"),
    ],
)
def test_outsider_gets_404_on_every_action(outsider_api, recorded, method, path):
    response = getattr(outsider_api, method)(path.format(**recorded), {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("kind", list(LISTS))
def test_outsider_lists_none_of_another_clinics_records(outsider_api, recorded, kind):
    response = outsider_api.get(LISTS[kind])
    assert response.status_code == 200
    assert recorded[kind] not in [row["id"] for row in response.json()["results"]]
    assert response.json()["count"] == 0


def test_outsider_filter_on_another_clinics_records_is_empty(outsider_api, recorded):
    for url, params in (
        (LISTS["assessment"], {"patient": recorded["patient"]}),
        (LISTS["finding"], {"assessment": recorded["assessment"]}),
    ):
        response = outsider_api.get(url, params)
        assert response.status_code == 200
        assert response.json()["results"] == []
