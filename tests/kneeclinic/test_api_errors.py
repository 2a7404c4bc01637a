"""One error shape under /api/ (api.md): JSON for every 4xx and 5xx, whatever raised it."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from patients.views import PatientViewSet

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def assert_json_detail(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here/",
        "/api/v1/patients/abc/",
        "/api/v1/assessments/abc/program/",
        "/api/v1/assessments/1.5/handout.pdf",
        "/api/v1/assessments/-1/report.pdf",
        "/api/v2/patients/",
    ],
)
def test_unknown_api_url_is_a_json_404(api, path):
    assert "detail" in assert_json_detail(api.get(path), 404)


def test_unknown_api_url_is_a_json_404_with_debug_on(api, settings):
    settings.DEBUG = True  # Django's technical 404 page would be HTML
    assert "detail" in assert_json_detail(api.get("/api/v1/nothing-here/"), 404)


def test_an_id_in_other_digits_is_a_404_not_that_record(api, patient):
    """Python reads Arabic-Indic digits as a number; the URL must not."""
    other_digits = str(patient.pk).translate(ARABIC_INDIC)
    assert api.get(f"/api/v1/patients/{patient.pk}/").status_code == 200
    assert_json_detail(api.get(f"/api/v1/patients/{other_digits}/"), 404)


def test_wrong_method_is_a_json_405(api, patient):
    body = assert_json_detail(api.put(f"/api/v1/patients/{patient.pk}/", {}), 405)
    assert "PUT" in body["detail"]


def test_server_fault_is_a_json_500(clinician, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PatientViewSet, "list", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(clinician)
    body = assert_json_detail(client.get("/api/v1/patients/"), 500)
    assert body["detail"].startswith("The server could not complete")


def test_admin_keeps_html_error_pages(admin_client):
    response = admin_client.get("/admin/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_unknown_list_parameter_is_a_400_naming_it_and_the_allowed(api):
    body = assert_json_detail(api.get("/api/v1/assessments/?patient_id=5"), 400)
    assert body == {
        "patient_id": [
            "Unknown query parameter. Allowed: page, page_size, patient, status, archived."
        ]
    }


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/api/v1/patients/", "page, page_size, search, archived"),
        ("/api/v1/findings/", "page, page_size, assessment, status"),
        ("/api/v1/exercises/", "page, page_size, search, kind, clinic"),
    ],
)
def test_each_list_names_its_own_parameters(api, path, allowed):
    body = assert_json_detail(api.get(f"{path}?bogus=1"), 400)
    assert body == {"bogus": [f"Unknown query parameter. Allowed: {allowed}."]}


def test_known_list_parameters_still_filter(api, patient):
    response = api.get("/api/v1/patients/?search=Lind&page=1&page_size=5&archived=false")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [patient.pk]


def test_a_paginated_action_takes_only_page_parameters(patient, clinic_admin):
    from tests.conftest import api_client_for

    url = f"/api/v1/patients/{patient.pk}/audit/"
    client = api_client_for(clinic_admin)
    assert client.get(f"{url}?page=1&page_size=5").status_code == 200
    body = assert_json_detail(client.get(f"{url}?search=x"), 400)
    assert body == {"search": ["Unknown query parameter. Allowed: page, page_size."]}
