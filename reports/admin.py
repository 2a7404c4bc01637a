"""Admin for exercises and home programs, and the PDF and program actions on assessments."""

from __future__ import annotations

import base64
from typing import cast

from django.contrib import admin, messages
from django.db.models import Count
from django.forms import ModelChoiceField
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from assessments import services as assessment_services
from assessments.admin import AssessmentAdmin
from assessments.models import Assessment, FindingStatus
from assessments.rules import label
from patients.admin import PatientAdmin
from patients.admin_base import (
    ClinicScopedAdmin,
    RoleAdmin,
    ServiceErrorsAsMessages,
    adopt,
    mark_formsets_saved,
)
from patients.errors import DomainError
from patients.models import Clinic, Patient
from reports import printing, selectors, services
from reports.batches import PrintBatch, PrintBatchItem, PrintBatchStatus
from reports.dosage import dosage_in_words
from reports.handouts import handout_ready, program_of
from reports.models import Exercise, HomeProgram, ItemResponseChoice, ProgramExercise
from reports.pdf.figures import drawing_svg, has_drawing
from reports.progress import PatientProgress, patient_progress
from reports.progress_report import prom_scores_text, since_last_visit
from reports.selectors import previous_program_of


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
        ("Easier and harder steps", {"fields": [("easier", "harder")]}),
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
    readonly_fields = ["number", "reason_names"]

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in ("position", "reason")]
        return ["number", *fields, "reason_names"]

    @admin.display(description="#")
    def number(self, obj) -> str:
        return "" if obj.pk is None else str(obj.position + 1)

    @admin.display(description="for the findings")
    def reason_names(self, obj) -> str:
        return reasons_in_words(obj.reason)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Taking an exercise out of the plan is an edit of the program, not the deletion of a
        # record: program_item_remove keeps what it was in the audit trail.
        return self.has_change_permission(request, obj)

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
        """The handout settings through their service; the items are saved below."""
        fields = {
            k: form.cleaned_data[k] for k in services.PROGRAM_FIELDS if k in form.changed_data
        }
        if fields:
            services.home_program_update(program=obj, actor=request.user, channel="admin", **fields)

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
    # The admin's handout link explains what to do when there is no program yet.
    handout = reverse("admin:assessments_assessment_print_handout", args=[assessment_id])
    report = reverse("report", args=[assessment_id])
    return format_html(
        '<a href="{}" target="_blank">Patient handout (PDF)</a> · '
        '<a href="{}" target="_blank">Clinician report (PDF)</a>',
        handout,
        report,
    )


def reasons_in_words(codes: list[str]) -> str:
    return ", ".join(label(code) for code in codes) or "added by the clinician"


def item_dosage(item: ProgramExercise) -> str:
    return dosage_in_words(
        kind=item.exercise.kind,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        per_week=item.per_week,
        per_day=item.per_day,
        one_leg=item.exercise.one_leg and item.side == "both",  # "on each leg"
    )


def previous_items(assessment: Assessment) -> list[ProgramExercise]:
    previous = previous_program_of(assessment)
    if previous is None:
        return []
    return list(previous.items.select_related("exercise").order_by("position", "id"))


def response_rows(assessment: Assessment) -> dict | None:
    """The follow-up's table: each item of the previous program with its dosage and the
    response recorded here; None when there is no previous program."""
    items = previous_items(assessment)
    if not items:
        return None
    recorded = {r.item_id: r for r in assessment.item_responses.all()}
    return {
        "visit": items[0].program.assessment,
        "rows": [
            {
                "item": item,
                "dosage": item_dosage(item),
                "response": recorded[item.pk].response if item.pk in recorded else "",
                "response_label": (
                    recorded[item.pk].get_response_display() if item.pk in recorded else ""
                ),
                "days": recorded[item.pk].days_done_per_week if item.pk in recorded else None,
            }
            for item in items
        ],
    }


def responses_posted(data, items: list[ProgramExercise]) -> list[services.ItemResponseEntry]:
    """The table's cells as entries; an item left without a response records nothing. Days
    that are not a whole number are passed on as -1, which the service's check refuses."""
    entries = []
    for item in items:
        response = data.get(f"response_{item.pk}", "")
        if not response:
            continue
        days_text = (data.get(f"days_{item.pk}") or "").strip()
        days = int(days_text) if days_text.isdigit() else (None if not days_text else -1)
        entries.append(services.ItemResponseEntry(item.pk, response, days))
    return entries


