"""REST API v1: the public index, token sign-in and sign-out, 401 without credentials."""

from __future__ import annotations

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.conftest import PASSWORD

TOKEN_URL = "/api/v1/auth/token/"
LOGOUT_URL = "/api/v1/auth/logout/"

PROTECTED_GETS = [
    "/api/v1/patients/",
    "/api/v1/patients/1/",
    "/api/v1/assessments/",
    "/api/v1/assessments/1/",
    "/api/v1/findings/",
    "/api/v1/findings/1/",
]


def sign_in(username: str = "clinician", password: str = PASSWORD) -> str:
    response = APIClient().post(
        TOKEN_URL, {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_index_answers_without_authentication(db):
    response = APIClient().get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["patients"].endswith("/api/v1/patients/")
    assert index["assessments"].endswith("/api/v1/assessments/")


def test_token_for_good_credentials_gives_access(clinician, patient):
    token = sign_in()
    assert isinstance(token, str)
    assert token
    response = token_client(token).get("/api/v1/patients/")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [patient.id]


@pytest.mark.parametrize(
    "body",
    [
        {"username": "clinician", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "clinician"},
        {},
    ],
)
def test_token_refuses_bad_credentials_with_400(clinician, body):
    response = APIClient().post(TOKEN_URL, body, format="json")
    assert response.status_code == 400
    assert "token" not in response.json()


@pytest.mark.parametrize("url", PROTECTED_GETS)
def test_request_without_credentials_is_401_with_www_authenticate(db, url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.headers.get("WWW-Authenticate", "").startswith("Token")


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/patients/", {"first_name": "A", "last_name": "B"}),
        ("/api/v1/assessments/", {"patient": 1, "assessed_on": "2025-01-01"}),
        (LOGOUT_URL, {}),
    ],
)
def test_write_without_credentials_is_401(db, url, body):
    response = APIClient().post(url, body, format="json")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_unknown_token_is_401(db):
    response = token_client("0" * 40).get("/api/v1/patients/")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_logout_revokes_the_token(clinician):
    token = sign_in()
    client = token_client(token)
    assert client.get("/api/v1/patients/").status_code == 200

    response = client.post(LOGOUT_URL)

    assert response.status_code == 204
    assert not AuthToken.objects.filter(token_key=token[:15]).exists()
    after = client.get("/api/v1/patients/")
    assert after.status_code == 401
    assert "WWW-Authenticate" in after.headers


def test_signing_in_again_after_logout_gives_a_working_token(clinician):
    first = sign_in()
    assert token_client(first).post(LOGOUT_URL).status_code == 204
    second = sign_in()
    assert second != first
    assert token_client(second).get("/api/v1/patients/").status_code == 200


def test_logout_of_one_user_leaves_another_users_token(clinician, colleague):
    mine = sign_in("clinician")
    theirs = sign_in("colleague")
    assert token_client(mine).post(LOGOUT_URL).status_code == 204
    assert token_client(theirs).get("/api/v1/patients/").status_code == 200


def test_session_authentication_also_works(clinician, patient):
    client = APIClient()
    assert client.login(username="clinician", password=PASSWORD)
    response = client.get("/api/v1/patients/")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [patient.id]


def test_logout_of_a_session_ends_it(clinician):
    client = APIClient(enforce_csrf_checks=False)
    assert client.login(username="clinician", password=PASSWORD)
    assert client.post(LOGOUT_URL).status_code == 204
    assert client.get("/api/v1/patients/").status_code == 401
