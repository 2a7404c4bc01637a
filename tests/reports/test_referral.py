"""Red flags through the record: every code's tier, the handout's notice for that tier and
the referral letter's content (read back with pypdf)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client

from assessments import catalogue, services
from tests.assessments.rules.test_rules_red_flags import TIERS
from tests.conftest import PASSWORD
from tests.pdf_text import pdf_words

DAY = datetime.date(2026, 3, 2)
# The handout's notice per tier, as the patient reads it (written out by hand).
NOTICE = {
    "emergency": "Please go to an emergency department today",
    "urgent": "Please see a doctor within the next few days",
    "routine": "Please see your doctor before you start these exercises",
}
# The letter's urgency line per tier.
URGENCY = {
    "emergency": "EMERGENCY: please assess today",
    "urgent": "URGENT: please assess within a few days",
    "routine": "ROUTINE: please review before the patient starts an exercise program",
}


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


def flagged(clinician, patient, *flags, measurements=()):
    return services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        red_flags=list(flags),
        pain_nprs=6,
        measurements=list(measurements),
    )


@pytest.mark.parametrize(("flag", "tier"), sorted(TIERS.items()))
def test_every_red_flag_has_its_tier_notice_and_letter(api, clinician, patient, flag, tier):
    assessment = flagged(clinician, patient, flag)
    data = api.get(f"/api/v1/assessments/{assessment.pk}/").json()
    assert data["referral_tier"] == tier
    (referral,) = data["findings"]
    assert (referral["code"], referral["referral_tier"]) == ("referral_advised", tier)

    handout = pdf_words(api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content)
    assert NOTICE[tier] in handout
    for other in set(NOTICE) - {tier}:
        assert NOTICE[other] not in handout
    assert " ".join(catalogue.RED_FLAG_PATIENT_WORDS[flag].split()) in handout
    assert "Your exercises" not in handout

    response = api.get(f"/api/v1/assessments/{assessment.pk}/referral.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    letter = pdf_words(response.content)
    assert "Referral for medical assessment" in letter
    assert URGENCY[tier] in letter
    assert f"{catalogue.RED_FLAGS[flag]} ({tier})" in letter
    assert patient.full_name in letter
    assert patient.clinic.name in letter
    assert "Reply from the doctor" in letter


def test_the_letter_gives_the_assessment_in_brief_and_how_to_reach_the_clinician(
    api, clinician, patient
):
    clinician.email = "maria@clinic.example"
    clinician.save()
    patient.clinic.phone = "0117 496 0000"
    patient.clinic.save()
    entry = services.MeasurementEntry(
        catalogue.normalize_measurement("knee_to_wall", "left", Decimal("8"))
    )
    assessment = flagged(
        clinician, patient, "history_of_cancer", "locked_knee", measurements=[entry]
    )
    letter = pdf_words(api.get(f"/api/v1/assessments/{assessment.pk}/referral.pdf").content)
    # the most urgent tier of the two flags leads
    assert URGENCY["urgent"] in letter
    assert "History of cancer (routine)" in letter
    assert "Locked knee (urgent)" in letter
    # findings and measurements in brief: 8 cm < 10 cm
    assert "Calf tightness (restricted ankle dorsiflexion) (left): 8 cm" in letter
    assert "Knee-to-wall" in letter
    assert "6/10" in letter  # pain
    assert "maria@clinic.example" in letter
    assert "0117 496 0000" in letter
    assert "Cleared for exercise" in letter


def test_no_red_flags_no_letter(api, clinician, patient):
    assessment = flagged(clinician, patient)
    response = api.get(f"/api/v1/assessments/{assessment.pk}/referral.pdf")
    assert response.status_code == 409
    assert "no red flags" in response.json()["detail"]


def test_an_outsider_gets_no_letter(outsider_api, clinician, patient):
    assessment = flagged(clinician, patient, "locked_knee")
    assert outsider_api.get(f"/api/v1/assessments/{assessment.pk}/referral.pdf").status_code == 404


def test_the_handout_names_the_clinics_emergency_number(api, clinician, patient):
    patient.clinic.emergency_phone = "112"
    patient.clinic.save()
    assessment = flagged(clinician, patient, "calf_swelling_or_tenderness")
    handout = pdf_words(api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content)
    assert "Go to an emergency department today, or call 112." in handout


def test_the_admin_assessment_page_links_the_referral_letter(browser, clinician, patient):
    assessment = flagged(clinician, patient, "locked_knee")
    page = browser.get(f"/admin/assessments/assessment/{assessment.pk}/change/")
    assert f"/api/v1/assessments/{assessment.pk}/referral.pdf" in page.content.decode()
    plain = flagged(clinician, patient)
    page = browser.get(f"/admin/assessments/assessment/{plain.pk}/change/")
    assert "referral.pdf" not in page.content.decode()


def test_the_admin_shows_each_flag_with_its_tier_and_an_old_alias_as_its_new_code(
    browser, clinician, patient
):
    from assessments.models import Assessment

    assessment = flagged(clinician, patient)
    Assessment.objects.filter(pk=assessment.pk).update(red_flags=["neurological_loss"])
    page = browser.get(f"/admin/assessments/assessment/{assessment.pk}/change/").content.decode()
    assert "Locked knee (urgent)" in page
    assert "History of cancer (routine)" in page
    assert re.search(r'value="progressive_neurological_loss" id="[^"]+" checked', page)
