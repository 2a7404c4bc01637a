"""Patient endpoints, and the audited, clinic-scoped viewset base every clinical API uses."""

from __future__ import annotations

import re
from typing import ClassVar

from django import forms
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.filters import SearchFilter
from rest_framework.response import Response

from patients import selectors, services
from patients.errors import StaleVersion
from patients.models import AuditAction, Patient
from patients.pagination import StandardPagination
from patients.roles import NotAllowed, Right, clinic_ids_with, require
from patients.serializers import AuditEventSerializer, PatientSerializer


def entity_tag(kind: str, data: dict) -> str:
    return f'"{kind}-{data["id"]}-v{data["version"]}"'


class VersionedViewSetMixin(viewsets.GenericViewSet):
    """Detail answers carry an ETag (and `version`); a write with an `If-Match` that no
    longer matches is a 412 whose body is the record as it is now (api.md "Concurrency")."""

    def expected_version(self) -> int | None:
        """The version the client's If-Match names; None without one (the write applies)."""
        header = self.request.headers.get("If-Match", "").strip()
        if not header or header == "*":
            return None
        pattern = rf'(?:W/)?"{re.escape(self.basename)}-(\d+)-v(\d+)"'
        match = re.fullmatch(pattern, header)
        if match is None or match.group(1) != str(self.kwargs.get(self.lookup_field, "")):
            return -1  # names another record or version scheme: never matches
        return int(match.group(2))

    def handle_exception(self, exc):
        if isinstance(exc, StaleVersion):
            try:
                current = self.get_object()
            except Exception as lookup_error:  # the record went away meanwhile: say that
                return super().handle_exception(lookup_error)
            return Response(self.get_serializer(current).data, status=412)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if self.detail and isinstance(data, dict) and {"id", "version"} <= data.keys():
            response["ETag"] = entity_tag(self.basename, data)
        return response


class AuditedViewSetMixin(VersionedViewSetMixin):
    """Every read of patient data through the API is attributable to the user, and needs the
    right of the user's role in the record's clinic (403 inside the clinics, 404 outside).

    List filters (e.g. "active only") apply to lists; a record's own URL always answers.
    """

    required_right = Right.CLINICAL
    clinic_field = "clinic_id"  # how a row of this list names its clinic

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        allowed = clinic_ids_with(self.request.user, self.required_right)
        if not allowed and not self.request.user.is_superuser:
            raise NotAllowed()
        if not self.request.user.is_superuser:
            queryset = queryset.filter(**{f"{self.clinic_field}__in": allowed})
        return super().filter_queryset(queryset)

    def get_object(self):
        obj = super().get_object()
        require(self.request.user, self.required_right, obj.owning_clinic_id)
        return obj

    def patient_of(self, obj) -> Patient | None:
        return obj if isinstance(obj, Patient) else getattr(obj, "patient", None)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        services.audit_record(
            actor=request.user, action=AuditAction.VIEW, obj=obj, patient=self.patient_of(obj)
        )
        return Response(self.get_serializer(obj).data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            patients = {self.patient_of(obj) for obj in page} - {None}
            services.audit_list(actor=self.request.user, patients=patients)
        return page


class FoldedNameSearchFilter(SearchFilter):
    """`?search=` on names, ignoring case and accents: every word must be in the name."""

    def filter_queryset(self, request, queryset, view):
        query = request.query_params.get(self.search_param, "")
        return selectors.name_search(queryset, query)


class IdFilter(filters.NumberFilter):
    """A filter on an id: an integer (`1.5` or `1e300` is a 400, not a database error)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        # Ids are positive 64-bit integers; anything larger matches nothing but would
        # overflow the database driver.
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class FilterSet(filters.FilterSet):
    """django-filter's FilterSet with its form class built once per filter set: django-filter
    makes a new form class (a new type) for every request, half of what filtering a list
    cost. Safe while no filter's form field depends on the request (none here does: no
    queryset or choices read from it)."""

    _form_classes: ClassVar[dict[type, type]] = {}

    def get_form_class(self):
        form_class = FilterSet._form_classes.get(type(self))
        if form_class is None:
            form_class = FilterSet._form_classes[type(self)] = super().get_form_class()
        return form_class


class ArchivedFilterSet(FilterSet):
    archived = filters.BooleanFilter(
        method="filter_archived",
        help_text="true: only archived records; false or absent: only active ones.",
    )

    def filter_archived(self, queryset, name, value):
        return queryset.filter(archived_at__isnull=not value)

    def filter_queryset(self, queryset):
        if self.form.cleaned_data.get("archived") is None:
            queryset = queryset.filter(archived_at__isnull=True)
        return super().filter_queryset(queryset)


class PatientFilterSet(ArchivedFilterSet):
    class Meta:
        model = Patient
        fields = ["archived"]


@extend_schema_view(
    list=extend_schema(summary="List the patients of your clinics (active by default)"),
    create=extend_schema(summary="Register a patient in your clinic"),
    retrieve=extend_schema(summary="Read one patient (archived ones too)"),
    partial_update=extend_schema(
        summary="Change a patient's details",
        description="Changes only the fields sent. 409 for an archived patient (restore first).",
        responses={
            200: PatientSerializer,
            409: OpenApiResponse(description="The patient is archived."),
        },
    ),
    destroy=extend_schema(
        summary="Archive a patient",
        description="Never deletes: sets archived_at; the record and its assessments stay.",
    ),
)
class PatientViewSet(
    AuditedViewSetMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PatientSerializer
    required_right = Right.PATIENT_IDENTITY
    filter_backends = [filters.DjangoFilterBackend, FoldedNameSearchFilter]
    filterset_class = PatientFilterSet
    search_fields = ["first_name", "last_name"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.patient_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.patient_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.patient_update(
            actor=self.request.user,
            patient=serializer.instance,
            expected_version=self.expected_version(),
            **serializer.validated_data,
        )

    @extend_schema(
        summary="The patient's audit trail, newest first (clinic admins)",
        responses={200: AuditEventSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], serializer_class=AuditEventSerializer)
    def audit(self, request, pk=None):
        patient = self.get_object()
        require(request.user, Right.MANAGE_CLINIC, patient.clinic_id)
        services.audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            obj=patient,
            patient=patient,
            detail="audit trail",
        )
        events = selectors.patient_audit_trail(patient=patient)
        paginator = StandardPagination()
        page: list = paginator.paginate_queryset(events, request, view=self) or []
        return paginator.get_paginated_response(AuditEventSerializer(page, many=True).data)

    def perform_destroy(self, instance):
        services.patient_archive(
            actor=self.request.user, patient=instance, expected_version=self.expected_version()
        )
