"""Home program, exercise catalogue and PDF endpoints (wired by kneeclinic/api_router.py)."""

from __future__ import annotations

import unicodedata
from typing import cast

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.filters import SearchFilter
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from assessments.models import Assessment
from patients.errors import Invalid
from patients.models import AuditAction, Clinic, PaperSize, Patient
from patients.roles import Right, require
from patients.services import NotAMember, audit_record, clinic_for_new_record
from patients.views import AuditedViewSetMixin
from reports import printing, selectors, services
from reports.fhir import patient_bundle
from reports.handouts import referral_letter_data, report_data
from reports.models import Exercise, HomeProgram, IssuedHandout
from reports.pdf.data import PageSize
from reports.pdf.figures import drawing_png, drawing_svg, has_drawing
from reports.pdf.referral import render_referral
from reports.serializers import ExerciseSerializer, HomeProgramSerializer, ProgramItemSerializer

CONFLICT = OpenApiResponse(description="State conflict (e.g. an uncleared red flag).")
NOT_FOUND = OpenApiResponse(description="Not found, or not in your clinics.")
PDF = OpenApiResponse(response=OpenApiTypes.BINARY, description="The PDF document.")
PAPER = OpenApiParameter(
    "paper",
    str,
    enum=["a4", "letter"],
    description="Paper size; default: the clinic's setting.\n\n* `a4` - A4\n* `letter` - Letter",
)
NO_FORMAT = OpenApiParameter("format", exclude=True)  # the PDF renderer's: nothing to choose


def scoped_load(request, assessment_id: int, *, measurements: bool = True) -> Assessment:
    return selectors.printable_assessment(
        user=request.user, assessment_id=assessment_id, measurements=measurements
    )


def assessment_for(request, assessment_id: int) -> Assessment:
    return selectors.assessment_for(user=request.user, assessment_id=assessment_id)


def program_for(request, assessment_id: int) -> HomeProgram:
    return selectors.program_for(user=request.user, assessment_id=assessment_id)


def program_response(program: HomeProgram, code: int = status.HTTP_200_OK) -> Response:
    program = HomeProgram.objects.prefetch_related("items__exercise").get(pk=program.pk)
    return Response(HomeProgramSerializer(program).data, status=code)


def _item_fields(validated: dict) -> dict:
    fields = dict(validated)
    fields.pop("exercise", None)
    return fields


