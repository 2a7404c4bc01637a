"""The admin as a clinician uses it: scoped lists, data entry, clear errors, audit of reads."""

from __future__ import annotations

import datetime
import html

import pytest
from django.test import Client

from assessments import catalogue, services
from assessments.models import Assessment
from patients.models import AuditEvent
from tests.conftest import PASSWORD
from tests.factories import PatientFactory


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


def draft(clinician, patient, *readings, **fields):
    """A draft through the real write path; readings are (code, side, value)."""
    return services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=datetime.date(2026, 3, 2),
        measurements=[
            services.MeasurementEntry(catalogue.normalize_measurement(*reading))
            for reading in readings
        ],
        **fields,
    )


def inline_management(prefix: str = "measurements", total: int = 1) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def assessment_post(patient, **rows) -> dict:
    """The exam sheet as a browser posts it: one cell per test and side, unit beside it."""
    data = {
        "patient": patient.pk,
        "assessed_on": "2026-03-02",
        "body_mass_kg": "70",
        "pain_nprs": "4",
        "pain_sites": ["anterior"],
        **inline_management("findings", total=0),
    }
    for code, (side, reading, unit) in rows.items():
        data[f"sheet_{code}_{side}"] = reading
        if unit:
            data[f"sheet_{code}_unit"] = unit
    return data


def test_patient_list_shows_only_own_clinic(browser, patient, other_clinic):
    PatientFactory(clinic=other_clinic, last_name="Foreigner")
    page = browser.get("/admin/patients/patient/").content.decode()
    assert patient.last_name in page
    assert "Foreigner" not in page


def test_another_clinics_patient_is_not_found_in_admin(browser, other_clinic):
    foreign = PatientFactory(clinic=other_clinic)
    response = browser.get(f"/admin/patients/patient/{foreign.pk}/change/")
    assert response.status_code == 404  # as in the API: ids outside the clinic are not found


def test_patient_search_and_archived_filter(browser, clinic, clinician):
    PatientFactory(clinic=clinic, last_name="Okafor")
    archived = PatientFactory(clinic=clinic, last_name="Gone")
    from patients.services import patient_archive

    patient_archive(actor=clinician, patient=archived)
    assert "Okafor" in browser.get("/admin/patients/patient/?q=okaf").content.decode()
    default_list = browser.get("/admin/patients/patient/").content.decode()
    assert "Gone" not in default_list
    assert "Gone" in browser.get("/admin/patients/patient/?archived=yes").content.decode()


def test_clinician_cannot_delete_patients_in_admin(browser, patient):
    response = browser.get(f"/admin/patients/patient/{patient.pk}/delete/")
    assert response.status_code == 403


