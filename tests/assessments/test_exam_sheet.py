"""The exam sheet in the admin: templates, an extra test for one visit, the read-only final
sheet in clinical words, and the page's buttons from findings to print."""

from __future__ import annotations

import datetime
import html
from decimal import Decimal

import pytest
from django.test import Client

from assessments import catalogue, services
from assessments.models import Assessment, ExamTemplate
from patients.models import AuditEvent
from patients.services import patient_create
from tests.conftest import PASSWORD

ADD = "/admin/assessments/assessment/add/"
MORE = "Add another test to this visit"


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


def draft(clinician, patient, *readings, **fields) -> Assessment:
    """A draft through the real write path; readings are (code, side, value[, unit])."""
    return services.assessment_create(
        actor=clinician,
        patient=patient,
        measurements=[
            services.MeasurementEntry(catalogue.normalize_measurement(*reading))
            for reading in readings
        ],
        **{"assessed_on": datetime.date(2026, 3, 2), **fields},
    )


def page_of(browser, url: str) -> str:
    return html.unescape(browser.get(url).content.decode())


def in_main_sheet(page: str, label: str) -> bool:
    """The cell's input comes before the 'add another test' part of the sheet."""
    cell = page.find(f'aria-label="{label}"')
    more = page.find(MORE)
    return cell != -1 and (more == -1 or cell < more)


def sheet_post(patient, **cells) -> dict:
    return {
        "patient": patient.pk,
        "assessed_on": "2026-03-02",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        **{f"sheet_{key}": value for key, value in cells.items()},
    }


def test_the_blank_sheet_shows_the_screen_template_with_today_as_date(browser, patient):
    page = page_of(browser, f"{ADD}?patient={patient.pk}")
    assert '<strong aria-current="true">Knee: muscle imbalance screen</strong>' in page
    assert in_main_sheet(page, "Knee extensor strength, left")
    assert in_main_sheet(page, "Knee extensor strength, right")
    assert not in_main_sheet(page, "Single-leg hop for distance, left")  # in "Knee: full" only
    assert f'value="{datetime.date.today():%Y-%m-%d}"' in page


def test_choosing_the_full_template_shows_every_test(browser, patient):
    full = ExamTemplate.objects.get(clinic=None, name="Knee: full")
    page = page_of(browser, f"{ADD}?patient={patient.pk}&template={full.pk}")
    assert MORE not in page  # nothing is left to add
    for mtype in catalogue.MEASUREMENT_TYPES.values():
        assert in_main_sheet(page, f"{mtype.label}, right"), mtype.label


def test_a_clinic_template_shows_its_tests_and_others_see_neither(browser, patient, clinic):
    mine = ExamTemplate.objects.create(
        clinic=clinic, name="Runners", codes=["single_leg_hop", "y_balance_anterior"]
    )
    page = page_of(browser, f"{ADD}?patient={patient.pk}&template={mine.pk}")
    assert '<strong aria-current="true">Runners</strong>' in page
    assert in_main_sheet(page, "Single-leg hop for distance, left")
    assert not in_main_sheet(page, "Knee extensor strength, left")
    assert in_main_sheet(page, "Knee extensor strength, left") is False
    assert 'aria-label="Knee extensor strength, left"' in page  # still there, to add


