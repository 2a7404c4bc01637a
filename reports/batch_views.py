"""Print batch endpoints: queue a batch, follow its progress, download the merged PDF.

Wired by kneeclinic/api_router.py; the work is reports/printing.py's and the queue's.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from patients.models import Clinic
from patients.roles import NotAllowed
from reports import printing, selectors
from reports.batches import MAX_BATCH_ITEMS, PrintBatch, PrintBatchItem, PrintBatchStatus
from reports.views import NO_FORMAT, NOT_FOUND, PDF, PdfView, pdf_response

BIGINT = 2**63 - 1


class PrintBatchRequestSerializer(serializers.Serializer):
    assessments = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIGINT),
        required=False,
        allow_empty=False,
        max_length=MAX_BATCH_ITEMS,
        help_text="Assessment ids, printed in this order.",
    )
    date = serializers.DateField(required=False, help_text="Or: the clinic's visits that day.")
    clinic = serializers.IntegerField(
        required=False,
        max_value=BIGINT,
        help_text="With `date`, for members of several clinics.",
    )
    include_reports = serializers.BooleanField(
        default=False, help_text="Also print each visit's clinician report after its handout."
    )

    def validate(self, attrs: dict) -> dict:
        if ("assessments" in attrs) == ("date" in attrs):
            raise ValidationError(
                {"non_field_errors": ["Send either `assessments` (ids) or `date`, not both."]}
            )
        if "clinic" in attrs and "date" not in attrs:
            raise ValidationError({"clinic": ["`clinic` goes with `date`."]})
        return attrs


class PrintBatchItemSerializer(serializers.ModelSerializer):
    patient = serializers.IntegerField(source="assessment.patient_id", read_only=True)

    class Meta:
        model = PrintBatchItem
        fields = ["assessment", "patient", "outcome", "detail", "first_page", "last_page"]


class PrintBatchSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="visit_date", read_only=True)
    pdf = serializers.SerializerMethodField(help_text="The merged PDF, once done.")
    items = PrintBatchItemSerializer(many=True, read_only=True)

    class Meta:
        model = PrintBatch
        fields = [
            "id",
            "status",
            "done",
            "total",
            "pages",
            "include_reports",
            "date",
            "clinic",
            "error",
            "created_at",
            "finished_at",
            "pdf",
            "items",
        ]

    def get_pdf(self, batch: PrintBatch) -> str | None:
        if batch.status != PrintBatchStatus.DONE or not batch.pdf:
            return None
        return reverse("print-batch-pdf", args=[batch.pk], request=self.context.get("request"))


def clinic_for(user, wanted: int | None) -> Clinic:
    """The clinic named (one of the user's), else the user's only clinic."""
    clinics = list(Clinic.objects.for_user(user).order_by("name", "id"))
    if wanted is not None:
        clinic = next((c for c in clinics if c.pk == wanted), None)
        if clinic is None:
            raise ValidationError({"clinic": ["Not one of your clinics."]})
        return clinic
    if len(clinics) == 1:
        return clinics[0]
    names = ", ".join(f"{c.pk} ({c.name})" for c in clinics) or "none"
    raise ValidationError({"clinic": [f"Name the clinic whose visits to print: {names}."]})


def my_batches(user):
    items = PrintBatchItem.objects.select_related("assessment").order_by("position")
    return PrintBatch.objects.filter(requested_by=user).prefetch_related(
        Prefetch("items", queryset=items)
    )


@extend_schema_view(
    create=extend_schema(
        summary="Print many handouts as one PDF, on the queue",
        description="Send `assessments` (ids) or `date` (your clinic's visits that day). "
        "202 with the batch; follow it at its URL. Unknown or other clinics' ids are a 400 "
        "naming them. A visit with an uncleared red flag prints its referral notice, one "
        "without a program prints nothing: each item says which.",
        request=PrintBatchRequestSerializer,
        responses={202: PrintBatchSerializer, 400: None},
    ),
    retrieve=extend_schema(
        summary="A print batch's progress (done / total) and, once done, its PDF",
        responses={200: PrintBatchSerializer, 404: NOT_FOUND},
    ),
)
class PrintBatchViewSet(
    mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = PrintBatchSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PrintBatch.objects.none()
        return my_batches(self.request.user)

    def get_object(self):
        batch = super().get_object()
        if not selectors.may_read_print_batch(self.request.user, batch):
            raise NotAllowed()
        return batch

    def create(self, request, *args, **kwargs):
        body = PrintBatchRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        day = data.get("date")
        batch = printing.print_batch_create(
            actor=request.user,
            assessment_ids=data.get("assessments"),
            visit_date=day,
            clinic=clinic_for(request.user, data.get("clinic")) if day else None,
            include_reports=data["include_reports"],
        )
        batch = self.get_queryset().get(pk=batch.pk)
        url = reverse("print-batch-detail", args=[batch.pk], request=request)
        data = self.get_serializer(batch).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})


class PrintBatchPdfView(PdfView):
    @extend_schema(
        summary="The merged PDF of a finished print batch",
        parameters=[NO_FORMAT],
        responses={(200, "application/pdf"): PDF, 404: NOT_FOUND, 409: None},
    )
    def get(self, request, id: str):  # api.md: path parameters are named id
        batch = selectors.print_batch_for(user=request.user, batch_id=id)
        if batch.status != PrintBatchStatus.DONE:
            progress = f"{batch.get_status_display().lower()}, {batch.done}/{batch.total}"
            return Response(
                {"detail": f"The batch is not printed yet ({progress})."},
                status=status.HTTP_409_CONFLICT,
            )
        if not batch.pdf:
            raise Http404("Nothing in this batch could be printed (see its items).")
        content = printing.print_batch_download(batch=batch, actor=request.user)
        return pdf_response(content, f"print-batch-{batch.pk}.pdf")