def test_assessment_with_measurements_is_entered_in_clinical_words(browser, patient, clinician):
    data = assessment_post(
        patient,
        knee_extensor_strength=("left", "30", "kgf"),
        ely_test=("right", "positive", ""),
    )
    response = browser.post("/admin/assessments/assessment/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = Assessment.objects.get()
    assert made.clinician == clinician
    strength = made.measurements.get(code="knee_extensor_strength")
    assert strength.entered_unit == "kgf" and strength.unit == "N"
    assert made.measurements.get(code="ely_test").positive is True


def test_out_of_range_reading_is_a_clear_message_and_nothing_is_saved(browser, patient):
    data = assessment_post(patient, knee_to_wall=("left", "40", ""))
    response = browser.post("/admin/assessments/assessment/add/", data)
    assert response.status_code == 200
    assert (
        "Knee-to-wall (weight-bearing lunge) (left) must be a number from 0 to 25 cm"
        in response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_a_word_for_a_number_is_a_clear_message(browser, patient):
    data = assessment_post(patient, knee_to_wall=("left", "ten", ""))
    response = browser.post("/admin/assessments/assessment/add/", data)
    page = html.unescape(response.content.decode())
    assert "Knee-to-wall (weight-bearing lunge) (left) needs a number from 0 to 25 cm" in page
    assert 'you entered "ten".' in page


def test_opening_a_patient_in_admin_is_audited(browser, patient, clinician):
    browser.get(f"/admin/patients/patient/{patient.pk}/change/")
    assert AuditEvent.objects.filter(
        user=clinician, patient=patient, action="view", channel="admin"
    ).exists()


def test_listing_patients_in_admin_is_audited(browser, patient, clinician):
    browser.get("/admin/patients/patient/")
    assert AuditEvent.objects.filter(user=clinician, patient=patient, action="list").exists()


def test_final_assessment_is_read_only_in_admin(browser, patient, clinician):
    from django.utils import timezone

    made = Assessment.objects.create(
        patient=patient,
        clinic=patient.clinic,
        clinician=clinician,
        assessed_on=datetime.date(2026, 3, 2),
        status="final",
        finalized_at=timezone.now(),
        finalized_by=clinician,
    )
    data = assessment_post(patient)
    data["notes"] = "sneaky change"
    browser.post(f"/admin/assessments/assessment/{made.pk}/change/", data)
    made.refresh_from_db()
    assert made.notes == ""


def test_clinician_confirms_and_dismisses_findings_in_admin(browser, patient, clinician):
    made = draft(clinician, patient, ("knee_to_wall", "left", 8))
    finding = made.findings.get()
    page = browser.get(f"/admin/assessments/assessment/{made.pk}/change/").content.decode()
    assert "Ferber" not in page and "Bennell" in page  # the source is shown beside the finding
    data = assessment_post(patient, knee_to_wall=("left", "8", ""))
    data.update(
        {
            "findings-TOTAL_FORMS": "1",
            "findings-INITIAL_FORMS": "1",
            "findings-0-id": finding.pk,
            "findings-0-assessment": made.pk,
            "findings-0-status": "dismissed",
            "findings-0-note": "",
        }
    )
    response = browser.post(f"/admin/assessments/assessment/{made.pk}/change/", data)
    assert "A dismissal needs a note saying why." in response.content.decode()
    data["findings-0-note"] = "Old ankle sprain"
    response = browser.post(f"/admin/assessments/assessment/{made.pk}/change/", data)
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.status, finding.note, finding.decided_by) == (
        "dismissed",
        "Old ankle sprain",
        clinician,
    )


def test_clinician_records_a_red_flag_clearance_in_admin(browser, patient, clinician):
    made = draft(clinician, patient, red_flags=["night_or_constant_pain"])
    services.assessment_finalize(assessment=made, actor=clinician)  # allowed on a final one
    page = browser.get(f"/admin/assessments/assessment/{made.pk}/change/").content.decode()
    assert "Record a clearance" in page
    url = f"/admin/assessments/assessment/{made.pk}/clear-red-flags/"
    form = browser.get(url).content.decode()
    assert "Night or constant pain not eased by rest" in form
    assert browser.post(url, {"reason": ""}).status_code == 200  # the form asks again
    made.refresh_from_db()
    assert made.red_flags_uncleared
    response = browser.post(url, {"reason": "GP review: mechanical pain"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert not made.red_flags_uncleared
    assert made.red_flags_cleared_by == clinician


def test_outsider_cannot_clear_another_clinics_red_flags(outsider, patient, clinician):
    made = draft(clinician, patient, red_flags=["locked_knee"])
    client = Client()
    assert client.login(username=outsider.username, password=PASSWORD)
    url = f"/admin/assessments/assessment/{made.pk}/clear-red-flags/"
    assert client.post(url, {"reason": "no"}).status_code == 404
    made.refresh_from_db()
    assert made.red_flags_uncleared


def test_the_sheet_has_one_cell_per_test_and_side_so_nothing_is_recorded_twice(browser, patient):
    page = browser.get(f"/admin/assessments/assessment/add/?patient={patient.pk}").content.decode()
    assert page.count('aria-label="Knee-to-wall (weight-bearing lunge), left"') == 1
    assert page.count('name="sheet_knee_to_wall_left"') == 1


def test_a_note_without_a_decision_is_a_clear_message_not_an_error(browser, patient, clinician):
    made = draft(clinician, patient, ("knee_to_wall", "left", 8))
    finding = made.findings.get()  # grade C since 2026.2: to_confirm
    data = assessment_post(patient, knee_to_wall=("left", "8", ""))
    data.update(
        {
            "findings-TOTAL_FORMS": "1",
            "findings-INITIAL_FORMS": "1",
            "findings-0-id": finding.pk,
            "findings-0-assessment": made.pk,
            "findings-0-status": "to_confirm",
            "findings-0-note": "check again next visit",
        }
    )
    response = browser.post(f"/admin/assessments/assessment/{made.pk}/change/", data)
    assert response.status_code == 200
    assert "Confirm or dismiss the finding" in response.content.decode()
    finding.refresh_from_db()
    assert (finding.status, finding.note) == ("to_confirm", "")


def test_admin_filters_name_no_other_clinics_users_or_clinics(browser, patient, outsider):
    page = browser.get("/admin/assessments/assessment/").content.decode()
    assert outsider.username not in page
    page = browser.get("/admin/patients/patient/").content.decode()
    assert outsider.memberships.get().clinic.name not in page


def test_changing_sex_in_admin_recomputes_draft_findings(browser, patient, clinician):
    made = draft(clinician, patient, ("single_leg_squat_fppa", "left", 11))
    assert not made.findings.exists()  # female: 11 is not above 12
    response = browser.post(
        f"/admin/patients/patient/{patient.pk}/change/",
        {
            "clinic": patient.clinic_id,
            "first_name": patient.first_name,
            "last_name": patient.last_name,
            "date_of_birth": patient.date_of_birth.isoformat(),
            "sex": "male",
            "affected_side": "both",
        },
    )
    assert response.status_code == 302
    # male: 11 > 9 -> dynamic knee valgus
    assert list(made.findings.values_list("code", flat=True)) == ["dynamic_knee_valgus"]


def test_copy_a_shipped_exercise_to_the_clinic_in_admin(browser, clinic):
    from reports.models import Exercise

    shipped = Exercise.objects.get(code="clamshell", clinic=None)
    assert browser.get(f"/admin/reports/exercise/{shipped.pk}/change/").status_code == 200
    response = browser.post(
        "/admin/reports/exercise/",
        {
            "action": "copy_for_my_clinic",
            "_selected_action": [shipped.pk],
        },
    )
    assert response.status_code == 302
    copy = Exercise.objects.get(code="clamshell", clinic=clinic)
    assert (copy.based_on, copy.reps) == (shipped, shipped.reps)
    page = browser.get(f"/admin/reports/exercise/{copy.pk}/change/").content.decode()
    assert 'name="reps"' in page  # the copy is editable; the shipped one is read-only
    assert (
        'name="reps"'
        not in browser.get(f"/admin/reports/exercise/{shipped.pk}/change/").content.decode()
    )
