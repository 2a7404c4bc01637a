"""The finding types of the rules, with the shipped exercises' names (api.md "Vocabulary")."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.vocabulary import FindingTypeSerializer, finding_types
from reports.exercise_catalogue import EXERCISES


class FindingTypeView(APIView):
    @extend_schema(
        operation_id="finding_types_list",
        summary="Every finding code, with its evidence grade and exercise strategies",
        responses=FindingTypeSerializer(many=True),
    )
    def get(self, request):
        names = {code: spec.name for code, spec in EXERCISES.items()}
        return Response(FindingTypeSerializer(finding_types(names), many=True).data)
