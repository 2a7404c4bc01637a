"""Concurrent writes on PostgreSQL, with real transactions in threads: a finalize or an archive
that has landed is never undone by a save that read the row before it, and writes on one row
queue on its lock instead of overwriting each other.

Each race is made deterministic with handshakes: one thread is paused at a known point (after
the admin loaded the record, or while a service holds the row lock) while the other one runs.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from functools import partial

import pytest
from django.db import connection

from assessments import catalogue
from assessments import services as assessment_services
from assessments.admin import AssessmentAdmin
from assessments.models import Assessment
from patients import services as patient_services
from patients.admin import PatientAdmin
from patients.models import AuditEvent, Patient
from reports import services as program_services
from reports.models import Exercise, ProgramExercise
from tests.admin_forms import admin_form, admin_messages, change_url, saved, signed_in
from tests.conftest import api_client_for
from tests.factories import PatientFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): row locks and concurrent transactions; "
        "SQLite runs one write transaction at a time",
    ),
    # Real commits; the flush after each test would drop the seeded exercise catalogue.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 15  # seconds any handshake may take before the test fails instead of hanging
FINAL_MESSAGE = "This assessment is final and cannot be changed. Amend it to make corrections."
ARCHIVED_MESSAGE = "This patient is archived; restore them before changing their record."


class Worker(threading.Thread):
    """Runs `work` in a thread of its own, on its own database connection (closed at the end),
    and keeps its result or the exception it raised."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.work = work
        self.connected = threading.Event()
        self.backend_pid: int | None = None
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend_pid = cursor.fetchone()[0]
            self.connected.set()
            self.result = self.work()
        except BaseException as exc:  # handed to the test thread by outcome()
            self.error = exc
        finally:
            self.connected.set()
            connection.close()

    def outcome(self):
        self.join(TIMEOUT)
        assert not self.is_alive(), "the thread did not finish"
        if self.error is not None:
            raise self.error
        return self.result


def started(work: Callable[[], object]) -> Worker:
    worker = Worker(work)
    worker.start()
    return worker


def waiting_for_a_lock(worker: Worker) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [worker.backend_pid]
        )
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


def waits_on_a_lock(worker: Worker) -> None:
    """Returns once PostgreSQL shows the worker's connection waiting for a lock."""
    assert worker.connected.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if waiting_for_a_lock(worker):
            return
        if not worker.is_alive():
            worker.outcome()  # raises what it raised
            raise AssertionError("the thread finished without waiting for the lock")
        time.sleep(0.01)
    raise AssertionError("the thread never waited for the lock")


def finishes_without_waiting(worker: Worker):
    """The worker's result, failing as soon as it waits for a lock held elsewhere."""
    assert worker.connected.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while worker.is_alive() and time.monotonic() < deadline:
        assert not waiting_for_a_lock(worker), "it waited for a row it does not change"
        time.sleep(0.01)
    return worker.outcome()


