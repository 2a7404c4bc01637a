"""Admin for assessments: measurements inline, findings with their evidence, clinical actions."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count

from assessments import services
from assessments.forms import AssessmentForm, MeasurementForm
from assessments.models import Assessment, Measurement
from kneeclinic.admin_mixins import ClinicScopedAdmin
from patients.models import Patient


class MeasurementInline(admin.TabularInline):
    model = Measurement
    form = MeasurementForm
    extra = 3
    fields = ["code", "side", "reading", "unit_entered", "method", "stored", "note"]
    readonly_fields = ["stored"]

    @admin.display(description="stored as")
    def stored(self, obj) -> str:
        if obj.pk is None or obj.positive is not None:
            return "-"
        return f"{obj.value.normalize():f} {obj.unit}"

    def has_delete_permission(self, request, obj=None) -> bool:
        # Removing a measurement from a draft is an edit, not the deletion of a record.
        return obj is None or not obj.is_final

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_final

    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_final


@admin.register(Assessment)
class AssessmentAdmin(ClinicScopedAdmin):
    form = AssessmentForm
    inlines = [MeasurementInline]
    list_display = [
        "patient",
        "assessed_on",
        "status",
        "clinician",
        "pain_nprs",
        "measurement_count",
        "has_red_flags",
    ]
    list_filter = ["status", "assessed_on", "clinician"]
    search_fields = ["patient__last_name", "patient__first_name"]
    date_hierarchy = "assessed_on"
    list_select_related = ["patient", "clinician"]
    autocomplete_fields = ["patient"]
    readonly_fields = [
        "status",
        "clinician",
        "ruleset_version",
        "finalized_at",
        "finalized_by",
        "amends",
        "archived_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["patient", "assessed_on", ("status", "clinician")]}),
        ("Body and pain", {"fields": [("body_mass_kg", "height_cm"), "pain_nprs", "pain_sites"]}),
        ("Red flags", {"fields": ["red_flags"]}),
        ("Notes", {"fields": ["gait_notes", "notes"]}),
        (
            "Record",
            {
                "fields": [
                    "ruleset_version",
                    ("finalized_at", "finalized_by"),
                    "amends",
                    "archived_at",
                    ("created_at", "updated_at"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def scope(self, queryset, request):
        return queryset.filter(patient__clinic__memberships__user=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_measurements=Count("measurements"))

    @admin.display(description="measurements", ordering="n_measurements")
    def measurement_count(self, obj) -> int:
        return obj.n_measurements

    @admin.display(description="red flags", boolean=True)
    def has_red_flags(self, obj) -> bool:
        return bool(obj.red_flags)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "patient" and not request.user.is_superuser:
            kwargs["queryset"] = Patient.objects.for_user(request.user).active()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_final:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.clinician = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.assessment_recompute(assessment=form.instance)
