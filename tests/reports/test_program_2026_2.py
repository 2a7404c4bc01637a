"""Program 2026.2 through the record: sides and headings, decisions, high pain, the catalogue
migration (exercises.md, rules.md "The program")."""

from __future__ import annotations

import datetime
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from pypdf import PdfReader

from assessments import catalogue, services
from reports import services as report_services
from reports.exercise_catalogue import EXERCISES
from reports.models import Exercise

DAY = datetime.date(2026, 3, 2)
DASH = "\N{EN DASH}"


def entry(code, side, value):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def make(clinician, patient, *entries, **fields):
    return services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY, measurements=list(entries), **fields
    )


def confirm_all(assessment, actor):
    for finding in assessment.findings.all():
        services.finding_decide(finding=finding, actor=actor, status="confirmed")


def propose(assessment, actor) -> list[tuple[str, str, list[str], str]]:
    program = report_services.home_program_propose(assessment=assessment, actor=actor)
    return [(i.exercise.code, i.side, i.reason, i.notes) for i in program.items.all()]


def handout(api, assessment) -> str:
    content = api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf").content
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_a_two_leg_exercise_from_a_one_sided_finding_has_no_side(api, clinician, patient):
    # hip extensor 80 / 100: left weaker (grade B, proposed)
    assessment = make(
        clinician,
        patient,
        entry("hip_extensor_strength", "left", Decimal("80")),
        entry("hip_extensor_strength", "right", Decimal("100")),
    )
    assert propose(assessment, clinician) == [
        ("glute_bridge", "both", ["hip_extensor_weakness"], ""),
        ("split_squat", "left", ["hip_extensor_weakness"], ""),
    ]
    text = handout(api, assessment)
    assert "1. Glute bridge 1. Lie on your back" in text  # no side in the heading
    assert f"Glute bridge {DASH}" not in text
    assert f"2. Split squat holding a chair {DASH} Left leg" in text
    assert "To help with weaker buttock muscles." in text


def test_one_sided_single_leg_stance_has_no_switch_legs_step(api, clinician, patient):
    assessment = make(clinician, patient, entry("trendelenburg_test", "right", True))
    confirm_all(assessment, clinician)  # pelvic_drop is grade C: it drives once confirmed
    items = propose(assessment, clinician)
    assert ("single_leg_stance", "right", ["pelvic_drop"], "") in items
    text = handout(api, assessment)
    assert f"Single-leg stand, hips level {DASH} Right leg" in text
    assert "switch legs" not in text.lower()
    assert "Then do the same with the other leg." not in text


def test_single_leg_stance_on_both_sides_says_then_the_other_leg(api, clinician, patient):
    assessment = make(
        clinician,
        patient,
        entry("trendelenburg_test", "left", True),
        entry("trendelenburg_test", "right", True),
    )
    confirm_all(assessment, clinician)
    assert ("single_leg_stance", "both", ["pelvic_drop"], "") in propose(assessment, clinician)
    text = handout(api, assessment)
    assert f"Single-leg stand, hips level {DASH} On each leg" in text
    assert "Then do the same with the other leg." in text


def test_dismissing_hip_flexor_tightness_removes_the_combination_and_its_stretch(
    clinician, patient
):
    assessment = make(
        clinician,
        patient,
        entry("thomas_hip_angle", "left", Decimal("8")),
        entry("hip_extensor_strength", "left", Decimal("80")),
        entry("hip_extensor_strength", "right", Decimal("100")),
    )
    confirm_all(assessment, clinician)
    codes = [f.code for f in assessment.findings.all()]
    assert "hip_flexor_glute_imbalance" in codes
    stretch = ("standing_hip_flexor_stretch", "left")
    before = propose(assessment, clinician)
    assert stretch in [(code, side) for code, side, _, _ in before]
    tight = assessment.findings.get(code="hip_flexor_tightness")
    services.finding_decide(
        finding=tight, actor=clinician, status="dismissed", note="Long-standing, not relevant"
    )
    assert "hip_flexor_glute_imbalance" not in [f.code for f in assessment.findings.all()]
    after = propose(assessment, clinician)
    assert stretch not in [(code, side) for code, side, _, _ in after]
    bridge = next(item for item in after if item[0] == "glute_bridge")
    assert bridge[2] == ["hip_extensor_weakness"]  # the combination's reason is gone too


def test_pain_8_starts_wall_squat_as_quad_set(api, clinician, patient):
    assessment = make(clinician, patient, pain_nprs=8)
    items = propose(assessment, clinician)
    assert items == [
        ("quad_set", "both", [], "Start easy: pain is high"),
        ("glute_bridge", "both", [], ""),
    ]
    program = assessment.home_program
    quad_set = program.items.get(exercise__code="quad_set")
    # the easier exercise's own default dosage (exercises.md: 4 x 10, hold 10 s, daily)
    assert (quad_set.sets, quad_set.reps, quad_set.hold_seconds, quad_set.per_week) == (
        4,
        10,
        10,
        7,
    )
    text = handout(api, assessment)
    assert "Start easy: pain is high" in text
    assert "We added it because it is recommended for knee pain in general." in text


