"""Admin for assessments: the exam sheet, findings with their evidence, clinical actions."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from assessments import catalogue, exam_sheet, numbers, services
from assessments.forms import AssessmentSheetForm
from assessments.models import Assessment, ExamTemplate, Finding, FindingStatus
from assessments.rules import label
from patients.admin import ArchivedFilter
from patients.admin_base import ClinicScopedAdmin, adopt, mark_formsets_saved
from patients.errors import DomainError, Invalid
from patients.models import AuditAction, Clinic, Patient
from patients.services import audit_record


class FindingDecisionForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 30})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status
        allowed = {current, FindingStatus.CONFIRMED, FindingStatus.DISMISSED}
        status_field = cast(forms.ChoiceField, self.fields["status"])
        status_field.choices = [c for c in FindingStatus.choices if c[0] in allowed]

    def clean(self):
        data = super().clean() or {}
        if self.has_changed():
            try:
                services.decision_checked(data.get("status") or "", data.get("note") or "")
            except Invalid as exc:
                self.add_error(exc.field, exc.message)
        return data

    def _post_clean(self) -> None:
        """The decision is the service's to store; the model's checks would restate it."""


class FindingInline(admin.TabularInline):
    """The engine's findings with their evidence; the clinician confirms or dismisses."""

    model = Finding
    form = FindingDecisionForm
    extra = 0
    can_delete = False
    fields = ["finding", "severity", "evidence", "measured", "explanation_text", "status", "note"]
    readonly_fields = ["finding", "severity", "evidence", "measured", "explanation_text"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.is_final

    @admin.display(description="finding")
    def finding(self, obj) -> str:
        side = f" ({obj.side})" if obj.side else ""
        return f"{label(obj.code)}{side}"

    @admin.display(description="measured / threshold")
    def measured(self, obj) -> str:
        if obj.value_positive:
            return "positive test"
        if obj.value is None:
            return "-"
        value = obj.value_text  # the one formatter: prints as the API and the PDFs do
        unit = obj.unit or None
        limit = "" if obj.threshold is None else f" / {numbers.cutoff_text(obj.threshold, unit)}"
        return f"{value}{limit}"

    @admin.display(description="why it fired (with its source)")
    def explanation_text(self, obj) -> str:
        return obj.explanation


class ClearanceForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why the patient is cleared for exercise despite the flags.",
    )


