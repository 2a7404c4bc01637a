"""PROM responses in the admin: a form per instrument, items by number and label, choices."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from assessments import services as assessment_services
from patients.models import AuditEvent
from progress import services
from progress.models import PromResponse
from tests.conftest import PASSWORD

DAY = datetime.date(2026, 3, 2)


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


@pytest.fixture
def visit(clinician, patient):
    return assessment_services.assessment_create(actor=clinician, patient=patient, assessed_on=DAY)


def test_kujala_form_lists_items_by_number_and_label_with_their_options(browser):
    page = browser.get("/admin/progress/kujalaresponse/add/").content.decode()
    assert "3 walking" in page
    assert '<option value="2">2: 1-2 km</option>' in page
    assert "13 flexion deficiency" in page


def test_koos_form_groups_items_by_subscale(browser):
    page = browser.get("/admin/progress/koosresponse/add/").content.decode()
    for heading in ("Symptoms", "Pain", "Function in daily living", "Knee-related quality of life"):
        assert heading in page
    assert "S4 straightening fully" in page and "Q4 overall difficulty" in page
    assert '<option value="0">0: no problems</option>' in page


def test_recording_kujala_in_admin_scores_it_through_the_service(browser, clinician, visit):
    points = [5, 5, 2, 10, 5, 10, 10, 10, 10, 10, 10, 5, 5]  # 100 - 5 + 2 = 97
    data = {"assessment": visit.pk, "completed_on": ""}
    data |= {f"item_{n}": str(p) for n, p in enumerate(points, start=1)}
    response = browser.post("/admin/progress/kujalaresponse/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    prom = PromResponse.objects.get()
    assert (prom.instrument, prom.completed_on, prom.recorded_by) == ("kujala", DAY, clinician)
    assert prom.scores["total"] == {"score": 97, "reason": None, "prorated": False}
    events = AuditEvent.objects.filter(object_type="promresponse", action="create")
    assert [(e.channel, e.user) for e in events] == [("admin", clinician)]


def test_missing_items_are_left_empty_in_admin(browser, visit):
    data = {"assessment": visit.pk, "completed_on": "2026-03-01", "item_1": "3", "item_2": ""}
    assert browser.post("/admin/progress/lefsresponse/add/", data).status_code == 302
    prom = PromResponse.objects.get()
    assert prom.answers == {"1": 3}
    assert prom.scores["total"]["score"] is None


def test_second_response_for_the_instrument_is_a_clear_message(browser, clinician, visit):
    services.prom_record(actor=clinician, assessment=visit, instrument="lefs", answers={})
    response = browser.post("/admin/progress/lefsresponse/add/", {"assessment": visit.pk})
    assert response.status_code == 200
    assert "already has a lefs response" in response.content.decode()
    assert PromResponse.objects.count() == 1


def test_changing_answers_in_admin_rescores(browser, clinician, visit):
    prom = services.prom_record(
        actor=clinician, assessment=visit, instrument="koos_pf", answers={"PF1": 4}
    )
    data = {"completed_on": "2026-03-02"} | {f"item_PF{n}": "1" for n in range(1, 12)}
    response = browser.post(f"/admin/progress/koospfresponse/{prom.pk}/change/", data)
    assert response.status_code == 302
    prom.refresh_from_db()
    assert prom.scores["total"]["score"] == 75.0  # mean 1: 100 - 25


def test_final_visit_prom_is_read_only_and_cannot_be_added(browser, clinician, visit):
    prom = services.prom_record(actor=clinician, assessment=visit, instrument="lefs", answers={})
    assessment_services.assessment_finalize(assessment=visit, actor=clinician)
    page = browser.get(f"/admin/progress/lefsresponse/{prom.pk}/change/").content.decode()
    assert 'name="item_1"' not in page
    response = browser.post("/admin/progress/koosresponse/add/", {"assessment": visit.pk})
    assert response.status_code == 200 and not PromResponse.objects.filter(instrument="koos")


def test_archive_action_archives_and_nothing_is_deleted(browser, clinician, visit):
    prom = services.prom_record(actor=clinician, assessment=visit, instrument="lefs", answers={})
    browser.post(
        "/admin/progress/lefsresponse/",
        {"action": "archive_selected", "_selected_action": [prom.pk]},
    )
    prom.refresh_from_db()
    assert prom.archived_at is not None
    page = browser.get("/admin/progress/lefsresponse/").content.decode()
    assert "delete_selected" not in page


def test_outsider_does_not_see_another_clinics_responses(outsider, clinician, visit):
    prom = services.prom_record(actor=clinician, assessment=visit, instrument="lefs", answers={})
    client = Client()
    assert client.login(username=outsider.username, password=PASSWORD)
    assert client.get(f"/admin/progress/lefsresponse/{prom.pk}/change/").status_code == 404
    assert "Ava" not in client.get("/admin/progress/lefsresponse/").content.decode()
