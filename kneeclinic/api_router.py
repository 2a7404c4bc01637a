"""The REST API v1: one router, the auth endpoints, the schema and docs, the public index."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from assessments.views import FindingViewSet
from assessments.vocabulary import MeasurementTypeView, RedFlagView
from kneeclinic.auth_views import LogoutView, TokenView
from patients.views import PatientViewSet
from progress.views import AssessmentPromsView, PromInstrumentsView, PromResponseViewSet
from reports.batch_views import PrintBatchPdfView, PrintBatchViewSet
from reports.progress_views import PatientProgressView
from reports.views import (
    ExercisePictureView,
    ExerciseViewSet,
    HandoutView,
    IssuedHandoutListView,
    IssuedHandoutView,
    PatientFhirView,
    ProgramItemAddView,
    ProgramItemViewSet,
    ProgramView,
    ReferralView,
    ReportView,
)
from reports.visit_views import VisitViewSet
from reports.vocabulary import FindingTypeView


class ApiRouter(DefaultRouter):
    """Detail routes take ASCII digits only: `/patients/abc/` or `/patients/\u0661/` is the
    API's JSON 404 for an unknown URL, never a lookup with whatever Python reads as a number."""

    include_format_suffixes = False  # paths end with `/` (api.md), no `.json` variants

    def __init__(self) -> None:
        super().__init__(trailing_slash=True, use_regex_path=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or viewset.lookup_field
        return f"<int:{lookup_prefix}{kwarg}>"  # Django's int converter: [0-9]+


router = ApiRouter()
router.include_root_view = False
router.register("patients", PatientViewSet, basename="patient")
router.register("assessments", VisitViewSet, basename="assessment")
router.register("findings", FindingViewSet, basename="finding")
router.register("program-items", ProgramItemViewSet, basename="program-item")
router.register("exercises", ExerciseViewSet, basename="exercise")
router.register("proms", PromResponseViewSet, basename="prom")
router.register("print-batches", PrintBatchViewSet, basename="print-batch")

INDEX = [
    ("patients", "patient-list"),
    ("assessments", "assessment-list"),
    ("findings", "finding-list"),
    ("exercises", "exercise-list"),
    ("prom-instruments", "prom-instruments"),
    ("measurement-types", "measurement-types"),
    ("finding-types", "finding-types"),
    ("red-flags", "red-flags"),
    ("print-batches", "print-batch-list"),
    ("token", "api-token"),
    ("logout", "api-logout"),
    ("schema", "api-schema"),
    ("docs", "api-docs"),
    ("redoc", "api-redoc"),
]


class ApiIndexView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="api_index",
        summary="Index of the API's endpoints (no sign-in needed)",
        responses=inline_serializer(
            "ApiIndex", {name: serializers.URLField() for name, _ in INDEX}
        ),
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
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api-schema", template_name="kneeclinic/redoc.html"),
        name="api-redoc",
    ),
    path("assessments/<int:id>/program/", ProgramView.as_view(), name="program"),
    path(
        "assessments/<int:id>/program/items/",
        ProgramItemAddView.as_view(),
        name="program-items-add",
    ),
    path("assessments/<int:id>/handout.pdf", HandoutView.as_view(), name="handout"),
    path("assessments/<int:id>/report.pdf", ReportView.as_view(), name="report"),
    path("assessments/<int:id>/proms/", AssessmentPromsView.as_view(), name="proms"),
    path("assessments/<int:id>/handouts/", IssuedHandoutListView.as_view(), name="issued-handouts"),
    path(
        "assessments/<int:id>/handouts/<int:number>.pdf",
        IssuedHandoutView.as_view(),
        name="issued-handout",
    ),
    path("prom-instruments/", PromInstrumentsView.as_view(), name="prom-instruments"),
    path("exercises/<int:id>/picture/", ExercisePictureView.as_view(), name="exercise-picture"),
    path("patients/<int:id>/fhir/", PatientFhirView.as_view(), name="patient-fhir"),
    path("patients/<int:id>/progress/", PatientProgressView.as_view(), name="patient-progress"),
    path("measurement-types/", MeasurementTypeView.as_view(), name="measurement-types"),
    path("finding-types/", FindingTypeView.as_view(), name="finding-types"),
    path("red-flags/", RedFlagView.as_view(), name="red-flags"),
    path("assessments/<int:id>/referral.pdf", ReferralView.as_view(), name="referral"),
    path("print-batches/<int:id>/pdf", PrintBatchPdfView.as_view(), name="print-batch-pdf"),
    path("", include(router.urls)),
]
