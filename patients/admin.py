"""Admin for clinics, memberships, patients and the audit trail."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Max, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from patients import selectors, services
from patients.admin_base import (
    ClinicScopedAdmin,
    RoleAdmin,
    ServiceErrorsAsMessages,
    VersionedForm,
    adopt,
    mark_formsets_saved,
)
from patients.models import AuditEvent, Clinic, Membership, Patient, clinic_ids_of
from patients.roles import Right, clinic_ids_with, has_right


def change_words(changes: dict) -> str:
    """{field: [old, new]} as a clinic admin reads it: "phone: 555 0101 -> 555 0142"."""
    return "; ".join(f"{field}: {old} -> {new}" for field, (old, new) in changes.items())[:500]


class ArchivedFilter(admin.SimpleListFilter):
    title = "record"
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return [("no", "Active"), ("yes", "Archived"), ("all", "All")]

    def choices(self, changelist):
        # "Active" is the default, so the unfiltered link is relabelled rather than "All".
        for choice in super().choices(changelist):
            if choice["display"] == "All" and choice["query_string"] == "?":
                continue
            yield choice

    def queryset(self, request, queryset):
        value = self.value() or "no"
        if value == "yes":
            return queryset.filter(archived_at__isnull=False)
        if value == "no":
            return queryset.filter(archived_at__isnull=True)
        return queryset


class MembershipInline(admin.TabularInline):
    """The clinic's members and their roles; a clinic admin changes roles here."""

    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # members are created with `manage.py create_clinician --role`

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None or has_right(request.user, Right.MANAGE_CLINIC, obj.pk)

    def has_view_permission(self, request, obj=None) -> bool:
        return True