def test_a_clinic_exercise_names_its_own_easier_step(api, clinician, patient):
    clinic = patient.clinic
    own = report_services.exercise_create(
        clinic=clinic,
        actor=clinician,
        code="chair_sit_to_stand",
        name="Sit to stand from a chair",
        kind="strengthen",
        sets=3,
        reps=8,
        per_week=3,
        steps=["Sit on a firm chair.", "Stand up slowly.", "Sit down slowly."],
        cue="Use your hands if you need to.",
    )
    wall_squat = Exercise.objects.get(clinic=None, code="wall_squat")
    report_services.exercise_update(
        exercise=wall_squat, clinic=clinic, actor=clinician, easier=own.code
    )
    assessment = make(clinician, patient, pain_nprs=9)
    assert propose(assessment, clinician)[0][:2] == ("chair_sit_to_stand", "both")


# The catalogue migration


def test_the_2026_2_catalogue_is_in_the_database(db):
    shipped = {e.code: e for e in Exercise.objects.shipped()}
    assert set(shipped) == set(EXERCISES)
    for code, spec in EXERCISES.items():
        row = shipped[code]
        assert (row.name, row.one_leg, row.easier, row.harder) == (
            spec.name,
            spec.one_leg,
            spec.easier,
            spec.harder,
        ), code
        assert row.steps == list(spec.steps), code
        assert row.cue == spec.cue, code
    assert "VMO" not in " ".join(e.targets for e in shipped.values())


def test_the_migration_updates_shipped_rows_and_leaves_clinic_copies(clinic, clinician):
    migration = importlib.import_module("reports.migrations.0007_catalogue_2026_2")
    shipped = Exercise.objects.get(clinic=None, code="wall_squat")
    copy = report_services.exercise_update(
        exercise=shipped, clinic=clinic, actor=clinician, steps=["My own step."]
    )
    Exercise.objects.filter(pk=shipped.pk).update(steps=["old text"], easier="")
    Exercise.objects.filter(code="split_squat", clinic=None).delete()
    migration.update_shipped(django_apps, None)
    shipped.refresh_from_db()
    copy.refresh_from_db()
    assert shipped.steps == list(EXERCISES["wall_squat"].steps)
    assert shipped.easier == "quad_set"
    assert "Go no lower than about halfway to sitting." in shipped.steps
    assert copy.steps == ["My own step."]  # the clinic's copy is untouched
    assert Exercise.objects.filter(clinic=None, code="split_squat").exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("lunge", ("chair or wall", "only part of the way", "before your kneecap hurts")),
        ("split_squat", ("chair or wall", "only part of the way", "before your kneecap hurts")),
        ("step_down", ("about 10 cm", "about 17 cm")),
        ("wall_squat", ("halfway to sitting",)),
        ("hamstring_curl", ("last 2 or 3", "good form", "Rest a day")),
        ("seated_knee_extension", ("last 2 or 3", "good form", "Rest a day")),
        ("banded_clamshell", ("last 2 or 3", "good form", "Rest a day")),
        ("leg_press", ("last 2 or 3", "good form", "Rest a day")),
        ("kneeling_hip_flexor_stretch", ("cushion", "standing stretch instead")),
        ("standing_quad_stretch", ("kneecap hurts", "lying stretch with a strap")),
        ("foam_roll_calves", ("swollen, warm or tender", "medical advice today")),
    ],
)
def test_exercise_texts_say_what_exercises_md_requires(code, words):
    spec = EXERCISES[code]
    text = " ".join((*spec.steps, spec.cue))
    for word in words:
        assert word in text, (code, word)
    assert "switch legs" not in text.lower()


def test_a_ladder_step_must_be_another_exercise_of_the_clinic(api):
    bridge = api.get("/api/v1/exercises/?search=Glute bridge").json()["results"][0]
    response = api.patch(
        f"/api/v1/exercises/{bridge['id']}/", {"easier": "no_such_thing"}, format="json"
    )
    assert response.status_code == 400
    assert "easier" in response.json()
    response = api.patch(
        f"/api/v1/exercises/{bridge['id']}/", {"easier": "quad_set"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["easier"], response.json()["harder"]) == (
        "quad_set",
        "single_leg_bridge",
    )


def test_no_last_step_says_rest_a_day_before_the_other_leg():
    # A one-leg exercise on both sides prints "Then do the same with the other leg." after its
    # last step: a last step "Rest a day ..." would read as "rest a day, then the other leg".
    one_leg = {code: spec for code, spec in EXERCISES.items() if spec.one_leg}
    assert len(one_leg) > 10
    for code, spec in one_leg.items():
        assert "rest a day" not in spec.steps[-1].lower(), code


def test_the_2026_12_texts_update_shipped_rows_and_leave_clinic_copies(clinic, clinician):
    migration = importlib.import_module("reports.migrations.0011_catalogue_texts_2026_12")
    shipped = Exercise.objects.get(clinic=None, code="banded_clamshell")
    copy = report_services.exercise_update(
        exercise=shipped, clinic=clinic, actor=clinician, cue="Our own cue."
    )
    Exercise.objects.filter(pk=shipped.pk).update(steps=["old text"], cue="old cue")
    migration.update_shipped(django_apps, None)
    shipped.refresh_from_db()
    copy.refresh_from_db()
    assert shipped.steps == list(EXERCISES["banded_clamshell"].steps)
    assert shipped.steps[-1] == "Lower your knee slowly."
    assert shipped.cue == EXERCISES["banded_clamshell"].cue
    assert copy.cue == "Our own cue."
