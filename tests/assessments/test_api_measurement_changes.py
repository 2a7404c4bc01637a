"""PATCH /assessments/{id}/measurements/: upsert by code and side, remove with null, the rest
of the draft's measurements left alone (issue 14)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.models import Measurement
from patients.models import AuditEvent
from tests.conftest import api_client_for

URL = "/api/v1/assessments/"
MEASUREMENTS = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300, "note": "pain at end"},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
    {"code": "knee_to_wall", "side": "left", "value": 8},
    {"code": "ely_test", "side": "left", "value": True},
]


@pytest.fixture
def draft(api, patient) -> dict:
    body = {"patient": patient.pk, "assessed_on": "2025-01-10", "measurements": MEASUREMENTS}
    response = api.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def change(api, assessment: dict, *items):
    url = f"{URL}{assessment['id']}/measurements/"
    return api.patch(url, {"measurements": list(items)}, format="json")


def stored(assessment: dict) -> dict[tuple[str, str], Measurement]:
    rows = Measurement.objects.filter(assessment_id=assessment["id"])
    return {(m.code, m.side): m for m in rows}


def test_a_changed_value_replaces_that_code_and_side_only(api, draft):
    before = stored(draft)
    response = change(
        api, draft, {"code": "knee_extensor_strength", "side": "right", "value": 20, "unit": "kgf"}
    )
    assert response.status_code == 200, response.content
    after = stored(draft)
    right = after[("knee_extensor_strength", "right")]
    # 20 kgf x 9.80665 N/kgf = 196.133 N, entered as typed.
    assert (right.value, right.entered_value, right.entered_unit) == (
        Decimal("196.133"),
        Decimal("20"),
        "kgf",
    )
    assert right.pk == before[("knee_extensor_strength", "right")].pk  # changed in place
    untouched = [("knee_extensor_strength", "left"), ("knee_to_wall", "left"), ("ely_test", "left")]
    for key in untouched:
        assert (after[key].pk, after[key].value, after[key].note) == (
            before[key].pk,
            before[key].value,
            before[key].note,
        )


def test_a_new_code_and_side_is_added(api, draft):
    response = change(api, draft, {"code": "knee_to_wall", "side": "right", "value": 12.5})
    assert response.status_code == 200, response.content
    codes = [(m["code"], m["side"]) for m in response.json()["measurements"]]
    assert codes == [
        ("knee_extensor_strength", "left"),
        ("knee_extensor_strength", "right"),
        ("ely_test", "left"),
        ("knee_to_wall", "left"),
        ("knee_to_wall", "right"),
    ]


def test_null_removes_and_an_absent_removal_changes_nothing(api, draft):
    response = change(
        api,
        draft,
        {"code": "ely_test", "side": "left", "value": None},
        {"code": "knee_to_wall", "side": "right", "value": None},
    )
    assert response.status_code == 200, response.content
    assert set(stored(draft)) == {
        ("knee_extensor_strength", "left"),
        ("knee_extensor_strength", "right"),
        ("knee_to_wall", "left"),
    }


def test_findings_and_metrics_are_recomputed(api, draft):
    # 300 / 400 x 100 = 75 % before; 390 / 400 x 100 = 97.5 % after (no longer below 90 %).
    lsi = [m for m in draft["metrics"] if m["code"] == "limb_symmetry_index"]
    assert lsi[0]["value"] == 75
    assert "quadriceps_weakness" in {f["code"] for f in draft["findings"]}
    data = change(
        api, draft, {"code": "knee_extensor_strength", "side": "left", "value": 390}
    ).json()
    lsi = [m for m in data["metrics"] if m["code"] == "limb_symmetry_index"]
    assert lsi[0]["value"] == 97.5
    assert "quadriceps_weakness" not in {f["code"] for f in data["findings"]}


def test_the_change_is_audited(api, draft):
    change(api, draft, {"code": "ely_test", "side": "left", "value": None})
    event = AuditEvent.objects.filter(object_type="assessment", action="update").latest("id")
    assert event.detail == "measurements: ely_test left removed"


def test_an_invalid_item_is_a_400_on_that_item_and_changes_nothing(api, draft):
    before = stored(draft)
    response = change(
        api,
        draft,
        {"code": "knee_to_wall", "side": "right", "value": 9},
        {"code": "knee_to_wall", "side": "left", "value": 40},
    )
    assert response.status_code == 400, response.content
    errors = response.json()["measurements"]
    assert errors[0] == {}
    assert "from 0 to 25 cm" in " ".join(errors[1]["value"])
    assert {k: m.value for k, m in stored(draft).items()} == {k: m.value for k, m in before.items()}


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"code": "no_such_test", "side": "left", "value": None}, "code"),
        ({"code": "knee_to_wall", "side": "middle", "value": None}, "side"),
    ],
)
def test_a_removal_names_a_real_code_and_side(api, draft, item, field):
    response = change(api, draft, item)
    assert response.status_code == 400, response.content
    assert field in response.json()["measurements"][0]


def test_the_same_code_and_side_twice_is_a_400_on_the_second(api, draft):
    response = change(
        api,
        draft,
        {"code": "knee_to_wall", "side": "left", "value": 9},
        {"code": "knee_to_wall", "side": "left", "value": None},
    )
    assert response.status_code == 400
    errors = response.json()["measurements"]
    assert errors[0] == {}
    assert errors[1]["code"] == ["knee_to_wall (left) appears more than once in this change."]


@pytest.mark.parametrize("body", [{}, {"measurements": []}, {"measurements": "x"}, []])
def test_a_body_without_changes_is_a_400(api, draft, body):
    response = api.patch(f"{URL}{draft['id']}/measurements/", body, format="json")
    assert response.status_code == 400, response.content


def test_a_final_assessment_is_a_409(api, draft):
    assert api.post(f"{URL}{draft['id']}/finalize/").status_code == 200
    response = change(api, draft, {"code": "knee_to_wall", "side": "left", "value": 9})
    assert response.status_code == 409


def test_an_outsider_gets_a_404(outsider_api, draft):
    response = change(outsider_api, draft, {"code": "knee_to_wall", "side": "left", "value": 9})
    assert response.status_code == 404


def test_the_front_desk_may_not_change_measurements(assistant, draft):
    before = stored(draft)
    client = api_client_for(assistant)
    response = change(client, draft, {"code": "knee_to_wall", "side": "left", "value": 9})
    assert response.status_code == 403
    assert stored(draft)[("knee_to_wall", "left")].value == before[("knee_to_wall", "left")].value


def test_a_stale_if_match_is_a_412_and_changes_nothing(api, draft):
    url = f"{URL}{draft['id']}/measurements/"
    stale = api.get(f"{URL}{draft['id']}/")["ETag"]
    first = {"measurements": [{"code": "knee_to_wall", "side": "left", "value": 9}]}
    assert api.patch(url, first, format="json", HTTP_IF_MATCH=stale).status_code == 200
    second = {"measurements": [{"code": "knee_to_wall", "side": "left", "value": 11}]}
    refused = api.patch(url, second, format="json", HTTP_IF_MATCH=stale)
    assert refused.status_code == 412
    assert stored(draft)[("knee_to_wall", "left")].value == Decimal(9)
