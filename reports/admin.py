"""Admin for exercises and home programs, and the PDF and program actions on assessments."""

from __future__ import annotations

import base64
from typing import cast

from django.contrib import admin, messages
from django.db.models import Count
from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils.html import format_html

from assessments.admin import AssessmentAdmin
from assessments.models import Assessment
from patients.admin_base import (
    ClinicScopedAdmin,
    RoleAdmin,
    ServiceErrorsAsMessages,
    adopt,
    mark_formsets_saved,
)
from patients.models import Clinic
from reports import printing, services
from reports.batches import PrintBatch, PrintBatchItem, PrintBatchStatus
from reports.models import Exercise, HomeProgram, ProgramExercise
from reports.pdf.figures import drawing_svg, has_drawing


@admin.register(Exercise)
class ExerciseAdmin(ServiceErrorsAsMessages, RoleAdmin):
    list_display = ["name", "code", "kind", "dosage", "owner", "has_picture"]
    list_filter = ["kind", ("clinic", admin.EmptyFieldListFilter)]
    search_fields = ["name", "code", "targets"]
    readonly_fields = ["based_on", "created_at", "updated_at", "drawing"]
    actions = ["copy_for_my_clinic"]
    fieldsets = [
        (None, {"fields": ["clinic", ("code", "name"), "kind", "targets"]}),
        (
            "Default dosage",
            {"fields": [("sets", "reps", "hold_seconds"), ("per_week", "per_day"), "one_leg"]},
        ),
        ("For the patient", {"fields": ["steps", "cue", "picture", "drawing"]}),
        ("Record", {"fields": ["based_on", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("clinic")
        if request.user.is_superuser:
            return queryset
        return Exercise.objects.for_user(request.user).select_related("clinic")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic" and not request.user.is_superuser:
            kwargs["queryset"] = Clinic.objects.for_user(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        # The shipped catalogue is shared by every clinic: edit a clinic copy instead.
        if obj is not None and obj.is_shipped and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        fields = {k: v for k, v in form.cleaned_data.items() if k in services.EXERCISE_FIELDS}
        if change:
            saved = services.exercise_update(
                exercise=obj, clinic=obj.clinic, actor=request.user, **fields
            )
        else:
            saved = services.exercise_create(
                actor=request.user,
                clinic=form.cleaned_data.get("clinic"),
                code=form.cleaned_data["code"],
                **fields,
            )
        adopt(obj, saved)

    @admin.action(description="Copy shipped exercises to my clinic, to edit them")
    def copy_for_my_clinic(self, request, queryset):
        clinics = list(Clinic.objects.for_user(request.user))
        if len(clinics) != 1:
            self.message_user(request, "Copy from the exercise list of one clinic: you belong to "
                              f"{len(clinics)} clinics.", messages.WARNING)  # fmt: skip
            return
        copies = [
            services.exercise_update(exercise=e, clinic=clinics[0], actor=request.user)
            for e in queryset.filter(clinic__isnull=True)
        ]
        done = f"{len(copies)} exercise(s) copied to {clinics[0]}; edit the copies."
        self.message_user(request, done, messages.SUCCESS)

    @admin.display(description="dosage")
    def dosage(self, obj) -> str:
        hold = f", hold {obj.hold_seconds}s" if obj.hold_seconds else ""
        return f"{obj.sets} x {obj.reps}{hold}, {obj.per_week}/week"

    @admin.display(description="owner")
    def owner(self, obj) -> str:
        return obj.clinic.name if obj.clinic_id else "shipped"

    @admin.display(description="picture", boolean=True)
    def has_picture(self, obj) -> bool:
        return bool(obj.picture)

    @admin.display(description="drawing (start, then end)")
    def drawing(self, obj):
        if obj is None or not has_drawing(obj.code):
            return "No drawing for this code: upload a picture."
        svg = base64.b64encode(drawing_svg(obj.code)).decode("ascii")
        note = "The uploaded picture replaces this drawing." if obj.picture else ""
        return format_html(
            '<img src="data:image/svg+xml;base64,{}" alt="{}" style="width:320px"><p>{}</p>',
            svg, obj.name, note,
        )  # fmt: skip


class ProgramExerciseInline(admin.TabularInline):
    model = ProgramExercise
    extra = 0
    fields = [
        "position",
        "exercise",
        "sets",
        "reps",
        "hold_seconds",
        "per_week",
        "per_day",
        "side",
        "notes",
        "reason",
    ]
    readonly_fields = ["position", "reason"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # Shipped exercises and the patient's clinic's own: never another clinic's.
            clinic = obj.assessment.clinic
            field = cast(ModelChoiceField, formset.form.base_fields["exercise"])
            field.queryset = Exercise.objects.catalogue_for(clinic)
        return formset


@admin.register(HomeProgram)
class HomeProgramAdmin(ClinicScopedAdmin):
    clinic_field = "assessment__clinic_id"
    inlines = [ProgramExerciseInline]
    list_display = ["assessment", "item_count", "updated_at", "handout"]
    readonly_fields = ["assessment", "created_by", "created_at", "updated_at", "handout"]
    search_fields = ["assessment__patient__last_name", "assessment__patient__first_name"]
    list_select_related = ["assessment__patient"]

    def has_add_permission(self, request) -> bool:
        return False  # programs are proposed from an assessment's findings

    def save_model(self, request, obj, form, change):
        """The program's own fields are read-only here; its items are saved below."""

    def save_formset(self, request, form, formset, change):
        """Each item change goes through the program services (locks, checks, audit)."""
        for item_form in formset.forms:
            self._save_item(request, form.instance, formset, item_form)
        mark_formsets_saved([formset])

    def _save_item(self, request, program, formset, item_form) -> None:
        item, data = item_form.instance, item_form.cleaned_data
        if not data:
            return
        fields = {k: data[k] for k in (*services.ITEM_FIELDS, "exercise") if k in data}
        if formset._should_delete_form(item_form):
            if item.pk:
                services.program_item_remove(item=item, actor=request.user, channel="admin")
        elif item.pk is None:
            exercise = fields.pop("exercise")
            services.program_item_add(
                program=program, actor=request.user, exercise=exercise, channel="admin", **fields
            )
        elif item_form.has_changed():
            services.program_item_update(item=item, actor=request.user, channel="admin", **fields)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_items=Count("items"))

    @admin.display(description="exercises", ordering="n_items")
    def item_count(self, obj) -> int:
        return obj.n_items

    @admin.display(description="handout")
    def handout(self, obj):
        return pdf_links(obj.assessment_id)


def pdf_links(assessment_id: int):
    handout = reverse("handout", args=[assessment_id])
    report = reverse("report", args=[assessment_id])
    return format_html(
        '<a href="{}" target="_blank">Patient handout (PDF)</a> · '
        '<a href="{}" target="_blank">Clinician report (PDF)</a>',
        handout,
        report,
    )


class AssessmentWithProgramAdmin(AssessmentAdmin):
    """The assessment admin, plus the program and PDFs that live in the reports app."""

    actions = [*AssessmentAdmin.actions, "propose_program", "print_handouts"]
    readonly_fields = [*AssessmentAdmin.readonly_fields, "documents"]
    fieldsets = [
        (None, {"fields": [*AssessmentAdmin.fieldsets[0][1]["fields"], "documents"]}),
        *AssessmentAdmin.fieldsets[1:],
    ]
    list_display = [*AssessmentAdmin.list_display, "pdfs"]

    @admin.display(description="home program and PDFs")
    def documents(self, obj):
        if obj is None or obj.pk is None:
            return "Save the assessment first."
        program = HomeProgram.objects.filter(assessment=obj).first()
        link = "no program yet: use the action 'Propose home program'"
        if program is not None:
            url = reverse("admin:reports_homeprogram_change", args=[program.pk])
            link = format_html('<a href="{}">Edit home program</a>', url)
        return format_html("{} · {}", link, pdf_links(obj.pk))

    @admin.display(description="PDFs")
    def pdfs(self, obj):
        return pdf_links(obj.pk)

    @admin.action(description="Propose home program from the findings")
    def propose_program(self, request, queryset):
        for assessment in queryset:
            try:
                services.home_program_propose(
                    assessment=assessment, actor=request.user, channel="admin"
                )
            except services.RedFlagsUncleared:
                self.message_user(
                    request,
                    f"{assessment}: a red flag stands uncleared; no program proposed.",
                    messages.WARNING,
                )
            else:
                self.message_user(request, f"{assessment}: program proposed.", messages.SUCCESS)

    @admin.action(description="Print handouts for selected visits")
    def print_handouts(self, request, queryset):
        order = ("patient__last_name", "patient__first_name", "patient_id", "id")
        ids = list(queryset.order_by(*order).values_list("pk", flat=True))
        # A refusal (a DomainError) comes back as a message: ServiceErrorsAsMessages.
        batch = printing.print_batch_create(actor=request.user, assessment_ids=ids, channel="admin")
        url = reverse("admin:reports_printbatch_change", args=[batch.pk])
        link = format_html('<a href="{}">print batch {}</a>', url, batch.pk)
        self.message_user(
            request, format_html("Printing {} visits: {}.", batch.total, link), messages.SUCCESS
        )


admin.site.unregister(Assessment)
admin.site.register(Assessment, AssessmentWithProgramAdmin)


class PrintBatchItemInline(admin.TabularInline):
    model = PrintBatchItem
    fields = ["position", "assessment", "outcome", "detail", "first_page", "last_page"]
    readonly_fields = ["position", "assessment", "outcome", "detail", "first_page", "last_page"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PrintBatch)
class PrintBatchAdmin(admin.ModelAdmin):
    """Your own print batches: progress, what each visit printed, and the merged PDF."""

    inlines = [PrintBatchItemInline]
    list_display = ["id", "status", "progress", "pages", "created_at", "download"]
    fields = ["status", "progress", "pages", "include_reports", "error", "created_at", "download"]
    readonly_fields = ["status", "progress", "pages", "include_reports", "error", "created_at"]
    readonly_fields += ["download"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(requested_by=request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="done / total")
    def progress(self, obj) -> str:
        return f"{obj.done} / {obj.total}"

    @admin.display(description="PDF")
    def download(self, obj):
        if obj.status != PrintBatchStatus.DONE or not obj.pdf:
            return "-"
        url = reverse("print-batch-pdf", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">Merged PDF</a>', url)