class ProgramView(APIView):
    @extend_schema(
        summary="Read the home program", responses={200: HomeProgramSerializer, 404: NOT_FOUND}
    )
    def get(self, request, id: int):
        program = program_for(request, id)
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=program, patient=program.patient
        )
        return program_response(program)

    @extend_schema(
        summary="Change the program's handout settings (weeks until the next visit, the "
        "understanding page)",
        request=HomeProgramSerializer,
        responses={200: HomeProgramSerializer, 400: None, 404: NOT_FOUND},
    )
    def patch(self, request, id: int):
        program = program_for(request, id)
        body = HomeProgramSerializer(program, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        program = services.home_program_update(
            program=program, actor=request.user, **body.validated_data
        )
        return program_response(program)

    @extend_schema(
        summary="Propose the home program from the findings (replaces the items)",
        request=None,
        responses={201: HomeProgramSerializer, 404: NOT_FOUND, 409: CONFLICT},
    )
    def post(self, request, id: int):
        assessment = assessment_for(request, id)
        program = services.home_program_propose(assessment=assessment, actor=request.user)
        return program_response(program, status.HTTP_201_CREATED)


class ProgramItemAddView(APIView):
    @extend_schema(
        summary="Add an exercise to the home program",
        request=ProgramItemSerializer,
        responses={201: ProgramItemSerializer, 400: None, 404: NOT_FOUND},
    )
    def post(self, request, id: int):
        program = program_for(request, id)
        body = ProgramItemSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        exercise = services.resolve_exercise(
            program.patient.clinic, body.validated_data["exercise"]["code"]
        )
        item = services.program_item_add(
            program=program,
            actor=request.user,
            exercise=exercise,
            **_item_fields(body.validated_data),
        )
        return Response(ProgramItemSerializer(item).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    retrieve=extend_schema(summary="Read one program item"),
    partial_update=extend_schema(summary="Change an item's dosage, side, notes or exercise"),
    destroy=extend_schema(summary="Remove an exercise from the program"),
)
class ProgramItemViewSet(
    AuditedViewSetMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgramItemSerializer
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.program_items(user=self.request.user)

    def perform_update(self, serializer):
        fields = _item_fields(serializer.validated_data)
        code = serializer.validated_data.get("exercise", {}).get("code")
        if code is not None:
            fields["exercise"] = services.resolve_exercise(
                serializer.instance.program.patient.clinic, code
            )
        serializer.instance = services.program_item_update(
            item=serializer.instance,
            actor=self.request.user,
            expected_version=self.expected_version(),
            **fields,
        )

    def patient_of(self, obj):
        return obj.program.assessment.patient

    def perform_destroy(self, instance):
        services.program_item_remove(
            item=instance, actor=self.request.user, expected_version=self.expected_version()
        )


class ExerciseFilterSerializer(serializers.Serializer):
    clinic = serializers.IntegerField(required=False)


@extend_schema_view(
    list=extend_schema(
        summary="The clinic's exercise catalogue (shipped plus its own), by code",
        parameters=[OpenApiParameter("clinic", int, description="For members of several clinics.")],
    ),
    retrieve=extend_schema(summary="Read one exercise"),
    create=extend_schema(summary="Add a clinic exercise"),
    partial_update=extend_schema(
        summary="Edit an exercise",
        description="Editing a shipped exercise creates the clinic's own copy (same code, new id) "
        "and leaves the shipped one and other clinics untouched.",
    ),
)
class ExerciseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ExerciseSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends = [DjangoFilterBackend, SearchFilter]
    filterset_fields = ["kind"]
    extra_query_parameters = ("clinic",)  # read by clinic(), for members of several clinics
    search_fields = ["code", "name", "targets"]

    def clinic(self) -> Clinic:
        """The clinic named by `?clinic=` (or `clinic` in a write), else the user's only one."""
        body = self.request.data if isinstance(self.request.data, dict) else {}
        wanted = self.request.query_params.get("clinic") or body.get("clinic")
        named = None
        if wanted is not None:
            mine = Clinic.objects.for_user(self.request.user)
            named = mine.filter(pk=wanted).first() if str(wanted).isdigit() else None
            if named is None:
                raise NotAMember()
        clinic = clinic_for_new_record(actor=self.request.user, clinic=named)
        require(self.request.user, Right.CLINICAL, clinic.pk)
        return clinic

    def get_object(self):
        exercise = super().get_object()
        selectors.ensure_may_read_exercise(self.request.user, exercise)
        return exercise

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Exercise.objects.none()
        if self.action == "list":
            return Exercise.objects.catalogue_for(self.clinic()).order_by("code", "id")
        return Exercise.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.exercise_create(
            clinic=self.clinic(), actor=self.request.user, **serializer.validated_data
        )

    def update(self, request, *args, **kwargs):
        exercise = self.get_object()
        body = self.get_serializer(exercise, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        clinic = exercise.clinic if exercise.clinic_id else self.clinic()
        saved = services.exercise_update(
            exercise=exercise, clinic=clinic, actor=request.user, **body.validated_data
        )
        return Response(self.get_serializer(saved).data)


def pdf_filename(kind: str, assessment: Assessment, suffix: str = "") -> str:
    """handout-muller-2026-03-02.pdf: the patient's last name (ASCII) and the visit date."""
    last_name = slugify(unaccented(assessment.patient.last_name)) or "patient"
    return f"{kind}-{last_name}-{assessment.assessed_on:%Y-%m-%d}{suffix}.pdf"


def unaccented(name: str) -> str:
    """Müller-Łukasiewicz -> Muller-Lukasiewicz (letters without their accents)."""
    extra = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})
    decomposed = unicodedata.normalize("NFKD", name.translate(extra))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def paper_size(request, assessment: Assessment) -> PageSize:
    wanted = request.query_params.get("paper")
    if wanted is None:
        return cast(PageSize, assessment.patient.clinic.paper_size)
    if wanted.upper() not in PaperSize.values:
        raise Invalid("Allowed: a4, letter.", field="paper")
    return cast(PageSize, wanted.upper())


class PDFRenderer(BaseRenderer):
    """Lets `Accept: application/pdf` through content negotiation (else a 406)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class PdfView(APIView):
    """A PDF on success; errors stay JSON, whatever the client accepts."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, PDFRenderer]  # type: ignore[list-item]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and isinstance(response.accepted_renderer, PDFRenderer):
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


class HandoutView(PdfView):
    @extend_schema(
        operation_id="assessments_handout_retrieve",
        summary="The patient's home exercise handout (PDF)",
        description="With uncleared red flags: a referral notice instead of exercises (200), "
        "whether or not a program exists; otherwise 409 until a program is proposed.",
        parameters=[PAPER, NO_FORMAT],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND, 409: CONFLICT},
    )
    def get(self, request, id: int):
        assessment = assessment_for(request, id)
        size = paper_size(request, assessment)
        issued = services.handout_issue(assessment=assessment, actor=request.user, page_size=size)
        return pdf_response(bytes(issued.content), pdf_filename("handout", assessment))


