"""The lockout follows the configured number of failures (token endpoint and admin login);
API tokens end after the idle time on a clock moved forward, and each use moves the end on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import PASSWORD
from tests.kneeclinic.test_api_auth import TOKEN_URL, sign_in, token_client


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()


@pytest.fixture
def three_failures_lock(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def token_attempt(password: str):
    return APIClient(REMOTE_ADDR="10.0.0.1").post(
        TOKEN_URL, {"username": "clinician", "password": password}, format="json"
    )


def admin_attempt(password: str):
    return Client(REMOTE_ADDR="10.0.0.1").post(
        "/admin/login/", {"username": "clinician", "password": password}
    )


@pytest.mark.parametrize(
    ("attempt", "refused"), [(token_attempt, 400), (admin_attempt, 200)], ids=["token", "admin"]
)
def test_the_lockout_comes_after_the_configured_number_of_failures(
    three_failures_lock, clinician, attempt, refused
):
    assert [attempt("wrong").status_code for _ in range(2)] == [refused, refused]
    third = attempt("wrong")
    assert third.status_code == 429
    assert 14 * 60 < int(third.headers["Retry-After"]) <= 15 * 60  # AXES_COOLOFF_TIME
    assert attempt(PASSWORD).status_code == 429


class MovedClock:
    """`timezone.now()` as it will read `hours` from now (knox reads the time through it)."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch, self.real_now = monkeypatch, timezone.now

    def move_to(self, hours: float) -> None:
        moment = self.real_now() + timedelta(hours=hours)
        self.monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_token_ends_after_12_idle_hours_and_each_use_moves_the_end_on(clinician, monkeypatch):
    token = sign_in()
    clock = MovedClock(monkeypatch)
    clock.move_to(11.9)  # just under 12 idle hours: still good, and the use renews it
    assert token_client(token).get("/api/v1/patients/").status_code == 200
    clock.move_to(11.9 + 11.9)  # 23.8 h after signing in, 11.9 h after the last use
    assert token_client(token).get("/api/v1/patients/").status_code == 200
    clock.move_to(11.9 + 11.9 + 12.1)  # 12.1 idle hours
    response = token_client(token).get("/api/v1/patients/")
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_a_token_unused_for_12_hours_is_gone_even_if_used_before(clinician, monkeypatch):
    token = sign_in()
    assert token_client(token).get("/api/v1/patients/").status_code == 200
    MovedClock(monkeypatch).move_to(12.1)
    assert token_client(token).get("/api/v1/patients/").status_code == 401
