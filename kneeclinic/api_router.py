"""The REST API v1: one router, the auth endpoints, the schema and docs, the public index."""

from __future__ import annotations

from django.urls import include, path, register_converter
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from assessments.views import AssessmentViewSet, FindingViewSet
from kneeclinic.auth_views import LogoutView, TokenView
from patients.views import PatientViewSet
from progress.views import AssessmentPromsView, PromInstrumentsView, PromResponseViewSet
from reports.views import (
    ExercisePictureView,
    ExerciseViewSet,
    HandoutView,
    IssuedHandoutListView,
    IssuedHandoutView,
    ProgramItemAddView,
    ProgramItemViewSet,
    ProgramView,
    ReportView,
)


class ObjectIdConverter:
    """An id in a path: whatever the router's detail routes take (anything up to `/` or `.`).

    So `/assessments/abc/program/` is the view's JSON 404, like `/assessments/abc/`, not
    Django's HTML page for an unknown URL. Documented as an integer (SPECTACULAR_SETTINGS).
    """

    regex = "[^/.]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(ObjectIdConverter, "object_id")

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("patients", PatientViewSet, basename="patient")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("findings", FindingViewSet, basename="finding")
router.register("program-items", ProgramItemViewSet, basename="program-item")
router.register("exercises", ExerciseViewSet, basename="exercise")
router.register("proms", PromResponseViewSet, basename="prom")

INDEX = [
    ("patients", "patient-list"),
    ("assessments", "assessment-list"),
    ("findings", "finding-list"),
    ("exercises", "exercise-list"),
    ("prom-instruments", "prom-instruments"),
    ("token", "api-token"),
    ("logout", "api-logout"),
    ("schema", "api-schema"),
    ("docs", "api-docs"),
]


class ApiIndexView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary="Index of the API's endpoints (no sign-in needed)",
        responses=inline_serializer("ApiIndex", {"patients": serializers.URLField()}),
        auth=[],
    )
    def get(self, request):
        return Response({name: reverse(view, request=request) for name, view in INDEX})


urlpatterns = [
    path("", ApiIndexView.as_view(), name="api-index"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view loads its start-up script as a file: no inline script, so the CSP holds.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("assessments/<object_id:assessment_id>/program/", ProgramView.as_view(), name="program"),
    path(
        "assessments/<object_id:assessment_id>/program/items/",
        ProgramItemAddView.as_view(),
        name="program-items-add",
    ),
    path(
        "assessments/<object_id:assessment_id>/handout.pdf", HandoutView.as_view(), name="handout"
    ),
    path("assessments/<object_id:assessment_id>/report.pdf", ReportView.as_view(), name="report"),
    path(
        "assessments/<object_id:assessment_id>/handouts/",
        IssuedHandoutListView.as_view(),
        name="issued-handouts",
    ),
    path(
        "assessments/<object_id:assessment_id>/handouts/<object_id:number>.pdf",
        IssuedHandoutView.as_view(),
        name="issued-handout",
    ),
    path("assessments/<object_id:id>/proms/", AssessmentPromsView.as_view(), name="proms"),
    path("prom-instruments/", PromInstrumentsView.as_view(), name="prom-instruments"),
    path(
        "exercises/<object_id:id>/picture/", ExercisePictureView.as_view(), name="exercise-picture"
    ),
    path("", include(router.urls)),
]
