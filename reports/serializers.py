"""Exercise, home program and program item serializers."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from assessments.serializers import AssessmentSerializer
from assessments.vocabulary import PROGRAM_REASON_CHOICES
from patients.serializers import ExplainedChoicesMixin
from reports.models import (
    DOSAGE_FIELDS,
    Exercise,
    HomeProgram,
    ItemResponseChoice,
    ProgramExercise,
    ProgramSide,
)
from reports.services import DAYS_DONE_MESSAGE, ItemResponseEntry


class ExerciseSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    steps = serializers.ListField(
        child=serializers.CharField(max_length=400), min_length=1, max_length=12
    )
    shipped = serializers.BooleanField(source="is_shipped", read_only=True)
    easier = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Code of the easier exercise of its ladder (shipped or the clinic's own); "
        "empty when none.",
    )
    harder = serializers.CharField(
        max_length=60,
        required=False,
        allow_blank=True,
        help_text="Code of the harder exercise of its ladder; empty when none.",
    )
    picture = serializers.ImageField(
        read_only=True,
        allow_null=True,
        help_text="URL of the PNG or JPEG picture (at most 5 MB; scaled down to print size "
        "when saved); null when the exercise has none. Pictures are uploaded in the admin.",
    )

    class Meta:
        model = Exercise
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "targets",
            "sets",
            "reps",
            "hold_seconds",
            "per_week",
            "per_day",
            "one_leg",
            "steps",
            "cue",
            "easier",
            "harder",
            "picture",
            "clinic",
            "shipped",
            "based_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["picture", "clinic", "based_on", "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["code"].read_only = True  # codes are public: never renamed
        return fields


class ProgramItemSerializer(ExplainedChoicesMixin, serializers.ModelSerializer):
    exercise = serializers.CharField(
        source="exercise.code", help_text="Exercise code, resolved in the patient's clinic."
    )
    name = serializers.CharField(source="exercise.name", read_only=True)
    reason = serializers.ListField(
        child=serializers.ChoiceField(choices=PROGRAM_REASON_CHOICES),
        required=False,
        help_text="Finding codes this exercise addresses.",
    )
    side = serializers.ChoiceField(choices=ProgramSide.choices, required=False)

    class Meta:
        model = ProgramExercise
        fields = [
            "id",
            "exercise",
            "name",
            "sets",
            "reps",
            "hold_seconds",
            "per_week",
            "per_day",
            "side",
            "notes",
            "reason",
            "version",
        ]
        read_only_fields = ["version"]
        # The ranges come from the model's validators (reports.models.DOSAGE_LIMITS).
        extra_kwargs = {field: {"required": False} for field in DOSAGE_FIELDS}


class HomeProgramSerializer(serializers.ModelSerializer):
    """The program; PATCH changes only its handout settings (items have their own routes)."""

    items = ProgramItemSerializer(many=True, read_only=True)

    class Meta:
        model = HomeProgram
        fields = [
            "id",
            "assessment",
            "items",
            "weeks_until_next_visit",
            "show_understanding_page",
            "updated_at",
        ]
        read_only_fields = ["id", "assessment", "items", "updated_at"]


class ItemResponseSerializer(ExplainedChoicesMixin, serializers.Serializer):
    """How one item of the previous program went (progress.md, item responses)."""

    item = serializers.IntegerField(
        help_text="Id of an item of the patient's previous program.",
        error_messages={"invalid": "Give the id of an item of the previous program (a number)."},
    )
    response = serializers.ChoiceField(
        choices=ItemResponseChoice.choices,
        help_text="How it went: "
        + "; ".join(f"`{value}` {label}" for value, label in ItemResponseChoice.choices),
    )
    days_done_per_week = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=7,
        help_text="Days a week the patient did it, 0-7, from their tick log.",
        error_messages={
            "min_value": DAYS_DONE_MESSAGE,
            "max_value": DAYS_DONE_MESSAGE,
            "invalid": "Days done is a whole number of days a week, from 0 to 7.",
        },
    )

    def validate(self, attrs):
        return ItemResponseEntry(attrs["item"], attrs["response"], attrs.get("days_done_per_week"))

    def to_representation(self, row):
        return {
            "item": row.item_id,
            "response": row.response,
            "days_done_per_week": row.days_done_per_week,
        }


@extend_schema_serializer(component_name="Assessment")
class AssessmentWithResponsesSerializer(AssessmentSerializer):
    """The assessment as the API shows it, with the visit's responses to the items of the
    previous program (they live in reports, which assessments cannot import)."""

    item_responses = ItemResponseSerializer(
        many=True,
        required=False,
        help_text="Drafts: how each item of the patient's previous program went; a list given "
        "replaces the old one.",
    )

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "item_responses"]