class IssuedHandoutSerializer(serializers.ModelSerializer):
    issued_by = serializers.CharField(source="issued_by.username")
    exercises = serializers.ListField(
        child=serializers.CharField(), help_text="The exercises as printed."
    )

    class Meta:
        model = IssuedHandout
        fields = ["number", "issued_at", "issued_by", "page_size", "sha256", "exercises"]
        read_only_fields = fields


class IssuedHandoutListView(APIView):
    @extend_schema(
        summary="The handouts handed out for this visit, oldest first",
        operation_id="assessments_handouts_list",
        responses={200: IssuedHandoutSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, id: int):
        assessment = assessment_for(request, id)
        issued = assessment.issued_handouts.select_related("issued_by").order_by("number")
        audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=assessment, detail="issued handouts"
        )
        return Response(IssuedHandoutSerializer(issued, many=True).data)


class IssuedHandoutView(PdfView):
    @extend_schema(
        summary="An issued handout, byte for byte as it was printed",
        operation_id="assessments_handouts_pdf_retrieve",
        parameters=[NO_FORMAT],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND},
    )
    def get(self, request, id: int, number: int):
        assessment = assessment_for(request, id)
        issued = get_object_or_404(assessment.issued_handouts, number=number)
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=assessment,
            detail=f"reprint of issued handout {issued.number}",
        )
        filename = pdf_filename("handout", assessment, f"-{issued.number}")
        return pdf_response(bytes(issued.content), filename)


class ReferralView(PdfView):
    @extend_schema(
        operation_id="assessments_referral_retrieve",
        summary="The referral letter for the patient's doctor (PDF)",
        description="The red flags present with their tier, the assessment in brief, the "
        "clinician's contact and space for the doctor's reply. 409 without red flags.",
        parameters=[PAPER, NO_FORMAT],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND, 409: CONFLICT},
    )
    def get(self, request, id: int):
        assessment = scoped_load(request, id)
        size = paper_size(request, assessment)
        if not assessment.red_flags:
            raise services.NoRedFlags()
        content = render_referral(referral_letter_data(assessment, page_size=size))
        audit_record(
            actor=request.user, action=AuditAction.EXPORT, obj=assessment, detail="referral.pdf"
        )
        return pdf_response(content, f"referral-{assessment.pk}.pdf")


class ReportView(PdfView):
    @extend_schema(
        operation_id="assessments_report_retrieve",
        summary="The clinician summary report (PDF)",
        parameters=[PAPER, NO_FORMAT],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND},
    )
    def get(self, request, id: int):
        assessment = scoped_load(request, id)
        size = paper_size(request, assessment)
        content = printing.report_pdf(report_data(assessment, page_size=size))
        audit_record(
            actor=request.user, action=AuditAction.EXPORT, obj=assessment, detail="report.pdf"
        )
        return pdf_response(content, pdf_filename("report", assessment))


class SVGRenderer(PDFRenderer):
    """Lets `Accept: image/svg+xml` (or `?format=svg`) through content negotiation."""

    media_type = "image/svg+xml"
    format = "svg"


class PNGRenderer(PDFRenderer):
    media_type = "image/png"
    format = "png"


