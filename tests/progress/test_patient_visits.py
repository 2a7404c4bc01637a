"""A patient's visits: non-archived, oldest first, an amended visit counted once (progress.md)."""

from __future__ import annotations

import datetime

from assessments import services
from progress.selectors import patient_visits, visits_until

DAY_1, DAY_2, DAY_3 = (
    datetime.date(2026, 1, 12),
    datetime.date(2026, 2, 23),
    datetime.date(2026, 4, 6),
)


def create(clinician, patient, day):
    return services.assessment_create(actor=clinician, patient=patient, assessed_on=day)


def finalize(clinician, assessment):
    return services.assessment_finalize(assessment=assessment, actor=clinician)


def amend(clinician, assessment):
    return services.assessment_amend(assessment=assessment, actor=clinician)


def ids(visits):
    return [visit.pk for visit in visits]


def test_visits_are_oldest_first_and_leave_out_archived_drafts(clinician, patient):
    later = create(clinician, patient, DAY_2)
    first = create(clinician, patient, DAY_1)
    dropped = create(clinician, patient, DAY_3)
    services.assessment_archive(actor=clinician, assessment=dropped)
    assert ids(patient_visits(patient_id=patient.pk)) == [first.pk, later.pk]


def test_an_amendment_chain_of_three_counts_once_as_its_latest(clinician, patient):
    first = finalize(clinician, create(clinician, patient, DAY_1))
    original = finalize(clinician, create(clinician, patient, DAY_2))
    correction = finalize(clinician, amend(clinician, original))
    second_correction = amend(clinician, correction)  # a draft still stands for the visit
    assert second_correction.amends_id == correction.pk and correction.amends_id == original.pk
    assert ids(patient_visits(patient_id=patient.pk)) == [first.pk, second_correction.pk]


def test_an_archived_amendment_gives_the_visit_back_to_the_one_before(clinician, patient):
    original = finalize(clinician, create(clinician, patient, DAY_1))
    correction = finalize(clinician, amend(clinician, original))
    abandoned = amend(clinician, correction)
    services.assessment_archive(actor=clinician, assessment=abandoned)
    later = create(clinician, patient, DAY_2)
    assert ids(patient_visits(patient_id=patient.pk)) == [correction.pk, later.pk]


def test_an_amended_visit_keeps_its_place_among_same_day_visits(clinician, patient):
    morning = finalize(clinician, create(clinician, patient, DAY_1))
    afternoon = create(clinician, patient, DAY_1)
    correction = amend(clinician, morning)  # made last, but stands for the first visit
    assert ids(patient_visits(patient_id=patient.pk)) == [correction.pk, afternoon.pk]


def test_visits_until_an_amended_assessment_read_as_of_that_assessment(clinician, patient):
    first = finalize(clinician, create(clinician, patient, DAY_1))
    original = finalize(clinician, create(clinician, patient, DAY_2))
    correction = amend(clinician, original)
    create(clinician, patient, DAY_3)
    assert ids(visits_until(assessment=original)) == [first.pk, original.pk]
    assert ids(visits_until(assessment=correction)) == [first.pk, correction.pk]
