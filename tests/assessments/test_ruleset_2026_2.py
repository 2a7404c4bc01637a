"""Ruleset 2026.2 through the record: decisions recompute combined findings, retired rules,
final 2026.1 assessments keep what they were frozen with, amend moves to 2026.2, tiers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessments import catalogue, services
from assessments.models import Assessment, Finding, FindingStatus
from tests.pdf_text import pdf_lines

DAY = datetime.date(2026, 3, 2)


def entry(code, side, value):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def make(actor, patient, *entries, **fields):
    return services.assessment_create(
        actor=actor, patient=patient, assessed_on=DAY, measurements=list(entries), **fields
    )


def codes(assessment) -> list[tuple[str, str]]:
    return [(f.code, f.side) for f in assessment.findings.all()]


@pytest.fixture
def tight_and_weak(clinician, patient):
    # thomas hip 8 deg (moderate hip flexor tightness, left) and hip extensor 80 / 100 = 80 %
    return make(
        clinician,
        patient,
        entry("thomas_hip_angle", "left", Decimal("8")),
        entry("hip_extensor_strength", "left", Decimal("80")),
        entry("hip_extensor_strength", "right", Decimal("100")),
    )


def test_dismissing_a_part_removes_the_combined_finding_at_once(tight_and_weak, clinician):
    assert ("hip_flexor_glute_imbalance", "left") in codes(tight_and_weak)
    part = tight_and_weak.findings.get(code="hip_flexor_tightness")
    services.finding_decide(finding=part, actor=clinician, status="dismissed", note="Old injury")
    assert ("hip_flexor_glute_imbalance", "left") not in codes(tight_and_weak)
    # the dismissed part stays, with its decision
    kept = tight_and_weak.findings.get(code="hip_flexor_tightness")
    assert (kept.pk, kept.status, kept.note) == (part.pk, "dismissed", "Old injury")
    # confirming it again brings the combination back
    services.finding_decide(finding=kept, actor=clinician, status="confirmed")
    assert ("hip_flexor_glute_imbalance", "left") in codes(tight_and_weak)


def test_a_dismissal_survives_later_writes_and_keeps_the_combination_away(
    tight_and_weak, clinician
):
    part = tight_and_weak.findings.get(code="hip_extensor_weakness")
    services.finding_decide(finding=part, actor=clinician, status="dismissed", note="Pain")
    services.assessment_update(actor=clinician, assessment=tight_and_weak, notes="later")
    assert ("hip_flexor_glute_imbalance", "left") not in codes(tight_and_weak)


def test_retired_rules_do_not_fire_but_their_metrics_are_stored(clinician, patient):
    assessment = make(
        clinician,
        patient,
        # adductor 120 / abductor 200 = 0.60 (fired hip_adductor_weakness in 2026.1)
        entry("hip_adductor_strength", "left", Decimal("120")),
        entry("hip_abductor_strength", "left", Decimal("200")),
        # hand-held H:Q 120 / 300 = 0.40 (fired the hand-held branch in 2026.1)
        entry("knee_flexor_strength", "right", Decimal("120")),
        entry("knee_extensor_strength", "right", Decimal("300")),
    )
    assert codes(assessment) == []
    stored = {(m["code"], m["side"]): m for m in assessment.metrics}
    assert Decimal(stored["adductor_abductor_ratio", "left"]["value"]) == Decimal("0.6")
    assert stored["adductor_abductor_ratio", "left"]["cutoffs"] == []
    assert Decimal(stored["hamstring_quadriceps_ratio", "right"]["value"]) == Decimal("0.4")
    assert stored["hamstring_quadriceps_ratio", "right"]["crossed"] is False


@pytest.fixture
def legacy(clinician, patient) -> Assessment:
    """A final assessment as 2026.1 froze it: a hip adductor and a hand-held H:Q finding."""
    assessment = make(
        clinician,
        patient,
        entry("hip_adductor_strength", "left", Decimal("120")),
        entry("hip_abductor_strength", "left", Decimal("200")),
        entry("knee_flexor_strength", "right", Decimal("120")),
        entry("knee_extensor_strength", "right", Decimal("300")),
    )
    services.assessment_finalize(assessment=assessment, actor=clinician)
    # Finalizing recomputes the draft, so the frozen 2026.1 state is written after it, as a
    # database migrated from 2026.1 holds it.
    Assessment.objects.filter(pk=assessment.pk).update(ruleset_version="2026.1")
    for code, side, source, value, threshold in (
        ("hip_adductor_weakness", "left", "Tyler2001", "0.6", "0.80"),
        ("hamstring_quadriceps_ratio_low", "right", "HHD-HQ", "0.4", "0.50"),
    ):
        Finding.objects.create(
            assessment=assessment,
            code=code,
            side=side,
            severity="moderate",
            evidence="C",
            status=FindingStatus.TO_CONFIRM,
            value=Decimal(value),
            threshold=Decimal(threshold),
            explanation=f"{code} as frozen under 2026.1.",
            patient_text="Frozen text.",
            source=source,
            strategies=[],
        )
    assessment.refresh_from_db()
    return assessment


def test_a_final_2026_1_assessment_still_shows_its_retired_findings_with_sources(api, legacy):
    data = api.get(f"/api/v1/assessments/{legacy.pk}/").json()
    assert (data["status"], data["ruleset_version"]) == ("final", "2026.1")
    by_code = {f["code"]: f for f in data["findings"]}
    adductor = by_code["hip_adductor_weakness"]
    assert adductor["title"] == "Hip adductor weakness (low adductor:abductor ratio)"
    assert adductor["reference"].startswith("Tyler TF et al 2001, Am J Sports Med 29:124")
    assert adductor["value_text"] == "0.60"
    hq = by_code["hamstring_quadriceps_ratio_low"]
    assert "J Hum Kinet" in hq["reference"]
    text = pdf_lines(api.get(f"/api/v1/assessments/{legacy.pk}/report.pdf").content)
    assert "Hip adductor weakness" in text
    assert "Tyler TF et al 2001" in text
    assert "ruleset 2026.1" in text


def test_amend_recomputes_on_2026_2(api, legacy):
    response = api.post(f"/api/v1/assessments/{legacy.pk}/amend/")
    assert response.status_code == 201
    data = response.json()
    assert data["ruleset_version"] == "2026.2"
    assert [f["code"] for f in data["findings"]] == []  # both retired: nothing fires now
    assert {m["code"] for m in data["metrics"]} >= {
        "adductor_abductor_ratio",
        "hamstring_quadriceps_ratio",
    }
    # the final assessment is unchanged
    assert legacy.findings.filter(code="hip_adductor_weakness").exists()


@pytest.mark.parametrize(
    ("flags", "tier"),
    [
        ([], None),
        (["history_of_cancer"], "routine"),
        (["history_of_cancer", "locked_knee"], "urgent"),
        (["locked_knee", "hot_swollen_joint"], "emergency"),
    ],
)
def test_referral_tier_on_the_assessment_and_the_finding(api, patient, flags, tier):
    response = api.post(
        "/api/v1/assessments/",
        {"patient": patient.pk, "assessed_on": "2026-03-02", "red_flags": flags},
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["referral_tier"] == tier
    referral = [f for f in data["findings"] if f["code"] == "referral_advised"]
    assert [f["referral_tier"] for f in referral] == ([tier] if tier else [])


def test_the_api_accepts_the_old_neurological_loss_code_and_stores_the_new_one(api, patient):
    response = api.post(
        "/api/v1/assessments/",
        {"patient": patient.pk, "assessed_on": "2026-03-02", "red_flags": ["neurological_loss"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["red_flags"] == ["progressive_neurological_loss"]
    assert response.json()["referral_tier"] == "urgent"


def test_an_old_record_with_neurological_loss_still_reads(api, clinician, patient):
    assessment = make(clinician, patient)
    Assessment.objects.filter(pk=assessment.pk).update(red_flags=["neurological_loss"])
    assessment.refresh_from_db()
    assessment.full_clean()  # still valid
    services.assessment_recompute(assessment=assessment)
    data = api.get(f"/api/v1/assessments/{assessment.pk}/").json()
    assert data["red_flags"] == ["neurological_loss"]
    assert data["referral_tier"] == "urgent"
    (referral,) = data["findings"]
    assert "Progressive neurological loss" in referral["explanation"]
