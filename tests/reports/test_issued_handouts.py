"""Issued handouts (api.md): every print is recorded, and each issued version reprints byte
for byte after edits to the program, the exercises or the clinic."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, services
from patients.models import AuditEvent

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def visit(clinician, patient, api):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[services.MeasurementEntry(
            catalogue.normalize_measurement("knee_to_wall", "left", 8))],
    )  # fmt: skip
    api.post(f"/api/v1/assessments/{draft.pk}/program/")
    return draft


def test_a_reprint_of_an_issued_version_is_the_same_bytes_after_edits(api, visit, clinic):
    base = f"/api/v1/assessments/{visit.pk}"
    first = api.get(f"{base}/handout.pdf").content
    item = visit.home_program.items.first()
    api.patch(f"/api/v1/program-items/{item.pk}/", {"sets": item.sets + 1, "notes": "Slowly"})
    clinic.phone = "+1 555 0999"
    clinic.save()
    second = api.get(f"{base}/handout.pdf").content
    assert second != first
    issued = api.get(f"{base}/handouts/").json()
    assert [v["number"] for v in issued] == [1, 2]
    assert issued[0]["issued_by"] == "clinician" and issued[0]["exercises"]
    assert api.get(f"{base}/handouts/1.pdf").content == first
    assert api.get(f"{base}/handouts/2.pdf").content == second


def test_printing_the_same_handout_again_keeps_one_version_and_records_each_print(api, visit):
    base = f"/api/v1/assessments/{visit.pk}"
    api.get(f"{base}/handout.pdf")
    api.get(f"{base}/handout.pdf")
    assert [v["number"] for v in api.get(f"{base}/handouts/").json()] == [1]
    prints = AuditEvent.objects.filter(action="export", detail__startswith="handout.pdf")
    assert prints.count() == 2


def test_issued_handouts_stay_in_the_clinic(outsider_api, assistant, visit, api):
    from tests.conftest import api_client_for

    api.get(f"/api/v1/assessments/{visit.pk}/handout.pdf")
    base = f"/api/v1/assessments/{visit.pk}"
    assert outsider_api.get(f"{base}/handouts/").status_code == 404
    assert outsider_api.get(f"{base}/handouts/1.pdf").status_code == 404
    assert api_client_for(assistant).get(f"{base}/handouts/1.pdf").status_code == 403
    assert api.get(f"{base}/handouts/7.pdf").status_code == 404
