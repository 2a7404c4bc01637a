"""REST API v1, findings: embedded shape and order, initial statuses, decisions, freezing."""

from __future__ import annotations

import pytest

from assessments.models import Finding, FindingStatus

URL = "/api/v1/assessments/"
FINDINGS = "/api/v1/findings/"

# Knee extensors 300 N left, 400 N right: LSI = 300 / 400 x 100 = 75 %, below 90 ->
# quadriceps_weakness (grade A) on the left, moderate (70 to <80).
# Modified Thomas thigh angle 5 deg > 0 on the left -> hip_flexor_tightness (grade C), moderate.
# Thomas test positive on the right -> hip_flexor_tightness (grade C) on the right.
# Lateral step-down score 3 >= 2 on the left -> poor_step_down_control (grade B), moderate.
MIXED = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
    {"code": "thomas_hip_angle", "side": "left", "value": 5},
    {"code": "thomas_test", "side": "right", "value": True},
    {"code": "lateral_step_down_score", "side": "left", "value": 3},
]

CONTRACT_FIELDS = {
    "id",
    "code",
    "side",
    "severity",
    "evidence",
    "value",
    "threshold",
    "unit",
    "explanation",
    "patient_text",
    "source",
    "strategies",
    "status",
    "note",
}


def detail(assessment_id: int) -> str:
    return f"{URL}{assessment_id}/"


def finding_url(finding_id: int) -> str:
    return f"{FINDINGS}{finding_id}/"


def create(client, patient, measurements=MIXED, **fields) -> dict:
    body = {"patient": patient.id, "assessed_on": "2025-01-10", "measurements": measurements}
    body.update(fields)
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def find(data: dict, code: str, side: str | None = "left") -> dict:
    found = [f for f in data["findings"] if f["code"] == code and f["side"] == side]
    assert len(found) == 1, [(f["code"], f["side"]) for f in data["findings"]]
    return found[0]


def decide(client, finding_id: int, **body):
    return client.patch(finding_url(finding_id), body, format="json")


def finalize(client, assessment_id: int) -> dict:
    response = client.post(f"{URL}{assessment_id}/finalize/")
    assert response.status_code == 200, response.content
    return response.json()


# --- shape, order, values ---------------------------------------------------------------------


def test_findings_are_embedded_with_the_contract_fields(api, patient):
    data = create(api, patient)
    assert data["findings"]
    for finding in data["findings"]:
        assert set(finding) >= CONTRACT_FIELDS
        assert isinstance(finding["id"], int)
        assert isinstance(finding["strategies"], list)
        assert finding["explanation"]
        assert finding["patient_text"]


def test_findings_come_in_rules_table_order_left_before_right(api, patient):
    data = create(api, patient, red_flags=["locked_knee"])
    assert [(f["code"], f["side"]) for f in data["findings"]] == [
        ("quadriceps_weakness", "left"),
        ("hip_flexor_tightness", "left"),
        ("hip_flexor_tightness", "right"),
        ("poor_step_down_control", "left"),
        ("referral_advised", None),
    ]


def test_lsi_finding_values(api, patient):
    finding = find(create(api, patient), "quadriceps_weakness")
    assert finding["severity"] == "moderate"
    assert finding["evidence"] == "A"
    assert finding["value"] == 75  # 300 / 400 x 100
    assert finding["threshold"] == 90
    assert finding["unit"] == "%"
    assert finding["source"] == "LSI90"
    assert finding["strategies"] == ["wall_squat", "quad_set", "step_down"]


def test_angle_and_boolean_finding_values(api, patient):
    data = create(api, patient)
    by_angle = find(data, "hip_flexor_tightness", "left")
    assert (by_angle["value"], by_angle["threshold"], by_angle["unit"]) == (5, 0, "deg")
    assert by_angle["severity"] == "mild"  # 2026.2: mild up to 5 degrees
    assert by_angle["value_text"] == "5 deg"
    by_test = find(data, "hip_flexor_tightness", "right")
    assert by_test["value"] is True
    assert by_test["threshold"] is None
    assert by_test["unit"] is None


def test_score_finding_values(api, patient):
    finding = find(create(api, patient), "poor_step_down_control")
    assert (finding["value"], finding["threshold"], finding["unit"]) == (3, 2, "points")
    assert finding["severity"] == "moderate"
    assert finding["evidence"] == "B"


def test_grade_c_findings_start_to_confirm_and_a_b_proposed(api, patient):
    data = create(api, patient)
    assert find(data, "quadriceps_weakness")["status"] == "proposed"  # grade A
    assert find(data, "poor_step_down_control")["status"] == "proposed"  # grade B
    assert find(data, "hip_flexor_tightness", "left")["status"] == "to_confirm"  # grade C
    assert find(data, "hip_flexor_tightness", "right")["status"] == "to_confirm"
    for finding in data["findings"]:
        expected = "to_confirm" if finding["evidence"] == "C" else "proposed"
        assert finding["status"] == expected, finding["code"]


