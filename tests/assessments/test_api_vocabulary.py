"""Vocabulary endpoints (api.md "Vocabulary"): generated from the catalogue and the rules."""

from __future__ import annotations

import datetime

import pytest

from assessments import catalogue, rules
from reports.exercise_catalogue import EXERCISES


def rows(client, name: str) -> list[dict]:
    response = client.get(f"/api/v1/{name}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_measurement_types_follow_the_catalogue_order(api):
    codes = [row["code"] for row in rows(api, "measurement-types")]
    assert codes == list(catalogue.MEASUREMENT_TYPES)
    assert codes[0] == "knee_extensor_strength"
    assert codes[-1] == "y_balance_anterior"


def test_a_strength_test_lists_each_unit_with_its_range_and_the_methods(api):
    row = rows(api, "measurement-types")[0]
    # 1 N to 2500 N; in kgf 1 / 9.80665 = 0.102 (up to 0.11), 2500 / 9.80665 = 254.929 (down);
    # in lbf 1 / 4.44822 = 0.225 (up to 0.23), 2500 / 4.44822 = 562.025 (down); torque 1-600 Nm.
    assert row["units"] == [
        {"unit": "N", "min": 1, "max": 2500},
        {"unit": "kgf", "min": 0.11, "max": 254.92},
        {"unit": "lbf", "min": 0.23, "max": 562.02},
        {"unit": "Nm", "min": 1, "max": 600},
    ]
    assert row["label"] == "Knee extensor strength"
    assert (row["group"], row["value_kind"], row["unit"], row["per_side"]) == (
        "strength",
        "strength",
        "N",
        True,
    )
    assert [m["code"] for m in row["methods"]][:2] == ["hhd_isometric", "isokinetic_60"]
    assert row["methods"][0]["label"] == "Handheld dynamometer, isometric"


def test_number_integer_and_yes_no_tests(api):
    by_code = {row["code"]: row for row in rows(api, "measurement-types")}
    knee_to_wall = by_code["knee_to_wall"]
    assert (knee_to_wall["group"], knee_to_wall["value_kind"]) == ("flexibility", "number")
    assert knee_to_wall["units"] == [{"unit": "cm", "min": 0, "max": 25}]
    assert knee_to_wall["methods"] == []
    step_down = by_code["lateral_step_down_score"]
    assert (step_down["group"], step_down["value_kind"]) == ("movement", "integer")
    assert step_down["units"] == [{"unit": "points", "min": 0, "max": 6}]
    ely = by_code["ely_test"]
    assert (ely["value_kind"], ely["unit"], ely["units"]) == ("boolean", None, [])


def _at_limits(row: dict) -> list[dict]:
    if row["value_kind"] == "boolean":
        return [{"side": "left", "value": True}, {"side": "right", "value": False}]
    first = row["units"][0]
    return [
        {"side": "left", "value": first["max"], "unit": first["unit"]},
        {"side": "right", "value": first["min"], "unit": first["unit"]},
    ]


def test_every_listed_type_is_accepted_at_the_ends_of_its_range(api, patient):
    """What the vocabulary says is what the API takes: no drift between them."""
    measurements = [
        {"code": row["code"], **entry}
        for row in rows(api, "measurement-types")
        for entry in _at_limits(row)
    ]
    body = {"patient": patient.pk, "assessed_on": str(datetime.date(2025, 5, 1))}
    response = api.post("/api/v1/assessments/", {**body, "measurements": measurements})
    assert response.status_code == 201, response.content
    assert len(response.json()["measurements"]) == 2 * len(catalogue.MEASUREMENT_TYPES)


def test_finding_types_follow_the_rules_tables(api):
    table = rows(api, "finding-types")
    # the 2026.2 tables, then the retired 2026.1 codes (frozen findings still carry them)
    expected = [*rules.FINDING_CODES, *rules.RETIRED_FINDING_CODES]
    assert [row["code"] for row in table] == expected
    quadriceps = table[0]
    assert quadriceps == {
        "code": "quadriceps_weakness",
        "title": "Quadriceps weakness",
        "grade": "A",
        "retired": False,
        "strategies": [
            {"exercise": "wall_squat", "name": "Wall squat"},
            {"exercise": "quad_set", "name": EXERCISES["quad_set"].name},
            {"exercise": "step_down", "name": EXERCISES["step_down"].name},
        ],
    }


def test_every_strategy_is_a_shipped_exercise_and_every_type_has_a_grade(api):
    current = [row for row in rows(api, "finding-types") if not row["retired"]]
    for row in current:
        assert row["grade"] in {"A", "B", "C"}, row["code"]
        for strategy in row["strategies"]:
            assert strategy["name"] == EXERCISES[strategy["exercise"]].name
    referral = current[-1]
    assert (referral["code"], referral["strategies"]) == ("referral_advised", [])


def test_red_flags_follow_the_catalogue(api):
    table = rows(api, "red-flags")
    assert [row["code"] for row in table] == list(catalogue.RED_FLAGS)
    assert {"code": "locked_knee", "label": "Locked knee", "tier": "urgent"} in table


@pytest.mark.parametrize("name", ["measurement-types", "finding-types", "red-flags"])
def test_vocabulary_needs_sign_in(client, name):
    response = client.get(f"/api/v1/{name}/")
    assert response.status_code == 401


def test_every_red_flag_names_its_tier_from_rules_md(api):
    tiers = {row["code"]: row["tier"] for row in api.get("/api/v1/red-flags/").json()}
    # rules.md 2026.2, by hand: a few of each tier
    assert tiers["unable_to_bear_weight"] == "emergency"
    assert tiers["calf_swelling_or_tenderness"] == "emergency"
    assert tiers["history_of_cancer"] == "routine"
    assert set(tiers.values()) <= {"emergency", "urgent", "routine"}
    assert len(tiers) == 19


def test_finding_types_mark_the_retired_2026_1_codes(api):
    rows = {row["code"]: row for row in api.get("/api/v1/finding-types/").json()}
    assert rows["hip_adductor_weakness"]["retired"] is True
    assert rows["hip_abductor_weakness"]["retired"] is False
    assert [code for code, row in rows.items() if row["retired"]] == ["hip_adductor_weakness"]
