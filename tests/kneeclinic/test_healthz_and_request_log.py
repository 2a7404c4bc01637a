"""`/healthz` checks the database, the cache and the broker; every request logs one JSON line."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import override_settings

from tests.redis_available import needs_redis

pytestmark = pytest.mark.django_db


def health(client) -> tuple[int, dict]:
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    return response.status_code, response.json()


def by_check(results: dict) -> dict[str, str]:
    """{"Database": "OK", ...}: the check's class name before its arguments."""
    return {name.split("(")[0]: outcome for name, outcome in results.items()}


@needs_redis
def test_healthz_reports_database_cache_and_broker_ok(client):
    status, results = health(client)
    assert status == 200
    assert by_check(results) == {"Database": "OK", "Cache": "OK", "Redis": "OK"}


def test_healthz_fails_when_the_broker_is_down(client):
    # Port 1 on loopback: nothing listens there.
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0"):
        status, results = health(client)
    assert status == 500
    checks = by_check(results)
    assert checks["Database"] == "OK" and checks["Cache"] == "OK"
    assert checks["Redis"].startswith("Unavailable: Unable to connect to Redis")


def test_healthz_needs_no_sign_in_and_is_never_cached(client):
    response = client.get("/healthz", HTTP_ACCEPT="application/json")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_exempt_from_the_https_redirect(client):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get("/healthz").status_code in (200, 500)
        assert client.get("/api/v1/").status_code == 301


@pytest.fixture
def request_log(caplog):
    """The request lines logged (the logger does not propagate to the root one)."""
    logger = logging.getLogger("kneeclinic.requests")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="kneeclinic.requests")
    yield caplog
    logger.removeHandler(caplog.handler)


def request_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "kneeclinic.requests"]


def test_each_request_logs_one_json_line_with_user_and_duration(
    api, clinician, patient, request_log
):
    api.get(f"/api/v1/patients/{patient.pk}/")
    (line,) = request_lines(request_log)
    assert set(line) == {"method", "path", "status", "duration_ms", "user_id"}
    assert (line["method"], line["path"], line["status"], line["user_id"]) == (
        "GET",
        f"/api/v1/patients/{patient.pk}/",
        200,
        clinician.pk,
    )
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0


def test_request_log_never_holds_a_patient_name(api, client, clinician, patient, request_log):
    api.get("/api/v1/patients/", {"search": "Lind"})
    api.get("/api/v1/patients/Lind/")  # a name typed where the id goes: 404
    client.force_login(clinician)
    client.get("/admin/patients/patient/", {"q": "Ava Lind"})
    lines = request_lines(request_log)
    assert [line["path"] for line in lines] == [
        "/api/v1/patients/",
        "/api/v1/patients/*/",
        "/admin/patients/patient/",
    ]
    assert [line["status"] for line in lines] == [200, 404, 200]
    assert "Lind" not in request_log.text and "Ava" not in request_log.text


def test_anonymous_requests_log_no_user(client, request_log):
    client.get("/api/v1/")
    (line,) = request_lines(request_log)
    assert (line["path"], line["status"], line["user_id"]) == ("/api/v1/", 200, None)
