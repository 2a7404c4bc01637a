"""`GET /api/v1/patients/{id}/progress/`: each visit once and the change since the last one
(api.md "Follow-ups, progress and PROMs"); wired by kneeclinic/api_router.py."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import vocabulary
from assessments.models import AssessmentStatus
from assessments.serializers import api_number
from patients.models import AuditAction
from patients.services import audit_record
from progress import change
from progress import selectors as progress_selectors
from progress.models import PromInstrument
from progress.serializers import ScoreSerializer
from reports.models import ItemResponseChoice
from reports.progress import patient_progress
from reports.views import NOT_FOUND

CHANGE_LABELS = [
    (change.IMPROVED, "Improved: past the threshold in the better direction"),
    (change.WORSE, "Worse: past the threshold in the worse direction"),
    (change.NO_CLEAR_CHANGE, "No clear change: within the threshold"),
    (change.CHANGED, "Changed (no threshold: no judgement)"),
    (change.UNCHANGED, "Unchanged (no threshold: no judgement)"),
]
JUDGED_LABELS = CHANGE_LABELS[:3]


@extend_schema_field({"type": "number", "nullable": True})
class ApiNumberField(serializers.Field):
    """A decimal as a JSON number, rounded to at most 4 places (api.md Conventions)."""

    def to_representation(self, value: Decimal):
        return api_number(value)


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "boolean"}],
        "description": "A number, or true/false for yes-no tests.",
    }
)
class MeasureValueField(serializers.Field):
    def to_representation(self, value: Decimal | bool):
        return value if isinstance(value, bool) else api_number(value)


class ProgressVisitSerializer(serializers.Serializer):
    assessment = serializers.IntegerField(help_text="The assessment that stands for the visit.")
    assessed_on = serializers.DateField()
    status = serializers.ChoiceField(choices=AssessmentStatus.choices)
    pain_nprs = serializers.IntegerField(allow_null=True)
    findings = serializers.DictField(
        child=serializers.IntegerField(), help_text="Finding status -> count."
    )
    proms = serializers.DictField(
        child=serializers.DictField(child=ScoreSerializer()),
        help_text="Instrument -> its scores (per KOOS subscale, or `total`).",
    )


class MeasureChangeSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="Measurement code (for LSI the measurement compared), metric code for the "
        "ratios, or `pain_nprs`."
    )
    side = serializers.ChoiceField(choices=vocabulary.SIDE_CHOICES, allow_null=True)
    metric = serializers.ChoiceField(
        choices=vocabulary.METRIC_CODE_CHOICES,
        allow_null=True,
        help_text="null for a raw measurement and for NPRS.",
    )
    earlier = MeasureValueField()
    later = MeasureValueField()
    unit = serializers.CharField(allow_null=True)
    change = ApiNumberField(help_text="later - earlier; null for a yes/no test.")
    threshold = ApiNumberField(help_text="In the measure's unit; null without a threshold.")
    label = serializers.ChoiceField(choices=CHANGE_LABELS)  # type: ignore[assignment]
    source = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text='The threshold\'s source, or "clinic setting".'
    )


class FindingKeySerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=vocabulary.FINDING_CODE_CHOICES)
    side = serializers.ChoiceField(choices=vocabulary.SIDE_CHOICES, allow_null=True)


class FindingTransitionsSerializer(serializers.Serializer):
    new = FindingKeySerializer(many=True, help_text="Fires now, not then.")
    resolved = FindingKeySerializer(many=True, help_text="Fired then, not now.")
    persisting = FindingKeySerializer(many=True, help_text="Fires at both visits.")


class PromChangeSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=PromInstrument.choices,
        help_text="The instrument.",
    )
    metric = serializers.CharField(help_text="KOOS subscale, or `total`.")
    earlier = ApiNumberField()
    later = ApiNumberField()
    change = ApiNumberField()
    threshold = ApiNumberField()
    label = serializers.ChoiceField(choices=JUDGED_LABELS)  # type: ignore[assignment]
    source = serializers.CharField()  # type: ignore[assignment]


class ItemResponseRowSerializer(serializers.Serializer):
    item = serializers.IntegerField(help_text="The previous program's item.")
    exercise = serializers.CharField(help_text="Its exercise code.")
    response = serializers.ChoiceField(choices=ItemResponseChoice.choices)
    days_done_per_week = serializers.IntegerField(allow_null=True)


class SinceLastSerializer(serializers.Serializer):
    to = serializers.IntegerField(source="later", help_text="The latest visit's assessment.")
    measures = MeasureChangeSerializer(many=True, source="change.measures")
    findings = FindingTransitionsSerializer(source="change.findings")
    proms = PromChangeSerializer(many=True, source="change.proms")
    item_responses = ItemResponseRowSerializer(
        many=True, help_text="Recorded at the latest visit on the previous program's items."
    )

    def get_fields(self):
        earlier = serializers.IntegerField(
            source="earlier", help_text="The visit before's assessment."
        )
        return {"from": earlier, **super().get_fields()}


class PatientProgressSerializer(serializers.Serializer):
    visits = ProgressVisitSerializer(many=True, help_text="Each visit once, oldest first.")
    since_last = SinceLastSerializer(
        allow_null=True,
        help_text="The latest visit against the one before; null with fewer than two visits.",
    )


class PatientProgressView(APIView):
    serializer_class = PatientProgressSerializer

    @extend_schema(
        operation_id="patients_progress_retrieve",
        summary="The patient's visits (each once) and the change since the last visit",
        responses={200: PatientProgressSerializer, 404: NOT_FOUND},
    )
    def get(self, request, id: int):
        patient = progress_selectors.patient_for(user=request.user, patient_id=id)
        progress = patient_progress(patient_id=patient.pk, clinic_id=patient.clinic_id)
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=patient,
            patient=patient,
            detail="progress",
        )
        return Response(PatientProgressSerializer(progress).data)
