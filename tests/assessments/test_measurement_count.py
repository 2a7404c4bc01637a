"""At most 200 measurements in one assessment (api.md "Limits"): a 400, in every door."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, services
from assessments.models import Assessment
from patients.errors import Invalid

URL = "/api/v1/assessments/"
READING = {"code": "knee_to_wall", "side": "left", "value": 8}


def test_201_measurements_are_a_400_naming_the_limit(api, patient):
    body = {"patient": patient.id, "assessed_on": "2025-01-10", "measurements": [READING] * 201}
    response = api.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["measurements"] == {
        "non_field_errors": ["At most 200 measurements per assessment."]
    }
    assert not Assessment.objects.exists()


def test_201_measurements_on_patch_are_a_400_and_change_nothing(api, clinician, patient):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=datetime.date(2025, 1, 10)
    )
    response = api.patch(f"{URL}{draft.pk}/", {"measurements": [READING] * 201}, format="json")
    assert response.status_code == 400
    assert draft.measurements.count() == 0


def entries(count: int) -> list[services.MeasurementEntry]:
    entry = services.MeasurementEntry(catalogue.normalize_measurement("knee_to_wall", "left", 8))
    return [entry] * count


def test_the_service_refuses_201_measurements_whoever_calls_it(clinician, patient):
    with pytest.raises(Invalid) as caught:
        services.assessment_create(
            actor=clinician,
            patient=patient,
            assessed_on=datetime.date(2025, 1, 10),
            measurements=entries(201),
        )
    assert caught.value.as_body() == {"measurements": ["At most 200 measurements per assessment."]}


def test_200_measurements_pass_the_count_check():
    services.check_measurement_count(entries(200))  # the limit itself is allowed
    assert catalogue.MAX_MEASUREMENTS_PER_ASSESSMENT == 200
