"""Three visits through the API: initial, follow-up with item responses, second follow-up;
each program checked item by item against rules.md "The program" step 7, worked by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from patients.models import AuditEvent
from reports.models import ItemResponse
from tests.pdf_text import pdf_lines

V1 = datetime.date(2026, 9, 1)
V2 = datetime.date(2026, 10, 13)
V3 = datetime.date(2026, 11, 24)
KEEP_GOING = "Keep going twice a week"


def m(code, side, value, **extra) -> dict:
    return {"code": code, "side": side, "value": value, **extra}


def program(api, visit_id) -> list[tuple]:
    items = api.get(f"/api/v1/assessments/{visit_id}/program/").json()["items"]
    return [
        (
            i["exercise"],
            (i["sets"], i["reps"], i["hold_seconds"], i["per_week"]),
            i["side"],
            i["reason"],
            i["notes"],
        )
        for i in items
    ]


def item_ids(api, visit_id) -> dict[str, int]:
    items = api.get(f"/api/v1/assessments/{visit_id}/program/").json()["items"]
    return {i["exercise"]: i["id"] for i in items}


def confirm(api, visit: dict, code: str) -> None:
    for finding in visit["findings"]:
        if finding["code"] == code and finding["status"] == "to_confirm":
            response = api.patch(f"/api/v1/findings/{finding['id']}/", {"status": "confirmed"})
            assert response.status_code == 200, response.json()


def propose(api, visit_id) -> None:
    response = api.post(f"/api/v1/assessments/{visit_id}/program/")
    assert response.status_code == 201, response.json()


def finalize(api, visit_id) -> dict:
    response = api.post(f"/api/v1/assessments/{visit_id}/finalize/")
    assert response.status_code == 200, response.json()
    return response.json()


def follow_up(api, visit_id, on) -> dict:
    response = api.post(f"/api/v1/assessments/{visit_id}/follow-up/", {"assessed_on": str(on)})
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def first_visit(api, patient) -> dict:
    """Quadriceps (LSI 200/300 = 67%) and hip abductors (100/160 = 62.5%) weak on the left,
    calf tight on both sides (knee to wall 8 cm, grade C: confirmed)."""
    response = api.post(
        "/api/v1/assessments/",
        {
            "patient": patient.pk,
            "assessed_on": str(V1),
            "body_mass_kg": 70,
            "height_cm": 168,
            "pain_nprs": 4,
            "notes": "First visit.",
            "measurements": [
                m("knee_extensor_strength", "left", 20.4, unit="kgf"),
                m("knee_extensor_strength", "right", 300),
                m("hip_abductor_strength", "left", 100),
                m("hip_abductor_strength", "right", 160),
                m("knee_to_wall", "left", 8),
                m("knee_to_wall", "right", 8),
            ],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    visit = response.json()
    confirm(api, visit, "calf_tightness")
    return visit


def test_three_visits_move_the_program_by_rules_step_7(api, first_visit):
    v1 = first_visit["id"]
    propose(api, v1)
    # Steps 1-5: quadriceps (A) wall_squat, quad_set, step_down; hip abductors (B)
    # side_lying_hip_abduction, clamshell; calf (C, confirmed) two stretches and a roll.
    ids = item_ids(api, v1)
    edited = api.patch(f"/api/v1/program-items/{ids['wall_squat']}/", {"sets": 2, "reps": 12})
    assert edited.status_code == 200
    finalize(api, v1)

    visit = follow_up(api, v1, V2)
    v2 = visit["id"]
    # The copied sheet: the same tests, values empty; the unit as entered (kgf) kept.
    copied = [(x["code"], x["side"], x["value"], x["entered_unit"]) for x in visit["measurements"]]
    assert copied == [
        ("knee_extensor_strength", "left", None, "kgf"),
        ("knee_extensor_strength", "right", None, "N"),
        ("hip_abductor_strength", "left", None, "N"),
        ("hip_abductor_strength", "right", None, "N"),
        ("knee_to_wall", "left", None, "cm"),
        ("knee_to_wall", "right", None, "cm"),
    ]
    assert (visit["body_mass_kg"], visit["height_cm"], visit["pain_nprs"], visit["notes"]) == (
        70,
        168,
        None,
        "",
    )
    assert visit["findings"] == [] and visit["item_responses"] == []

    # Quadriceps 290 / 300 = 96.7%: no longer weak; hip abductors still 100 / 160; calf
    # left 12 cm (not tight); calf right left without a value.
    filled = api.patch(
        f"/api/v1/assessments/{v2}/",
        {
            "pain_nprs": 2,
            "measurements": [
                m("knee_extensor_strength", "left", 29.6, unit="kgf"),
                m("knee_extensor_strength", "right", 300),
                m("hip_abductor_strength", "left", 100),
                m("hip_abductor_strength", "right", 160),
                m("knee_to_wall", "left", 12),
                m("knee_to_wall", "right", None),
            ],
            "item_responses": [
                {"item": ids["clamshell"], "response": "too_easy", "days_done_per_week": 5},
                {"item": ids["side_lying_hip_abduction"], "response": "flare"},
                {"item": ids["quad_set"], "response": "not_done", "days_done_per_week": 0},
            ],
        },
        format="json",
    )
    assert filled.status_code == 200, filled.json()
    assert [(f["code"], f["side"]) for f in filled.json()["findings"]] == [
        ("hip_abductor_weakness", "left")
    ]
    assert filled.json()["item_responses"] == [
        {"item": ids["quad_set"], "response": "not_done", "days_done_per_week": 0},
        {"item": ids["side_lying_hip_abduction"], "response": "flare", "days_done_per_week": None},
        {"item": ids["clamshell"], "response": "too_easy", "days_done_per_week": 5},
    ]
    propose(api, v2)
    assert program(api, v2) == [
        # quadriceps resolved: strengtheners kept as maintenance, a set fewer, 2 days a week.
        # wall_squat as the clinician set it (2 x 12, hold 5) -> 1 x 12.
        ("wall_squat", (1, 12, 5, 2), "both", ["quadriceps_weakness"], KEEP_GOING),
        # not_done: unchanged before maintenance, 4 x 10 -> 3 x 10.
        ("quad_set", (3, 10, 10, 2), "left", ["quadriceps_weakness"], KEEP_GOING),
        ("step_down", (2, 8, 0, 2), "left", ["quadriceps_weakness"], KEEP_GOING),
        # flare, no easier exercise: one set fewer, 3 -> 2; hip abductors still drive.
        ("side_lying_hip_abduction", (2, 12, 0, 3), "left", ["hip_abductor_weakness"], ""),
        # too_easy: the harder banded clamshell at its default 3 x 12, side by step 2.
        ("banded_clamshell", (3, 12, 0, 3), "left", ["hip_abductor_weakness"], ""),
        # calf findings gone: the stretches and the roll are dropped.
    ]
    final = finalize(api, v2)
    # The calf right was never measured at this visit: dropped at finalize, audited.
    assert ("knee_to_wall", "right") not in {(x["code"], x["side"]) for x in final["measurements"]}
    event = AuditEvent.objects.filter(object_id=str(v2), detail__startswith="finalized").get()
    assert event.changes["measurements_dropped"] == [["knee_to_wall right"], []]

    visit = follow_up(api, v2, V3)
    v3 = visit["id"]
    assert [(x["code"], x["side"]) for x in visit["measurements"]][-1] == ("knee_to_wall", "left")
    ids2 = item_ids(api, v2)
    # Everything strong now; a new calf tightness on the right (8 cm, grade C: confirmed).
    filled = api.patch(
        f"/api/v1/assessments/{v3}/",
        {
            "measurements": [
                m("knee_extensor_strength", "left", 300),
                m("knee_extensor_strength", "right", 300),
                m("hip_abductor_strength", "left", 160),
                m("hip_abductor_strength", "right", 160),
                m("knee_to_wall", "left", 12),
                m("knee_to_wall", "right", 8),
            ],
            "item_responses": [
                {"item": ids2["quad_set"], "response": "too_easy"},
                {"item": ids2["banded_clamshell"], "response": "right"},
            ],
        },
        format="json",
    )
    assert filled.status_code == 200, filled.json()
    confirm(api, filled.json(), "calf_tightness")
    propose(api, v3)
    assert program(api, v3) == [
        # already in maintenance, no response: stays as it is.
        ("wall_squat", (1, 12, 5, 2), "both", ["quadriceps_weakness"], KEEP_GOING),
        # maintenance moved along its ladder: straight leg lift at its default 3 x 10, hold 3,
        # then in maintenance: 2 sets, 2 days; one-leg, on the left as before.
        ("straight_leg_lift", (2, 10, 3, 2), "left", ["quadriceps_weakness"], KEEP_GOING),
        ("step_down", (2, 8, 0, 2), "left", ["quadriceps_weakness"], KEEP_GOING),
        # hip abductors resolved: both hip items go to maintenance now.
        ("side_lying_hip_abduction", (1, 12, 0, 2), "left", ["hip_abductor_weakness"], KEEP_GOING),
        ("banded_clamshell", (2, 12, 0, 2), "left", ["hip_abductor_weakness"], KEEP_GOING),
        # the new calf finding adds its exercises with their defaults, on the right.
        ("standing_calf_stretch", (1, 3, 30, 7), "right", ["calf_tightness"], ""),
        ("bent_knee_calf_stretch", (1, 3, 30, 7), "right", ["calf_tightness"], ""),
        ("foam_roll_calves", (1, 1, 60, 7), "right", ["calf_tightness"], ""),
    ]
    # The handout says why a maintenance exercise stays: it keeps the gains made.
    handout = pdf_lines(api.get(f"/api/v1/assessments/{v3}/handout.pdf").content)
    flat = " ".join(handout.split())
    assert flat.count("This exercise helps you keep the gains you have made.") == 5, flat[:3000]
    assert flat.count("To help with tight calf muscles.") == 3  # the new stretches and roll


# Refusals of the follow-up endpoint and of item_responses


@pytest.fixture
def rated_setup(api, first_visit):
    """A final first visit with its program, and a follow-up draft."""
    propose(api, first_visit["id"])
    finalize(api, first_visit["id"])
    return first_visit["id"], follow_up(api, first_visit["id"], V2)["id"]


def test_follow_up_defaults_to_today_and_refuses_a_date_before_the_visit(api, first_visit):
    made = api.post(f"/api/v1/assessments/{first_visit['id']}/follow-up/", {}, format="json")
    assert made.status_code == 201
    assert made.json()["assessed_on"] == str(datetime.date.today())
    early = api.post(
        f"/api/v1/assessments/{first_visit['id']}/follow-up/", {"assessed_on": "2026-08-31"}
    )
    assert early.status_code == 400
    assert early.json()["assessed_on"] == [
        "A follow-up cannot be dated before the visit it follows (2026-09-01)."
    ]
    future = api.post(
        f"/api/v1/assessments/{first_visit['id']}/follow-up/", {"assessed_on": "2999-01-01"}
    )
    assert future.status_code == 400 and "future" in future.json()["assessed_on"][0]


def test_follow_up_of_an_archived_patient_or_visit_is_409(api, clinician, patient, first_visit):
    from assessments import services
    from assessments.models import Assessment
    from patients import services as patient_services

    draft = follow_up(api, first_visit["id"], V2)
    services.assessment_archive(actor=clinician, assessment=Assessment.objects.get(pk=draft["id"]))
    archived = api.post(f"/api/v1/assessments/{draft['id']}/follow-up/", {})
    assert archived.status_code == 409
    assert "archived" in archived.json()["detail"]
    patient_services.patient_archive(actor=clinician, patient=patient)
    response = api.post(f"/api/v1/assessments/{first_visit['id']}/follow-up/", {})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("This patient is archived")


def test_follow_up_writes_an_audit_event_with_the_copied_values(api, first_visit):
    draft = follow_up(api, first_visit["id"], V2)
    event = AuditEvent.objects.get(object_id=str(draft["id"]), action="create")
    assert event.detail == f"follow-up of assessment {first_visit['id']}"
    assert event.changes["body_mass_kg"] == [None, "70.00"]
    assert event.changes["measurements"][1][0] == "knee_extensor_strength left: not measured yet"


def test_another_clinics_visit_is_404_and_an_assistant_is_refused(
    outsider_api, assistant, first_visit
):
    from tests.conftest import api_client_for

    url = f"/api/v1/assessments/{first_visit['id']}/follow-up/"
    assert outsider_api.post(url, {}).status_code == 404
    response = api_client_for(assistant).post(url, {})
    # An assistant registers patients but holds no clinical right (patients/roles.py).
    assert response.status_code == 403
    assert "clinical records" in response.json()["detail"]
    from assessments.models import Assessment

    assert Assessment.objects.count() == 1


def test_a_colleague_in_the_clinic_may_start_the_follow_up(colleague_api, first_visit):
    response = colleague_api.post(f"/api/v1/assessments/{first_visit['id']}/follow-up/", {})
    assert response.status_code == 201


def test_a_null_value_is_refused_on_a_new_assessment(api, patient):
    response = api.post(
        "/api/v1/assessments/",
        {
            "patient": patient.pk,
            "assessed_on": str(V1),
            "measurements": [m("knee_to_wall", "left", None)],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "value" in response.json()["measurements"][0]


def test_the_measurements_patch_still_removes_with_null(api, rated_setup):
    _, v2 = rated_setup
    response = api.patch(
        f"/api/v1/assessments/{v2}/measurements/",
        {"measurements": [m("knee_to_wall", "right", None)]},
        format="json",
    )
    assert response.status_code == 200
    assert ("knee_to_wall", "right") not in {
        (x["code"], x["side"]) for x in response.json()["measurements"]
    }


def _rate(api, visit_id, responses):
    return api.patch(
        f"/api/v1/assessments/{visit_id}/", {"item_responses": responses}, format="json"
    )


def test_item_responses_name_the_bad_item_and_allowed_values(api, rated_setup):
    v1, v2 = rated_setup
    ids = item_ids(api, v1)
    response = _rate(
        api,
        v2,
        [
            {"item": ids["wall_squat"], "response": "great"},
            {"item": ids["quad_set"], "response": "right", "days_done_per_week": 8},
            {"item": 999999, "response": "right"},
        ],
    )
    assert response.status_code == 400
    errors = response.json()["item_responses"]
    assert "too_easy, right, too_hard, flare, not_done" in errors[0]["response"][0]
    assert errors[1]["days_done_per_week"] == ["Days done is a number of days a week, from 0 to 7."]
    assert errors[2] == {}  # field checks first; the item is checked by the service
    unknown = _rate(api, v2, [{"item": 999999, "response": "right"}])
    assert unknown.json()["item_responses"] == [
        {"item": ["There is no program item 999999 in this clinic."]}
    ]
    twice = _rate(
        api,
        v2,
        [
            {"item": ids["quad_set"], "response": "right"},
            {"item": ids["quad_set"], "response": "flare"},
        ],
    )
    assert twice.json()["item_responses"][1] == {
        "item": [f"Item {ids['quad_set']} is rated more than once in this list."]
    }


def test_an_item_of_another_patient_or_of_an_older_program_is_400(
    api, clinic, rated_setup, first_visit
):
    from tests.factories import PatientFactory

    v1, v2 = rated_setup
    other = PatientFactory(clinic=clinic, first_name="Noa", last_name="Berg")
    theirs = api.post(
        "/api/v1/assessments/",
        {"patient": other.pk, "assessed_on": str(V1), "measurements": []},
        format="json",
    ).json()["id"]
    propose(api, theirs)
    their_item = item_ids(api, theirs)["wall_squat"]
    response = _rate(api, v2, [{"item": their_item, "response": "right"}])
    assert response.status_code == 400
    assert response.json()["item_responses"] == [
        {"item": [f"Item {their_item} (Wall squat) is on another patient's program."]}
    ]
    # v2 gets its own program; a third visit may rate only v2's items, not v1's.
    propose(api, v2)
    v3 = follow_up(api, v2, V3)["id"]
    old_item = item_ids(api, v1)["wall_squat"]
    response = _rate(api, v3, [{"item": old_item, "response": "right"}])
    assert response.status_code == 400
    assert response.json()["item_responses"] == [
        {
            "item": [
                f"Item {old_item} (Wall squat) is not on this patient's previous program (the "
                "visit of 2026-10-13); rate the items of that program."
            ]
        }
    ]
    # The first visit has no earlier program at all.
    response = _rate(api, v1, [{"item": old_item, "response": "right"}])
    assert response.status_code == 409  # v1 is final


def test_item_responses_replace_the_list_and_are_audited(api, rated_setup):
    v1, v2 = rated_setup
    ids = item_ids(api, v1)
    _rate(api, v2, [{"item": ids["wall_squat"], "response": "too_easy", "days_done_per_week": 3}])
    response = _rate(api, v2, [{"item": ids["clamshell"], "response": "too_hard"}])
    assert response.status_code == 200
    assert response.json()["item_responses"] == [
        {"item": ids["clamshell"], "response": "too_hard", "days_done_per_week": None}
    ]
    event = (
        AuditEvent.objects.filter(object_id=str(v2), detail="item responses").order_by("id").last()
    )
    assert event.changes["item_responses"] == [
        [f"item {ids['wall_squat']} wall_squat: too_easy, 3 days a week"],
        [f"item {ids['clamshell']} clamshell: too_hard"],
    ]


def test_item_responses_only_on_drafts(api, rated_setup):
    v1, v2 = rated_setup
    ids = item_ids(api, v1)
    finalize(api, v2)
    response = _rate(api, v2, [{"item": ids["wall_squat"], "response": "right"}])
    assert response.status_code == 409


def test_a_rated_program_cannot_be_proposed_again_nor_its_item_removed(api, rated_setup):
    v1, v2 = rated_setup
    ids = item_ids(api, v1)
    _rate(api, v2, [{"item": ids["wall_squat"], "response": "right"}])
    assert api.post(f"/api/v1/assessments/{v1}/program/").status_code == 409
    assert api.delete(f"/api/v1/program-items/{ids['wall_squat']}/").status_code == 409


def test_the_database_refuses_days_done_outside_0_to_7_and_a_second_response(
    clinician, rated_setup
):
    from django.db import IntegrityError, transaction

    from reports.models import ProgramExercise

    v1, v2 = rated_setup
    item = ProgramExercise.objects.filter(program__assessment_id=v1).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemResponse.objects.create(
            assessment_id=v2, item=item, response="right", days_done_per_week=8
        )
    ItemResponse.objects.create(assessment_id=v2, item=item, response="right", days_done_per_week=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        ItemResponse.objects.create(assessment_id=v2, item=item, response="flare")


def test_a_fresh_follow_up_prints_and_exports_without_the_waiting_tests(api, patient, rated_setup):
    v1, v2 = rated_setup
    printed = pdf_lines(api.get(f"/api/v1/assessments/{v1}/report.pdf").content)
    assert "Knee extensor strength" in printed  # the first visit measured it
    report = pdf_lines(api.get(f"/api/v1/assessments/{v2}/report.pdf").content)
    assert "Knee extensor strength" not in report  # no value yet: not in the measurements table
    bundle = api.get(f"/api/v1/patients/{patient.pk}/fhir/").json()
    from reports.fhir import full_url

    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert full_url("Observation", f"{v1}/knee_extensor_strength/left") in urls
    assert full_url("Observation", f"{v2}/knee_extensor_strength/left") not in urls


def test_item_responses_of_another_clinic_are_404_and_an_assistant_cannot_record_them(
    api, outsider_api, assistant, rated_setup
):
    from tests.conftest import api_client_for

    v1, v2 = rated_setup
    body = [{"item": item_ids(api, v1)["wall_squat"], "response": "right"}]
    assert _rate(outsider_api, v2, body).status_code == 404
    refused = _rate(api_client_for(assistant), v2, body)
    assert refused.status_code == 403
    assert not ItemResponse.objects.filter(assessment_id=v2).exists()


def test_an_amendment_of_a_follow_up_keeps_its_item_responses(api, rated_setup):
    v1, v2 = rated_setup
    ids = item_ids(api, v1)
    _rate(api, v2, [{"item": ids["wall_squat"], "response": "too_easy", "days_done_per_week": 6}])
    finalize(api, v2)
    amended = api.post(f"/api/v1/assessments/{v2}/amend/")
    assert amended.status_code == 201
    assert amended.json()["item_responses"] == [
        {"item": ids["wall_squat"], "response": "too_easy", "days_done_per_week": 6}
    ]
    # The amendment corrects the follow-up: its previous program is still the first visit's.
    propose(api, amended.json()["id"])
    assert "split_squat" in [row[0] for row in program(api, amended.json()["id"])]


def test_three_visits_show_in_the_progress_endpoint_and_the_report(api, patient, first_visit):
    """Visit 2 then visit 3 of the walk above, compared by hand against progress.md."""
    v1 = first_visit["id"]
    propose(api, v1)
    finalize(api, v1)
    v2 = follow_up(api, v1, V2)["id"]
    sheet = [
        m("knee_extensor_strength", "left", 29.6, unit="kgf"),  # 29.6 x 9.80665 = 290.28 N
        m("knee_extensor_strength", "right", 300),
        m("hip_abductor_strength", "left", 100),
        m("hip_abductor_strength", "right", 160),
        m("knee_to_wall", "left", 12),
        m("knee_to_wall", "right", 12),
    ]
    filled = api.patch(f"/api/v1/assessments/{v2}/", {"pain_nprs": 5, "measurements": sheet},
                       format="json")  # fmt: skip
    assert filled.status_code == 200, filled.json()
    propose(api, v2)
    ids2 = item_ids(api, v2)
    finalize(api, v2)
    v3 = follow_up(api, v2, V3)["id"]
    sheet[0] = m("knee_extensor_strength", "left", 300)
    sheet[2] = m("hip_abductor_strength", "left", 160)
    sheet[5] = m("knee_to_wall", "right", 8)
    filled = api.patch(
        f"/api/v1/assessments/{v3}/",
        {
            "pain_nprs": 3,
            "measurements": sheet,
            "item_responses": [{"item": ids2["clamshell"], "response": "too_easy"}],
        },
        format="json",
    )
    assert filled.status_code == 200, filled.json()

    progress = api.get(f"/api/v1/patients/{patient.pk}/progress/").json()
    assert [v["assessment"] for v in progress["visits"]] == [v1, v2, v3]
    since = progress["since_last"]
    assert (since["from"], since["to"]) == (v2, v3)
    measures = {(x["code"], x["side"], x["metric"]): x for x in since["measures"]}
    # 290.28 -> 300 N: +9.7 N, inside 15% of 290.28 (43.5 N).
    assert measures[("knee_extensor_strength", "left", None)]["label"] == "no_clear_change"
    # 100 -> 160 N: +60, past 15% of 100 (15 N).
    hip = measures[("hip_abductor_strength", "left", None)]
    assert (Decimal(str(hip["change"])), hip["label"]) == (Decimal("60"), "improved")
    # 12 -> 8 cm knee to wall: -4, past the 2 cm error, and lower is worse.
    calf = measures[("knee_to_wall", "right", None)]
    assert (Decimal(str(calf["change"])), calf["label"]) == (Decimal("-4"), "worse")
    # NPRS 5 -> 3: a change of exactly the 2 points counts (minimal important change).
    pain = measures[("pain_nprs", None, None)]
    assert (pain["change"], pain["label"]) == (-2, "improved")
    found = {k: [(f["code"], f["side"]) for f in v] for k, v in since["findings"].items()}
    assert found == {
        "new": [("calf_tightness", "right")],
        "resolved": [("hip_abductor_weakness", "left")],
        "persisting": [],
    }
    assert [(r["item"], r["response"]) for r in since["item_responses"]] == [
        (ids2["clamshell"], "too_easy")
    ]

    report = " ".join(pdf_lines(api.get(f"/api/v1/assessments/{v3}/report.pdf").content).split())
    assert "Since last visit" in report and "Trend over visits" in report
    assert "Improved" in report and "Worse" in report and "No clear change" in report


def test_an_amendment_keeps_the_visits_questionnaires_and_the_progress_still_shows_them(
    api, patient, rated_setup
):
    v1, v2 = rated_setup
    answers = {f"PF{n}": 2 for n in range(1, 12)}  # 11 items, each 2 of 4: 50 of 100
    made = api.post(
        f"/api/v1/assessments/{v2}/proms/",
        {"instrument": "koos_pf", "answers": answers, "completed_on": str(V2)},
        format="json",
    )
    assert made.status_code == 201, made.json()
    dropped = api.post(
        f"/api/v1/assessments/{v2}/proms/", {"instrument": "lefs", "answers": {}}, format="json"
    )
    assert api.delete(f"/api/v1/proms/{dropped.json()['id']}/").status_code == 204
    finalize(api, v2)
    amended = api.post(f"/api/v1/assessments/{v2}/amend/").json()["id"]

    rows = api.get(f"/api/v1/assessments/{amended}/proms/").json()  # not paginated
    assert [(r["instrument"], r["answers"], r["completed_on"]) for r in rows] == [
        ("koos_pf", answers, str(V2))
    ]
    assert rows[0]["id"] != made.json()["id"]
    assert rows[0]["scores"] == made.json()["scores"]
    event = AuditEvent.objects.get(object_type="promresponse", object_id=str(rows[0]["id"]))
    assert event.detail == f"koos_pf, copied from PROM response {made.json()['id']}"
    # The amended visit stands for the follow-up, with its score.
    visits = api.get(f"/api/v1/patients/{patient.pk}/progress/").json()["visits"]
    assert [v["assessment"] for v in visits] == [v1, amended]
    assert "koos_pf" in visits[1]["proms"]
