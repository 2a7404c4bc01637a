"""GET /api/v1/patients/{id}/progress/: each visit once and the change since the last visit,
with labels worked out by hand at, just below and just above the thresholds (progress.md)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessments import catalogue
from assessments import services as assessment_services
from patients.models import AuditEvent
from progress import services as progress_services
from reports.models import ItemResponse
from reports.services import home_program_propose
from tests.conftest import api_client_for, member
from tests.factories import PatientFactory

DAY_1, DAY_2 = datetime.date(2026, 1, 12), datetime.date(2026, 2, 23)


@pytest.fixture
def runner(clinic):
    return PatientFactory(clinic=clinic, first_name="Ines", last_name="Moreau", sex="female")


def visit(clinician, patient, day, pain, readings, lefs_threes=None, final=True):
    assessment = assessment_services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=day,
        pain_nprs=pain,
        measurements=[
            assessment_services.MeasurementEntry(catalogue.normalize_measurement(*reading))
            for reading in readings
        ],
    )
    if lefs_threes is not None:  # LEFS: that many items answered 3, the rest 2
        answers = {str(n): 3 if n <= lefs_threes else 2 for n in range(1, 21)}
        progress_services.prom_record(
            actor=clinician, assessment=assessment, instrument="lefs", answers=answers
        )
    if final:
        assessment = assessment_services.assessment_finalize(assessment=assessment, actor=clinician)
    return assessment


FIRST = [
    ("single_leg_squat_fppa", "left", Decimal("18")),
    ("single_leg_squat_fppa", "right", Decimal("18")),
    ("knee_to_wall", "left", Decimal("8")),
    ("knee_to_wall", "right", Decimal("12")),
]
SECOND = [
    ("single_leg_squat_fppa", "left", Decimal("10")),  # -8: exactly the error: no clear change
    ("single_leg_squat_fppa", "right", Decimal("9.5")),  # -8.5: past 8, lower is better
    ("knee_to_wall", "left", Decimal("9.9")),  # +1.9: under 2
    ("knee_to_wall", "right", Decimal("9")),  # -3: past 2, higher is better: worse
]


def progress_of(client, patient):
    response = client.get(f"/api/v1/patients/{patient.pk}/progress/")
    assert response.status_code == 200, response.content
    return response.json()


def rows_by_key(since_last):
    return {(m["code"], m["side"], m["metric"]): m for m in since_last["measures"]}


@pytest.fixture
def two_visits(clinician, runner):
    # LEFS 40 (all 2) -> 49 (nine 3s: 27 + 22): +9, at least the MIC of 9: improved.
    first = visit(clinician, runner, DAY_1, 6, FIRST, lefs_threes=0)
    # NPRS 6 -> 4: -2, at least the MIC of 2: improved.
    second = visit(clinician, runner, DAY_2, 4, SECOND, lefs_threes=9)
    return first, second


def test_labels_at_below_and_above_the_thresholds(api, runner, two_visits):
    first, second = two_visits
    body = progress_of(api, runner)
    since = body["since_last"]
    assert (since["from"], since["to"]) == (first.pk, second.pk)
    rows = rows_by_key(since)
    pain = rows[("pain_nprs", None, None)]
    assert (pain["earlier"], pain["later"], pain["change"], pain["threshold"], pain["label"]) == (
        6, 4, -2, 2, "improved",
    )  # fmt: skip
    assert pain["source"] == "Farrar2001"
    left = rows[("single_leg_squat_fppa", "left", None)]
    assert (left["change"], left["threshold"], left["label"], left["unit"]) == (
        -8, 8, "no_clear_change", "deg",
    )  # fmt: skip
    assert rows[("single_leg_squat_fppa", "right", None)]["label"] == "improved"
    assert rows[("single_leg_squat_fppa", "right", None)]["change"] == -8.5
    assert rows[("knee_to_wall", "left", None)]["change"] == 1.9
    assert rows[("knee_to_wall", "left", None)]["label"] == "no_clear_change"
    assert rows[("knee_to_wall", "right", None)]["label"] == "worse"
    (lefs,) = since["proms"]
    assert (lefs["code"], lefs["metric"], lefs["earlier"], lefs["later"]) == (
        "lefs",
        "total",
        40,
        49,
    )
    assert (lefs["change"], lefs["threshold"], lefs["label"]) == (9, 9, "improved")


def test_finding_transitions_and_visit_summaries(api, runner, two_visits):
    body = progress_of(api, runner)
    findings = body["since_last"]["findings"]
    # FPPA 18 > 12 (female) fired on both sides; 10 and 9.5 do not. Knee-to-wall under 10 cm:
    # left 8 and 9.9 both; right 12 did not, 9 does.
    assert {"code": "dynamic_knee_valgus", "side": "left"} in findings["resolved"]
    assert {"code": "dynamic_knee_valgus", "side": "right"} in findings["resolved"]
    assert findings["persisting"] == [{"code": "calf_tightness", "side": "left"}]
    assert findings["new"] == [{"code": "calf_tightness", "side": "right"}]
    first, second = body["visits"]
    assert (first["assessed_on"], first["status"], first["pain_nprs"]) == ("2026-01-12", "final", 6)
    assert sum(first["findings"].values()) >= 3  # two valgus findings and the left calf
    assert first["proms"] == {"lefs": {"total": {"score": 40, "reason": None, "prorated": False}}}
    assert second["proms"]["lefs"]["total"]["score"] == 49


def test_just_below_the_minimal_important_change_is_no_clear_change(api, clinician, runner):
    visit(clinician, runner, DAY_1, 6, FIRST[:1], lefs_threes=0)
    visit(clinician, runner, DAY_2, 5, FIRST[:1], lefs_threes=8)  # LEFS 48: +8; NPRS -1
    since = progress_of(api, runner)["since_last"]
    assert rows_by_key(since)[("pain_nprs", None, None)]["label"] == "no_clear_change"
    same = rows_by_key(since)[("single_leg_squat_fppa", "left", None)]  # 18 -> 18: within error
    assert (same["change"], same["label"]) == (0, "no_clear_change")
    assert [(p["change"], p["label"]) for p in since["proms"]] == [(8, "no_clear_change")]


def test_a_clinic_setting_replaces_the_threshold_with_its_source(
    api, clinic, clinic_admin, runner, two_visits
):
    progress_services.change_threshold_set(
        actor=clinic_admin, clinic=clinic, measure="single_leg_squat_fppa", amount=Decimal("7")
    )
    rows = rows_by_key(progress_of(api, runner)["since_last"])
    left = rows[("single_leg_squat_fppa", "left", None)]  # -8 is past 7 now
    assert (left["threshold"], left["label"], left["source"]) == (7, "improved", "clinic setting")
    assert rows[("knee_to_wall", "left", None)]["source"] == "Rabin2015"


def test_one_visit_has_no_since_last(api, clinician, runner):
    visit(clinician, runner, DAY_1, 6, FIRST)
    body = progress_of(api, runner)
    assert len(body["visits"]) == 1 and body["since_last"] is None


def test_an_amended_visit_counts_once_as_its_amendment(api, clinician, runner, two_visits):
    first, second = two_visits
    correction = assessment_services.assessment_amend(assessment=second, actor=clinician)
    body = progress_of(api, runner)
    assert [v["assessment"] for v in body["visits"]] == [first.pk, correction.pk]
    assert body["visits"][1]["status"] == "draft"
    assert body["since_last"]["to"] == correction.pk


def test_item_responses_recorded_at_the_latest_visit(api, clinician, runner):
    first = visit(clinician, runner, DAY_1, 6, FIRST)
    program = home_program_propose(assessment=first, actor=clinician)
    second = visit(clinician, runner, DAY_2, 4, SECOND, final=False)
    item, *_ = program.items.order_by("position")
    ItemResponse.objects.create(
        assessment=second, item=item, response="flare", days_done_per_week=3
    )
    (row,) = progress_of(api, runner)["since_last"]["item_responses"]
    assert row == {
        "item": item.pk, "exercise": item.exercise.code, "response": "flare",
        "days_done_per_week": 3,
    }  # fmt: skip


def test_another_clinics_patient_is_404_and_the_front_desk_403(
    outsider_api, clinic, runner, two_visits
):
    url = f"/api/v1/patients/{runner.pk}/progress/"
    assert outsider_api.get(url).status_code == 404
    assert api_client_for(member(clinic, "desk", "assistant")).get(url).status_code == 403


def test_reading_progress_is_audited(api, clinician, runner, two_visits):
    progress_of(api, runner)
    event = AuditEvent.objects.filter(user=clinician, action="view", detail="progress").get()
    assert event.patient_id == runner.pk


def test_queries_stay_flat_from_two_to_six_visits(
    api, clinician, runner, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for day in (DAY_1, DAY_2):
        visit(clinician, runner, day, 5, FIRST, lefs_threes=4)
    with CaptureQueriesContext(connection) as two:
        progress_of(api, runner)
    for month in (3, 4, 5, 6):
        visit(clinician, runner, datetime.date(2026, month, 1), 4, SECOND, lefs_threes=6)
    with django_assert_max_num_queries(len(two)):
        assert len(progress_of(api, runner)["visits"]) == 6
