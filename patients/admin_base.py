"""Admin behaviour every clinical model shares: clinic scoping, no deletes, audit of reads,
writes through the services and their domain errors shown as messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseRedirect

from patients.errors import DomainError
from patients.models import AuditAction, clinic_ids_of
from patients.roles import Right, clinic_ids_with, has_right
from patients.services import audit_list, audit_record


class VersionedForm(forms.ModelForm):
    """Carries the version the clinician opened, so a save over someone else's change is
    refused with a message instead of silently undoing it."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def opened_version(self) -> int | None:
        return self.cleaned_data.get("expected_version") if self.instance.pk else None


def adopt(form_instance: models.Model, saved: models.Model) -> None:
    """Gives the admin's in-memory object the state a service saved (its pk above all), so
    the admin's redirect and change log name the row the service wrote."""
    form_instance.__dict__.update(
        {k: v for k, v in saved.__dict__.items() if not k.startswith("_")}
    )
    form_instance._state.adding = False


def mark_formsets_saved(formsets) -> None:
    """The change message reads what formset.save() would have recorded; services wrote."""
    for formset in formsets:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class ServiceErrorsAsMessages(admin.ModelAdmin):
    """A domain error raised by a service at save time (a concurrent finalize, an archive)
    rolls the save back and comes back to the page as a message, never an error page."""

    def refused(self, request, exc: DomainError, to: str | None = None) -> HttpResponseRedirect:
        """The error's messages, shown on the page at `to` (by default, the page posted)."""
        for message in exc.messages():
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(to or request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            return self.refused(request, exc)

    def response_action(  # type: ignore[override]
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponseBase | None:
        try:
            return super().response_action(request, queryset)
        except DomainError as exc:
            return self.refused(request, exc)


class RoleAdmin(admin.ModelAdmin):
    """What a user sees and may change follows their role in the record's clinic (the same
    rights as the API: patients.roles), not Django's global model permissions."""

    required_right = Right.CLINICAL

    def may(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        if user.is_superuser:
            return True
        if obj is None or obj.owning_clinic_id is None:
            return bool(clinic_ids_with(user, self.required_right))
        return has_right(user, self.required_right, obj.owning_clinic_id)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.may(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.may(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may(request, obj)

    def in_users_clinics(self, request: HttpRequest, object_id: str) -> bool:
        """Whether the record is in one of the user's clinics, whatever their role there."""
        return False

    def refuse_missing(self, request: HttpRequest, object_id: str):
        """A record the page cannot show: 403 when the role lacks the right (in every clinic,
        or in the record's clinic), else 404, as in the API; never Django's redirect to the
        index, which would say neither."""
        if not self.has_view_permission(request) or self.in_users_clinics(request, object_id):
            raise PermissionDenied
        raise Http404("No such record in your clinics.")

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        self.refuse_missing(request, object_id)

    def get_object_or_refuse(self, request: HttpRequest, object_id) -> Any:
        """The record a custom page (a clinical action) works on, or its 403 / 404."""
        obj = self.get_object(request, str(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            self.refuse_missing(request, str(object_id))
        return obj


class ClinicScopedAdmin(ServiceErrorsAsMessages, RoleAdmin):
    """A clinician sees only their clinics' records; nobody deletes clinical records here.

    Saves go through the services, which record the audit events (as for the API).
    """

    clinic_field = "clinic_id"  # how a row names its clinic, for the list's scope

    def scope(self, queryset: Any, request: HttpRequest) -> QuerySet:
        allowed = clinic_ids_with(request.user, self.required_right)
        return queryset.filter(**{f"{self.clinic_field}__in": allowed})

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return self.scope(queryset, request)

    def in_users_clinics(self, request: HttpRequest, object_id: str) -> bool:
        if not object_id.isdigit():
            return False
        rows = self.model._default_manager.filter(pk=object_id)
        return rows.filter(**{f"{self.clinic_field}__in": clinic_ids_of(request.user)}).exists()

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