PICTURE_FORMATS = {"svg": (drawing_svg, "image/svg+xml"), "png": (drawing_png, "image/png")}
PICTURE = OpenApiResponse(
    response=OpenApiTypes.BINARY,
    description="The clinic's uploaded picture (PNG or JPEG, as uploaded) if it has one, else "
    "the exercise's drawing (start and end position) as SVG or PNG.",
)
PICTURE_FORMAT = OpenApiParameter(
    "format",
    str,
    enum=["svg", "png"],
    description="Drawing format; default SVG (or by Accept).\n\n* `png` - PNG\n* `svg` - SVG",
)


class ExercisePictureView(PdfView):
    """An exercise's picture: the clinic's upload, else the shipped drawing of its code."""

    renderer_classes = [SVGRenderer, PNGRenderer, *api_settings.DEFAULT_RENDERER_CLASSES]  # type: ignore[list-item]

    def perform_content_negotiation(self, request, force=False):
        wanted = request.query_params.get("format")
        if not force and wanted is not None and wanted not in PICTURE_FORMATS:
            raise serializers.ValidationError({"format": ["Allowed: svg, png."]})
        return super().perform_content_negotiation(request, force)

    @extend_schema(
        summary="An exercise's picture: the uploaded one, or its drawing (SVG or PNG)",
        parameters=[PICTURE_FORMAT],
        responses={
            (200, "image/svg+xml"): PICTURE,
            (200, "image/png"): PICTURE,
            (200, "image/jpeg"): PICTURE,
            400: OpenApiResponse(description="An unknown format."),
            404: OpenApiResponse(description="Not found, not yours, or no picture or drawing."),
        },
    )
    def get(self, request, id: str):  # the path parameter is `id` on every route (api.md)
        exercise = selectors.exercise_for(user=request.user, exercise_id=id)
        if exercise.picture:
            return uploaded_picture_response(exercise)
        if not has_drawing(exercise.code):
            raise Http404("This exercise has no picture and no drawing.")
        wanted = getattr(request.accepted_renderer, "format", "svg")
        render, content_type = PICTURE_FORMATS.get(wanted, PICTURE_FORMATS["svg"])
        response = HttpResponse(render(exercise.code), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{exercise.code}.{content_type[6:9]}"'
        return response


def uploaded_picture_response(exercise: Exercise) -> HttpResponse:
    name = str(exercise.picture.name).rsplit("/", 1)[-1]
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    with exercise.picture.open("rb") as picture:
        response = HttpResponse(picture.read(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


FHIR_BUNDLE = {
    "type": "object",
    "description": "A FHIR R4 Bundle of type `collection` (http://hl7.org/fhir/R4/bundle.html): "
    "the Patient, an Encounter per visit, an Observation per vital sign, measurement, metric "
    "and finding, and a CarePlan per home program.",
    "properties": {
        "resourceType": {"type": "string", "description": "`Bundle`."},
        "id": {"type": "string"},
        "type": {"type": "string", "description": "`collection`."},
        "timestamp": {"type": "string", "format": "date-time"},
        "entry": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "fullUrl": {"type": "string"},
                    "resource": {
                        "type": "object",
                        "properties": {"resourceType": {"type": "string"}},
                        "required": ["resourceType"],
                        "additionalProperties": True,
                    },
                },
                "required": ["fullUrl", "resource"],
            },
        },
    },
    "required": ["resourceType", "id", "type", "timestamp", "entry"],
}


class PatientFhirView(APIView):
    @extend_schema(
        operation_id="patients_fhir_retrieve",
        summary="The patient's record as a FHIR R4 Bundle (collection)",
        responses={200: OpenApiResponse(response=FHIR_BUNDLE), 404: NOT_FOUND},
    )
    def get(self, request, id: int):
        patient = get_object_or_404(Patient.objects.for_user(request.user), pk=id)
        require(request.user, Right.CLINICAL, patient.clinic_id)  # 403 for the front desk
        bundle = patient_bundle(patient)
        audit_record(
            actor=request.user,
            action=AuditAction.EXPORT,
            obj=patient,
            patient=patient,
            detail="fhir",
        )
        return Response(bundle)