def test_a_clinic_template_is_made_in_the_admin_through_the_service(browser, clinic, clinician):
    response = browser.post(
        "/admin/assessments/examtemplate/add/",
        {"clinic": clinic.pk, "name": "Jumpers", "codes": ["single_leg_hop", "knee_to_wall"]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    made = ExamTemplate.objects.get(name="Jumpers")
    assert made.codes == ["knee_to_wall", "single_leg_hop"]  # the sheet's order
    assert AuditEvent.objects.filter(object_type="examtemplate", user=clinician).exists()


def test_an_extra_test_is_recorded_for_one_visit_only(browser, patient):
    data = sheet_post(patient, single_leg_hop_left="120", single_leg_hop_right="150")
    response = browser.post(f"{ADD}?patient={patient.pk}", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    visit = Assessment.objects.get()
    hops = {m.side: m.value for m in visit.measurements.filter(code="single_leg_hop")}
    assert hops == {"left": 120, "right": 150}
    change = page_of(browser, f"/admin/assessments/assessment/{visit.pk}/change/")
    assert in_main_sheet(change, "Single-leg hop for distance, left")
    assert "LSI 80.0 %" in change  # 120 / 150 = 0.800
    next_visit = page_of(browser, f"{ADD}?patient={patient.pk}")
    assert not in_main_sheet(next_visit, "Single-leg hop for distance, left")


def test_a_value_is_shown_as_typed_and_as_stored(browser, clinician, patient):
    visit = draft(clinician, patient, ("knee_extensor_strength", "left", Decimal("16.5"), "kgf"))
    page = page_of(browser, f"/admin/assessments/assessment/{visit.pk}/change/")
    # 16.5 kgf x 9.80665 N/kgf = 161.809725 N, shown to one decimal.
    assert "16.5 kgf (161.8 N)" in page
    assert 'name="sheet_knee_extensor_strength_left" value="16.5"' in page


def test_an_empty_cell_records_nothing_and_keeps_the_rest(browser, clinician, patient):
    visit = draft(clinician, patient, ("knee_to_wall", "left", 8), ("knee_to_wall", "right", 9))
    data = sheet_post(patient, knee_to_wall_left="8", knee_to_wall_right="")
    data["_continue"] = "1"
    response = browser.post(f"/admin/assessments/assessment/{visit.pk}/change/", data)
    assert response.status_code == 302
    assert [(m.code, m.side) for m in visit.measurements.all()] == [("knee_to_wall", "left")]


def test_torque_with_the_hand_held_method_names_the_isokinetic_methods(browser, patient):
    data = sheet_post(
        patient,
        knee_extensor_strength_left="120",
        knee_extensor_strength_unit="Nm",
        knee_extensor_strength_method="hhd_isometric",
    )
    page = html.unescape(browser.post(f"{ADD}?patient={patient.pk}", data).content.decode())
    assert "Torque in Nm needs an isokinetic method: Isokinetic concentric 60 deg/s" in page
    assert not Assessment.objects.exists()


def test_a_final_assessment_reads_in_clinical_words(browser, clinician, patient):
    visit = draft(
        clinician,
        patient,
        ("knee_extensor_strength", "left", Decimal("16.5"), "kgf"),
        ("ely_test", "right", True),
        pain_sites=["anterior", "medial"],
        pain_nprs=4,
    )
    services.assessment_finalize(assessment=visit, actor=clinician)
    page = page_of(browser, f"/admin/assessments/assessment/{visit.pk}/change/")
    assert "16.5 kgf (161.8 N)" in page
    assert "Handheld dynamometer, isometric" in page
    assert "Positive" in page
    assert "Front of knee, Inner knee" in page
    assert 'name="sheet_' not in page  # read-only: no inputs
    assert "None" not in page
    assert '["anterior"' not in page and "hhd_isometric" not in page
    assert "Amend" in page and "Finalize</button>" not in page


def test_print_handout_before_a_program_explains_instead_of_an_error(browser, clinician, patient):
    visit = draft(clinician, patient, ("knee_to_wall", "left", 8))
    url = f"/admin/assessments/assessment/{visit.pk}/print-handout/"
    response = browser.get(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/assessments/assessment/{visit.pk}/change/"
    assert "There is no home program to print yet. Press Propose program first" in (
        response.content.decode()
    )


def test_the_page_buttons_propose_finalize_and_amend_with_a_message(browser, clinician, patient):
    visit = draft(clinician, patient, ("knee_to_wall", "left", 8))
    base = f"/admin/assessments/assessment/{visit.pk}"
    page = browser.post(f"{base}/propose-program/", follow=True).content.decode()
    assert "Home program proposed from the findings" in page
    assert "Calf tightness (restricted ankle dorsiflexion)" in page  # the reason, by name
    assert f'href="/api/v1/assessments/{visit.pk}/handout.pdf"' in page
    assert "hold 0" not in page and "<td>0</td>" not in page  # positions start at 1
    page = browser.post(f"{base}/finalize/", follow=True).content.decode()
    assert "Assessment finalized" in page
    response = browser.post(f"{base}/amend/", follow=True)
    copy = Assessment.objects.get(amends=visit)
    assert response.redirect_chain[-1][0] == f"/admin/assessments/assessment/{copy.pk}/change/"
    assert "Amendment created" in response.content.decode()
    again = browser.post(f"{base}/amend/", follow=True).content.decode()
    assert "already has an open amendment" in again  # the service's message, as a message


def test_a_draft_is_archived_from_the_list_and_hidden_by_default(browser, clinician, patient):
    stray = draft(clinician, patient, ("knee_to_wall", "left", 8))
    kept = draft(clinician, patient, assessed_on=datetime.date(2026, 4, 1))
    response = browser.post(
        "/admin/assessments/assessment/",
        {"action": "archive_selected", "_selected_action": [stray.pk]},
    )
    assert response.status_code == 302
    stray.refresh_from_db()
    assert stray.archived_at is not None
    listing = browser.get("/admin/assessments/assessment/").content.decode()
    assert f"/admin/assessments/assessment/{kept.pk}/change/" in listing
    assert f"/admin/assessments/assessment/{stray.pk}/change/" not in listing
    archived = browser.get("/admin/assessments/assessment/?archived=yes").content.decode()
    assert f"/admin/assessments/assessment/{stray.pk}/change/" in archived


def test_the_patient_page_lists_visits_and_offers_a_new_assessment(browser, clinician, patient):
    visit = draft(clinician, patient, ("knee_to_wall", "left", 8))
    page = page_of(browser, f"/admin/patients/patient/{patient.pk}/change/")
    assert f'href="{ADD}?patient={patient.pk}" class="addlink">New assessment' in page
    assert "2 Mar 2026" in page and "Draft" in page
    assert "1 finding, 1 to decide" in page
    assert f"/admin/assessments/assessment/{visit.pk}/print-handout/" in page
    assert f"/api/v1/assessments/{visit.pk}/report.pdf" in page


def test_saving_a_new_patient_opens_their_page(browser, clinic):
    response = browser.post(
        "/admin/patients/patient/add/",
        {
            "clinic": clinic.pk,
            "first_name": "Zoë",
            "last_name": "Müller",
            "date_of_birth": "1990-05-01",
            "sex": "female",
            "affected_side": "left",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    made = clinic.patients.get(last_name="Müller")
    assert response["Location"] == f"/admin/patients/patient/{made.pk}/change/"


def test_pdf_downloads_are_named_by_last_name_and_date(api, clinician, clinic):
    patient = patient_create(
        actor=clinician,
        clinic=clinic,
        first_name="Zoë",
        last_name="Müller-Łukasiewicz",
        date_of_birth=datetime.date(1990, 5, 1),
        sex="female",
    )
    visit = draft(clinician, patient, ("knee_to_wall", "left", 8))
    response = api.get(f"/api/v1/assessments/{visit.pk}/report.pdf")
    expected = 'filename="report-muller-lukasiewicz-2026-03-02.pdf"'
    assert expected in response["Content-Disposition"]