def settled(worker: Worker) -> None:
    """Returns once the worker has finished or waits for a lock, whichever comes first."""
    assert worker.connected.wait(TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while worker.is_alive() and time.monotonic() < deadline:
        if waiting_for_a_lock(worker):
            return
        time.sleep(0.01)


class Gate:
    """A handshake: the first thread to reach the gate reports it and waits until it opens;
    later ones pass."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.opened = threading.Event()
        self._first = threading.Lock()

    def pass_through(self) -> None:
        with self._first:
            if self.reached.is_set():
                return
            self.reached.set()
        assert self.opened.wait(TIMEOUT), "the gate was never opened"

    def wait_reached(self) -> None:
        assert self.reached.wait(TIMEOUT), "the paused thread never reached the gate"

    def open(self) -> None:
        self.opened.set()


def paused_before(method, gate: Gate):
    def wrapper(*args, **kwargs):
        gate.pass_through()
        return method(*args, **kwargs)

    return wrapper


def paused_after(method, gate: Gate):
    def wrapper(*args, **kwargs):
        result = method(*args, **kwargs)
        gate.pass_through()
        return result

    return wrapper


def entry(code, side, value):
    return assessment_services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def draft(actor, patient, *entries, **fields) -> Assessment:
    return assessment_services.assessment_create(
        actor=actor,
        patient=patient,
        assessed_on=datetime.date(2026, 3, 2),
        measurements=list(entries),
        **fields,
    )


def confirmed(assessment: Assessment, actor) -> Assessment:
    """Confirms the draft's findings (calf tightness is grade C in 2026.2, so it drives the
    program only once the clinician confirms it)."""
    for finding in assessment.findings.all():
        assessment_services.finding_decide(finding=finding, actor=actor, status="confirmed")
    return assessment


def writes_on(obj, *, after: int) -> list[tuple[str, str, str]]:
    """(action, detail, channel) of the writes recorded on `obj` after event `after`."""
    events = AuditEvent.objects.filter(
        pk__gt=after, object_type=type(obj).__name__.lower(), object_id=str(obj.pk)
    ).exclude(action__in=["view", "list"])
    return list(events.order_by("pk").values_list("action", "detail", "channel"))


def last_event() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def api_finalize(user, assessment):
    return api_client_for(user).post(f"/api/v1/assessments/{assessment.pk}/finalize/")


# --- (a) an admin save and a finalize --------------------------------------------------------


def test_a_finalize_that_lands_during_an_admin_save_is_not_undone(
    monkeypatch, clinician, colleague, patient
):
    assessment = draft(clinician, patient, notes="as seen")
    browser = signed_in(clinician)
    form = {**admin_form(browser, change_url(assessment)), "notes": "changed in the admin"}
    mark = last_event()
    gate = Gate()
    monkeypatch.setattr(
        AssessmentAdmin, "save_related", paused_before(AssessmentAdmin.save_related, gate)
    )
    admin_save = started(lambda: browser.post(change_url(assessment), form))
    gate.wait_reached()  # the admin has loaded the draft and validated the form
    assert api_finalize(colleague, assessment).status_code == 200  # committed meanwhile
    gate.open()
    response = admin_save.outcome()
    assert (response.status_code, response.url) == (302, change_url(assessment))
    assert admin_messages(response) == [FINAL_MESSAGE]
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.status, stored.notes, stored.finalized_by) == ("final", "as seen", colleague)
    assert writes_on(assessment, after=mark) == [("action", "finalized", "api")]


def test_a_finalize_waits_for_an_admin_save_holding_the_row_and_freezes_its_change(
    monkeypatch, clinician, colleague, patient
):
    assessment = draft(clinician, patient, entry("knee_to_wall", "left", 8), notes="as seen")
    browser = signed_in(clinician)
    form = admin_form(browser, change_url(assessment))
    form.update({"notes": "changed in the admin", "sheet_knee_to_wall_left": "6"})
    mark = last_event()
    gate = Gate()
    update = assessment_services.assessment_update
    monkeypatch.setattr(assessment_services, "assessment_update", paused_after(update, gate))
    admin_save = started(lambda: browser.post(change_url(assessment), form))
    gate.wait_reached()  # the service wrote the change and holds the row lock, uncommitted
    finalize = started(partial(api_finalize, colleague, assessment))
    waits_on_a_lock(finalize)
    gate.open()
    saved(admin_save.outcome())
    assert finalize.outcome().status_code == 200
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.status, stored.notes) == ("final", "changed in the admin")
    # frozen with the admin's reading: 6 cm < 7 cm -> moderate calf tightness
    assert [(f.code, f.severity) for f in stored.findings.all()] == [("calf_tightness", "moderate")]
    assert writes_on(assessment, after=mark) == [
        ("update", "notes, measurements", "admin"),
        ("action", "finalized", "api"),
    ]


# --- (b) archive and edits of a patient ------------------------------------------------------


def test_an_archive_that_lands_during_an_admin_edit_is_not_undone(
    monkeypatch, clinician, colleague, patient
):
    browser = signed_in(clinician)
    form = {**admin_form(browser, change_url(patient)), "phone": "+1 555 0123"}
    mark = last_event()
    gate = Gate()
    monkeypatch.setattr(PatientAdmin, "save_model", paused_before(PatientAdmin.save_model, gate))
    admin_edit = started(lambda: browser.post(change_url(patient), form))
    gate.wait_reached()  # the admin has loaded the patient and validated the form
    archived = api_client_for(colleague).delete(f"/api/v1/patients/{patient.pk}/")
    assert archived.status_code == 204
    gate.open()
    response = admin_edit.outcome()
    assert (response.status_code, response.url) == (302, change_url(patient))
    assert admin_messages(response) == [ARCHIVED_MESSAGE]
    stored = Patient.objects.get(pk=patient.pk)
    assert (stored.is_archived, stored.phone) == (True, "")
    assert writes_on(patient, after=mark) == [("archive", "", "api")]


def test_two_concurrent_edits_of_different_fields_of_a_patient_both_land(
    monkeypatch, clinician, colleague, patient
):
    # Both edits start from the record as it was before either of them.
    read_by_one, read_by_other = (Patient.objects.get(pk=patient.pk) for _ in range(2))
    mark = last_event()
    gate = Gate()
    monkeypatch.setattr(
        patient_services, "validated", paused_before(patient_services.validated, gate)
    )
    first = started(
        lambda: patient_services.patient_update(
            actor=clinician, patient=read_by_one, phone="+1 555 0123"
        )
    )
    gate.wait_reached()  # the first edit holds the row lock, its phone not yet written
    second = started(
        lambda: patient_services.patient_update(
            actor=colleague, patient=read_by_other, email="ava@example.org"
        )
    )
    waits_on_a_lock(second)
    gate.open()
    first.outcome()
    second.outcome()
    stored = Patient.objects.get(pk=patient.pk)
    assert (stored.phone, stored.email) == ("+1 555 0123", "ava@example.org")
    assert writes_on(patient, after=mark) == [
        ("update", "phone", "api"),
        ("update", "email", "api"),
    ]


# --- (c) program items -----------------------------------------------------------------------


def test_concurrent_additions_to_a_program_get_unique_consecutive_positions(clinician, patient):
    assessment = confirmed(draft(clinician, patient, entry("knee_to_wall", "left", 8)), clinician)
    program = program_services.home_program_propose(assessment=assessment, actor=clinician)
    proposed = program.items.count()
    assert proposed == 5  # calf tightness: 3 stretches and releases + knee and hip strengtheners
    exercises = list(Exercise.objects.shipped().order_by("code")[:10])
    everyone_ready = threading.Barrier(len(exercises), timeout=TIMEOUT)

    def add(exercise):
        everyone_ready.wait()
        return program_services.program_item_add(
            program=program, actor=clinician, exercise=exercise
        )

    workers = [started(partial(add, exercise)) for exercise in exercises]
    added = [worker.outcome() for worker in workers]
    assert sorted(item.position for item in added) == list(range(5, 15))
    assert sorted(program.items.values_list("position", flat=True)) == list(range(15))


# --- locks only on the rows a write changes --------------------------------------------------


def test_edits_of_two_patients_of_one_clinic_do_not_wait_on_each_other(
    monkeypatch, clinician, colleague, clinic, patient
):
    other = PatientFactory(clinic=clinic, first_name="Ben", last_name="Okafor")
    gate = Gate()
    monkeypatch.setattr(
        patient_services, "validated", paused_before(patient_services.validated, gate)
    )
    first = started(
        lambda: patient_services.patient_update(actor=clinician, patient=patient, phone="1")
    )
    gate.wait_reached()  # the first edit holds its patient's row
    second = started(
        lambda: patient_services.patient_update(actor=colleague, patient=other, phone="2")
    )
    try:
        finishes_without_waiting(second)
    finally:
        gate.open()
    first.outcome()
    phones = Patient.objects.order_by("last_name").values_list("last_name", "phone")
    assert list(phones) == [("Lind", "1"), ("Okafor", "2")]


def test_a_change_of_sex_and_a_concurrent_edit_of_the_draft_both_land(
    monkeypatch, clinician, colleague, patient
):
    assessment = draft(clinician, patient, entry("single_leg_squat_fppa", "left", 10))
    assert not assessment.findings.exists()  # female: 10 deg is not above 12
    gate = Gate()
    recompute = assessment_services.drafts_recompute_for_patient
    monkeypatch.setattr(
        assessment_services, "drafts_recompute_for_patient", paused_before(recompute, gate)
    )
    sex_change = started(
        lambda: patient_services.patient_update(actor=clinician, patient=patient, sex="male")
    )
    gate.wait_reached()  # the patient's row is changed and locked; drafts not yet recomputed
    edit = started(
        lambda: assessment_services.assessment_update(
            actor=colleague,
            assessment=assessment,
            measurements=[
                entry("single_leg_squat_fppa", "left", 10),
                entry("knee_to_wall", "left", 8),
            ],
        )
    )
    settled(edit)
    gate.open()
    sex_change.outcome()
    edit.outcome()
    # male: 10 > 9 deg -> dynamic knee valgus; knee-to-wall 8 < 10 cm -> calf tightness
    codes = Assessment.objects.get(pk=assessment.pk).findings.values_list("code", flat=True)
    assert sorted(codes) == ["calf_tightness", "dynamic_knee_valgus"]


def test_a_re_proposal_and_a_concurrent_addition_to_the_program_both_land(
    monkeypatch, clinician, colleague, patient
):
    assessment = confirmed(draft(clinician, patient, entry("knee_to_wall", "left", 8)), clinician)
    program = program_services.home_program_propose(assessment=assessment, actor=clinician)
    gate = Gate()
    catalogue_for = program_services.clinic_catalogue
    monkeypatch.setattr(program_services, "clinic_catalogue", paused_before(catalogue_for, gate))
    proposal = started(
        lambda: program_services.home_program_propose(assessment=assessment, actor=clinician)
    )
    gate.wait_reached()  # the re-proposal holds the assessment's row
    lunge = Exercise.objects.shipped().get(code="lunge")
    addition = started(
        lambda: program_services.program_item_add(program=program, actor=colleague, exercise=lunge)
    )
    settled(addition)
    gate.open()
    addition.outcome()
    proposal.outcome()
    # the re-proposal came last and replaced the items with the five it proposes
    assert program.items.count() == 5
    assert writes_on(program, after=0)[-2:] == [
        ("update", "added lunge", "api"),
        ("create", "5 exercises proposed", "api"),
    ]


def test_item_edits_in_two_clinics_do_not_queue_on_the_shipped_exercise_they_share(
    monkeypatch, clinician, outsider, patient, other_clinic
):
    elsewhere = PatientFactory(clinic=other_clinic)
    items = []
    for actor, someone in ((clinician, patient), (outsider, elsewhere)):
        assessment = draft(actor, someone, entry("knee_to_wall", "left", 8))
        program = program_services.home_program_propose(assessment=assessment, actor=actor)
        items.append(program.items.get(exercise__code="wall_squat", exercise__clinic=None))
    gate = Gate()
    monkeypatch.setattr(
        program_services, "_check_item", paused_before(program_services._check_item, gate)
    )
    first = started(
        lambda: program_services.program_item_update(item=items[0], actor=clinician, sets=4)
    )
    gate.wait_reached()  # the first edit holds its program and its item
    second = started(
        lambda: program_services.program_item_update(item=items[1], actor=outsider, sets=5)
    )
    try:
        finishes_without_waiting(second)
    finally:
        gate.open()
    first.outcome()
    assert [ProgramExercise.objects.get(pk=item.pk).sets for item in items] == [4, 5]


def test_twenty_simultaneous_patches_with_one_if_match_give_one_success_and_412s(clinician, clinic):
    """api.md "Concurrency": all twenty read version 1; the first to take the row lock
    writes version 2, every other If-Match no longer matches and is a 412 with the current
    record. Nothing is lost silently and nothing is half-written."""
    patient = PatientFactory(clinic=clinic, first_name="Ava", last_name="Lind")
    etag = f'"patient-{patient.pk}-v1"'
    start = threading.Barrier(20, timeout=TIMEOUT)

    def patch(phone: str):
        client = api_client_for(clinician)
        start.wait()
        return client.patch(
            f"/api/v1/patients/{patient.pk}/", {"phone": phone}, HTTP_IF_MATCH=etag
        ).status_code

    workers = [Worker(partial(patch, f"+1 555 01{n:02d}")) for n in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(TIMEOUT * 2)
    assert [w.error for w in workers] == [None] * 20
    statuses = sorted(w.result for w in workers)
    assert statuses == [200] + [412] * 19
    patient.refresh_from_db()
    assert patient.version == 2 and patient.phone.startswith("+1 555 01")
    updates = AuditEvent.objects.filter(patient=patient, action="update")
    assert updates.count() == 1 and updates.get().changes["phone"][1] == patient.phone