def test_a_red_flag_gives_referral_advised(api, patient):
    data = create(api, patient, measurements=[], red_flags=["locked_knee", "history_of_cancer"])
    assert [f["code"] for f in data["findings"]] == ["referral_advised"]
    referral = data["findings"][0]
    assert referral["severity"] == "urgent"
    assert referral["side"] is None
    assert referral["evidence"] == "A"
    assert referral["source"] == "RedFlags"
    assert referral["status"] == "proposed"
    assert referral["threshold"] is None


def test_no_measurements_no_findings(api, patient):
    assert create(api, patient, measurements=[])["findings"] == []


def test_removing_the_red_flag_removes_the_referral(api, patient):
    data = create(api, patient, measurements=[], red_flags=["locked_knee"])
    response = api.patch(detail(data["id"]), {"red_flags": []}, format="json")
    assert response.status_code == 200
    assert response.json()["findings"] == []


def test_finding_detail_has_the_same_shape(api, patient):
    data = create(api, patient)
    embedded = find(data, "quadriceps_weakness")
    response = api.get(finding_url(embedded["id"]))
    assert response.status_code == 200
    assert {k: response.json()[k] for k in CONTRACT_FIELDS} == {
        k: embedded[k] for k in CONTRACT_FIELDS
    }


# --- decisions --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["api", "colleague_api"])
def test_clinic_members_confirm_a_finding(request, persona, api, patient):
    finding = find(create(api, patient), "hip_flexor_tightness")
    response = decide(request.getfixturevalue(persona), finding["id"], status="confirmed")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == finding["id"]
    assert response.json()["status"] == "confirmed"
    assert Finding.objects.get(pk=finding["id"]).status == FindingStatus.CONFIRMED


def test_dismissal_without_a_note_is_refused_on_note(api, patient):
    finding = find(create(api, patient), "quadriceps_weakness")
    for body in ({"status": "dismissed"}, {"status": "dismissed", "note": ""}):
        response = decide(api, finding["id"], **body)
        assert response.status_code == 400
        assert "note" in response.json()
    response = decide(api, finding["id"], status="dismissed", note="   ")
    assert response.status_code == 400
    assert "note" in response.json()
    assert Finding.objects.get(pk=finding["id"]).status == FindingStatus.PROPOSED


def test_dismissal_with_a_note(api, patient):
    finding = find(create(api, patient), "quadriceps_weakness")
    response = decide(api, finding["id"], status="dismissed", note="Old injury, not relevant")
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert response.json()["note"] == "Old injury, not relevant"
    stored = Finding.objects.get(pk=finding["id"])
    assert (stored.status, stored.note) == ("dismissed", "Old injury, not relevant")


@pytest.mark.parametrize("status", ["proposed", "to_confirm", "accepted", "", None])
def test_only_confirmed_or_dismissed_can_be_set(api, patient, status):
    finding = find(create(api, patient), "hip_flexor_tightness")
    response = decide(api, finding["id"], status=status, note="x")
    assert response.status_code == 400
    assert "status" in response.json()
    if status:
        text = " ".join(response.json()["status"])
        assert "confirmed" in text
        assert "dismissed" in text
    assert Finding.objects.get(pk=finding["id"]).status == FindingStatus.TO_CONFIRM


def test_decision_without_status_is_a_400(api, patient):
    finding = find(create(api, patient), "hip_flexor_tightness")
    response = decide(api, finding["id"], note="only a note")
    assert response.status_code == 400
    assert "status" in response.json()


def test_malformed_json_on_a_finding_is_a_400(api, patient):
    finding = find(create(api, patient), "hip_flexor_tightness")
    response = api.patch(
        finding_url(finding["id"]), b'{"status": ', content_type="application/json"
    )
    assert response.status_code == 400


def test_decision_on_a_final_assessment_is_a_409(api, patient):
    data = create(api, patient)
    finding = find(data, "hip_flexor_tightness")
    finalize(api, data["id"])
    response = decide(api, finding["id"], status="confirmed")
    assert response.status_code == 409
    assert Finding.objects.get(pk=finding["id"]).status == FindingStatus.TO_CONFIRM


def test_invalid_decision_on_a_final_assessment_is_still_a_409(api, patient):
    data = create(api, patient)
    finding = find(data, "hip_flexor_tightness")
    finalize(api, data["id"])
    assert decide(api, finding["id"], status="dismissed").status_code == 409


def test_outsider_cannot_read_or_decide_a_finding(api, outsider_api, patient):
    finding = find(create(api, patient), "quadriceps_weakness")
    assert outsider_api.get(finding_url(finding["id"])).status_code == 404
    response = decide(outsider_api, finding["id"], status="dismissed", note="nope")
    assert response.status_code == 404
    assert Finding.objects.get(pk=finding["id"]).status == FindingStatus.PROPOSED


