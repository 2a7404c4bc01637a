"""The clinical vocabulary a front end needs (api.md "Vocabulary"), generated from the
measurement catalogue and the rules package so it cannot drift from what the API accepts."""

from __future__ import annotations

from collections.abc import Mapping

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import catalogue, rules
from assessments.models import Evidence
from assessments.rules import combined, flexibility, movement, referral, strength
from assessments.rules.common import RuleSpec

# The API's words for a catalogue value kind (domain/measurements.md: "number" for decimals).
VALUE_KINDS: dict[catalogue.ValueKind, str] = {
    catalogue.ValueKind.STRENGTH: "strength",
    catalogue.ValueKind.DECIMAL: "number",
    catalogue.ValueKind.INTEGER: "integer",
    catalogue.ValueKind.BOOLEAN: "boolean",
}
METRIC_LABELS: dict[str, str] = {
    "hamstring_quadriceps_ratio": "Hamstring:quadriceps ratio",
    "adductor_abductor_ratio": "Adductor:abductor ratio",
    "limb_symmetry_index": "Limb symmetry index",
    "strength_per_body_weight": "Strength per body weight",
    "y_balance_anterior_difference": "Y-balance anterior difference",
}

# Choice lists (value, label) for serializers; settings' ENUM_NAME_OVERRIDES names them.
MEASUREMENT_CODE_CHOICES = [(m.code, m.label) for m in catalogue.MEASUREMENT_TYPES.values()]
# Retired codes stay: findings frozen under 2026.1 still carry them.
ALL_FINDING_CODES = (*rules.FINDING_CODES, *rules.RETIRED_FINDING_CODES)
FINDING_CODE_CHOICES = [(code, rules.label(code)) for code in ALL_FINDING_CODES]
TIER_CHOICES = [
    (catalogue.EMERGENCY, "Emergency: go to an emergency department today"),
    (catalogue.URGENT, "Urgent: see a doctor within days"),
    (catalogue.ROUTINE, "Routine: see the doctor before starting"),
]
# An exercise addresses any finding but the referral (which proposes no exercise).
PROGRAM_REASON_CHOICES = [c for c in FINDING_CODE_CHOICES if c[0] != referral.REFERRAL.code]
METRIC_CODE_CHOICES = [(code, METRIC_LABELS.get(code, code)) for code in rules.METRIC_CODES]
RED_FLAG_CHOICES = list(catalogue.RED_FLAGS.items())
PAIN_SITE_CHOICES = list(catalogue.PAIN_SITES.items())
METHOD_CHOICES = list(catalogue.METHOD_LABELS.items())
SIDE_CHOICES = [(side.value, side.value.capitalize()) for side in catalogue.Side]
GROUP_CHOICES = [(family.value, family.value.capitalize()) for family in catalogue.Family]
VALUE_KIND_CHOICES = [(kind, kind.capitalize()) for kind in VALUE_KINDS.values()]
RULE_MODULES = (strength, flexibility, movement, combined, referral)


def _unit_ranges(mtype: catalogue.MeasurementType) -> list[dict]:
    """Each unit the test accepts, with the range in that unit (none for yes-no tests)."""
    if mtype.is_boolean:
        return []
    units = catalogue.STRENGTH_UNITS if mtype.is_strength else (mtype.unit,)
    ranges = [(unit, catalogue.range_in_unit(mtype.code, unit)) for unit in units]
    return [{"unit": unit, "min": rng.low, "max": rng.high} for unit, rng in ranges if rng]


def measurement_types() -> list[dict]:
    """Every test of the catalogue, in its order (domain/measurements.md)."""
    methods = [{"code": code, "label": label} for code, label in METHOD_CHOICES]
    return [
        {
            "code": mtype.code,
            "label": mtype.label,
            "group": mtype.family.value,
            "value_kind": VALUE_KINDS[mtype.kind],
            "unit": mtype.unit,
            "units": _unit_ranges(mtype),
            "methods": methods if mtype.is_strength else [],
            "per_side": True,
            "note": mtype.note,
        }
        for mtype in catalogue.MEASUREMENT_TYPES.values()
    ]


