"""The assessment endpoints as the router serves them: assessments.views' viewset with the
follow-up's item responses (they live in reports, which assessments cannot import)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action

from assessments.serializers import AmendSerializer
from assessments.views import CONFLICT, NOT_FOUND, AssessmentViewSet
from reports import services
from reports.serializers import AssessmentWithResponsesSerializer

VISIT = AssessmentWithResponsesSerializer
BAD = OpenApiResponse(description="Invalid input, each field named.")


def _documented(code: int, *extra: int) -> dict:
    responses: dict = {code: VISIT, 404: NOT_FOUND}
    for status_code in extra:
        responses[status_code] = {400: BAD, 409: CONFLICT}[status_code]
    return responses


@extend_schema_view(
    create=extend_schema(
        summary="Record an assessment with its measurements",
        responses={201: VISIT, 400: BAD},
    ),
    partial_update=extend_schema(
        summary="Change a draft assessment",
        description="A given `measurements` list replaces the old list as a whole (a null "
        "`value` keeps a test on the draft without a value); a given `item_responses` list "
        "replaces the old responses. Findings and metrics are recomputed. 409 on a final "
        "assessment.",
        responses=_documented(200, 400, 409),
    ),
    measurements=extend_schema(responses=_documented(200, 400, 409)),
    finalize=extend_schema(responses=_documented(200, 409)),
    follow_up=extend_schema(responses=_documented(201, 400, 409)),
    clear_red_flags=extend_schema(responses=_documented(200, 400, 409)),
)
class VisitViewSet(AssessmentViewSet):
    serializer_class = AssessmentWithResponsesSerializer

    def get_queryset(self):
        return super().get_queryset().prefetch_related("item_responses")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.visit_create(actor=self.request.user, **data)

    @extend_schema(
        summary="Amend a final assessment: a new draft copy for corrections",
        description="Measurements, findings' decisions and item responses are copied.",
        request=AmendSerializer,
        responses=_documented(201, 409),
    )
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):  # type: ignore[override]  # the same action, its own service
        copy = services.visit_amend(assessment=self.get_object(), actor=request.user)
        response = self._fresh(copy)
        response.status_code = status.HTTP_201_CREATED
        return response

    def perform_update(self, serializer):
        serializer.instance = services.visit_update(
            actor=self.request.user,
            assessment=serializer.instance,
            expected_version=self.expected_version(),
            **serializer.validated_data,
        )