@admin.register(Assessment)
class AssessmentAdmin(ClinicScopedAdmin):
    form = AssessmentSheetForm
    # The amendment's service; reports' admin adds the item responses (apps import one way).
    amend_service = staticmethod(services.assessment_amend)
    change_form_template = "admin/assessments/assessment/change_form.html"
    inlines = [FindingInline]
    actions = ["finalize_selected", "amend_selected", "archive_selected"]
    list_display = [
        "patient",
        "assessed_on",
        "status",
        "clinician",
        "pain_nprs",
        "measurement_count",
        "has_red_flags",
    ]
    list_filter = [
        ArchivedFilter,
        "status",
        "assessed_on",
        ("clinician", admin.RelatedOnlyFieldListFilter),
    ]
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
        "red_flag_status",
        "pain_sites_shown",
        "red_flags_shown",
    ]
    fieldsets = [
        (None, {"fields": ["patient", "assessed_on", ("status", "clinician"), "expected_version"]}),
        ("Body and pain", {"fields": [("body_mass_kg", "height_cm"), "pain_nprs", "pain_sites"]}),
        ("Red flags", {"fields": ["red_flags", "red_flag_status"]}),
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_measurements=Count("measurements"))

    @admin.display(description="measurements", ordering="n_measurements")
    def measurement_count(self, obj) -> int:
        return obj.n_measurements

    @admin.display(description="red flags")
    def has_red_flags(self, obj) -> str:
        if not obj.red_flags:
            return "none"
        return "cleared" if not obj.red_flags_uncleared else "not cleared"

    def changelist_view(self, request, extra_context=None):
        # The list's columns need the width of a 1366 px screen more than the side menu does.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="clearance")
    def red_flag_status(self, obj) -> str:
        if obj is None or obj.pk is None or not obj.red_flags:
            return "-"
        if obj.red_flags_uncleared:
            url = reverse("admin:assessments_assessment_clear_red_flags", args=[obj.pk])
            return format_html(
                "Not cleared: refer the patient; no home program until cleared. "
                '<a href="{}">Record a clearance</a>',
                url,
            )
        return (
            f"Cleared {obj.red_flags_cleared_at:%Y-%m-%d} by {obj.red_flags_cleared_by}: "
            f"{obj.red_flags_clearance_reason}"
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.clear_red_flags_view)
        return [
            path("<int:object_id>/clear-red-flags/", view,
                 name="assessments_assessment_clear_red_flags"),
            *super().get_urls(),
        ]  # fmt: skip

    def clear_red_flags_view(self, request, object_id: int):
        assessment = self.get_object_or_refuse(request, object_id)
        change_url = reverse("admin:assessments_assessment_change", args=[assessment.pk])
        if not assessment.red_flags_uncleared:
            return self.refused(request, services.NothingToClear(), to=change_url)
        if request.method == "GET":
            audit_record(actor=request.user, action=AuditAction.VIEW, obj=assessment,
                         detail="red-flag clearance page", channel="admin")  # fmt: skip
        form = ClearanceForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.red_flags_clear(
                    assessment=assessment,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                    channel="admin",
                )
            except DomainError as exc:  # e.g. a colleague's clearance landed first
                return self.refused(request, exc, to=change_url)
            self.message_user(request, "Clearance recorded.", messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Clear red flags",
            "assessment": assessment,
            "flags": [catalogue.red_flag_words(f) for f in assessment.red_flags],
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/assessments/clear_red_flags.html", context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        form = context["adminform"].form if editable else None
        clinic_id = obj.clinic_id if obj is not None else self._clinic_of_new(request, form)
        templates = exam_sheet.templates_for(clinic_id)
        template = exam_sheet.chosen_template(templates, request.GET.get("template"))
        context["sheet"] = exam_sheet.build_sheet(
            form=form, assessment=obj, templates=templates, template=template
        )
        context["sheet_editable"] = editable
        context["is_nav_sidebar_enabled"] = False  # the sheet needs the width on a tablet
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _clinic_of_new(self, request, form) -> int | None:
        patient_id = str(request.GET.get("patient") or (form.data.get("patient") if form else ""))
        if not patient_id.isdigit():
            return None  # no patient chosen yet: the shipped templates only
        patient = Patient.objects.for_user(request.user).filter(pk=patient_id).first()
        return patient.clinic_id if patient else None

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            return super().get_fieldsets(request, obj)
        # Read-only: the lists in clinical words instead of their stored codes.
        # The opened version matters only to a save, and a final assessment is not saved here.
        words = {"pain_sites": "pain_sites_shown", "red_flags": "red_flags_shown"}
        return [
            (title, {**opts, "fields": [_swap(f, words) for f in opts["fields"]
                                        if f != "expected_version"]})
            for title, opts in super().get_fieldsets(request, obj)
        ]  # fmt: skip

    @admin.display(description="pain sites")
    def pain_sites_shown(self, obj) -> str:
        return ", ".join(catalogue.PAIN_SITES[s] for s in obj.pain_sites) or "none recorded"

    @admin.display(description="red flags")
    def red_flags_shown(self, obj) -> str:
        return ", ".join(catalogue.RED_FLAGS[f] for f in obj.red_flags) or "none"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "patient" and not request.user.is_superuser:
            kwargs["queryset"] = Patient.objects.for_user(request.user).active()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_final:
            return False
        return super().has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied:
            # A form opened while a draft and posted after a finalize gets the service's
            # answer (as a PATCH does), not the error page of a read-only record.
            current = self.get_object(request, unquote(object_id)) if object_id else None
            if request.method != "POST" or current is None or not current.is_final:
                raise
            return self.refused(request, services.AssessmentIsFinal())

    def get_readonly_fields(self, request, obj=None):
        # An assessment stays with the patient it was recorded for (as in the API).
        fixed = ["patient"] if obj is not None and obj.pk else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    def save_model(self, request, obj, form, change):
        """Nothing here: save_related writes the assessment and its measurements in one
        service call, with the same checks, recompute and audit event as the API."""

    def save_related(self, request, form, formsets, change):
        # Untouched cells stay as stored: the service replaces a list it is given, as a whole.
        entries = form.reading.entries if form.sheet_changed() or not change else None
        fields = {
            k: form.cleaned_data[k] for k in services.ASSESSMENT_FIELDS if k in form.cleaned_data
        }
        if not change:
            saved = services.assessment_create(
                actor=request.user,
                patient=form.cleaned_data["patient"],
                measurements=entries,
                channel="admin",
                **fields,
            )
            adopt(form.instance, saved)
        elif form.has_changed() or entries is not None:
            # A save that only records decisions on findings writes only those (as the API).
            saved = services.assessment_update(
                actor=request.user,
                assessment=form.instance,
                measurements=entries,
                channel="admin",
                expected_version=form.opened_version(),
                **fields,
            )
            adopt(form.instance, saved)
        findings = [f for f in formsets if f.model is Finding]
        for formset in findings:
            self._record_decisions(request, formset)
        mark_formsets_saved(formsets)

    def _record_decisions(self, request, formset) -> None:
        still_firing = set(
            Finding.objects.filter(assessment=formset.instance).values_list("pk", flat=True)
        )
        for finding_form in formset.forms:
            finding = finding_form.instance
            if not (finding.pk and finding_form.has_changed()):
                continue
            if finding.pk not in still_firing:
                self.message_user(
                    request,
                    f"{label(finding.code)} no longer fires after this change; "
                    "no decision recorded.",
                    messages.WARNING,
                )
                continue
            services.finding_decide(
                finding=finding,
                actor=request.user,
                status=finding_form.cleaned_data["status"],
                note=finding_form.cleaned_data.get("note", ""),
                channel="admin",
            )

    @admin.action(description="Finalize selected drafts (locks them)")
    def finalize_selected(self, request, queryset):
        done = 0
        for assessment in queryset.filter(status="draft"):
            services.assessment_finalize(assessment=assessment, actor=request.user, channel="admin")
            done += 1
        self.message_user(request, f"Finalized {done} assessment(s).", messages.SUCCESS)

    @admin.action(description="Amend selected final assessments (new draft copies)")
    def amend_selected(self, request, queryset):
        done, skipped = 0, 0
        for assessment in queryset.filter(status="final"):
            try:
                self.amend_service(assessment=assessment, actor=request.user, channel="admin")
                done += 1
            except services.AmendmentAlreadyOpen:
                skipped += 1
        note = f" {skipped} already had an open amendment." if skipped else ""
        self.message_user(request, f"Created {done} amendment(s).{note}", messages.SUCCESS)

    @admin.action(description="Archive selected drafts (kept, hidden from the list)")
    def archive_selected(self, request, queryset):
        drafts = list(queryset.filter(status="draft", archived_at__isnull=True))
        for assessment in drafts:
            services.assessment_archive(assessment=assessment, actor=request.user, channel="admin")
        self.message_user(request, f"Archived {len(drafts)} draft(s).", messages.SUCCESS)


def _swap(entry, words: dict[str, str]):
    if isinstance(entry, tuple | list):
        return tuple(words.get(f, f) for f in entry)
    return words.get(entry, entry)


class ExamTemplateForm(forms.ModelForm):
    codes = forms.MultipleChoiceField(
        choices=catalogue.measurement_choices(),
        widget=forms.CheckboxSelectMultiple,
        label="tests on the sheet",
    )

    class Meta:
        model = ExamTemplate
        fields = ["clinic", "name", "codes"]


@admin.register(ExamTemplate)
class ExamTemplateAdmin(ClinicScopedAdmin):
    """A clinic's own exam-sheet templates; the shipped ones are shown but not changed."""

    form = ExamTemplateForm
    list_display = ["name", "owner", "test_count"]

    def get_queryset(self, request):
        queryset = ExamTemplate.objects.all()
        if request.user.is_superuser:
            return queryset
        return queryset.for_user(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.clinic_id is None:
            return False  # shipped: copy it into a template of your own
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic" and not request.user.is_superuser:
            kwargs["queryset"] = Clinic.objects.for_user(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        saved = services.exam_template_save(
            actor=request.user,
            template=obj if change else None,
            clinic=form.cleaned_data["clinic"],
            name=form.cleaned_data["name"],
            codes=form.cleaned_data["codes"],
            channel="admin",
        )
        adopt(obj, saved)

    @admin.display(description="owner")
    def owner(self, obj) -> str:
        return obj.clinic.name if obj.clinic_id else "shipped"

    @admin.display(description="tests")
    def test_count(self, obj) -> int:
        return len(obj.codes)
