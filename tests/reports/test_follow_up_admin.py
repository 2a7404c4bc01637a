"""The follow-up in the admin: the button on the patient and assessment pages, the copied
sheet with empty values, and the table of responses to the last program."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

import pytest
from django.test import Client

from assessments import catalogue, services
from assessments.models import Assessment
from reports import services as report_services
from reports.models import ItemResponse
from tests.conftest import PASSWORD

DAY = datetime.date(2026, 9, 1)


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


@pytest.fixture
def first(clinician, patient) -> Assessment:
    """A final first visit with a program: weak quadriceps on the left (20.4 / 30.6 kgf)."""
    visit = services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        body_mass_kg=Decimal("70"),
        measurements=[
            services.MeasurementEntry(catalogue.normalize_measurement(code, side, value, unit))
            for code, side, value, unit in [
                ("knee_extensor_strength", "left", Decimal("20.4"), "kgf"),
                ("knee_extensor_strength", "right", Decimal("30.6"), "kgf"),
            ]
        ],
    )
    report_services.home_program_propose(assessment=visit, actor=clinician)
    return services.assessment_finalize(assessment=visit, actor=clinician)


def page_of(browser, url: str) -> str:
    return html.unescape(browser.get(url).content.decode())


def test_the_patient_page_starts_a_follow_up_of_the_latest_visit(browser, patient, first):
    page = page_of(browser, f"/admin/patients/patient/{patient.pk}/change/")
    url = f"/admin/assessments/assessment/{first.pk}/follow-up/"
    assert f'action="{url}"' in page and "New follow-up visit" in page
    response = browser.post(url, follow=True)
    visit = Assessment.objects.exclude(pk=first.pk).get()
    assert response.redirect_chain[-1][0] == f"/admin/assessments/assessment/{visit.pk}/change/"
    page = html.unescape(response.content.decode())
    assert "Follow-up visit started" in page
    # The same tests, empty; the strength unit as entered last time (kgf) is chosen.
    assert 'name="sheet_knee_extensor_strength_left"' in page
    assert 'name="sheet_knee_extensor_strength_left" value=' not in page
    assert '<option value="kgf" selected>' in page


def test_the_follow_up_page_records_a_response_per_item(browser, clinician, first):
    visit = services.assessment_follow_up(assessment=first, actor=clinician)
    base = f"/admin/assessments/assessment/{visit.pk}"
    page = page_of(browser, f"{base}/change/")
    assert "How the last program went (visit of 1 Sep 2026)" in page
    items = {i.exercise.code: i for i in first.home_program.items.all()}
    wall = items["wall_squat"]
    assert f'name="response_{wall.pk}"' in page and "Flare-up (worse next day)" in page
    # The dosage as prescribed, in words; the leg of a one-leg item.
    assert "3 sets of 10, hold each for 5 seconds, 3 days a week" in page
    assert "Thigh tightening (quad set), left leg" in page
    response = browser.post(
        f"{base}/item-responses/",
        {f"response_{wall.pk}": "too_easy", f"days_{wall.pk}": "4"},
        follow=True,
    )
    assert "Responses to the last program saved." in response.content.decode()
    saved = ItemResponse.objects.get(assessment=visit)
    assert (saved.item_id, saved.response, saved.days_done_per_week) == (wall.pk, "too_easy", 4)
    bad = browser.post(
        f"{base}/item-responses/",
        {f"response_{wall.pk}": "right", f"days_{wall.pk}": "9"},
        follow=True,
    )
    assert "Days done is a number of days a week, from 0 to 7." in bad.content.decode()
    assert ItemResponse.objects.get(assessment=visit).response == "too_easy"  # unchanged


def test_saving_the_sheet_keeps_the_tests_still_waiting(browser, clinician, patient, first):
    visit = services.assessment_follow_up(assessment=first, actor=clinician)
    data = {
        "patient": patient.pk,
        "assessed_on": str(visit.assessed_on),
        "body_mass_kg": "70",
        "expected_version": str(Assessment.objects.get(pk=visit.pk).version),
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "sheet_knee_extensor_strength_right": "31",
        "sheet_knee_extensor_strength_unit": "kgf",
        "sheet_knee_extensor_strength_method": "hhd_isometric",
    }
    response = browser.post(f"/admin/assessments/assessment/{visit.pk}/change/", data)
    assert response.status_code == 302, html.unescape(response.content.decode())[-3000:]
    rows = {(m.code, m.side): m for m in Assessment.objects.get(pk=visit.pk).measurements.all()}
    assert rows[("knee_extensor_strength", "left")].value is None  # still waiting
    assert rows[("knee_extensor_strength", "right")].entered_value == Decimal("31")
