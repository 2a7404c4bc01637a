"""Assessment, measurement and finding serializers: the catalogue's rules at the API's edge."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from drf_spectacular.plumbing import build_choice_field
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import permissions, serializers

from assessments import catalogue, numbers, rules, vocabulary
from assessments.models import Assessment, Finding, FindingStatus, ReferralTier
from assessments.services import MeasurementEntry
from patients.models import Patient
from patients.serializers import ExplainedChoicesMixin, StrictPrimaryKeyRelatedField

FOUR_PLACES = Decimal("0.0001")


def api_number(value: Decimal | str | None) -> Decimal | None:
    """Decimals leave the API rounded to at most 4 places, without trailing zeros."""
    if value is None:
        return None
    rounded = Decimal(value).quantize(FOUR_PLACES, rounding=ROUND_HALF_EVEN).normalize()
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "boolean"}],
        "description": "A number, or true/false for yes-no tests.",
    }
)
class MeasurementValueField(serializers.JSONField):
    """Keeps the JSON type as sent: strict typing is the catalogue's job."""


def enum_schema(choices: list[tuple[str, str]], nullable: bool = False) -> dict:
    """The OpenAPI enum of a choice list, values with labels (named in ENUM_NAME_OVERRIDES)."""
    return build_choice_field(serializers.ChoiceField(choices=choices, allow_null=nullable))


@extend_schema_field(enum_schema(vocabulary.MEASUREMENT_CODE_CHOICES))
class MeasurementCodeField(serializers.CharField):
    """A catalogue code; checked by the catalogue, whose message says what is allowed."""


@extend_schema_field(enum_schema(vocabulary.SIDE_CHOICES))
class SideField(serializers.CharField):
    """left or right; checked by the catalogue."""


class MeasurementListSerializer(serializers.ListSerializer):
    """An assessment's measurements in catalogue order, left before right (api.md)."""

    def to_representation(self, data):
        rows = data.all() if hasattr(data, "all") else data
        child = self.child
        assert child is not None  # a ListSerializer always has its child
        return [child.to_representation(row) for row in sorted(rows, key=_sort_key)]


def _sort_key(row):
    return row.sort_key


class MeasurementSerializer(ExplainedChoicesMixin, serializers.Serializer):
    code = MeasurementCodeField()  # the enum's description lists the codes with labels
    side = SideField()
    value = MeasurementValueField()
    unit = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Strength: N (default), kgf, lbf, or Nm with an isokinetic method. "
        "Other codes: their own unit or nothing.",
    )
    method = serializers.ChoiceField(
        choices=vocabulary.METHOD_CHOICES,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Strength only; default hhd_isometric.",
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    entered_value = serializers.SerializerMethodField()
    entered_unit = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = MeasurementListSerializer

    def validate(self, attrs):
        try:
            normalized = catalogue.normalize_measurement(
                attrs["code"], attrs["side"], attrs["value"], attrs.get("unit"), attrs.get("method")
            )
        except catalogue.MeasurementInvalid as exc:
            raise serializers.ValidationError(exc.errors) from exc
        return MeasurementEntry(normalized, attrs.get("note", ""))

    def to_representation(self, row):
        return {
            "code": row.code,
            "side": row.side,
            "value": row.positive if row.positive is not None else api_number(row.value),
            "unit": row.unit or None,
            "method": row.method or None,
            "note": row.note,
            "entered_value": row.positive
            if row.positive is not None
            else api_number(row.entered_value),
            "entered_unit": row.entered_unit or None,
        }

    @extend_schema_field({"oneOf": [{"type": "number"}, {"type": "boolean"}]})
    def get_entered_value(self, row):  # documented shape; to_representation fills it
        return None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_entered_unit(self, row):  # null for the yes-no tests
        return None


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "boolean"}],
        "nullable": True,
        "description": "A number, or true/false for yes-no tests; null: a test copied to a "
        "follow-up and not measured yet (a draft keeps it, finalize drops it).",
    }
)
class DraftMeasurementValueField(MeasurementValueField):
    """As MeasurementValueField, and null for a test waiting for its value."""


@extend_schema_serializer(component_name="Measurement")
class DraftMeasurementSerializer(MeasurementSerializer):
    """An item of the assessment's whole `measurements` list. On a PATCH of a draft a null
    value keeps the test without a value (a follow-up's copied test, progress.md), unlike
    the measurements PATCH where null removes it; a new assessment records values only."""

    value = DraftMeasurementValueField(allow_null=True)

    @extend_schema_field({"oneOf": [{"type": "number"}, {"type": "boolean"}], "nullable": True})
    def get_entered_value(self, row):  # null while a copied test waits for its value
        return None

    def validate(self, attrs):
        try:
            normalized = catalogue.normalize_measurement(
                attrs["code"],
                attrs["side"],
                attrs["value"],
                attrs.get("unit"),
                attrs.get("method"),
                allow_empty=self.root.instance is not None,
            )
        except catalogue.MeasurementInvalid as exc:
            raise serializers.ValidationError(exc.errors) from exc
        return MeasurementEntry(normalized, attrs.get("note", ""))


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "boolean"}],
        "nullable": True,
        "description": "A number, or true/false for yes-no tests; null removes the measurement.",
    }
)
class MeasurementChangeValueField(MeasurementValueField):
    """As MeasurementValueField, and null to remove."""