def rule_specs() -> dict[str, RuleSpec]:
    """The grade and strategies of each finding code, as the rule modules declare them."""
    specs: dict[str, RuleSpec] = {}
    for module in RULE_MODULES:
        for value in vars(module).values():
            if isinstance(value, RuleSpec):
                specs.setdefault(value.code, value)
    return specs


def strategy_exercises() -> list[str]:
    """Every exercise code a rule proposes, in the order the rules first name them."""
    codes = (code for spec in rule_specs().values() for code in spec.strategies)
    return list(dict.fromkeys(codes))


# The exercises rules propose, labelled in words (the names per clinic: /exercises/).
STRATEGY_EXERCISE_CHOICES = [
    (code, code.replace("_", " ").capitalize()) for code in strategy_exercises()
]


def finding_types(exercise_names: Mapping[str, str]) -> list[dict]:
    """Every finding code in the order of the rules tables, with its grade and strategies
    (each exercise code with its name from `exercise_names`)."""
    specs = rule_specs()
    rows = []
    for code in ALL_FINDING_CODES:
        spec = specs.get(code)
        strategies = spec.strategies if spec else ()
        rows.append(
            {
                "code": code,
                "title": rules.label(code),
                "grade": spec.evidence if spec else None,
                "retired": code in rules.RETIRED_FINDING_CODES,
                "strategies": [
                    {"exercise": name, "name": exercise_names.get(name, name)}
                    for name in strategies
                ],
            }
        )
    return rows


def red_flags() -> list[dict]:
    """Every red flag of the catalogue, in its order."""
    return [
        {"code": code, "label": label, "tier": catalogue.RED_FLAG_TIERS[code]}
        for code, label in catalogue.RED_FLAGS.items()
    ]


class UnitRangeSerializer(serializers.Serializer):
    unit = serializers.CharField()
    min = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    max = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)


class LabelledMethodSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=METHOD_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]  # the API's word, not Field.label


class MeasurementTypeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=MEASUREMENT_CODE_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]  # the API's word, not Field.label
    group = serializers.ChoiceField(choices=GROUP_CHOICES)
    value_kind = serializers.ChoiceField(choices=VALUE_KIND_CHOICES)
    unit = serializers.CharField(allow_null=True, help_text="The default unit; null: yes-no.")
    units = UnitRangeSerializer(many=True, help_text="Accepted units, with the range in each.")
    methods = LabelledMethodSerializer(many=True, help_text="Strength tests only.")
    per_side = serializers.BooleanField(help_text="Recorded for the left and right leg.")
    note = serializers.CharField(help_text="How to read the value; may be empty.")


class StrategySerializer(serializers.Serializer):
    exercise = serializers.CharField(help_text="Exercise code.")
    name = serializers.CharField()


class FindingTypeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=FINDING_CODE_CHOICES)
    title = serializers.CharField()
    grade = serializers.ChoiceField(
        choices=Evidence.choices,
        allow_null=True,
        help_text="Evidence grade: A and B are proposed, C is to be confirmed.",
    )
    strategies = StrategySerializer(many=True)
    retired = serializers.BooleanField(help_text="True for 2026.1 codes no rule fires any more.")


class RedFlagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=RED_FLAG_CHOICES)
    label = serializers.CharField()  # type: ignore[assignment]  # the API's word, not Field.label
    tier = serializers.ChoiceField(choices=TIER_CHOICES, help_text="How soon to refer.")


class MeasurementTypeView(APIView):
    @extend_schema(
        operation_id="measurement_types_list",
        summary="Every measurement a clinician can record, with units, ranges and methods",
        responses=MeasurementTypeSerializer(many=True),
    )
    def get(self, request):
        return Response(MeasurementTypeSerializer(measurement_types(), many=True).data)


class RedFlagView(APIView):
    @extend_schema(
        operation_id="red_flags_list",
        summary="Every red flag, in the order of the domain table",
        responses=RedFlagSerializer(many=True),
    )
    def get(self, request):
        return Response(RedFlagSerializer(red_flags(), many=True).data)
