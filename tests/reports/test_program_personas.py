"""Program, PDF and exercise endpoints for the three personas: a clinic shares, others get 404."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, services
from reports.models import Exercise
from tests.conftest import api_client_for

DAY = datetime.date(2026, 3, 2)
EXERCISE = {
    "code": "stair_climb", "name": "Stair climb", "kind": "strengthen", "sets": 2, "reps": 10,
    "per_week": 3, "steps": ["Walk up the stairs slowly."], "cue": "Hold the rail.",
}  # fmt: skip


@pytest.fixture
def setup(clinician, patient, clinic):
    assessment = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[services.MeasurementEntry(
            catalogue.normalize_measurement("knee_to_wall", "left", 8))],
    )  # fmt: skip
    client = api_client_for(clinician)
    client.post(f"/api/v1/assessments/{assessment.pk}/program/")
    item = assessment.home_program.items.first()
    own = Exercise.objects.create(clinic=clinic, **EXERCISE)
    return assessment, item, own


def calls(assessment, item, own):
    """(method, path, body, status for a member of the clinic)."""
    base = f"/api/v1/assessments/{assessment.pk}"
    return [
        ("get", f"{base}/program/", None, 200),
        ("post", f"{base}/program/items/", {"exercise": "dead_bug"}, 201),
        ("get", f"/api/v1/program-items/{item.pk}/", None, 200),
        ("patch", f"/api/v1/program-items/{item.pk}/", {"sets": 2}, 200),
        ("get", f"{base}/handout.pdf", None, 200),
        ("get", f"{base}/report.pdf", None, 200),
        ("get", f"/api/v1/exercises/{own.pk}/", None, 200),
        ("patch", f"/api/v1/exercises/{own.pk}/", {"reps": 12}, 200),
        ("delete", f"/api/v1/program-items/{item.pk}/", None, 204),
        ("post", f"{base}/program/", None, 201),  # last: re-proposing replaces the items
    ]


def run(client, method, path, body):
    return (
        getattr(client, method)(path, body, format="json")
        if body
        else getattr(client, method)(path)
    )


def test_a_colleague_has_the_same_rights(setup, colleague_api):
    for method, path, body, expected in calls(*setup):
        assert run(colleague_api, method, path, body).status_code == expected, (method, path)
    made = colleague_api.post("/api/v1/exercises/", {**EXERCISE, "code": "step_ups"},
                              format="json")  # fmt: skip
    assert made.status_code == 201


def test_an_outsider_gets_404_everywhere_and_changes_nothing(setup, outsider_api):
    assessment, item, own = setup
    items_before = list(assessment.home_program.items.values_list("id", "sets"))
    for method, path, body, _ in calls(assessment, item, own):
        assert run(outsider_api, method, path, body).status_code == 404, (method, path)
    assert list(assessment.home_program.items.values_list("id", "sets")) == items_before
    own.refresh_from_db()
    assert own.reps == EXERCISE["reps"]
    outsider_list = outsider_api.get("/api/v1/exercises/?page_size=100").json()["results"]
    assert "stair_climb" not in [e["code"] for e in outsider_list]
