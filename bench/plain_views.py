"""The framework floor: plain Django views that answer the same JSON (and PDF) as the API.

Same authentication query (the token with its user), the same role checks, scoped
selectors, services, pagination arithmetic and audit writes; no DRF request, serializer,
filter or renderer. The
benchmark checks that each answers what its API endpoint answers before timing them.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.settings import api_settings

from assessments import catalogue, rules, selectors, services
from assessments.serializers import api_number, metric_representation
from patients import pagination
from patients import selectors as patient_selectors
from patients.models import AuditAction, Patient
from patients.roles import Right, clinic_ids_with, require
from patients.services import audit_list, audit_record
from reports import selectors as report_selectors
from reports.handouts import handout_data
from reports.pdf.handout import render_handout
from reports.services import visit_create

PATIENT_FIELDS = ("id", "first_name", "last_name", "date_of_birth", "sex", "affected_side",
                  "email", "phone", "occupation", "activity", "notes", "version")  # fmt: skip
ASSESSMENT_FIELDS = ("id", "assessed_on", "status", "pain_nprs", "pain_sites", "red_flags",
                     "gait_notes", "notes", "ruleset_version",
                     "red_flags_clearance_reason", "version")  # fmt: skip
FINDING_FIELDS = ("id", "code", "severity", "evidence", "explanation", "patient_text", "source",
                  "strategies", "status", "note", "version")  # fmt: skip


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o) if o != o.to_integral() else int(o)
        return super().default(o)


def answer(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, encoder=Encoder)


def user_of(request):
    """The API's own token check (its first authentication class: knox's check of the token
    by its key prefix, its digest compared, its expiry moved on when due)."""
    key = request.headers.get("Authorization", "").removeprefix("Token ")
    token_check = api_settings.DEFAULT_AUTHENTICATION_CLASSES[0]()
    try:
        user, _ = token_check.authenticate_credentials(key.encode())
    except AuthenticationFailed:
        return None
    return user


def patient_json(patient: Patient) -> dict:
    data = {field: getattr(patient, field) for field in PATIENT_FIELDS}
    data.update(clinic=patient.clinic_id, archived_at=patient.archived_at)
    data.update(created_at=patient.created_at, updated_at=patient.updated_at)
    return data


def patient_list(request):
    user = user_of(request)
    if user is None:
        return answer({"detail": "Authentication credentials were not provided."}, 401)
    allowed = clinic_ids_with(user, Right.PATIENT_IDENTITY)
    queryset = patient_selectors.patient_list(user=user).filter(
        archived_at__isnull=True, clinic_id__in=allowed
    )
    queryset = patient_selectors.name_search(queryset, request.GET.get("search", ""))
    size, number = 20, int(request.GET.get("page", 1))
    offset = (number - 1) * size
    rows = pagination.rows_at(queryset, offset, size + 1)
    more, rows = len(rows) > size, rows[:size]
    paginator = pagination.StandardPagination()
    count = pagination.counted_in(queryset, rows, offset) if more else offset + len(rows)
    if count is None:
        count = paginator.count_of(queryset, at_least=offset + size + 1)
    audit_list(actor=user, patients=rows)
    clinical = set(clinic_ids_with(user, Right.CLINICAL))  # as the API's serializer asks
    assert all(p.clinic_id in clinical for p in rows)  # the bench user sees every field
    base = request.build_absolute_uri(request.path)
    return answer({
        "count": count,
        "next": f"{base}?page={number + 1}" if more else None,
        "previous": None if number == 1 else f"{base}?page={number - 1}",
        "results": [patient_json(p) for p in rows],
    })  # fmt: skip


def measurement_json(row) -> dict:
    yes_no = row.positive is not None
    return {
        "code": row.code, "side": row.side,
        "value": row.positive if yes_no else api_number(row.value),
        "unit": row.unit or None, "method": row.method or None, "note": row.note,
        "entered_value": row.positive if yes_no else api_number(row.entered_value),
        "entered_unit": row.entered_unit or None,
    }  # fmt: skip


def finding_json(finding) -> dict:
    data = {field: getattr(finding, field) for field in FINDING_FIELDS}
    data.update(
        side=finding.side or None, unit=finding.unit or None,
        referral_tier=finding.referral_tier or None, value_text=finding.value_text,
        value=True if finding.value_positive else api_number(finding.value),
        threshold=api_number(finding.threshold), title=rules.label(finding.code),
        reference=rules.cite(finding.source), assessment=finding.assessment_id,
        decided_by=finding.decided_by_id, decided_at=finding.decided_at,
    )  # fmt: skip
    return data


def item_response_json(row) -> dict:
    return {"item": row.item_id, "response": row.response,
            "days_done_per_week": row.days_done_per_week}  # fmt: skip


def assessment_json(assessment) -> dict:
    data = {field: getattr(assessment, field) for field in ASSESSMENT_FIELDS}
    rows = sorted(assessment.measurements.all(), key=lambda m: m.sort_key)
    data.update(
        patient=assessment.patient_id, clinician=assessment.clinician_id,
        body_mass_kg=assessment.body_mass_kg, height_cm=assessment.height_cm,
        measurements=[measurement_json(m) for m in rows],
        metrics=[metric_representation(m) for m in assessment.metrics],
        findings=[finding_json(f) for f in assessment.findings.all()],
        amends=assessment.amends_id, archived_at=assessment.archived_at,
        finalized_at=assessment.finalized_at, finalized_by=assessment.finalized_by_id,
        red_flags_cleared_at=assessment.red_flags_cleared_at,
        red_flags_cleared_by=assessment.red_flags_cleared_by_id,
        red_flags_uncleared=assessment.red_flags_uncleared,
        referral_tier=assessment.referral_tier,
        created_at=assessment.created_at, updated_at=assessment.updated_at,
        item_responses=[item_response_json(r) for r in assessment.item_responses.all()],
    )  # fmt: skip
    return data


def assessment_detail(request, pk: int):
    user = user_of(request)
    if user is None:
        return answer({"detail": "Not found."}, 404)
    visits = selectors.assessment_list(user=user).prefetch_related("item_responses")
    assessment = visits.filter(pk=pk).first()
    if assessment is None:
        return answer({"detail": "Not found."}, 404)
    require(user, Right.CLINICAL, assessment.clinic_id)
    audit_record(actor=user, action=AuditAction.VIEW, obj=assessment)
    return answer(assessment_json(assessment))


@csrf_exempt
def assessment_create(request):
    user = user_of(request)
    if user is None or request.method != "POST":
        return answer({"detail": "Not allowed."}, 405)
    body = json.loads(request.body)
    patient = Patient.objects.for_user(user).get(pk=body["patient"])
    entries = [
        services.MeasurementEntry(catalogue.normalize_measurement(
            m["code"], m["side"], m["value"] if isinstance(m["value"], bool)
            else Decimal(str(m["value"])), m.get("unit"), m.get("method")))
        for m in body.get("measurements", [])
    ]  # fmt: skip
    assessment = visit_create(  # as the API: an assessment with no item responses
        actor=user,
        patient=patient,
        measurements=entries,
        assessed_on=date.fromisoformat(body["assessed_on"]),
        body_mass_kg=Decimal(str(body["body_mass_kg"])) if "body_mass_kg" in body else None,
    )
    return answer(assessment_json(assessment), 201)


def handout(request, pk: int):
    user = user_of(request)
    if user is None:
        return answer({"detail": "Not found."}, 404)
    assessment = report_selectors.printable_assessment(
        user=user, assessment_id=str(pk), measurements=False
    )  # checks the role, as for the API
    content = render_handout(
        handout_data(assessment, page_size=assessment.patient.clinic.paper_size)
    )
    audit_record(actor=user, action=AuditAction.EXPORT, obj=assessment, detail="handout.pdf")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="handout-{assessment.pk}.pdf"'
    return response
