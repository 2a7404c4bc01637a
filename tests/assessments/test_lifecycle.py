"""Findings' lifecycle: recompute on every draft write, decisions kept, finalize, amend, flags."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from assessments import catalogue, services
from assessments.models import Finding
from patients.errors import Invalid
from patients.services import patient_update

DAY = datetime.date(2026, 3, 2)


def entry(code, side, value, unit=None):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value, unit))


def make(actor, patient, *entries, **fields):
    return services.assessment_create(
        actor=actor, patient=patient, assessed_on=DAY, measurements=list(entries), **fields
    )


def findings(assessment) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.side, f.severity, f.status) for f in assessment.findings.all()]


def test_findings_follow_every_draft_write(clinician, patient):
    assessment = make(clinician, patient, entry("knee_to_wall", "left", Decimal("8")))
    # 8 cm < 10 cm -> calf_tightness, mild (7 <= 8), grade C (2026.2) -> to_confirm
    assert findings(assessment) == [("calf_tightness", "left", "mild", "to_confirm")]
    services.assessment_update(
        actor=clinician, assessment=assessment, measurements=[entry("knee_to_wall", "left", 12)]
    )
    assert findings(assessment) == []


def test_a_decision_is_kept_while_the_finding_still_fires(clinician, patient):
    assessment = make(clinician, patient, entry("knee_to_wall", "left", Decimal("8")))
    first = assessment.findings.get()
    services.finding_decide(finding=first, actor=clinician, status="confirmed")
    services.assessment_update(
        actor=clinician, assessment=assessment, measurements=[entry("knee_to_wall", "left", 6)]
    )
    again = assessment.findings.get()
    # 6 cm < 7 cm -> moderate now; same finding row, the confirmation stands
    assert (again.pk, again.severity, again.status) == (first.pk, "moderate", "confirmed")
    assert again.decided_by == clinician


def test_grade_c_findings_wait_for_the_clinician(clinician, patient):
    assessment = make(clinician, patient, entry("trendelenburg_test", "right", True))
    assert findings(assessment) == [("pelvic_drop", "right", "moderate", "to_confirm")]


def test_a_red_flag_advises_referral(clinician, patient):
    assessment = make(clinician, patient, red_flags=["locked_knee"])
    referral = assessment.findings.get()
    assert (referral.code, referral.side, referral.severity, referral.evidence) == (
        "referral_advised",
        "",
        "urgent",
        "A",
    )
    assert "locked" in referral.explanation.lower()
    assert assessment.red_flags_uncleared


def test_metrics_are_stored_with_the_findings(clinician, patient):
    assessment = make(
        clinician,
        patient,
        entry("knee_extensor_strength", "left", Decimal("300")),
        entry("knee_flexor_strength", "left", Decimal("150")),
    )
    # 150 / 300 = 0.5: a hand-held ratio has no low cut-off since 2026.2, only the high one
    assert assessment.metrics == [
        {
            "code": "hamstring_quadriceps_ratio",
            "measurement": None,
            "side": "left",
            "value": "0.500000",
            "unit": None,
            "cutoffs": [
                {
                    "rule": "quadriceps_weak_relative_to_hamstrings",
                    "comparison": ">",
                    "value": "1.00",
                    "source": "ExpertModel",
                    "crossed": False,
                    "condition": "",
                }
            ],
            "crossed": False,
        }
    ]
    assert findings(assessment) == []


def test_dismissal_needs_a_note(clinician, patient):
    assessment = make(clinician, patient, entry("knee_to_wall", "left", Decimal("8")))
    finding = assessment.findings.get()
    with pytest.raises(Invalid) as caught:
        services.finding_decide(finding=finding, actor=clinician, status="dismissed", note=" ")
    assert "note" in caught.value.as_body()
    services.finding_decide(finding=finding, actor=clinician, status="dismissed", note="Old injury")
    assert Finding.objects.get(pk=finding.pk).status == "dismissed"


def test_finalize_freezes_findings_and_ruleset(clinician, colleague, patient):
    assessment = make(clinician, patient, entry("knee_to_wall", "left", Decimal("8")))
    services.assessment_finalize(assessment=assessment, actor=colleague)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.finalized_by, assessment.ruleset_version) == (
        "final",
        colleague,
        "2026.2",
    )
    with pytest.raises(services.AssessmentAlreadyFinal):
        services.assessment_finalize(assessment=assessment, actor=clinician)
    with pytest.raises(services.AssessmentIsFinal):
        services.assessment_update(actor=clinician, assessment=assessment, notes="x")
    with pytest.raises(services.AssessmentIsFinal):
        services.finding_decide(
            finding=assessment.findings.get(), actor=clinician, status="confirmed"
        )
    assert findings(assessment) == [("calf_tightness", "left", "mild", "to_confirm")]


def test_finalize_keeps_to_confirm_findings_as_they_are(clinician, patient):
    assessment = make(clinician, patient, entry("trendelenburg_test", "left", True))
    services.assessment_finalize(assessment=assessment, actor=clinician)
    assert assessment.findings.get().status == "to_confirm"


def test_a_final_assessment_is_not_recomputed_when_the_patient_changes(clinician, patient):
    assessment = make(clinician, patient, entry("single_leg_squat_fppa", "left", Decimal("10")))
    services.assessment_finalize(assessment=assessment, actor=clinician)
    patient_update(actor=clinician, patient=patient, sex="male")
    assert findings(assessment) == []


def test_a_drafts_findings_follow_the_patients_sex(clinician, patient):
    assessment = make(clinician, patient, entry("single_leg_squat_fppa", "left", Decimal("10")))
    assert findings(assessment) == []  # female: 10 is not above 12
    patient_update(actor=clinician, patient=patient, sex="male")
    # male: 10 > 9 -> dynamic knee valgus, moderate
    assert findings(assessment) == [("dynamic_knee_valgus", "left", "moderate", "proposed")]


def test_amend_copies_into_a_new_draft_and_carries_decisions(clinician, colleague, patient):
    original = make(
        clinician,
        patient,
        entry("knee_to_wall", "left", Decimal("8")),
        entry("trendelenburg_test", "left", True),
        notes="first look",
    )
    calf = original.findings.get(code="calf_tightness")
    services.finding_decide(finding=calf, actor=clinician, status="dismissed", note="Old sprain")
    with pytest.raises(services.AssessmentNotFinal):
        services.assessment_amend(assessment=original, actor=colleague)
    services.assessment_finalize(assessment=original, actor=clinician)
    copy = services.assessment_amend(assessment=original, actor=colleague)
    assert (copy.status, copy.amends, copy.clinician, copy.notes) == (
        "draft",
        original,
        colleague,
        "first look",
    )
    assert sorted(copy.measurements.values_list("code", flat=True)) == [
        "knee_to_wall",
        "trendelenburg_test",
    ]
    carried = copy.findings.get(code="calf_tightness")
    assert (carried.status, carried.note) == ("dismissed", "Old sprain")
    assert carried.pk != calf.pk
    assert copy.findings.get(code="pelvic_drop").status == "to_confirm"
    with pytest.raises(services.AmendmentAlreadyOpen):
        services.assessment_amend(assessment=original, actor=clinician)


def test_a_clearance_covers_the_flags_present_and_lapses_with_a_new_one(clinician, patient):
    assessment = make(clinician, patient, red_flags=["night_or_constant_pain"])
    with pytest.raises(Invalid):
        services.red_flags_clear(assessment=assessment, actor=clinician, reason="  ")
    services.red_flags_clear(assessment=assessment, actor=clinician, reason="GP reviewed: benign")
    assessment.refresh_from_db()
    assert not assessment.red_flags_uncleared
    with pytest.raises(services.NothingToClear):
        services.red_flags_clear(assessment=assessment, actor=clinician, reason="again")
    services.assessment_update(
        actor=clinician,
        assessment=assessment,
        red_flags=["night_or_constant_pain", "locked_knee"],
    )
    assessment.refresh_from_db()
    assert assessment.red_flags_uncleared


def test_red_flags_can_be_cleared_on_a_final_assessment(clinician, patient):
    assessment = make(clinician, patient, red_flags=["history_of_cancer"])
    services.assessment_finalize(assessment=assessment, actor=clinician)
    services.red_flags_clear(
        assessment=assessment, actor=clinician, reason="Oncology: in remission"
    )
    assessment.refresh_from_db()
    assert assessment.red_flags_cleared_by == clinician
    assert assessment.red_flags_cleared_for == ["history_of_cancer"]


def test_explain_assessment_prints_metrics_findings_and_sources(clinician, patient):
    assessment = make(
        clinician,
        patient,
        entry("hip_abductor_strength", "left", Decimal("150")),
        entry("hip_abductor_strength", "right", Decimal("200")),
    )
    out = io.StringIO()
    call_command("explain_assessment", str(assessment.pk), stdout=out)
    text = out.getvalue()
    # LSI = 150 / 200 x 100 = 75 % -> hip_abductor_weakness on the left, moderate (70-80)
    assert "limb_symmetry_index hip_abductor_strength: 75" in text
    assert "hip_abductor_weakness (left): moderate" in text
    assert "Robinson" in text or "Grindem" in text
    fresh = io.StringIO()
    call_command("explain_assessment", str(assessment.pk), "--fresh", stdout=fresh)
    assert "hip_abductor_weakness (left): moderate" in fresh.getvalue()


def test_explain_assessment_unknown_id_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No assessment with id 424242"):
        call_command("explain_assessment", "424242")
