"""PROM endpoints: a visit's responses, one response, and the instruments (api.md)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.services import ensure_draft
from patients.models import AuditAction
from patients.services import audit_record
from patients.views import AuditedViewSetMixin
from progress import scoring, selectors, services
from progress.serializers import PromInstrumentSerializer, PromResponseSerializer

CONFLICT = OpenApiResponse(description="The assessment is final: its PROMs cannot change.")
NOT_FOUND = OpenApiResponse(description="Not found, or not in your clinics.")


class AssessmentPromsView(APIView):
    serializer_class = PromResponseSerializer

    @extend_schema(
        summary="List a visit's PROM responses (not paginated)",
        responses={200: PromResponseSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, id: str):
        assessment = selectors.assessment_for(user=request.user, assessment_id=id)
        responses = selectors.visit_proms(assessment=assessment)
        audit_record(actor=request.user, action=AuditAction.VIEW, obj=assessment, detail="proms")
        return Response(PromResponseSerializer(responses, many=True).data)

    @extend_schema(
        summary="Record a visit's answers to one instrument; the scores are computed",
        request=PromResponseSerializer,
        responses={201: PromResponseSerializer, 400: None, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request, id: str):
        assessment = selectors.assessment_for(user=request.user, assessment_id=id)
        ensure_draft(assessment)  # 409 before the body is read
        body = PromResponseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        response = services.prom_record(
            actor=request.user,
            assessment=assessment,
            instrument=data["instrument"],
            answers=data.get("answers", {}),
            completed_on=data.get("completed_on"),
        )
        return Response(PromResponseSerializer(response).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="Read one PROM response with its scores"),
    partial_update=extend_schema(
        summary="Change a PROM response of a draft visit",
        description="Given `answers` replace the old answers as a whole; scores are recomputed. "
        "409 when the assessment is final.",
        responses={200: PromResponseSerializer, 400: None, 409: CONFLICT},
    ),
    destroy=extend_schema(
        summary="Archive a PROM response of a draft visit", responses={204: None, 409: CONFLICT}
    ),
)
class PromResponseViewSet(
    AuditedViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PromResponseSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.prom_list(user=self.request.user)

    def update(self, request, *args, **kwargs):
        ensure_draft(self.get_object().assessment)  # 409 before the body is read (api.md)
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer):
        serializer.instance = services.prom_update(
            actor=self.request.user,
            response=serializer.instance,
            answers=serializer.validated_data.get("answers"),
            completed_on=serializer.validated_data.get("completed_on"),
        )

    def perform_destroy(self, instance):
        services.prom_archive(actor=self.request.user, response=instance)


class PromInstrumentsView(APIView):
    @extend_schema(
        summary="The PROM instruments: items by number and short label, allowed answers, MIC",
        responses={200: PromInstrumentSerializer(many=True)},
    )
    def get(self, request):
        instruments = list(scoring.INSTRUMENTS.values())
        return Response(PromInstrumentSerializer(instruments, many=True).data)
