"""The admin patient page: each visit once with status, findings counts and PROM scores, and
"Since last visit" for the latest visit (progress.md "Where progress shows")."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils.html import strip_tags

from assessments import services as assessment_services
from tests.conftest import PASSWORD
from tests.reports.progress_visits import three_visits


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


def page_of(browser, patient) -> str:
    """The page's text, cells separated by single spaces."""
    response = browser.get(f"/admin/patients/patient/{patient.pk}/change/")
    assert response.status_code == 200
    content = response.content.decode()
    return " ".join(html.unescape(strip_tags(content.replace("<", " <"))).split())


def test_the_patient_page_shows_each_visit_with_its_prom_scores(browser, clinician, patient):
    *_, third = three_visits(clinician, patient)
    correction = assessment_services.assessment_amend(assessment=third, actor=clinician)
    page = page_of(browser, patient)
    # The amended visit once, as its amendment (a draft); the original is not listed.
    raw = browser.get(f"/admin/patients/patient/{patient.pk}/change/").content.decode()
    assert f"/admin/assessments/assessment/{correction.pk}/change/" in raw
    assert f"/admin/assessments/assessment/{third.pk}/change/" not in raw
    assert "Draft (amendment)" in page
    # KOOS every item 3 at the first visit: 100 - 3 x 25 = 25 per subscale; LEFS 20 x 1 = 20.
    assert "KOOS: Symptoms 25, Pain 25, ADL 25, Sport/Rec 25, QOL 25" in page
    assert "LEFS 20" in page and "LEFS 40" in page


def test_the_patient_page_shows_since_last_visit_for_the_latest(browser, clinician, patient):
    three_visits(clinician, patient)
    page = page_of(browser, patient)
    assert "Since last visit (23 Feb 2026)" in page
    # NPRS 4 -> 2: -2, at least the MIC of 2: improved.
    assert (
        "Pain (NPRS 0-10) \N{EN DASH} 4 points 2 points -2 points 2 points (Farrar2001) Improved"
        in page
    )
    # FPPA left 13 -> 9: -4, within 8 deg.
    assert "left 13 deg 9 deg -4 deg 8 deg (Munro2012) No clear change" in page
    # KOOS 50 -> 75 (items 2 -> 1): +25 >= 10; LEFS 40 -> 60: +20 >= 9.
    assert "KOOS Pain 50 75 +25 10 (Roos) Improved" in page
    assert "LEFS total 40 60 +20 9 (Binkley1999) Improved" in page
    assert "How the previous program went" in page and "Flare-up (worse next day)" in page


def test_a_single_visit_has_no_since_last_visit(browser, clinician, patient):
    from tests.reports.progress_visits import one_visit

    one_visit(clinician, patient, 0)
    page = page_of(browser, patient)
    assert "Visits" in page and "Since last visit" not in page
