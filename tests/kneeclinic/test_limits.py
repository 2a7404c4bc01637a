"""Limits and odd input: body size (413), deep JSON (400), ASCII ids, admin search."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kneeclinic.parsers import nesting_depth
from tests.conftest import PASSWORD

MB = 1024 * 1024


def post_raw(client, path: str, body: bytes, **extra):
    return client.generic("POST", path, body, content_type="application/json", **extra)


def test_body_over_1_mb_is_413_before_authentication(db):
    body = b'{"notes": "' + b"x" * MB + b'"}'
    response = post_raw(Client(), "/api/v1/patients/", body)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 1 MB."}


def test_body_over_1_mb_is_413_for_a_signed_in_user_too(api, patient):
    body = json.dumps({"notes": "x" * (MB + 1)}).encode()
    response = api.generic(
        "PATCH", f"/api/v1/patients/{patient.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 413
    patient.refresh_from_db()
    assert patient.notes == ""


def test_body_that_outgrows_its_content_length_is_413(db):
    """A server that streams more than Content-Length says: what the body holds counts."""
    body = b"[" + b" " * (MB + 10) + b"]"
    client = Client()
    response = client.generic(
        "POST", "/api/v1/auth/token/", body, content_type="application/json",
        CONTENT_LENGTH="10",
    )  # fmt: skip
    # Django's WSGI request reads at most Content-Length bytes: the first 10 are parsed.
    assert response.status_code == 400


def test_body_just_under_1_mb_is_read(api, patient):
    notes = "x" * (MB - 200)
    body = json.dumps({"notes": notes}).encode()
    assert len(body) <= MB
    response = api.generic(
        "PATCH", f"/api/v1/patients/{patient.pk}/", body, content_type="application/json"
    )
    assert response.status_code != 413


def test_admin_form_over_1_mb_is_413(clinician, patient):
    client = Client()
    client.force_login(clinician)
    response = client.post(
        f"/admin/patients/patient/{patient.pk}/change/", {"notes": "x" * (MB + 1)}
    )
    assert response.status_code == 413


def test_picture_upload_path_allows_5_mb(clinician):
    client = Client()
    client.force_login(clinician)
    body = b"x" * (4 * MB)
    response = client.generic(
        "POST", "/admin/reports/exercise/add/", body, content_type="application/octet-stream"
    )
    assert response.status_code != 413
    bigger = client.generic(
        "POST", "/admin/reports/exercise/add/", b"x" * (6 * MB),
        content_type="application/octet-stream",
    )  # fmt: skip
    assert bigger.status_code == 413


@pytest.mark.parametrize("depth", [21, 1000, 100_000])
def test_json_nested_deeper_than_20_is_400(api, depth):
    body = ("[" * depth).encode()
    response = post_raw(api, "/api/v1/patients/", body)
    assert response.status_code == 400
    assert "nested deeper than 20" in response.json()["detail"]


def test_json_nested_20_deep_is_parsed(api):
    nested: object = "x"
    for _ in range(19):
        nested = [nested]
    body = json.dumps({"first_name": nested}).encode()  # the object, then 19 lists: 20 deep
    assert nesting_depth(body.decode()) == 20
    response = post_raw(api, "/api/v1/patients/", body)
    assert response.status_code == 400
    assert "first_name" in response.json()  # read, then refused as a field, not as JSON


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert nesting_depth(json.dumps({"notes": "[[[[" * 50 + '"\\"{{{'})) == 1
    assert nesting_depth('{"a": [{"b": []}]}') == 4


@pytest.mark.parametrize("body", [b"[", b"{", b'{"a": NaN}', b"\xff\xfe", b'"unterminated'])
def test_malformed_json_is_400(api, body):
    assert post_raw(api, "/api/v1/patients/", body).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/admin/patients/patient/\u0661\u0662/change/",  # Arabic-Indic 12
        "/admin/patients/patient/\uff11/change/",  # fullwidth 1
        "/admin/assessments/assessment/\u0967/change/",  # Devanagari 1
    ],
)
def test_admin_ids_take_ascii_digits_only(clinician, patient, path):
    client = Client()
    client.force_login(clinician)
    assert client.get(path).status_code == 404


def test_admin_id_in_ascii_digits_opens_the_record(clinician, patient):
    client = Client()
    client.force_login(clinician)
    assert client.get(f"/admin/patients/patient/{patient.pk}/change/").status_code == 200


ODD_SEARCHES = [
    "\x00",
    "a\x00b",
    "'",
    '"',
    '"unbalanced',
    "%",
    "_",
    "\\",
    "' OR 1=1 --",
    "x" * 5000,
    "\u0661\u0662",
    "\U0001f9b5",
    "\u202e",
    "[]{}()",
    "   ",
    "%00",
]

SEARCH_PAGES = [
    "/admin/patients/patient/",
    "/admin/patients/clinic/",
    "/admin/patients/auditevent/",
    "/admin/assessments/assessment/",
    "/admin/reports/exercise/",
    "/admin/reports/homeprogram/",
    "/admin/auth/user/",
]


@pytest.fixture
def superuser_browser(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def clinician_browser(clinician) -> Client:
    client = Client()
    assert client.login(username="clinician", password=PASSWORD)
    return client


@pytest.mark.parametrize("term", ODD_SEARCHES, ids=lambda term: ascii(term)[:20])
def test_admin_search_never_500s_on_odd_input(clinician_browser, superuser_browser, patient, term):
    for page in SEARCH_PAGES:
        for client in (clinician_browser, superuser_browser):
            response = client.get(page, {"q": term})
            assert response.status_code in (200, 302, 400, 403), (page, response.status_code)


@pytest.mark.parametrize("term", ODD_SEARCHES, ids=lambda term: ascii(term)[:20])
def test_admin_autocomplete_never_500s_on_odd_input(superuser_browser, patient, term):
    for app_label, model_name, field_name in [
        ("assessments", "assessment", "patient"),
        ("patients", "membership", "user"),
    ]:
        response = superuser_browser.get(
            "/admin/autocomplete/",
            {"term": term, "app_label": app_label, "model_name": model_name,
             "field_name": field_name},
        )  # fmt: skip
        if "\x00" in term:  # PostgreSQL cannot search for it: refused, for every database
            assert response.status_code == 400
            continue
        assert response.status_code == 200, (model_name, response.status_code)
        assert "results" in response.json()


@pytest.mark.parametrize(
    "query",
    [
        {"app_label": "\x00", "model_name": "x", "field_name": "y", "term": "a"},
        {"app_label": "patients", "model_name": "patient", "field_name": "clinic"},
        {"term": "a"},
        {"term": "a", "page": "\u0661"},
        {"term": "a", "app_label": "assessments", "model_name": "assessment",
         "field_name": "patient", "page": "-1"},
    ],
)  # fmt: skip
def test_admin_autocomplete_with_bad_parameters_is_not_a_500(superuser_browser, query):
    assert superuser_browser.get("/admin/autocomplete/", query).status_code < 500


@pytest.mark.parametrize(
    "query",
    [{"sex": "\x00"}, {"archived": "\x00"}, {"clinic__id__exact": "x"}, {"o": "\x00"},
     {"p": "\u0661"}, {"clinic__id__exact": "\u0661"}, {"e": "1"}],
)  # fmt: skip
def test_admin_filters_never_500_on_odd_input(clinician_browser, patient, query):
    response = clinician_browser.get("/admin/patients/patient/", query)
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("query", [{"search": "\x00"}, {"search": "a\x00"}, {"page\x00": "1"}])
def test_api_query_with_nul_is_400_not_500(api, patient, query):
    response = api.get("/api/v1/patients/", query)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
