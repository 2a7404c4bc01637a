"""Admin behaviour every clinical model shares: clinic scoping, no deletes, audit of reads."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from patients.models import AuditAction
from patients.services import audit_list, audit_record


class ClinicScopedAdmin(admin.ModelAdmin):
    """A clinician sees only their clinics' records; nobody deletes clinical records here."""

    def scope(self, queryset, request: HttpRequest):
        raise NotImplementedError

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(queryset, request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def patient_of(self, obj):
        return getattr(obj, "patient", None)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = (
                response.context_data.get("original") if hasattr(response, "context_data") else None
            )
            if obj is not None:
                audit_record(
                    actor=request.user,
                    action=AuditAction.VIEW,
                    obj=obj,
                    patient=self.patient_of(obj),
                    channel="admin",
                )
        return response

    def changelist_view(self, request: HttpRequest, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            patients = {self.patient_of(o) for o in changelist.result_list} - {None}
            audit_list(actor=request.user, patients=patients, channel="admin")
        return response

    def log_change(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE,
            obj=obj,
            patient=self.patient_of(obj),
            channel="admin",
        )
        return super().log_change(request, obj, message)

    def log_addition(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.CREATE,
            obj=obj,
            patient=self.patient_of(obj),
            channel="admin",
        )
        return super().log_addition(request, obj, message)
