"""Assessment and finding endpoints; writes go through assessments.services."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments import selectors, services
from assessments.models import Assessment, AssessmentStatus, Finding, FindingStatus
from assessments.serializers import (
    AmendSerializer,
    AssessmentSerializer,
    FindingDecisionSerializer,
    FindingSerializer,
    FollowUpSerializer,
    MeasurementChangesSerializer,
    RedFlagClearanceSerializer,
)
from patients.views import ArchivedFilterSet, AuditedViewSetMixin, FilterSet, IdFilter

CONFLICT = OpenApiResponse(description="State conflict, e.g. the assessment is final.")
NOT_FOUND = OpenApiResponse(description="Not found, or not in your clinics.")


class WholeBodySchema(AutoSchema):
    """For a PATCH whose body is not a partial resource (measurements/): its own required
    fields stay required in the schema, where drf-spectacular would make every field optional."""

    def resolve_serializer(self, serializer, direction, bypass_extensions=False):
        if direction == "request":
            serializer.partial = False
        return super().resolve_serializer(serializer, direction, bypass_extensions)


class AssessmentFilterSet(ArchivedFilterSet):
    patient = IdFilter(field_name="patient_id", help_text="Patient id.")
    status = filters.ChoiceFilter(choices=AssessmentStatus.choices)

    class Meta:
        model = Assessment
        fields = ["patient", "status", "archived"]


@extend_schema_view(
    list=extend_schema(summary="List assessments, newest first"),
    create=extend_schema(summary="Record an assessment with its measurements"),
    retrieve=extend_schema(summary="Read an assessment with measurements, metrics and findings"),
    partial_update=extend_schema(
        summary="Change a draft assessment",
        description="A given `measurements` list replaces the old list as a whole. "
        "Findings and metrics are recomputed. 409 on a final assessment.",
        responses={200: AssessmentSerializer, 400: None, 409: CONFLICT},
    ),
    destroy=extend_schema(
        summary="Archive a draft assessment",
        responses={204: None, 409: CONFLICT},
    ),
)
class AssessmentViewSet(
    AuditedViewSetMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilterSet
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.assessment_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.assessment_create(actor=self.request.user, **data)

    def update(self, request, *args, **kwargs):
        assessment = self.get_object()
        services.ensure_draft(assessment)  # 409 before the body is read (api.md)
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(assessment, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(serializer.data)

    def perform_update(self, serializer):
        serializer.instance = services.assessment_update(
            actor=self.request.user,
            assessment=serializer.instance,
            expected_version=self.expected_version(),
            **serializer.validated_data,
        )

    def perform_destroy(self, instance):
        services.assessment_archive(
            actor=self.request.user, assessment=instance, expected_version=self.expected_version()
        )

    def _fresh(self, assessment) -> Response:
        assessment = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(assessment).data)

    @extend_schema(
        summary="Change some measurements of a draft, leaving the others alone",
        description="Each item is recorded in place of the same code and side (or added); "
        '`"value": null` removes that code and side (a no-op when absent). Findings and '
        "metrics are recomputed. 409 on a final assessment.",
        request=MeasurementChangesSerializer,
        responses={200: AssessmentSerializer, 400: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["patch"], url_path="measurements", schema=WholeBodySchema())
    def measurements(self, request, pk=None):
        assessment = self.get_object()
        services.ensure_draft(assessment)  # 409 before the body is read, as for PATCH
        body = MeasurementChangesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        items = body.validated_data["measurements"]
        services.assessment_measurements_upsert(
            actor=request.user,
            assessment=assessment,
            entries=[item for item in items if not isinstance(item, tuple)],
            deletions=[item for item in items if isinstance(item, tuple)],
            expected_version=self.expected_version(),
        )
        return self._fresh(assessment)

    @extend_schema(
        summary="Finalize: lock the assessment and freeze its findings",
        request=None,
        responses={200: AssessmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def finalize(self, request, pk=None):
        assessment = services.assessment_finalize(assessment=self.get_object(), actor=request.user)
        return self._fresh(assessment)

    @extend_schema(
        summary="Amend a final assessment: a new draft copy for corrections",
        request=AmendSerializer,
        responses={201: AssessmentSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        copy = services.assessment_amend(assessment=self.get_object(), actor=request.user)
        response = self._fresh(copy)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        summary="Start the patient's next visit from this one (a follow-up draft)",
        description="Copies body mass, height and the tests recorded (codes, sides, methods, "
        "units as entered) with `value` null; pain, red flags and notes start empty; findings "
        "are computed afresh. A measurement left without a value is dropped at finalize. "
        "409 for an archived patient or visit.",
        request=FollowUpSerializer,
        responses={201: AssessmentSerializer, 400: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        source = self.get_object()
        body = FollowUpSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        visit = services.assessment_follow_up(
            assessment=source, actor=request.user, **body.validated_data
        )
        response = self._fresh(visit)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        summary="Record that the patient is cleared for exercise despite the red flags",
        request=RedFlagClearanceSerializer,
        responses={200: AssessmentSerializer, 400: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], url_path="clear-red-flags")
    def clear_red_flags(self, request, pk=None):
        assessment = self.get_object()
        services.ensure_flags_to_clear(assessment)
        body = RedFlagClearanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.red_flags_clear(
            assessment=assessment, actor=request.user, reason=body.validated_data["reason"]
        )
        return self._fresh(assessment)


# Not FindingDecisionSerializer itself: drf-spectacular documents every PATCH body as
# all-optional, and a decision needs its `status`.
FINDING_DECISION = {
    "application/json": {
        "type": "object",
        "properties": {
            "status": {
                "type": "string",
                "enum": [FindingStatus.CONFIRMED.value, FindingStatus.DISMISSED.value],
                "description": "* `confirmed` - Confirmed\n* `dismissed` - Dismissed",
            },
            "note": {"type": "string", "default": "", "description": "Needed for a dismissal."},
        },
        "required": ["status"],
    }
}


class FindingFilterSet(FilterSet):
    assessment = IdFilter(field_name="assessment_id", help_text="Assessment id.")

    class Meta:
        model = Finding
        fields = ["assessment", "status"]


@extend_schema_view(
    list=extend_schema(summary="List findings (filter by assessment or status)"),
    retrieve=extend_schema(summary="Read one finding with its explanation and source"),
    partial_update=extend_schema(
        summary="Confirm or dismiss a finding",
        description="`dismissed` needs a `note`. 409 on a finalized assessment.",
        request=FINDING_DECISION,
        responses={200: FindingSerializer, 400: None, 404: NOT_FOUND, 409: CONFLICT},
    ),
)
class FindingViewSet(
    AuditedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = FindingSerializer
    filterset_class = FindingFilterSet
    clinic_field = "assessment__clinic_id"
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.finding_list(user=self.request.user)

    def patient_of(self, obj):
        return obj.assessment.patient

    def partial_update(self, request, *args, **kwargs):
        finding = self.get_object()
        services.ensure_draft(finding.assessment)
        body = FindingDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        finding = services.finding_decide(
            finding=finding,
            actor=request.user,
            expected_version=self.expected_version(),
            **body.validated_data,
        )
        return Response(FindingSerializer(finding).data)