class MeasurementChangeSerializer(MeasurementSerializer):
    """One item of a measurements PATCH: recorded in place of the same code and side (or
    added), or removed with `"value": null`. Validates to a MeasurementEntry, or to the
    (code, side) pair to remove."""

    value = MeasurementChangeValueField(allow_null=True)

    def validate(self, attrs):
        if attrs["value"] is not None:
            return super().validate(attrs)
        try:
            catalogue.normalize_measurement(attrs["code"], attrs["side"], None)
        except catalogue.MeasurementInvalid as exc:  # only the code and side matter here
            errors = {k: v for k, v in exc.errors.items() if k in ("code", "side")}
            if errors:
                raise serializers.ValidationError(errors) from exc
        return (attrs["code"], attrs["side"])


def _change_key(item) -> tuple[str, str]:
    return item if isinstance(item, tuple) else (item.measurement.code, item.measurement.side)


class MeasurementChangesSerializer(serializers.Serializer):
    measurements = MeasurementChangeSerializer(many=True, allow_empty=False)

    def validate_measurements(self, items):
        keys = [_change_key(item) for item in items]
        errors = [
            {"code": [f"{code} ({side}) appears more than once in this change."]}
            if (code, side) in keys[:index]
            else {}
            for index, (code, side) in enumerate(keys)
        ]
        if any(errors):
            raise serializers.ValidationError(errors)
        return items


# A string, not an enum component: the values and labels are in the description.
REFERRAL_TIER_SCHEMA = {
    "type": "string",
    "nullable": True,
    "description": "The most urgent red-flag tier; null without red flags. "
    + "; ".join(f"`{value}` - {label}" for value, label in ReferralTier.choices),
}


class CutoffSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="The finding code whose cut-off this is.")
    comparison = serializers.ChoiceField(choices=["<", ">"])
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    # a field named like Field.source: the stubs type that attribute as a string
    source = serializers.CharField(help_text="references.md key.")  # type: ignore[assignment]
    crossed = serializers.BooleanField(help_text="The rule fired on this metric.")
    condition = serializers.CharField(help_text="What else the rule needs; empty if nothing.")


class MetricSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=vocabulary.METRIC_CODE_CHOICES)
    measurement = serializers.ChoiceField(
        choices=vocabulary.MEASUREMENT_CODE_CHOICES,
        allow_null=True,
        help_text="The compared measurement (symmetry index, strength per body weight).",
    )
    side = serializers.ChoiceField(choices=vocabulary.SIDE_CHOICES, allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    unit = serializers.CharField(allow_null=True)
    value_text = serializers.CharField(help_text="The value as printed everywhere.")
    cutoffs = CutoffSerializer(many=True, help_text="Rule cut-offs that apply (none: no rule).")
    crossed = serializers.BooleanField(help_text="A rule fired on this metric.")

    def to_representation(self, metric):
        return metric_representation(metric)


def metric_representation(metric: dict) -> dict:
    """A stored metric as the API shows it (no serializer built per metric)."""
    cutoffs = metric.get("cutoffs", [])
    return {
        **metric,
        "value": api_number(metric["value"]),
        "value_text": numbers.metric_value_text(metric),
        "cutoffs": [{**c, "value": api_number(c["value"])} for c in cutoffs],
        "crossed": metric.get("crossed", False),
    }


class FindingSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    code = serializers.ChoiceField(choices=vocabulary.FINDING_CODE_CHOICES, read_only=True)
    strategies = serializers.ListField(
        child=serializers.ChoiceField(choices=vocabulary.STRATEGY_EXERCISE_CHOICES),
        read_only=True,
        help_text="Exercise codes that address the finding (names: finding-types, exercises).",
    )
    side = serializers.SerializerMethodField()
    value = serializers.SerializerMethodField()
    threshold = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField(help_text="Clinical name of the finding.")
    reference = serializers.SerializerMethodField(help_text="Full reference of the source.")
    value_text = serializers.SerializerMethodField(help_text="The value as printed everywhere.")
    referral_tier = serializers.SerializerMethodField(
        help_text="referral_advised only: emergency, urgent or routine; null otherwise."
    )

    class Meta:
        model = Finding
        fields = [
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
            "title",
            "reference",
            "value_text",
            "referral_tier",
            "assessment",
            "decided_by",
            "decided_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(enum_schema(vocabulary.SIDE_CHOICES, nullable=True))
    def get_side(self, finding):
        return finding.side or None

    @extend_schema_field({"oneOf": [{"type": "number"}, {"type": "boolean"}], "nullable": True})
    def get_value(self, finding):
        return True if finding.value_positive else api_number(finding.value)

    @extend_schema_field({"type": "number", "nullable": True})
    def get_threshold(self, finding):
        return api_number(finding.threshold)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_unit(self, finding):
        return finding.unit or None

    @extend_schema_field(OpenApiTypes.STR)
    def get_title(self, finding):
        return rules.label(finding.code)

    @extend_schema_field(OpenApiTypes.STR)
    def get_reference(self, finding):
        return rules.cite(finding.source)

    @extend_schema_field(OpenApiTypes.STR)
    def get_value_text(self, finding):
        return finding.value_text

    @extend_schema_field(REFERRAL_TIER_SCHEMA)
    def get_referral_tier(self, finding):
        return finding.referral_tier or None


class FindingDecisionSerializer(ExplainedChoicesMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=[FindingStatus.CONFIRMED, FindingStatus.DISMISSED])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    patient = StrictPrimaryKeyRelatedField(queryset=Patient.objects.none())
    pain_sites = serializers.ListField(
        child=serializers.ChoiceField(choices=vocabulary.PAIN_SITE_CHOICES), required=False
    )
    red_flags = serializers.ListField(
        child=serializers.ChoiceField(
            choices=[
                *vocabulary.RED_FLAG_CHOICES,
                *((alias, catalogue.red_flag_words(alias)) for alias in catalogue.RED_FLAG_ALIASES),
            ]
        ),
        required=False,
        help_text="Red-flag codes; the 2026.1 code neurological_loss is stored as "
        "progressive_neurological_loss.",
    )
    referral_tier = serializers.SerializerMethodField(
        help_text="The most urgent tier of the red flags (emergency, urgent, routine); null "
        "without flags."
    )
    measurements = DraftMeasurementSerializer(  # type: ignore[call-arg]  # many=True: a ListSerializer
        many=True,
        required=False,
        max_length=catalogue.MAX_MEASUREMENTS_PER_ASSESSMENT,
        error_messages={"max_length": catalogue.TOO_MANY_MEASUREMENTS},
    )
    metrics = serializers.SerializerMethodField()
    findings = FindingSerializer(many=True, read_only=True)
    # Any number: the range (and its message in kg / cm) is the catalogue's, checked once.
    body_mass_kg = serializers.DecimalField(
        max_digits=None, decimal_places=None, required=False, allow_null=True
    )
    height_cm = serializers.DecimalField(
        max_digits=None, decimal_places=None, required=False, allow_null=True
    )
    red_flags_uncleared = serializers.BooleanField(read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "patient",
            "assessed_on",
            "status",
            "body_mass_kg",
            "height_cm",
            "pain_nprs",
            "pain_sites",
            "red_flags",
            "gait_notes",
            "notes",
            "measurements",
            "metrics",
            "findings",
            "ruleset_version",
            "clinician",
            "amends",
            "archived_at",
            "finalized_at",
            "finalized_by",
            "red_flags_cleared_at",
            "red_flags_cleared_by",
            "red_flags_clearance_reason",
            "red_flags_uncleared",
            "version",
            "referral_tier",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "version",
            "status",
            "ruleset_version",
            "clinician",
            "amends",
            "archived_at",
            "finalized_at",
            "finalized_by",
            "red_flags_cleared_at",
            "red_flags_cleared_by",
            "red_flags_clearance_reason",
            "created_at",
            "updated_at",
        ]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["patient"].read_only = True
        elif request is not None and request.method not in permissions.SAFE_METHODS:
            # Only a write reads `patient` from the body; a read never needs the scope.
            fields["patient"].queryset = Patient.objects.for_user(request.user)
        return fields

    @extend_schema_field(MetricSerializer(many=True))
    def get_metrics(self, assessment):
        return [metric_representation(m) for m in assessment.metrics]

    @extend_schema_field(REFERRAL_TIER_SCHEMA)
    def get_referral_tier(self, assessment):
        return assessment.referral_tier


class AmendSerializer(serializers.Serializer):
    """No body: amend copies the final assessment."""


class FollowUpSerializer(serializers.Serializer):
    assessed_on = serializers.DateField(
        required=False, help_text="The follow-up's date; today when left out."
    )


class RedFlagClearanceSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=2000, help_text="Why the patient is cleared for exercise despite the flags."
    )
