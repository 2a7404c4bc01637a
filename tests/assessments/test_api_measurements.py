"""REST API v1, measurements and metrics: strict validation, units, rounding, order, shapes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessments.catalogue import MEASUREMENT_TYPES
from assessments.models import Assessment, Measurement

URL = "/api/v1/assessments/"

QUAD = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
]


def detail(assessment_id: int) -> str:
    return f"{URL}{assessment_id}/"


def post(client, patient, measurements, **fields):
    body = {"patient": patient.id, "assessed_on": "2025-01-10", "measurements": measurements}
    body.update(fields)
    return client.post(URL, body, format="json")


def create(client, patient, measurements, **fields) -> dict:
    response = post(client, patient, measurements, **fields)
    assert response.status_code == 201, response.content
    return response.json()


def one(client, patient, **measurement) -> dict:
    """Creates an assessment with one measurement; returns that measurement as echoed."""
    data = create(client, patient, [measurement])
    assert len(data["measurements"]) == 1
    return data["measurements"][0]


def item_errors(response, index: int = 0) -> dict:
    assert response.status_code == 400, response.content
    errors = response.json()["measurements"]
    assert isinstance(errors, list)
    return errors[index]


def message(errors: dict, field: str) -> str:
    assert field in errors, errors
    return " ".join(errors[field])


def snapshot(assessment_id: int) -> list[tuple]:
    return sorted(
        (m.code, m.side, m.value, m.positive, m.unit, m.method, m.entered_value, m.entered_unit)
        for m in Measurement.objects.filter(assessment_id=assessment_id)
    )


def numbers_in(tree):
    if isinstance(tree, dict):
        for value in tree.values():
            yield from numbers_in(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from numbers_in(value)
    elif isinstance(tree, int | float) and not isinstance(tree, bool):
        yield tree


# --- stored and entered values ----------------------------------------------------------------


def test_force_in_kgf_is_stored_in_newtons_and_echoed_as_typed(api, patient):
    row = one(api, patient, code="knee_extensor_strength", side="left", value=50, unit="kgf")
    # 50 kgf x 9.80665 = 490.3325 N
    assert row["value"] == 490.3325
    assert row["unit"] == "N"
    assert row["entered_value"] == 50
    assert row["entered_unit"] == "kgf"
    assert row["method"] == "hhd_isometric"
    stored = Measurement.objects.get()
    assert stored.value == Decimal("490.3325")
    assert stored.entered_value == Decimal("50")


def test_force_in_lbf_is_rounded_to_four_places_in_the_response(api, patient):
    row = one(api, patient, code="knee_flexor_strength", side="right", value=100, unit="lbf")
    # 100 lbf x 4.4482216152605 = 444.82216152605 N -> 444.8222 at 4 places
    assert row["value"] == 444.8222
    assert row["unit"] == "N"
    assert row["entered_value"] == 100
    assert row["entered_unit"] == "lbf"


def test_strength_unit_defaults_to_newtons(api, patient):
    row = one(api, patient, code="hip_abductor_strength", side="left", value=210.5)
    assert row["value"] == 210.5
    assert row["unit"] == "N"
    assert row["entered_value"] == 210.5
    assert row["entered_unit"] == "N"


def test_torque_with_an_isokinetic_method_is_stored_in_nm(api, patient):
    row = one(
        api,
        patient,
        code="knee_extensor_strength",
        side="left",
        value=150,
        unit="Nm",
        method="isokinetic_60",
    )
    assert (row["value"], row["unit"]) == (150, "Nm")
    assert (row["entered_value"], row["entered_unit"]) == (150, "Nm")
    assert row["method"] == "isokinetic_60"


def test_non_strength_value_takes_the_codes_unit(api, patient):
    row = one(api, patient, code="knee_to_wall", side="left", value=8.5)
    assert (row["value"], row["unit"]) == (8.5, "cm")
    assert row["method"] is None


def test_boolean_test_has_no_unit(api, patient):
    row = one(api, patient, code="thomas_test", side="right", value=True)
    assert row["value"] is True
    assert row["unit"] is None
    row_false = one(api, patient, code="ely_test", side="left", value=False)
    assert row_false["value"] is False
    assert row_false["unit"] is None


def test_integer_score_given_as_2_0_is_stored_as_2(api, patient):
    row = one(api, patient, code="lateral_step_down_score", side="left", value=2.0)
    assert row["value"] == 2
    assert row["unit"] == "points"
    assert Measurement.objects.get().value == Decimal(2)


def test_values_with_many_decimals_are_rounded_to_four_places(api, patient):
    row = one(api, patient, code="thomas_hip_angle", side="left", value=5.123456)
    # 5.123456 -> 5.1235 (the fifth place, 5, followed by 6 rounds up)
    assert row["value"] == 5.1235
    assert row["entered_value"] == 5.1235


def test_note_is_echoed(api, patient):
    row = one(api, patient, code="knee_to_wall", side="left", value=9, note="painful at end")
    assert row["note"] == "painful at end"


def test_measurement_echo_has_the_contract_fields(api, patient):
    row = one(api, patient, code="knee_to_wall", side="left", value=9)
    assert {"code", "side", "value", "unit", "entered_value", "entered_unit"} <= set(row)


def test_measurements_come_back_in_catalogue_order_left_before_right(api, patient):
    data = create(
        api,
        patient,
        [
            {"code": "y_balance_anterior", "side": "right", "value": 60},
            {"code": "thomas_test", "side": "right", "value": False},
            {"code": "thomas_hip_angle", "side": "right", "value": -10},
            {"code": "thomas_hip_angle", "side": "left", "value": -12},
            {"code": "knee_flexor_strength", "side": "left", "value": 150},
            {"code": "knee_extensor_strength", "side": "right", "value": 400},
            {"code": "knee_extensor_strength", "side": "left", "value": 380},
            {"code": "y_balance_anterior", "side": "left", "value": 61},
        ],
    )
    assert [(m["code"], m["side"]) for m in data["measurements"]] == [
        ("knee_extensor_strength", "left"),
        ("knee_extensor_strength", "right"),
        ("knee_flexor_strength", "left"),
        ("thomas_hip_angle", "left"),
        ("thomas_hip_angle", "right"),
        ("thomas_test", "right"),
        ("y_balance_anterior", "left"),
        ("y_balance_anterior", "right"),
    ]


def test_same_code_on_both_sides_is_fine(api, patient):
    data = create(api, patient, QUAD)
    assert len(data["measurements"]) == 2


# --- metrics ----------------------------------------------------------------------------------


def metric(data: dict, code: str, *, measurement=None, side=None) -> dict:
    found = [
        m
        for m in data["metrics"]
        if m["code"] == code and m["measurement"] == measurement and m["side"] == side
    ]
    assert len(found) == 1, data["metrics"]
    return found[0]


@pytest.fixture
def metric_assessment(api, patient) -> dict:
    return create(
        api,
        patient,
        [
            {"code": "knee_extensor_strength", "side": "left", "value": 50, "unit": "kgf"},
            {"code": "knee_extensor_strength", "side": "right", "value": 400},
            {"code": "knee_flexor_strength", "side": "left", "value": 245.16625},
            {"code": "knee_flexor_strength", "side": "right", "value": 160},
            {"code": "hip_abductor_strength", "side": "left", "value": 300},
            {"code": "hip_adductor_strength", "side": "left", "value": 180},
            {"code": "y_balance_anterior", "side": "left", "value": 60.5},
            {"code": "y_balance_anterior", "side": "right", "value": 55.25},
        ],
        body_mass_kg=70,
    )


def test_metric_objects_have_exactly_the_contract_keys(metric_assessment):
    assert metric_assessment["metrics"]
    for row in metric_assessment["metrics"]:
        # the contract's keys, extended (issue 8) with the value as printed and the cut-offs
        assert set(row) == {
            "code",
            "measurement",
            "side",
            "value",
            "unit",
            "value_text",
            "cutoffs",
            "crossed",
        }


def test_limb_symmetry_index_metric(metric_assessment):
    row = metric(metric_assessment, "limb_symmetry_index", measurement="knee_extensor_strength")
    # weaker / stronger = 400 / 490.3325 x 100 = 81.577297... -> 81.5773
    assert row["value"] == 81.5773
    assert row["unit"] == "%"
    assert row["side"] is None


def test_strength_per_body_weight_metric(metric_assessment):
    left = metric(
        metric_assessment,
        "strength_per_body_weight",
        measurement="knee_extensor_strength",
        side="left",
    )
    right = metric(
        metric_assessment,
        "strength_per_body_weight",
        measurement="knee_extensor_strength",
        side="right",
    )
    # 490.3325 / (70 x 9.81) x 100 = 71.404179...; 400 / 686.7 x 100 = 58.249599...
    assert left["value"] == 71.4042
    assert right["value"] == 58.2496
    assert left["unit"] == right["unit"] == "%BW"


def test_hamstring_quadriceps_ratio_metric(metric_assessment):
    left = metric(metric_assessment, "hamstring_quadriceps_ratio", side="left")
    right = metric(metric_assessment, "hamstring_quadriceps_ratio", side="right")
    # left 245.16625 / 490.3325 = 0.5; right 160 / 400 = 0.4
    assert left["value"] == 0.5
    assert right["value"] == 0.4
    assert left["unit"] is None
    assert left["measurement"] is None


def test_adductor_abductor_ratio_metric(metric_assessment):
    row = metric(metric_assessment, "adductor_abductor_ratio", side="left")
    # 180 / 300 = 0.6
    assert row["value"] == 0.6
    assert row["unit"] is None


def test_y_balance_difference_metric(metric_assessment):
    row = metric(metric_assessment, "y_balance_anterior_difference")
    # |60.5 - 55.25| = 5.25 cm
    assert row["value"] == 5.25
    assert row["unit"] == "cm"


def test_per_side_metrics_list_left_before_right(metric_assessment):
    keys = [(m["code"], m["measurement"]) for m in metric_assessment["metrics"]]
    for key in set(keys):
        sides = [
            m["side"] for m in metric_assessment["metrics"] if (m["code"], m["measurement"]) == key
        ]
        assert sides == sorted(sides, key=lambda s: {"left": 0, "right": 1, None: 2}[s])


def test_every_number_in_the_response_has_at_most_four_places(api, metric_assessment):
    for data in (metric_assessment, api.get(detail(metric_assessment["id"])).json()):
        for number in numbers_in(data):
            assert round(number, 4) == number, number


def test_metrics_follow_a_patch(api, metric_assessment):
    response = api.patch(
        detail(metric_assessment["id"]),
        {
            "measurements": [
                {"code": "y_balance_anterior", "side": "left", "value": 60},
                {"code": "y_balance_anterior", "side": "right", "value": 52},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    # |60 - 52| = 8 cm > 4 cm: balance_asymmetry fired on it; no strength left, no other metric
    assert response.json()["metrics"] == [
        {
            "code": "y_balance_anterior_difference",
            "measurement": None,
            "side": None,
            "value": 8,
            "unit": "cm",
            "value_text": "8 cm",
            "cutoffs": [
                {
                    "rule": "balance_asymmetry",
                    "comparison": ">",
                    "value": 4,
                    "source": "Plisky2006",
                    "crossed": True,
                    "condition": "",
                }
            ],
            "crossed": True,
        }
    ]


# --- validation: each a 400 naming the field and what is allowed ------------------------------


def test_unknown_code_is_refused(api, patient):
    response = post(api, patient, [{"code": "elbow_strength", "side": "left", "value": 10}])
    assert "elbow_strength" in message(item_errors(response), "code")


@pytest.mark.parametrize("side", ["middle", "Left", "", None, "both"])
def test_wrong_side_is_refused_naming_left_and_right(api, patient, side):
    response = post(api, patient, [{"code": "knee_to_wall", "side": side, "value": 9}])
    text = message(item_errors(response), "side")
    if side not in ("", None):
        assert "left" in text
        assert "right" in text


def test_missing_value_is_refused(api, patient):
    response = post(api, patient, [{"code": "knee_to_wall", "side": "left"}])
    assert "value" in item_errors(response)


@pytest.mark.parametrize(
    ("measurement", "expected"),
    [
        ({"code": "knee_extensor_strength", "value": 2600}, ["1", "2500", "N"]),
        ({"code": "knee_extensor_strength", "value": 0.5}, ["1", "2500", "N"]),
        ({"code": "knee_extensor_strength", "value": 0}, ["1", "2500", "N"]),
        ({"code": "knee_extensor_strength", "value": -100}, ["1", "2500", "N"]),
        ({"code": "thomas_hip_angle", "value": 40.5}, ["-40", "40", "deg"]),
        ({"code": "thomas_hip_angle", "value": -41}, ["-40", "40", "deg"]),
        ({"code": "ober_angle", "value": -61}, ["-60", "40", "deg"]),
        ({"code": "knee_to_wall", "value": 26}, ["0", "25", "cm"]),
        ({"code": "lateral_step_down_score", "value": 7}, ["0", "6"]),
        ({"code": "single_leg_heel_raise", "value": 201}, ["0", "200"]),
        ({"code": "single_leg_hop", "value": 401}, ["0", "400", "cm"]),
        ({"code": "y_balance_anterior", "value": 150.01}, ["0", "150", "cm"]),
        ({"code": "straight_leg_raise", "value": 1e20}, ["0", "130", "deg"]),
    ],
)
def test_value_out_of_range_states_the_range(api, patient, measurement, expected):
    response = post(api, patient, [{**measurement, "side": "left"}])
    text = message(item_errors(response), "value")
    assert MEASUREMENT_TYPES[measurement["code"]].label in text  # clinical words, not the code
    assert "left" in text
    for part in expected:
        assert part in text


def test_range_message_is_in_kgf_when_entered_in_kgf(api, patient):
    # 300 kgf x 9.80665 = 2941.995 N > 2500 N; 2500 N / 9.80665 = 254.929... kgf
    response = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "right", "value": 300, "unit": "kgf"}],
    )
    text = message(item_errors(response), "value")
    assert "kgf" in text
    assert "254.9" in text
    assert "2500" not in text


def test_range_message_is_in_lbf_when_entered_in_lbf(api, patient):
    # 2500 N / 4.4482216152605 = 562.02... lbf
    response = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "right", "value": 600, "unit": "lbf"}],
    )
    text = message(item_errors(response), "value")
    assert "lbf" in text
    assert "562" in text


def test_range_is_checked_after_converting_to_newtons(api, patient):
    # 254 kgf x 9.80665 = 2490.8891 N: inside 1..2500 N, accepted;
    # 255 kgf = 2500.69575 N: outside.
    ok = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "left", "value": 254, "unit": "kgf"}],
    )
    assert ok.status_code == 201, ok.content
    too_much = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "left", "value": 255, "unit": "kgf"}],
    )
    assert "value" in item_errors(too_much)


def test_torque_range_is_1_to_600_nm(api, patient):
    response = post(
        api,
        patient,
        [
            {
                "code": "knee_flexor_strength",
                "side": "left",
                "value": 601,
                "unit": "Nm",
                "method": "isokinetic_60",
            }
        ],
    )
    text = message(item_errors(response), "value")
    assert "600" in text
    assert "Nm" in text


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("knee_extensor_strength", 1),
        ("knee_extensor_strength", 2500),
        ("thomas_hip_angle", -40),
        ("thomas_hip_angle", 40),
        ("knee_to_wall", 0),
        ("lateral_step_down_score", 6),
        ("single_leg_heel_raise", 200),
    ],
)
def test_range_edges_are_accepted(api, patient, code, value):
    assert one(api, patient, code=code, side="left", value=value)["entered_value"] == value


@pytest.mark.parametrize("value", [1, 0, "true", "yes", None, 1.0])
def test_a_boolean_test_refuses_anything_but_true_or_false(api, patient, value):
    response = post(api, patient, [{"code": "thomas_test", "side": "left", "value": value}])
    errors = item_errors(response)
    assert "value" in errors
    if value is not None:
        assert "true or false" in message(errors, "value")


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize(
    "code", ["thomas_hip_angle", "knee_extensor_strength", "lateral_step_down_score"]
)
def test_a_numeric_test_refuses_true_and_false(api, patient, code, value):
    response = post(api, patient, [{"code": code, "side": "left", "value": value}])
    assert "value" in item_errors(response)


@pytest.mark.parametrize("value", ["5", "five", [5], {"n": 5}])
def test_a_numeric_test_refuses_strings_and_structures(api, patient, value):
    response = post(api, patient, [{"code": "thomas_hip_angle", "side": "left", "value": value}])
    assert "value" in item_errors(response)


@pytest.mark.parametrize(
    ("code", "value"), [("lateral_step_down_score", 2.5), ("single_leg_heel_raise", 20.1)]
)
def test_a_fraction_for_an_integer_score_is_refused(api, patient, code, value):
    response = post(api, patient, [{"code": code, "side": "left", "value": value}])
    assert "whole number" in message(item_errors(response), "value")


@pytest.mark.parametrize(
    ("code", "unit"),
    [
        ("thomas_hip_angle", "cm"),
        ("knee_to_wall", "deg"),
        ("knee_to_wall", "N"),
        ("knee_extensor_strength", "deg"),
        ("knee_extensor_strength", "kg"),
        ("lateral_step_down_score", "reps"),
    ],
)
def test_a_unit_that_does_not_fit_the_code_is_refused(api, patient, code, unit):
    response = post(api, patient, [{"code": code, "side": "left", "value": 5, "unit": unit}])
    assert "unit" in item_errors(response)


def test_a_boolean_test_refuses_a_unit(api, patient):
    response = post(
        api, patient, [{"code": "ober_test", "side": "left", "value": True, "unit": "deg"}]
    )
    assert "unit" in item_errors(response)


@pytest.mark.parametrize(
    ("code", "value"), [("knee_to_wall", 9), ("thomas_test", True), ("single_leg_hop", 120)]
)
def test_a_method_on_a_non_strength_code_is_refused(api, patient, code, value):
    response = post(
        api,
        patient,
        [{"code": code, "side": "left", "value": value, "method": "hhd_isometric"}],
    )
    assert "strength" in message(item_errors(response), "method")


def test_unknown_method_lists_the_allowed_ones(api, patient):
    response = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "left", "value": 100, "method": "magic"}],
    )
    text = message(item_errors(response), "method")
    assert "hhd_isometric" in text
    assert "isokinetic_60" in text


def test_nm_without_an_isokinetic_method_is_refused(api, patient):
    response = post(
        api,
        patient,
        [{"code": "knee_extensor_strength", "side": "left", "value": 150, "unit": "Nm"}],
    )
    text = message(item_errors(response), "method")
    assert "isokinetic" in text


def test_nm_with_the_handheld_method_is_refused(api, patient):
    response = post(
        api,
        patient,
        [
            {
                "code": "knee_extensor_strength",
                "side": "left",
                "value": 150,
                "unit": "Nm",
                "method": "hhd_isometric",
            }
        ],
    )
    errors = item_errors(response)
    assert {"unit", "method"} & set(errors)


def test_a_force_unit_with_an_isokinetic_method_is_refused(api, patient):
    response = post(
        api,
        patient,
        [
            {
                "code": "knee_extensor_strength",
                "side": "left",
                "value": 30,
                "unit": "kgf",
                "method": "isokinetic_180",
            }
        ],
    )
    assert "Nm" in message(item_errors(response), "unit")


def test_the_same_code_and_side_twice_is_refused_on_the_second_item(api, patient):
    response = post(
        api,
        patient,
        [
            {"code": "knee_to_wall", "side": "left", "value": 9},
            {"code": "knee_to_wall", "side": "left", "value": 11},
        ],
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"measurements"}
    assert body["measurements"][0] == {}
    assert set(body["measurements"][1]) == {"code"}
    assert len(body["measurements"]) == 2
    assert "Knee-to-wall" in body["measurements"][1]["code"][0]
    assert not Assessment.objects.exists()


def test_a_duplicate_further_down_is_named_at_its_own_position(api, patient):
    response = post(
        api,
        patient,
        [
            {"code": "knee_to_wall", "side": "left", "value": 9},
            {"code": "knee_to_wall", "side": "right", "value": 9},
            {"code": "knee_to_wall", "side": "left", "value": 10},
        ],
    )
    assert response.status_code == 400
    errors = response.json()["measurements"]
    assert errors[0] == {}
    assert errors[1] == {}
    assert "code" in errors[2]


def test_errors_are_nested_at_the_failing_items_position(api, patient):
    response = post(
        api,
        patient,
        [
            {"code": "knee_to_wall", "side": "left", "value": 9},
            {"code": "knee_to_wall", "side": "right", "value": 99},
        ],
    )
    assert response.status_code == 400
    errors = response.json()["measurements"]
    assert errors[0] == {}
    assert "value" in errors[1]


def test_a_note_over_300_characters_is_refused(api, patient):
    response = post(
        api, patient, [{"code": "knee_to_wall", "side": "left", "value": 9, "note": "x" * 301}]
    )
    assert "note" in item_errors(response)


@pytest.mark.parametrize(
    "raw",
    [
        b'{"patient": PID, "assessed_on": "2025-01-10", "measurements": '
        b'[{"code": "knee_to_wall", "side": "left", "value": 1e400}]}',
        b'{"patient": PID, "assessed_on": "2025-01-10", "measurements": '
        b'[{"code": "knee_to_wall", "side": "left", "value": NaN}]}',
        b'{"patient": PID, "assessed_on": "2025-01-10", "measurements": '
        b'[{"code": "knee_to_wall", "side": "left", "value": Infinity}]}',
        b'{"patient": PID, "assessed_on": "2025-01-10", "measurements": [{"code": ',
    ],
)
def test_non_finite_or_broken_json_numbers_are_a_400(api, patient, raw):
    body = raw.replace(b"PID", str(patient.id).encode())
    response = api.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("item", ["knee_to_wall", 5, None, ["knee_to_wall", "left", 9]])
def test_a_measurement_that_is_not_an_object_is_a_400(api, patient, item):
    response = post(api, patient, [item])
    assert response.status_code == 400
    assert "measurements" in response.json()


# --- a rejected write changes nothing ---------------------------------------------------------

BAD_LISTS = {
    "unknown code": [{"code": "elbow", "side": "left", "value": 1}],
    "wrong side": [{"code": "knee_to_wall", "side": "up", "value": 9}],
    "out of range": [{"code": "knee_to_wall", "side": "left", "value": 99}],
    "number for a boolean": [{"code": "thomas_test", "side": "left", "value": 1}],
    "true for a number": [{"code": "knee_to_wall", "side": "left", "value": True}],
    "fraction for an integer": [{"code": "lateral_step_down_score", "side": "left", "value": 2.5}],
    "unit": [{"code": "knee_to_wall", "side": "left", "value": 9, "unit": "deg"}],
    "method": [{"code": "knee_to_wall", "side": "left", "value": 9, "method": "isokinetic_60"}],
    "Nm without method": [
        {"code": "knee_extensor_strength", "side": "left", "value": 100, "unit": "Nm"}
    ],
    "duplicate": [
        {"code": "knee_to_wall", "side": "left", "value": 9},
        {"code": "knee_to_wall", "side": "left", "value": 8},
    ],
    "good then bad": [
        {"code": "knee_to_wall", "side": "right", "value": 9},
        {"code": "knee_to_wall", "side": "left", "value": 99},
    ],
}


@pytest.mark.parametrize("bad", list(BAD_LISTS), ids=list(BAD_LISTS))
def test_a_rejected_patch_leaves_the_draft_intact(api, patient, bad):
    data = create(api, patient, QUAD, notes="before")
    before = snapshot(data["id"])
    findings_before = [(f["id"], f["code"], f["side"], f["status"]) for f in data["findings"]]

    response = api.patch(
        detail(data["id"]), {"notes": "after", "measurements": BAD_LISTS[bad]}, format="json"
    )

    assert response.status_code == 400
    assert "measurements" in response.json()
    assert snapshot(data["id"]) == before
    assert len(before) == 2
    assessment = Assessment.objects.get(pk=data["id"])
    assert assessment.notes == "before"
    after = api.get(detail(data["id"])).json()
    assert [(f["id"], f["code"], f["side"], f["status"]) for f in after["findings"]] == (
        findings_before
    )


@pytest.mark.parametrize("bad", list(BAD_LISTS), ids=list(BAD_LISTS))
def test_a_rejected_create_records_nothing(api, patient, bad):
    response = post(api, patient, BAD_LISTS[bad])
    assert response.status_code == 400
    assert not Assessment.objects.exists()
    assert not Measurement.objects.exists()


def test_a_rejected_patch_of_other_fields_keeps_measurements(api, patient):
    data = create(api, patient, QUAD)
    before = snapshot(data["id"])
    response = api.patch(
        detail(data["id"]),
        {"pain_nprs": 11, "measurements": [{"code": "knee_to_wall", "side": "left", "value": 9}]},
        format="json",
    )
    assert response.status_code == 400
    assert "pain_nprs" in response.json()
    assert snapshot(data["id"]) == before
