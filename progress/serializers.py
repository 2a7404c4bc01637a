"""PROM response and instrument serializers: the scoring package's checks at the API's edge."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from patients.serializers import ExplainedChoicesMixin
from progress import scoring
from progress.models import PromInstrument, PromResponse


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "integer", "nullable": True},
        "description": 'Item number to its answer (whole number), e.g. {"P1": 2}; '
        "an item left out or null is missing.",
        "example": {"P1": 2, "P2": 1},
    }
)
class AnswersField(serializers.JSONField):
    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                'Must be an object of item numbers to answers, e.g. {"P1": 2}.'
            )
        return data


@extend_schema_field({"type": "number", "nullable": True})
class ScoreValueField(serializers.Field):
    def to_representation(self, value):
        return value


class ScoreSerializer(serializers.Serializer):
    score = ScoreValueField(allow_null=True, help_text="null when not scorable.")
    reason = serializers.CharField(allow_null=True, help_text="Why there is no score.")
    prorated = serializers.BooleanField(help_text="LEFS total computed with 1-2 items missing.")


class PromResponseSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    instrument = serializers.ChoiceField(choices=PromInstrument.choices)
    answers = AnswersField(required=False)
    scores = serializers.DictField(
        child=ScoreSerializer(),
        read_only=True,
        help_text="Per KOOS subscale (symptoms, pain, adl, sport_rec, qol), or `total`.",
    )

    class Meta:
        model = PromResponse
        fields = [
            "id",
            "assessment",
            "instrument",
            "answers",
            "scores",
            "completed_on",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["assessment", "recorded_by", "created_at", "updated_at"]
        extra_kwargs = {
            "completed_on": {"required": False, "help_text": "Default: the visit date."}
        }

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["instrument"].read_only = True
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["answers"], data["scores"] = instance.ordered_answers(), instance.ordered_scores()
        return data


class OptionSerializer(serializers.Serializer):
    points = serializers.IntegerField(help_text="The answer to send for this option.")
    # A field named `label` shadows Field.label (a string) for the type checker only.
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="What the option means, where the key names it."
    )


class InstrumentItemSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="The official item number.")
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="A short topic label (not the item's wording)."
    )
    subscale = serializers.CharField()
    allowed = serializers.ListField(child=serializers.IntegerField())
    options = OptionSerializer(many=True)


class PromInstrumentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    reference = serializers.CharField()
    mic = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)
    mic_source = serializers.CharField()
    subscales = serializers.SerializerMethodField()
    items = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_subscales(self, instrument: scoring.Instrument) -> list[str]:
        return [subscale.code for subscale in instrument.subscales]

    @extend_schema_field(InstrumentItemSerializer(many=True))
    def get_items(self, instrument: scoring.Instrument):
        return [
            InstrumentItemSerializer(
                {
                    "number": item.number,
                    "label": item.label,
                    "subscale": subscale.code,
                    "allowed": list(item.allowed),
                    "options": item.options,
                }
            ).data
            for subscale in instrument.subscales
            for item in subscale.items
        ]
