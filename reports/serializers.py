"""Exercise, home program and program item serializers."""

from __future__ import annotations

from rest_framework import serializers

from assessments.vocabulary import PROGRAM_REASON_CHOICES
from patients.serializers import ExplainedChoicesMixin
from reports.models import DOSAGE_FIELDS, Exercise, HomeProgram, ProgramExercise, ProgramSide


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
