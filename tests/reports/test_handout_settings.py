"""The program's handout settings (weeks until the next visit, the understanding page) through
the API and the admin, and what the handout printed from the ORM makes of them."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, services
from patients.models import AuditEvent
from reports.handouts import handout_data, load_assessment
from reports.models import HomeProgram
from tests.admin_forms import admin_form, change_url, saved, signed_in
from tests.conftest import api_client_for
from tests.pdf_text import pdf_words

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def visit(clinician, patient, api):
    draft = services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY, pain_sites=["anterior"],
        measurements=[services.MeasurementEntry(
            catalogue.normalize_measurement("knee_to_wall", "left", 8))],
    )  # fmt: skip
    assert api.post(f"/api/v1/assessments/{draft.pk}/program/").status_code == 201
    return draft


def test_a_new_program_plans_six_weeks_and_shows_the_understanding_page(api, visit):
    body = api.get(f"/api/v1/assessments/{visit.pk}/program/").json()
    assert body["weeks_until_next_visit"] == 6
    assert body["show_understanding_page"] is True
    assert {"id", "assessment", "items", "updated_at"} <= set(body)
    text = pdf_words(api.get(f"/api/v1/assessments/{visit.pk}/handout.pdf").content)
    assert "Understanding your knee" in text
    assert "Week 6" in text and "Week 7" not in text


def test_patching_the_settings_changes_the_handout_and_is_audited(api, visit):
    url = f"/api/v1/assessments/{visit.pk}/program/"
    response = api.patch(
        url, {"weeks_until_next_visit": 3, "show_understanding_page": False}, format="json"
    )
    assert response.status_code == 200, response.data
    assert response.json()["weeks_until_next_visit"] == 3
    assert response.json()["items"]  # the GET shape, items included
    text = pdf_words(api.get(f"/api/v1/assessments/{visit.pk}/handout.pdf").content)
    assert "Your plan for the next 3 weeks" in text
    assert "Week 3" in text and "Week 4" not in text
    assert "Understanding your knee" not in text
    event = AuditEvent.objects.filter(object_type="homeprogram", action="update").latest("pk")
    assert event.changes == {
        "weeks_until_next_visit": [6, 3],
        "show_understanding_page": [True, False],
    }


@pytest.mark.parametrize("weeks", [0, 13, "six"])
def test_weeks_outside_1_to_12_are_refused(api, visit, weeks):
    url = f"/api/v1/assessments/{visit.pk}/program/"
    response = api.patch(url, {"weeks_until_next_visit": weeks}, format="json")
    assert response.status_code == 400
    assert "weeks_until_next_visit" in response.json()
    assert HomeProgram.objects.get(assessment=visit).weeks_until_next_visit == 6


def test_the_items_cannot_be_patched_through_the_program(api, visit):
    url = f"/api/v1/assessments/{visit.pk}/program/"
    before = api.get(url).json()["items"]
    response = api.patch(url, {"items": [], "weeks_until_next_visit": 12}, format="json")
    assert response.status_code == 200
    assert response.json()["items"] == before


def test_outsiders_and_the_front_desk_cannot_change_the_settings(outsider_api, assistant, visit):
    url = f"/api/v1/assessments/{visit.pk}/program/"
    body = {"weeks_until_next_visit": 2}
    assert outsider_api.patch(url, body, format="json").status_code == 404
    assert api_client_for(assistant).patch(url, body, format="json").status_code == 403
    assert HomeProgram.objects.get(assessment=visit).weeks_until_next_visit == 6


def test_the_admin_changes_the_settings_through_the_service(clinician, visit):
    program = HomeProgram.objects.get(assessment=visit)
    browser = signed_in(clinician)
    form = admin_form(browser, change_url(program))
    form["weeks_until_next_visit"] = "8"
    form.pop("show_understanding_page", None)  # an unticked box is not posted
    saved(browser.post(change_url(program), form))
    program.refresh_from_db()
    assert (program.weeks_until_next_visit, program.show_understanding_page) == (8, False)
    event = AuditEvent.objects.filter(object_type="homeprogram", action="update").latest("pk")
    assert event.channel == "admin"
    assert event.changes["weeks_until_next_visit"] == [6, 8]


def test_an_issued_handout_keeps_the_settings_it_was_printed_with(api, visit):
    base = f"/api/v1/assessments/{visit.pk}"
    first = api.get(f"{base}/handout.pdf").content
    api.patch(f"{base}/program/", {"weeks_until_next_visit": 4}, format="json")
    second = api.get(f"{base}/handout.pdf").content
    assert [v["number"] for v in api.get(f"{base}/handouts/").json()] == [1, 2]
    assert api.get(f"{base}/handouts/1.pdf").content == first
    assert "Week 6" in pdf_words(first) and "Week 5" not in pdf_words(second)


def test_the_handout_data_carries_codes_days_and_what_the_assessment_records(visit, patient):
    patient.activity = "Runs 10 km on Sundays"
    patient.occupation = "Accountant"
    patient.save()
    data = handout_data(load_assessment(visit.pk, measurements=False))
    program = HomeProgram.objects.get(assessment=visit)
    items = list(program.items.select_related("exercise"))
    assert [e.code for e in data.exercises] == [i.exercise.code for i in items]
    assert [e.per_week for e in data.exercises] == [i.per_week for i in items]
    assert data.load.activity == "Runs 10 km on Sundays"
    assert data.load.occupation == "Accountant"
    assert data.load.pain_sites == ("anterior",)
    assert (data.weeks_until_next_visit, data.show_understanding_page) == (6, True)
