"""The admin and the API are two doors to one write path: same stored result, same audit event
(only the channel differs) and the same refusal, for every kind of write.

Each test makes two equal starting records, changes one through the API and the other through
the admin (posting the admin's own forms, as a browser does), and compares what was stored.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.db.models import Max
from django.test import Client

from assessments import catalogue, services
from assessments.models import Assessment
from patients.models import AuditEvent, Patient
from patients.permissions import sync_clinician_group
from patients.services import PATIENT_FIELDS, patient_archive
from reports import services as program_services
from reports.models import Exercise, HomeProgram
from tests.admin_forms import (
    admin_form,
    admin_messages,
    change_url,
    form_errors,
    inline_rows,
    list_action,
    saved,
    signed_in,
)
from tests.factories import PatientFactory, UserFactory

DAY = datetime.date(2026, 3, 2)
READS = ("view", "list")
FINAL_MESSAGE = "This assessment is final and cannot be changed. Amend it to make corrections."
NOTE_MESSAGE = "A dismissal needs a note saying why."
NOTHING_TO_CLEAR = "There is no uncleared red flag on this assessment."


# --- the two doors ---------------------------------------------------------------------------


@pytest.fixture
def browser(clinician) -> Client:
    return signed_in(clinician)


@pytest.fixture
def peer(other_clinic):
    """A clinician of another clinic: a second, equal starting point for the shared catalogue."""
    user = UserFactory(username="peer", clinic=other_clinic)
    user.groups.add(sync_clinician_group())
    return user


@pytest.fixture
def peer_browser(peer) -> Client:
    return signed_in(peer)


def api_errors(body) -> list[str]:
    if isinstance(body, dict):
        return [m for value in body.values() for m in api_errors(value)]
    if isinstance(body, list):
        return [m for value in body for m in api_errors(value)]
    return [str(body)]


# --- the audit trail -------------------------------------------------------------------------


@contextmanager
def writes_recorded() -> Iterator[list[AuditEvent]]:
    """The audit events of the writes made inside the block (reads left out)."""
    events: list[AuditEvent] = []
    mark = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
    yield events
    new = AuditEvent.objects.filter(pk__gt=mark).exclude(action__in=READS).order_by("pk")
    events.extend(new)


def assert_audit(events, *, expected, patient, actor, channel) -> None:
    """`expected` lists (action, object_type, detail); every event names the patient, the
    actor and the door."""
    assert [(e.action, e.object_type, e.detail) for e in events] == expected
    assert {(e.patient_id, e.user_id, e.channel) for e in events} <= {
        (getattr(patient, "pk", None), actor.pk, channel)
    }


def assert_same_audit(api_events, admin_events, *, expected, patients, actor) -> None:
    by_api, by_admin = patients
    assert_audit(api_events, expected=expected, patient=by_api, actor=actor, channel="api")
    assert_audit(admin_events, expected=expected, patient=by_admin, actor=actor, channel="admin")


# --- equal starting records and what was stored ----------------------------------------------


def twin_patients(clinic, **fields) -> tuple[Patient, Patient]:
    data = {
        "first_name": "Ava",
        "last_name": "Lind",
        "date_of_birth": datetime.date(1990, 5, 17),
        "sex": "female",
        **fields,
    }
    return PatientFactory(clinic=clinic, **data), PatientFactory(clinic=clinic, **data)


def entry(code, side, value, unit=None):
    return services.MeasurementEntry(catalogue.normalize_measurement(code, side, value, unit))


def draft(actor, patient, *entries, **fields) -> Assessment:
    return services.assessment_create(
        actor=actor, patient=patient, assessed_on=DAY, measurements=list(entries), **fields
    )


def twin_drafts(actor, patients, *entries, **fields) -> tuple[Assessment, Assessment]:
    by_api, by_admin = (draft(actor, p, *entries, **fields) for p in patients)
    return by_api, by_admin


def patient_state(patient: Patient) -> dict:
    patient.refresh_from_db()
    state = {f: getattr(patient, f) for f in PATIENT_FIELDS}
    return {**state, "clinic": patient.clinic_id, "archived": patient.archived_at is not None}


MEASURED = ("code", "side", "value", "positive", "unit", "method", "entered_value")
FOUND = (
    "code",
    "side",
    "position",
    "severity",
    "evidence",
    "value",
    "value_positive",
    "threshold",
    "unit",
    "explanation",
    "patient_text",
    "source",
    "strategies",
    "status",
    "note",
    "decided_by_id",
)


def assessment_state(assessment: Assessment) -> dict:
    """Everything stored about an assessment but its ids, its patient and its timestamps."""
    assessment = Assessment.objects.get(pk=assessment.pk)
    fields = (*services.ASSESSMENT_FIELDS, "status", "metrics", "ruleset_version")
    people = ("clinician_id", "finalized_by_id", "red_flags_cleared_by_id")
    state = {f: getattr(assessment, f) for f in (*fields, *people)}
    state["clearance"] = (assessment.red_flags_clearance_reason, assessment.red_flags_cleared_for)
    state["moments"] = [
        getattr(assessment, f) is not None
        for f in ("finalized_at", "red_flags_cleared_at", "archived_at")
    ]
    state["measurements"] = sorted(
        (*(getattr(m, f) for f in MEASURED), m.entered_unit, m.note)
        for m in assessment.measurements.all()
    )
    state["findings"] = [
        tuple(getattr(f, name) for name in FOUND)
        for f in assessment.findings.order_by("position", "code", "side")
    ]
    return state


def findings_of(assessment: Assessment) -> list[tuple[str, str, str]]:
    return [(f.code, f.side, f.status) for f in assessment.findings.order_by("code", "side")]


ITEM = ("position", "sets", "reps", "hold_seconds", "per_week", "per_day", "side", "notes")


def program_state(assessment: Assessment) -> list[tuple]:
    program = HomeProgram.objects.get(assessment=assessment)
    return [
        (item.exercise.code, *(getattr(item, f) for f in ITEM), item.reason)
        for item in program.items.select_related("exercise").order_by("position")
    ]


def exercise_state(exercise: Exercise) -> dict:
    exercise.refresh_from_db()
    fields = (*program_services.EXERCISE_FIELDS, "code", "based_on_id")
    return {f: getattr(exercise, f) for f in fields if f != "picture"}


# --- patients --------------------------------------------------------------------------------


def test_a_patient_registered_in_either_door_is_the_same_record(api, browser, clinician, clinic):
    typed = {
        "first_name": "Noor",
        "last_name": "Haddad",
        "date_of_birth": "1984-11-02",
        "sex": "female",
        "affected_side": "right",
        "email": "noor@example.org",
        "phone": "+1 555 0199",
        "occupation": "nurse",
        "activity": "running 20 km a week",
        "notes": "pain on stairs",
    }
    with writes_recorded() as api_events:
        response = api.post("/api/v1/patients/", typed, format="json")
    assert response.status_code == 201, response.data
    by_api = Patient.objects.get(pk=response.data["id"])
    with writes_recorded() as admin_events:
        form = admin_form(browser, "/admin/patients/patient/add/")
        saved(browser.post("/admin/patients/patient/add/", {**form, **typed}))
    by_admin = Patient.objects.exclude(pk=by_api.pk).get()
    assert patient_state(by_api) == patient_state(by_admin)
    assert patient_state(by_admin)["clinic"] == clinic.pk
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("create", "patient", "")],
        patients=(by_api, by_admin),
        actor=clinician,
    )


def test_a_change_of_sex_and_birth_date_recomputes_drafts_alike_in_both_doors(
    api, browser, clinician, clinic
):
    patients = twin_patients(clinic, date_of_birth=datetime.date(1950, 1, 10))
    drafts = twin_drafts(
        clinician,
        patients,
        entry("single_leg_squat_fppa", "left", 10),
        entry("single_leg_heel_raise", "left", 20),
    )
    # Female, 76 on the day: FPPA 10 is not above 12, and heel raises count only under 60.
    assert [findings_of(d) for d in drafts] == [[], []]
    change = {"sex": "male", "date_of_birth": "1980-01-10"}
    by_api, by_admin = patients
    with writes_recorded() as api_events:
        response = api.patch(f"/api/v1/patients/{by_api.pk}/", change, format="json")
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        form = admin_form(browser, change_url(by_admin))
        saved(browser.post(change_url(by_admin), {**form, **change}))
    assert patient_state(by_api) == patient_state(by_admin)
    assert patient_state(by_admin)["sex"] == "male"
    # Male: 10 > 9 deg -> dynamic knee valgus (B, proposed); aged 46 now: 20 < 25 heel
    # raises -> calf weakness (C, to confirm).
    expected = [
        ("calf_weakness", "left", "to_confirm"),
        ("dynamic_knee_valgus", "left", "proposed"),
    ]
    assert [findings_of(d) for d in drafts] == [expected, expected]
    assert assessment_state(drafts[0]) == assessment_state(drafts[1])
    assert_same_audit(
        api_events,
        admin_events,
        # The draft's recompute is recorded too, with the findings it added.
        expected=[
            ("update", "patient", "date_of_birth, sex"),
            ("update", "assessment", "recomputed: the patient's sex or date of birth changed"),
        ],
        patients=patients,
        actor=clinician,
    )


def test_archiving_a_patient_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients = by_api, by_admin = twin_patients(clinic)
    with writes_recorded() as api_events:
        assert api.delete(f"/api/v1/patients/{by_api.pk}/").status_code == 204
    with writes_recorded() as admin_events:
        saved(list_action(browser, Patient, "archive_selected", by_admin))
    assert patient_state(by_api) == patient_state(by_admin)
    assert patient_state(by_admin)["archived"]
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("archive", "patient", "")],
        patients=patients,
        actor=clinician,
    )


# --- assessments and measurements ------------------------------------------------------------


def measurement_rows(data: dict, rows: list[tuple[str, str, str, str]]) -> dict:
    """Fills the exam sheet's cells with (code, side, reading, unit): one cell per test and
    side, the unit beside the row."""
    filled = dict(data)
    for code, side, reading, unit in rows:
        filled[f"sheet_{code}_{side}"] = reading
        if unit:
            filled[f"sheet_{code}_unit"] = unit
    return filled


def test_an_assessment_recorded_in_either_door_is_the_same_record(api, browser, clinician, clinic):
    patients = by_api, by_admin = twin_patients(clinic)
    body = {
        "assessed_on": "2026-03-02",
        "body_mass_kg": 70,
        "pain_nprs": 4,
        "pain_sites": ["anterior"],
        "notes": "stairs hurt",
    }
    with writes_recorded() as api_events:
        response = api.post(
            "/api/v1/assessments/",
            {
                **body,
                "patient": by_api.pk,
                "measurements": [
                    {"code": "knee_extensor_strength", "side": "left", "value": 30, "unit": "kgf"},
                    {"code": "knee_to_wall", "side": "left", "value": 8},
                    {"code": "ely_test", "side": "right", "value": True},
                ],
            },
            format="json",
        )
    assert response.status_code == 201, response.data
    with writes_recorded() as admin_events:
        form = admin_form(browser, f"/admin/assessments/assessment/add/?patient={by_admin.pk}")
        form = measurement_rows(
            form,
            [
                ("knee_extensor_strength", "left", "30", "kgf"),
                ("knee_to_wall", "left", "8", ""),
                ("ely_test", "right", "positive", ""),
            ],
        )
        typed = {**body, "patient": by_admin.pk, "body_mass_kg": "70", "pain_nprs": "4"}
        saved(browser.post("/admin/assessments/assessment/add/", {**form, **typed}))
    made = [Assessment.objects.get(patient=p) for p in patients]
    assert assessment_state(made[0]) == assessment_state(made[1])
    strength = made[1].measurements.get(code="knee_extensor_strength")
    # 30 kgf x 9.80665 N/kgf = 294.1995 N, kept as typed too
    assert (strength.value, strength.entered_value, strength.entered_unit) == (
        Decimal("294.1995"),
        Decimal("30"),
        "kgf",
    )
    # knee-to-wall 8 cm < 10 cm -> calf tightness; Ely positive -> quadriceps tightness
    assert findings_of(made[1]) == [
        ("calf_tightness", "left", "to_confirm"),  # 2026.2: tightness cut-offs are grade C
        ("quadriceps_tightness", "right", "to_confirm"),
    ]
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("create", "assessment", "")],
        patients=patients,
        actor=clinician,
    )


def test_a_change_of_fields_and_measurements_is_the_same_in_both_doors(
    api, browser, clinician, clinic
):
    patients = twin_patients(clinic)
    by_api, by_admin = twin_drafts(
        clinician, patients, entry("knee_to_wall", "left", 8), pain_nprs=4
    )
    with writes_recorded() as api_events:
        response = api.patch(
            f"/api/v1/assessments/{by_api.pk}/",
            {
                "pain_nprs": 6,
                "notes": "worse after a long run",
                "measurements": [
                    {"code": "knee_to_wall", "side": "left", "value": 12},
                    {"code": "knee_to_wall", "side": "right", "value": 5},
                ],
            },
            format="json",
        )
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        form = admin_form(browser, change_url(by_admin))
        form = measurement_rows(form, [("knee_to_wall", "right", "5", "")])
        form.update(
            {"pain_nprs": "6", "notes": "worse after a long run", "sheet_knee_to_wall_left": "12"}
        )
        saved(browser.post(change_url(by_admin), form))
    assert assessment_state(by_api) == assessment_state(by_admin)
    # left 12 cm is no longer below 10; right 5 cm < 7 -> moderate calf tightness
    assert [(f.code, f.side, f.severity) for f in by_admin.findings.all()] == [
        ("calf_tightness", "right", "moderate")
    ]
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("update", "assessment", "pain_nprs, notes, measurements")],
        patients=patients,
        actor=clinician,
    )


def test_a_change_of_fields_alone_leaves_the_measurements_in_both_doors(
    api, browser, clinician, clinic
):
    patients = twin_patients(clinic)
    drafts = by_api, by_admin = twin_drafts(clinician, patients, entry("knee_to_wall", "left", 8))
    kept = [list(d.measurements.values_list("pk", flat=True)) for d in drafts]
    with writes_recorded() as api_events:
        response = api.patch(
            f"/api/v1/assessments/{by_api.pk}/", {"notes": "recheck calf"}, format="json"
        )
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        form = admin_form(browser, change_url(by_admin))
        saved(browser.post(change_url(by_admin), {**form, "notes": "recheck calf"}))
    assert assessment_state(by_api) == assessment_state(by_admin)
    assert [list(d.measurements.values_list("pk", flat=True)) for d in drafts] == kept
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("update", "assessment", "notes")],
        patients=patients,
        actor=clinician,
    )


# --- findings --------------------------------------------------------------------------------


def decision_form(client: Client, assessment: Assessment, status: str, note: str) -> dict:
    form = admin_form(client, change_url(assessment))
    finding = assessment.findings.get()
    assert form["findings-0-id"] == str(finding.pk)
    return {**form, "findings-0-status": status, "findings-0-note": note}


@pytest.mark.parametrize(
    ("status", "note"),
    [("confirmed", ""), ("confirmed", "clear on both tests"), ("dismissed", "old ankle sprain")],
)
def test_a_decision_on_a_finding_is_the_same_in_both_doors(
    api, browser, clinician, clinic, status, note
):
    patients = twin_patients(clinic)
    drafts = by_api, by_admin = twin_drafts(clinician, patients, entry("knee_to_wall", "left", 8))
    finding = by_api.findings.get()
    with writes_recorded() as api_events:
        response = api.patch(
            f"/api/v1/findings/{finding.pk}/", {"status": status, "note": note}, format="json"
        )
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        saved(browser.post(change_url(by_admin), decision_form(browser, by_admin, status, note)))
    assert assessment_state(by_api) == assessment_state(by_admin)
    assert [findings_of(d) for d in drafts] == [[("calf_tightness", "left", status)]] * 2
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("update", "finding", f"calf_tightness: {status}")],
        patients=patients,
        actor=clinician,
    )


def test_a_red_flag_clearance_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients = twin_patients(clinic)
    drafts = by_api, by_admin = twin_drafts(clinician, patients, red_flags=["locked_knee"])
    reason = "GP review: mechanical locking ruled out"
    with writes_recorded() as api_events:
        response = api.post(
            f"/api/v1/assessments/{by_api.pk}/clear-red-flags/", {"reason": reason}, format="json"
        )
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        url = f"/admin/assessments/assessment/{by_admin.pk}/clear-red-flags/"
        saved(browser.post(url, {"reason": reason}))
    assert assessment_state(by_api) == assessment_state(by_admin)
    assert [Assessment.objects.get(pk=d.pk).red_flags_uncleared for d in drafts] == [False] * 2
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("action", "assessment", "red flags cleared")],
        patients=patients,
        actor=clinician,
    )


# --- finalize and amend ----------------------------------------------------------------------


def test_finalizing_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients = twin_patients(clinic)
    drafts = by_api, by_admin = twin_drafts(clinician, patients, entry("knee_to_wall", "left", 8))
    with writes_recorded() as api_events:
        assert api.post(f"/api/v1/assessments/{by_api.pk}/finalize/").status_code == 200
    with writes_recorded() as admin_events:
        saved(list_action(browser, Assessment, "finalize_selected", by_admin))
    assert assessment_state(by_api) == assessment_state(by_admin)
    assert [Assessment.objects.get(pk=d.pk).status for d in drafts] == ["final", "final"]
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("action", "assessment", "finalized")],
        patients=patients,
        actor=clinician,
    )


def test_amending_is_the_same_in_both_doors(api, browser, clinician, colleague, clinic):
    patients = twin_patients(clinic)
    finals = by_api, by_admin = twin_drafts(colleague, patients, entry("knee_to_wall", "left", 8))
    for assessment in finals:
        finding = assessment.findings.get()
        services.finding_decide(finding=finding, actor=colleague, status="dismissed", note="sprain")
        services.assessment_finalize(assessment=assessment, actor=colleague)
    with writes_recorded() as api_events:
        assert api.post(f"/api/v1/assessments/{by_api.pk}/amend/").status_code == 201
    with writes_recorded() as admin_events:
        saved(list_action(browser, Assessment, "amend_selected", by_admin))
    copies = [Assessment.objects.get(amends=f) for f in finals]
    assert assessment_state(copies[0]) == assessment_state(copies[1])
    # the copy is a draft by whoever amends, with the colleague's dismissal carried over
    assert (copies[1].status, copies[1].clinician) == ("draft", clinician)
    assert findings_of(copies[1]) == [("calf_tightness", "left", "dismissed")]
    for events, final, channel in ((api_events, by_api, "api"), (admin_events, by_admin, "admin")):
        expected = [("create", "assessment", f"amends assessment {final.pk}")]
        assert_audit(
            events, expected=expected, patient=final.patient, actor=clinician, channel=channel
        )


# --- home programs ---------------------------------------------------------------------------


def confirmed_calf_drafts(actor, patients):
    """Twin drafts whose calf tightness (grade C in 2026.2) the clinician has confirmed, so
    it drives the program."""
    drafts = twin_drafts(actor, patients, entry("knee_to_wall", "left", 8))
    for draft in drafts:
        services.finding_decide(finding=draft.findings.get(), actor=actor, status="confirmed")
    return drafts


def test_proposing_a_program_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients = twin_patients(clinic)
    by_api, by_admin = confirmed_calf_drafts(clinician, patients)
    with writes_recorded() as api_events:
        assert api.post(f"/api/v1/assessments/{by_api.pk}/program/").status_code == 201
    with writes_recorded() as admin_events:
        saved(list_action(browser, Assessment, "propose_program", by_admin))
    assert program_state(by_api) == program_state(by_admin)
    # calf tightness: its three stretches and release, plus one knee and one hip
    # strengthener (Willy 2019); strengthen first, then stretch, then release
    assert [item[0] for item in program_state(by_admin)] == [
        "wall_squat",
        "glute_bridge",
        "standing_calf_stretch",
        "bent_knee_calf_stretch",
        "foam_roll_calves",
    ]
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("create", "homeprogram", "5 exercises proposed")],
        patients=patients,
        actor=clinician,
    )


def twin_programs(actor, clinic):
    patients = twin_patients(clinic)
    drafts = confirmed_calf_drafts(actor, patients)
    programs = [program_services.home_program_propose(assessment=d, actor=actor) for d in drafts]
    return patients, drafts, programs


def test_changing_a_program_item_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients, drafts, (by_api, by_admin) = twin_programs(clinician, clinic)
    item = by_api.items.get(position=2)
    with writes_recorded() as api_events:
        response = api.patch(
            f"/api/v1/program-items/{item.pk}/",
            {"sets": 4, "notes": "left leg only"},
            format="json",
        )
    assert response.status_code == 200, response.data
    with writes_recorded() as admin_events:
        form = admin_form(browser, change_url(by_admin))
        index = position_row(form, by_admin, position=2)
        form.update({f"items-{index}-sets": "4", f"items-{index}-notes": "left leg only"})
        saved(browser.post(change_url(by_admin), form))
    assert program_state(drafts[0]) == program_state(drafts[1])
    assert program_state(drafts[1])[2][:3] == ("standing_calf_stretch", 2, 4)
    assert_same_audit(
        api_events,
        admin_events,
        expected=[("update", "homeprogram", "changed standing_calf_stretch: sets, notes")],
        patients=patients,
        actor=clinician,
    )


def position_row(form: dict, program: HomeProgram, *, position: int) -> int:
    """The inline row of the admin form that holds the item at `position`."""
    item = program.items.get(position=position)
    return next(
        i for i in range(inline_rows(form, "items")) if form.get(f"items-{i}-id") == str(item.pk)
    )


def test_removing_a_program_item_is_the_same_in_both_doors(api, browser, clinician, clinic):
    patients, drafts, (by_api, by_admin) = twin_programs(clinician, clinic)
    item = by_api.items.get(position=4)
    with writes_recorded() as api_events:
        assert api.delete(f"/api/v1/program-items/{item.pk}/").status_code == 204
    with writes_recorded() as admin_events:
        form = admin_form(browser, change_url(by_admin))
        index = position_row(form, by_admin, position=4)
        saved(browser.post(change_url(by_admin), {**form, f"items-{index}-DELETE": "on"}))
    assert program_state(drafts[0]) == program_state(drafts[1])
    assert [item[0] for item in program_state(drafts[1])] == [
        "wall_squat",
        "glute_bridge",
        "standing_calf_stretch",
        "bent_knee_calf_stretch",
    ]
    shipped = Exercise.objects.get(code="foam_roll_calves", clinic=None)
    assert_same_audit(
        api_events,
        admin_events,
        expected=[
            (
                "update",
                "homeprogram",
                f"removed foam_roll_calves ({shipped.sets}x{shipped.reps}, hold "
                f"{shipped.hold_seconds}s, {shipped.per_week}/week, {shipped.per_day}/day, "
                "side left)",
            )
        ],
        patients=patients,
        actor=clinician,
    )


# --- exercises -------------------------------------------------------------------------------

OWN_EXERCISE = {
    "code": "wall-sit-hold",
    "name": "Wall sit hold",
    "kind": "strengthen",
    "targets": "quadriceps",
    "sets": 3,
    "reps": 5,
    "hold_seconds": 30,
    "per_week": 4,
    "per_day": 1,
    "steps": ["Lean your back on a wall.", "Slide down until your knees bend a little."],
    "cue": "Stop if your knee hurts more than a little.",
}


def test_a_clinic_exercise_added_in_either_door_is_the_same(
    api, browser, peer_browser, clinician, clinic, other_clinic
):
    with writes_recorded() as api_events:
        response = api.post("/api/v1/exercises/", OWN_EXERCISE, format="json")
    assert response.status_code == 201, response.data
    typed = {**OWN_EXERCISE, "steps": json.dumps(OWN_EXERCISE["steps"]), "clinic": other_clinic.pk}
    with writes_recorded() as admin_events:
        form = admin_form(peer_browser, "/admin/reports/exercise/add/")
        saved(peer_browser.post("/admin/reports/exercise/add/", {**form, **typed}))
    by_api, by_admin = (
        Exercise.objects.get(code="wall-sit-hold", clinic=c) for c in (clinic, other_clinic)
    )
    assert exercise_state(by_api) == exercise_state(by_admin)
    assert (by_admin.hold_seconds, by_admin.steps[0]) == (30, "Lean your back on a wall.")
    # An exercise is no patient's data: neither door records an audit event for it.
    assert api_events == admin_events == []


def test_editing_a_shipped_exercise_makes_the_same_clinic_copy_in_both_doors(
    api, peer_browser, clinic, other_clinic
):
    shipped = Exercise.objects.get(code="clamshell", clinic=None)
    before = exercise_state(shipped)
    response = api.patch(f"/api/v1/exercises/{shipped.pk}/", {"reps": 15}, format="json")
    assert response.status_code == 200, response.data
    # The admin shows a shipped exercise read-only: the clinician copies it, then edits the copy.
    saved(list_action(peer_browser, Exercise, "copy_for_my_clinic", shipped))
    copy = Exercise.objects.get(code="clamshell", clinic=other_clinic)
    form = admin_form(peer_browser, change_url(copy))
    saved(peer_browser.post(change_url(copy), {**form, "reps": "15"}))
    by_api = Exercise.objects.get(code="clamshell", clinic=clinic)
    assert exercise_state(by_api) == exercise_state(copy)
    assert (copy.reps, copy.based_on) == (15, shipped)
    assert exercise_state(shipped) == before


# --- the same refusal ------------------------------------------------------------------------


def test_an_out_of_range_reading_is_refused_alike(api, browser, clinic):
    by_api, by_admin = twin_patients(clinic)
    response = api.post(
        "/api/v1/assessments/",
        {
            "patient": by_api.pk,
            "assessed_on": "2026-03-02",
            "measurements": [{"code": "knee_to_wall", "side": "left", "value": 40}],
        },
        format="json",
    )
    assert response.status_code == 400
    url = f"/admin/assessments/assessment/add/?patient={by_admin.pk}"
    form = measurement_rows(admin_form(browser, url), [("knee_to_wall", "left", "40", "")])
    form.update({"patient": by_admin.pk, "assessed_on": "2026-03-02"})
    page = browser.post("/admin/assessments/assessment/add/", form)
    assert api_errors(response.data) == form_errors(page)
    assert form_errors(page)[0].startswith(
        "Knee-to-wall (weight-bearing lunge) (left) must be a number from 0 to 25 cm"
    )
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("pain_nprs", 11), ("body_mass_kg", 400), ("height_cm", 30)]
)
def test_an_out_of_range_assessment_field_is_refused_alike(
    api, browser, clinician, clinic, field, value
):
    drafts = by_api, by_admin = twin_drafts(clinician, twin_patients(clinic))
    response = api.patch(f"/api/v1/assessments/{by_api.pk}/", {field: value}, format="json")
    assert response.status_code == 400
    form = admin_form(browser, change_url(by_admin))
    page = browser.post(change_url(by_admin), {**form, field: str(value)})
    assert api_errors(response.data) == form_errors(page)
    assert list(response.data) == [field]
    assert [getattr(Assessment.objects.get(pk=d.pk), field) for d in drafts] == [None, None]


def test_a_change_to_a_final_assessment_is_refused_alike(api, browser, clinician, clinic):
    finals = by_api, by_admin = twin_drafts(clinician, twin_patients(clinic), notes="as seen")
    form = admin_form(browser, change_url(by_admin))  # opened while still a draft
    for assessment in finals:
        services.assessment_finalize(assessment=assessment, actor=clinician)
    response = api.patch(f"/api/v1/assessments/{by_api.pk}/", {"notes": "later"}, format="json")
    assert (response.status_code, response.data) == (409, {"detail": FINAL_MESSAGE})
    page = browser.post(change_url(by_admin), {**form, "notes": "later"})
    assert page.status_code == 302
    assert admin_messages(page) == [FINAL_MESSAGE]
    assert [Assessment.objects.get(pk=a.pk).notes for a in finals] == ["as seen", "as seen"]


def test_a_dismissal_without_a_note_is_refused_alike(api, browser, clinician, clinic):
    drafts = by_api, by_admin = twin_drafts(
        clinician, twin_patients(clinic), entry("knee_to_wall", "left", 8)
    )
    finding = by_api.findings.get()
    response = api.patch(
        f"/api/v1/findings/{finding.pk}/", {"status": "dismissed", "note": "  "}, format="json"
    )
    assert (response.status_code, response.data) == (400, {"note": [NOTE_MESSAGE]})
    page = browser.post(change_url(by_admin), decision_form(browser, by_admin, "dismissed", "  "))
    assert form_errors(page) == [NOTE_MESSAGE]
    assert [findings_of(d) for d in drafts] == [[("calf_tightness", "left", "to_confirm")]] * 2


def test_a_change_to_an_archived_patient_is_refused_alike(api, browser, clinician, clinic):
    patients = by_api, by_admin = twin_patients(clinic)
    form = admin_form(browser, change_url(by_admin))  # opened before the archive
    for patient in patients:
        patient_archive(actor=clinician, patient=patient)
    response = api.patch(f"/api/v1/patients/{by_api.pk}/", {"phone": "123"}, format="json")
    assert response.status_code == 409
    page = browser.post(change_url(by_admin), {**form, "phone": "123"})
    assert page.status_code == 302
    assert admin_messages(page) == api_errors(response.data)
    assert [patient_state(p)["phone"] for p in patients] == ["", ""]


def test_a_clearance_with_nothing_left_to_clear_is_refused_alike(
    api, browser, clinician, colleague, clinic
):
    cleared = by_api, by_admin = twin_drafts(
        clinician, twin_patients(clinic), red_flags=["locked_knee"]
    )
    for assessment in cleared:
        services.red_flags_clear(assessment=assessment, actor=colleague, reason="GP review")
    response = api.post(
        f"/api/v1/assessments/{by_api.pk}/clear-red-flags/", {"reason": "again"}, format="json"
    )
    assert (response.status_code, response.data) == (409, {"detail": NOTHING_TO_CLEAR})
    page = browser.post(
        f"/admin/assessments/assessment/{by_admin.pk}/clear-red-flags/", {"reason": "again"}
    )
    assert (page.status_code, page.url) == (302, change_url(by_admin))
    assert admin_messages(page) == [NOTHING_TO_CLEAR]


def test_a_clearance_a_colleague_recorded_while_the_page_was_open_is_a_message(
    monkeypatch, browser, clinician, colleague, patient
):
    made = draft(clinician, patient, red_flags=["locked_knee"])
    record = services.red_flags_clear

    def colleague_first(**kwargs):
        record(assessment=made, actor=colleague, reason="GP review")
        return record(**kwargs)

    monkeypatch.setattr(services, "red_flags_clear", colleague_first)
    page = browser.post(
        f"/admin/assessments/assessment/{made.pk}/clear-red-flags/", {"reason": "mine"}
    )
    assert (page.status_code, page.url) == (302, change_url(made))
    assert admin_messages(page) == [NOTHING_TO_CLEAR]
    stored = Assessment.objects.get(pk=made.pk)
    assert (stored.red_flags_clearance_reason, stored.red_flags_cleared_by) == (
        "GP review",
        colleague,
    )