def test_outsider_list_leaves_out_another_clinics_findings(api, outsider_api, patient):
    create(api, patient)
    response = outsider_api.get(FINDINGS)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_decision_shows_in_the_assessment(api, patient):
    data = create(api, patient)
    finding = find(data, "hip_flexor_tightness")
    decide(api, finding["id"], status="confirmed")
    again = api.get(detail(data["id"])).json()
    assert find(again, "hip_flexor_tightness")["status"] == "confirmed"


# --- recompute and freeze ---------------------------------------------------------------------


def test_decisions_survive_a_recompute_while_the_finding_still_fires(api, patient):
    data = create(api, patient)
    quad = find(data, "quadriceps_weakness")
    hip = find(data, "hip_flexor_tightness")
    assert decide(api, quad["id"], status="confirmed", note="Agreed").status_code == 200
    assert decide(api, hip["id"], status="dismissed", note="Long-standing").status_code == 200

    # Knee extensors now 320 / 400 x 100 = 80 %: still below 90, now mild (80 to <90).
    changed = [dict(m) for m in MIXED]
    changed[0]["value"] = 320
    response = api.patch(detail(data["id"]), {"measurements": changed}, format="json")

    assert response.status_code == 200, response.content
    new_quad = find(response.json(), "quadriceps_weakness")
    assert new_quad["id"] == quad["id"]
    assert new_quad["status"] == "confirmed"
    assert new_quad["note"] == "Agreed"
    assert new_quad["severity"] == "mild"
    assert new_quad["value"] == 80
    new_hip = find(response.json(), "hip_flexor_tightness")
    assert (new_hip["id"], new_hip["status"], new_hip["note"]) == (
        hip["id"],
        "dismissed",
        "Long-standing",
    )


def test_decisions_survive_a_write_to_other_fields(api, patient):
    data = create(api, patient)
    quad = find(data, "quadriceps_weakness")
    decide(api, quad["id"], status="confirmed")
    response = api.patch(detail(data["id"]), {"notes": "follow-up in 2 weeks"}, format="json")
    assert find(response.json(), "quadriceps_weakness")["status"] == "confirmed"


def test_a_finding_that_stops_firing_goes_and_returns_fresh(api, patient):
    data = create(api, patient)
    quad = find(data, "quadriceps_weakness")
    decide(api, quad["id"], status="dismissed", note="not now")

    # 380 / 400 x 100 = 95 %: no longer below 90.
    better = [dict(m) for m in MIXED]
    better[0]["value"] = 380
    gone = api.patch(detail(data["id"]), {"measurements": better}, format="json").json()
    assert "quadriceps_weakness" not in [f["code"] for f in gone["findings"]]

    back = api.patch(detail(data["id"]), {"measurements": MIXED}, format="json").json()
    assert find(back, "quadriceps_weakness")["status"] == "proposed"


def test_finalizing_with_findings_to_confirm_freezes_them(api, patient):
    data = create(api, patient)
    final = finalize(api, data["id"])
    assert find(final, "hip_flexor_tightness")["status"] == "to_confirm"
    assert [f["id"] for f in final["findings"]] == [f["id"] for f in data["findings"]]


def test_dismissing_the_referral_does_not_clear_the_red_flags(api, patient):
    data = create(api, patient, measurements=[], red_flags=["locked_knee"])
    referral = find(data, "referral_advised", None)
    assert decide(api, referral["id"], status="dismissed", note="seen").status_code == 200
    response = api.post(f"{URL}{data['id']}/clear-red-flags/", {"reason": "ortho cleared"})
    assert response.status_code == 200


def test_amend_keeps_decisions_on_findings_that_still_fire(api, colleague_api, patient):
    data = create(api, patient)
    quad = find(data, "quadriceps_weakness")
    hip = find(data, "hip_flexor_tightness")
    decide(api, quad["id"], status="confirmed", note="Agreed")
    decide(api, hip["id"], status="dismissed", note="Long-standing")
    finalize(api, data["id"])

    response = colleague_api.post(f"{URL}{data['id']}/amend/")

    assert response.status_code == 201
    copy = response.json()
    new_quad = find(copy, "quadriceps_weakness")
    new_hip = find(copy, "hip_flexor_tightness")
    assert new_quad["id"] != quad["id"]
    assert (new_quad["status"], new_quad["note"]) == ("confirmed", "Agreed")
    assert (new_hip["status"], new_hip["note"]) == ("dismissed", "Long-standing")
    assert find(copy, "hip_flexor_tightness", "right")["status"] == "to_confirm"
    assert find(copy, "poor_step_down_control")["status"] == "proposed"
    # The amendment is a draft: its findings take decisions again.
    assert (
        decide(colleague_api, new_quad["id"], status="dismissed", note="rethink").status_code == 200
    )
