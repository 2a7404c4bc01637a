"""Admin for PROM responses (one form per instrument) and the clinics' change thresholds;
writes through progress.services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html_join

from assessments.models import Assessment, AssessmentStatus
from patients.admin_base import ClinicScopedAdmin, adopt
from patients.models import Clinic
from patients.roles import Right, clinic_ids_with
from progress import scoring, services
from progress.change.thresholds import STRENGTH
from progress.forms import item_field, prom_form
from progress.models import (
    ChangeThresholdSetting,
    KoosPfResponse,
    KoosResponse,
    KujalaResponse,
    LefsResponse,
)


class PromResponseAdmin(ClinicScopedAdmin):
    clinic_field = "assessment__clinic_id"
    """Base for the four instrument admins; `instrument` names the instrument."""

    instrument: str
    list_display = ["__str__", "patient_name", "assessment", "score_summary", "is_archived"]
    list_filter = [("archived_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["scores_table", "answers", "recorded_by", "archived_at"]
    actions = ["archive_selected"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(instrument=self.instrument)
        return queryset.select_related("assessment__patient")

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = prom_form(self.instrument)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        instrument = scoring.INSTRUMENTS[self.instrument]
        head = (None, {"fields": ["assessment", "completed_on"], "description": instrument.name})
        parts = [
            (subscale.name, {"fields": [item_field(item) for item in subscale.items]})
            for subscale in instrument.subscales
        ]
        record = ("Scores", {"fields": ["scores_table", "answers", "recorded_by", "archived_at"]})
        return [head, *parts, record] if obj is not None else [head, *parts]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return ["assessment", *fields] if obj is not None else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assessment":
            drafts = Assessment.objects.filter(status=AssessmentStatus.DRAFT).active()
            if not request.user.is_superuser:
                drafts = drafts.for_user(request.user)
            kwargs["queryset"] = drafts.select_related("patient")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and (obj.assessment.is_final or obj.is_archived):
            return False  # a final visit's PROMs, and archived responses, are read-only
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        answers, day = form.answers(), form.cleaned_data.get("completed_on")
        if change:
            saved = services.prom_update(
                actor=request.user, response=obj, answers=answers, completed_on=day, channel="admin"
            )
        else:
            saved = services.prom_record(
                actor=request.user, assessment=obj.assessment, instrument=self.instrument,
                answers=answers, completed_on=day, channel="admin",
            )  # fmt: skip
        adopt(obj, saved)

    @admin.action(description="Archive selected responses (draft visits only)")
    def archive_selected(self, request, queryset):
        done = 0
        for response in queryset.filter(archived_at__isnull=True, assessment__status="draft"):
            services.prom_archive(actor=request.user, response=response, channel="admin")
            done += 1
        self.message_user(request, f"Archived {done} response(s).", messages.SUCCESS)

    @admin.display(description="patient")
    def patient_name(self, obj) -> str:
        return str(obj.assessment.patient)

    @admin.display(description="scores")
    def score_summary(self, obj) -> str:
        return ", ".join(
            f"{code}: {'-' if value['score'] is None else value['score']}"
            for code, value in obj.ordered_scores().items()
        )

    @admin.display(description="scores")
    def scores_table(self, obj):
        rows = [
            (code, "not scored" if s["score"] is None else s["score"], s["reason"] or "",
             " (prorated)" if s["prorated"] else "")
            for code, s in obj.ordered_scores().items()
        ]  # fmt: skip
        return format_html_join("", "<div><b>{}</b>: {}{} {}</div>", (
            (code, score, prorated, reason) for code, score, reason, prorated in rows
        ))  # fmt: skip

    @admin.display(description="archived", boolean=True)
    def is_archived(self, obj) -> bool:
        return obj.is_archived


@admin.register(KoosResponse)
class KoosResponseAdmin(PromResponseAdmin):
    instrument = scoring.KOOS


@admin.register(KoosPfResponse)
class KoosPfResponseAdmin(PromResponseAdmin):
    instrument = scoring.KOOS_PF


@admin.register(KujalaResponse)
class KujalaResponseAdmin(PromResponseAdmin):
    instrument = scoring.KUJALA


@admin.register(LefsResponse)
class LefsResponseAdmin(PromResponseAdmin):
    instrument = scoring.LEFS


@admin.register(ChangeThresholdSetting)
class ChangeThresholdSettingAdmin(ClinicScopedAdmin):
    """A clinic's own change thresholds: clinic admins only; each write through the service."""

    required_right = Right.MANAGE_CLINIC
    list_display = ["measure_name", "amount", "published_amount", "clinic"]
    fields = ["clinic", "measure", "amount", "published_amount"]
    readonly_fields = ["published_amount"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("clinic")

    def get_readonly_fields(self, request, obj=None):
        fixed = ["clinic", "measure"] if obj is not None else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic" and not request.user.is_superuser:
            allowed = clinic_ids_with(request.user, Right.MANAGE_CLINIC)
            kwargs["queryset"] = Clinic.objects.filter(pk__in=allowed)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.may(request, obj)  # removing a setting brings the published one back

    def save_model(self, request, obj, form, change):
        saved = services.change_threshold_set(
            actor=request.user, clinic=obj.clinic, measure=obj.measure, amount=obj.amount
        )
        adopt(obj, saved)

    def delete_model(self, request, obj):
        services.change_threshold_clear(actor=request.user, setting=obj)

    def delete_queryset(self, request, queryset):
        for setting in queryset:
            services.change_threshold_clear(actor=request.user, setting=setting)

    @admin.display(description="measure", ordering="measure")
    def measure_name(self, obj) -> str:
        return obj.get_measure_display()

    @admin.display(description="published threshold")
    def published_amount(self, obj) -> str:
        if not obj.measure:
            return "-"
        published = obj.published
        unit = "% of the earlier value" if obj.measure == STRENGTH else ""
        return f"{published.amount.normalize():f}{unit and ' ' + unit} ({published.source})"