class AssessmentWithProgramAdmin(AssessmentAdmin):
    """The assessment page from findings to print: the program and PDFs live in reports."""

    change_form_template = "admin/reports/assessment/change_form.html"
    actions = [*AssessmentAdmin.actions, "propose_program", "print_handouts"]
    amend_service = staticmethod(services.visit_amend)
    list_display = [*AssessmentAdmin.list_display, "pdfs"]

    @admin.display(description="PDFs")
    def pdfs(self, obj):
        handout = reverse("admin:assessments_assessment_print_handout", args=[obj.pk])
        report = reverse("report", args=[obj.pk])
        return format_html(
            '<a href="{}">Handout</a> · <a href="{}" target="_blank">Report</a>', handout, report
        )

    def get_urls(self):
        def route(suffix: str, view):
            wrapped = self.admin_site.admin_view(view)
            return path(f"<int:object_id>/{suffix}/", wrapped,
                        name=f"assessments_assessment_{suffix.replace('-', '_')}")  # fmt: skip

        return [
            route("propose-program", self.propose_view),
            route("finalize", self.finalize_view),
            route("amend", self.amend_view),
            route("print-handout", self.print_handout_view),
            route("follow-up", self.follow_up_view),
            route("item-responses", self.item_responses_view),
            *super().get_urls(),
        ]

    def _mine(self, request, object_id) -> Assessment:
        return self.get_object_or_refuse(request, object_id)

    def _page(self, assessment: Assessment) -> HttpResponseRedirect:
        return redirect("admin:assessments_assessment_change", assessment.pk)

    def _act(self, request, object_id, work, done: str):
        """Runs a service on a POST and comes back to the page with its message."""
        assessment = self._mine(request, object_id)
        if request.method != "POST":
            return self._page(assessment)
        try:
            result = work(assessment)
        except DomainError as exc:
            for message in exc.messages():
                self.message_user(request, message, messages.ERROR)
            return self._page(assessment)
        self.message_user(request, done, messages.SUCCESS)
        return self._page(result if isinstance(result, Assessment) else assessment)

    def propose_view(self, request, object_id: int):
        def work(assessment):
            return services.home_program_propose(
                assessment=assessment, actor=request.user, channel="admin"
            )

        done = "Home program proposed from the findings; edit it or print the handout."
        return self._act(request, object_id, work, done)

    def finalize_view(self, request, object_id: int):
        def work(assessment):
            return assessment_services.assessment_finalize(
                assessment=assessment, actor=request.user, channel="admin"
            )

        return self._act(request, object_id, work, "Assessment finalized: it is now read-only.")

    def amend_view(self, request, object_id: int):
        def work(assessment):
            return services.visit_amend(assessment=assessment, actor=request.user, channel="admin")

        done = "Amendment created: this is a new draft copy; the final version is kept."
        return self._act(request, object_id, work, done)

    def follow_up_view(self, request, object_id: int):
        """Starts the patient's next visit from this one and opens its exam sheet."""
        assessment = self._mine(request, object_id)
        if request.method != "POST":
            return self._page(assessment)
        try:
            visit = assessment_services.assessment_follow_up(
                assessment=assessment, actor=request.user, channel="admin"
            )
        except DomainError as exc:
            for message in exc.messages():
                self.message_user(request, message, messages.ERROR)
            return self._page(assessment)
        self.message_user(
            request,
            "Follow-up visit started: the same tests as last time, values empty. Fill in the "
            "sheet and record how each exercise went.",
            messages.SUCCESS,
        )
        return self._page(visit)

    def item_responses_view(self, request, object_id: int):
        def work(assessment):
            return services.item_responses_replace(
                assessment=assessment,
                actor=request.user,
                entries=responses_posted(request.POST, previous_items(assessment)),
                channel="admin",
            )

        return self._act(request, object_id, work, "Responses to the last program saved.")

    def print_handout_view(self, request, object_id: int):
        assessment = self._mine(request, object_id)
        if handout_ready(assessment):
            return redirect("handout", assessment.pk)
        self.message_user(
            request,
            "There is no home program to print yet. Press Propose program first; "
            "then Print handout gives the patient's exercise sheet.",
            messages.WARNING,
        )
        return self._page(assessment)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["program_panel"] = self._program_panel(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _program_panel(self, obj: Assessment) -> dict:
        program = program_of(obj)
        items = [] if program is None else list(program.items.select_related("exercise"))

        def url(name: str) -> str:
            return reverse(f"admin:assessments_assessment_{name}", args=[obj.pk])

        return {
            "program": program,
            "items": [
                {
                    "item": item,
                    "dosage": item_dosage(item),
                    "reasons": reasons_in_words(item.reason),
                }
                for item in items
            ],
            "propose_url": url("propose_program"),
            "finalize_url": url("finalize"),
            "amend_url": url("amend"),
            "handout_ready": handout_ready(obj),
            "handout_url": reverse("handout", args=[obj.pk])
            if handout_ready(obj)
            else url("print_handout"),
            "report_url": reverse("report", args=[obj.pk]),
            "referral_url": reverse("referral", args=[obj.pk]) if obj.red_flags else "",
            "edit_url": (
                reverse("admin:reports_homeprogram_change", args=[program.pk]) if program else ""
            ),
            "is_final": obj.is_final,
            "follow_up_url": url("follow_up"),
            "responses": response_rows(obj),
            "responses_url": url("item_responses"),
            "response_choices": ItemResponseChoice.choices,
        }

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


class PatientWithVisitsAdmin(PatientAdmin):
    """The patient page lists the visits (assessments live in an app patients cannot import)."""

    change_form_template = "admin/reports/patient/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            progress = patient_progress(patient_id=obj.pk, clinic_id=obj.clinic_id)
            context["visits"] = visits_of(progress)
            context["since_last"] = since_last_visit(progress.episode)
            context["new_assessment_url"] = (
                reverse("admin:assessments_assessment_add") + f"?patient={obj.pk}"
            )
            latest = next((v["visit"].assessment for v in context["visits"]), None)
            context["follow_up_url"] = (
                reverse("admin:assessments_assessment_follow_up", args=[latest])
                if latest is not None and not obj.is_archived
                else ""
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        """A new patient opens on their own page, ready for the first visit."""
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, f"{obj} saved. Record the first visit with New assessment.")
        return redirect("admin:patients_patient_change", obj.pk)


TO_DECIDE = (FindingStatus.PROPOSED, FindingStatus.TO_CONFIRM)


def visits_of(progress: PatientProgress) -> list[dict]:
    """Each visit once (an amended one as its amendment), newest first, with its findings
    counts and PROM scores (progress.md "Where progress shows")."""
    return [
        {
            "visit": visit,
            "n_findings": sum(visit.findings.values()),
            "n_open": sum(visit.findings.get(status, 0) for status in TO_DECIDE),
            "proms": prom_scores_text(visit.proms),
            "url": reverse("admin:assessments_assessment_change", args=[visit.assessment]),
            "handout": reverse(
                "admin:assessments_assessment_print_handout", args=[visit.assessment]
            ),
            "report": reverse("report", args=[visit.assessment]),
        }
        for visit in reversed(progress.visits)
    ]


admin.site.unregister(Assessment)
admin.site.register(Assessment, AssessmentWithProgramAdmin)
admin.site.unregister(Patient)
admin.site.register(Patient, PatientWithVisitsAdmin)


class PrintBatchItemInline(admin.TabularInline):
    model = PrintBatchItem
    fields = ["position", "assessment", "outcome", "detail", "first_page", "last_page"]
    readonly_fields = ["position", "assessment", "outcome", "detail", "first_page", "last_page"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PrintBatch)
class PrintBatchAdmin(RoleAdmin):
    """Your own print batches: progress, what each visit printed, and the merged PDF; for
    the roles that print (the clinical right, as in the API)."""

    inlines = [PrintBatchItemInline]
    list_display = ["id", "status", "progress", "pages", "created_at", "download"]
    fields = ["status", "progress", "pages", "include_reports", "error", "created_at", "download"]
    readonly_fields = ["status", "progress", "pages", "include_reports", "error", "created_at"]
    readonly_fields += ["download"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(requested_by=request.user)

    def may(self, request, obj=None) -> bool:
        if obj is None or request.user.is_superuser:
            return super().may(request)
        return selectors.may_read_print_batch(request.user, obj)

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