@admin.register(Clinic)
class ClinicAdmin(ServiceErrorsAsMessages, RoleAdmin):
    """Every member sees their clinics; a clinic admin edits its settings and members' roles."""

    required_right = Right.PATIENT_IDENTITY
    list_display = ["name", "phone", "email", "member_count"]
    search_fields = ["name"]
    ordering = ["name", "id"]
    inlines = [MembershipInline]

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request).annotate(members=Count("memberships"))
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=clinic_ids_of(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is None:
            return bool(clinic_ids_with(request.user, Right.MANAGE_CLINIC))
        return has_right(request.user, Right.MANAGE_CLINIC, obj.pk)

    def save_model(self, request, obj, form, change):
        fields = {k: form.cleaned_data[k] for k in services.CLINIC_FIELDS if k in form.cleaned_data}
        adopt(obj, services.clinic_update(actor=request.user, clinic=obj, **fields))

    def save_formset(self, request, form, formset, change):
        for member_form in formset.forms:
            if member_form.has_changed():
                services.membership_set_role(
                    actor=request.user,
                    membership=member_form.instance,
                    role=member_form.cleaned_data["role"],
                )
        mark_formsets_saved([formset])

    @admin.display(description="members", ordering="members")
    def member_count(self, obj) -> int:
        return obj.members

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class PatientAdminForm(VersionedForm):
    class Meta:
        model = Patient
        fields = "__all__"


@admin.register(Patient)
class PatientAdmin(ClinicScopedAdmin):
    required_right = Right.PATIENT_IDENTITY
    form = PatientAdminForm
    list_display = [
        "last_name",
        "first_name",
        "date_of_birth",
        "sex",
        "affected_side",
        "assessment_count",
        "last_assessed",
        "clinic",
    ]
    list_display_links = ["last_name", "first_name"]
    ordering = ["last_name", "first_name", "id"]  # autocomplete pages need a fixed order
    search_fields = ["last_name", "first_name", "email", "phone"]
    list_filter = [
        ArchivedFilter,
        "sex",
        "affected_side",
        ("clinic", admin.RelatedOnlyFieldListFilter),
    ]
    readonly_fields = [
        "archived_at",
        "created_at",
        "updated_at",
        "assessments_link",
        "audit_trail",
    ]
    actions = ["archive_selected", "restore_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "clinic",
                    ("first_name", "last_name"),
                    ("date_of_birth", "sex"),
                    "expected_version",
                ]
            },
        ),
        ("Knee", {"fields": ["affected_side", "activity", "occupation"]}),
        ("Contact", {"fields": [("email", "phone")]}),
        ("Notes", {"fields": ["notes", "assessments_link"]}),
        (
            "Record",
            {"fields": ["archived_at", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]

    def patient_of(self, obj):
        return obj if isinstance(obj, Patient) else None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("clinic")
            .annotate(n_assessments=Count("assessments"), last_on=Max("assessments__assessed_on"))
        )

    @admin.display(description="assessments", ordering="n_assessments")
    def assessment_count(self, obj) -> int:
        return obj.n_assessments

    @admin.display(description="last assessed", ordering="last_on")
    def last_assessed(self, obj):
        return obj.last_on

    @admin.display(description="latest events")
    def audit_trail(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        events = selectors.patient_audit_trail(patient=obj)[:20]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            (
                (f"{e.at:%Y-%m-%d %H:%M}", e.username, e.get_action_display(), e.object_type,
                 e.object_id, e.detail, change_words(e.changes))
                for e in events
            ),
        )  # fmt: skip
        url = reverse("admin:patients_auditevent_changelist") + f"?patient__id__exact={obj.pk}"
        return format_html(
            "<table><tr><th>when</th><th>who</th><th>what</th><th>record</th><th>detail</th>"
            '<th>changes</th></tr>{}</table><a href="{}">Whole trail</a>',
            rows,
            url,
        )

    @admin.display(description="assessments")
    def assessments_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("admin:assessments_assessment_changelist") + f"?patient__id__exact={obj.pk}"
        add = reverse("admin:assessments_assessment_add") + f"?patient={obj.pk}"
        return format_html(
            '<a href="{}">Show assessments</a> · <a href="{}">New assessment</a>', url, add
        )

    def get_search_results(self, request, queryset, search_term):
        """Names ignoring case and accents (the stored folded name), or e-mail or phone."""
        term = search_term.strip()
        if not term:
            return queryset, False
        contact = Q(email__icontains=term) | Q(phone__icontains=term)
        return queryset.filter(selectors.name_matches(term) | contact), False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "clinic" and not request.user.is_superuser:
            kwargs["queryset"] = Clinic.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        clinics = list(Clinic.objects.for_user(request.user)[:2])
        if len(clinics) == 1:
            initial.setdefault("clinic", clinics[0].pk)
        return initial

    def get_fieldsets(self, request, obj=None):
        """The front desk sees and edits identity and contact only (api.md "Roles")."""
        clinical = (
            has_right(request.user, Right.CLINICAL, obj.clinic_id)
            if obj is not None and obj.pk
            else bool(clinic_ids_with(request.user, Right.CLINICAL))
        )
        if clinical:
            fieldsets = list(super().get_fieldsets(request, obj))
            if obj is not None and has_right(request.user, Right.MANAGE_CLINIC, obj.clinic_id):
                fieldsets.append(("Audit trail", {"fields": ["audit_trail"]}))
            return fieldsets
        return [
            (
                None,
                {
                    "fields": [
                        "clinic",
                        ("first_name", "last_name"),
                        ("date_of_birth", "sex"),
                        "expected_version",
                    ]
                },
            ),
            ("Contact", {"fields": [("email", "phone")]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        # A patient stays in the clinic that registered them (as in the API).
        fixed = ["clinic"] if obj is not None and obj.pk else []
        return [*fixed, *super().get_readonly_fields(request, obj)]

    def save_model(self, request, obj, form, change):
        fields = {
            k: form.cleaned_data[k] for k in services.PATIENT_FIELDS if k in form.cleaned_data
        }
        if change:
            saved = services.patient_update(
                actor=request.user,
                patient=obj,
                channel="admin",
                expected_version=form.opened_version(),
                **fields,
            )
        else:
            saved = services.patient_create(
                actor=request.user,
                clinic=form.cleaned_data.get("clinic"),
                channel="admin",
                **fields,
            )
        adopt(obj, saved)

    @admin.action(description="Archive selected patients (records are kept)")
    def archive_selected(self, request, queryset):
        for patient in queryset:
            services.patient_archive(actor=request.user, patient=patient, channel="admin")
        self.message_user(request, f"Archived {queryset.count()} patient(s).", messages.SUCCESS)

    @admin.action(description="Restore selected patients from the archive")
    def restore_selected(self, request, queryset):
        for patient in queryset:
            services.patient_restore(actor=request.user, patient=patient)
        self.message_user(request, f"Restored {queryset.count()} patient(s).", messages.SUCCESS)


@admin.register(AuditEvent)
class AuditEventAdmin(RoleAdmin):
    """The clinic's audit trail, for clinic admins; nobody edits or deletes an event."""

    required_right = Right.MANAGE_CLINIC
    list_display = [
        "at", "user", "username", "action", "object_type", "object_id", "patient", "channel",
        "address", "change_list",
    ]  # fmt: skip
    list_filter = ["action", "channel", "object_type"]
    search_fields = ["user__username", "patient__last_name", "detail"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user", "patient")
        if request.user.is_superuser:
            return queryset
        allowed = clinic_ids_with(request.user, Right.MANAGE_CLINIC)
        return queryset.filter(patient__clinic_id__in=allowed)

    @admin.display(description="changes")
    def change_list(self, obj) -> str:
        return change_words(obj.changes)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
