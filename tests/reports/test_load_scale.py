"""manage.py load_scale at small N: counts, findings and programs as the engine gives them."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from assessments import rules
from assessments.models import Assessment, Finding, Measurement
from assessments.rule_input import assessment_input
from assessments.services import assessment_recompute
from patients.models import Clinic, Patient
from patients.search import fold, patient_search_name
from patients.services import patient_create
from reports import scale, scale_names
from reports.management.commands.load_scale import DEFAULT_PASSWORD, shipped_exercises
from reports.models import HomeProgram


@pytest.fixture
def loaded(db):
    out = StringIO()
    call_command("load_scale", patients=30, clinics=3, visits=2, workers=1, seed=7, stdout=out)
    return out.getvalue()


def test_counts_follow_the_arguments(loaded):
    # 30 patients: the large clinic holds a fifth (6), the other two share 24 (12 each).
    sizes = [c.patients.count() for c in Clinic.objects.order_by("name")]
    assert sizes == [6, 12, 12]
    assert Assessment.objects.count() == 60  # 2 visits each
    assert Measurement.objects.count() == 60 * 20  # 10 tests on each side
    assert "30 patients, 60 assessments, 1200 measurements" in loaded


def test_stored_findings_are_what_the_engine_gives(loaded):
    for assessment in Assessment.objects.select_related("patient").prefetch_related("measurements"):
        evaluation = rules.evaluate(assessment_input(assessment))
        stored = list(assessment.findings.order_by("position"))
        assert [(f.code, f.side) for f in stored] == [
            (f.code, f.side or "") for f in evaluation.findings
        ]
        assert [f.severity for f in stored] == [f.severity for f in evaluation.findings]
        assert len(assessment.metrics) == len(evaluation.metrics)


def test_recomputing_a_loaded_draft_changes_no_finding(loaded):
    draft = Assessment.objects.filter(status="draft").first()
    before = list(draft.findings.values_list("id", "code", "side", "value", "status"))
    assessment_recompute(assessment=draft)
    after = list(draft.findings.values_list("id", "code", "side", "value", "status"))
    assert after == before


def test_latest_visits_have_programs_for_their_findings(loaded):
    programs = HomeProgram.objects.prefetch_related("items")
    assert programs.count() >= 25  # one per patient, except a visit with a standing red flag
    for program in programs:
        codes = set(Finding.objects.filter(assessment=program.assessment).values_list("code"))
        items = list(program.items.all())
        assert 1 <= len(items) <= 8
        assert {c for item in items for c in item.reason} <= {c for (c,) in codes}


def test_patients_are_found_by_their_folded_names(loaded):
    for patient in Patient.objects.all():
        assert patient.search_name == patient_search_name(patient.first_name, patient.last_name)


def test_clinicians_sign_in_and_belong_to_their_clinic(loaded):
    user = get_user_model().objects.get(username="scale001-1")
    assert user.check_password(DEFAULT_PASSWORD)
    assert list(user.memberships.values_list("clinic__name", flat=True)) == ["Scale Physio 001"]
    assert user.groups.filter(name="Clinicians").exists()


def test_new_records_after_a_load_get_fresh_ids(loaded):
    actor = get_user_model().objects.get(username="scale001-1")
    patient = patient_create(
        actor=actor,
        first_name="New",
        last_name="Patient",
        date_of_birth=datetime.date(1990, 1, 1),
        sex="male",
    )
    assert patient.pk > Patient.objects.exclude(pk=patient.pk).order_by("-pk").first().pk


def test_a_second_load_into_the_same_database_is_refused(loaded):
    with pytest.raises(CommandError, match="new database"):
        call_command("load_scale", patients=5, workers=1, stdout=StringIO())


def test_one_seed_gives_the_same_rows(db):
    common = {"seed": 11, "visits": 2, "ids": scale.FirstIds(1, 1, 1)}
    clinic = scale.ClinicPlan(clinic_id=1, patients=5, clinician_ids=(1, 2))
    batch = scale.Batch(clinic=clinic, first=0, count=5, exercises=shipped_exercises(), **common)
    assert scale.ScaleData(batch).rows() == scale.ScaleData(batch).rows()
    other = scale.Batch(clinic=clinic, first=0, count=5, exercises=shipped_exercises(),
                        **{**common, "seed": 12})  # fmt: skip
    assert scale.ScaleData(other).rows() != scale.ScaleData(batch).rows()


def test_clinic_sizes_give_one_large_clinic():
    sizes = scale.clinic_sizes(100_000, 20)
    # A fifth in the first clinic; 80,000 = 19 x 4,210 + 10, so ten clinics get one more.
    assert sizes[0] == 20_000
    assert sizes[1:] == [4211] * 10 + [4210] * 9
    assert scale.clinic_sizes(10, 1) == [10]
    assert scale.clinic_sizes(10, 3) == [2, 4, 4]


def test_names_are_varied_with_a_few_common_ones():
    rng = random.Random(1)
    surnames = Counter(scale_names.name_for(rng)[1] for _ in range(20_000))
    assert len(scale_names.LAST_NAMES) == len(set(scale_names.LAST_NAMES)) >= 4000
    assert len(surnames) >= 2500  # a clinic of 20,000 holds thousands of surnames
    common = [count for _, count in surnames.most_common(10)]
    assert all(150 <= count <= 400 for count in common[:3])  # each about 1% of patients
    assert sum(1 for count in surnames.values() if count <= 3) >= 1500  # and a long tail
    # "muller" (the benchmark's search) matches only Müller and the rare double name.
    holding = {name for name in scale_names.LAST_NAMES if "muller" in fold(name)}
    assert holding == {"Müller", "Müller-Łukasiewicz"}
