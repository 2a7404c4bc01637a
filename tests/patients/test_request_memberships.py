"""A request reads the user's memberships once (patients/request_memberships.py); a role
written meanwhile, or between requests, is what the next check sees."""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from patients.models import Membership, Role, clinic_ids_of
from patients.request_memberships import RequestMembershipsMiddleware
from patients.roles import Right, has_right
from patients.services import membership_set_role
from tests.conftest import member


def membership_reads(queries) -> int:
    return sum('FROM "patients_membership"' in q["sql"] for q in queries)


def in_a_request(check):
    """Runs `check` inside the middleware, as a view would run; returns what it returned."""
    seen = []

    def view(request):
        seen.append(check())
        return HttpResponse()

    RequestMembershipsMiddleware(view)(None)
    return seen[0]


def test_a_request_reads_the_memberships_once(clinician, clinic, patient):
    def checks():
        with CaptureQueriesContext(connection) as ctx:
            answers = (
                clinic_ids_of(clinician),
                has_right(clinician, Right.CLINICAL, clinic.pk),
                has_right(clinician, Right.MANAGE_CLINIC, clinic.pk),
            )
        return answers, membership_reads(ctx.captured_queries)

    answers, reads = in_a_request(checks)
    assert answers == ([clinic.pk], True, False)
    assert reads == 1


def test_outside_a_request_each_check_reads_the_database(clinician, clinic):
    assert has_right(clinician, Right.CLINICAL, clinic.pk)
    Membership.objects.filter(user=clinician).update(role=Role.ASSISTANT)
    assert not has_right(clinician, Right.CLINICAL, clinic.pk)


def test_a_role_changed_during_the_request_is_seen_by_its_later_checks(clinic, clinician):
    admin = member(clinic, "boss", Role.CLINIC_ADMIN)
    membership = Membership.objects.get(user=clinician)

    def checks():
        before = has_right(clinician, Right.CLINICAL, clinic.pk)
        membership_set_role(actor=admin, membership=membership, role=Role.ASSISTANT)
        return before, has_right(clinician, Right.CLINICAL, clinic.pk)

    assert in_a_request(checks) == (True, False)


def test_a_membership_removed_during_the_request_ends_its_scope(clinic, clinician):
    def checks():
        before = clinic_ids_of(clinician)
        Membership.objects.get(user=clinician).delete()
        return before, clinic_ids_of(clinician)

    assert in_a_request(checks) == ([clinic.pk], [])


def test_a_role_changed_between_requests_is_seen_by_the_next(api, clinician, patient):
    # The same user object signs both requests (force_authenticate): nothing is kept on it.
    assert "notes" in api.get(f"/api/v1/patients/{patient.pk}/").json()
    Membership.objects.filter(user=clinician).update(role=Role.ASSISTANT)
    shown = api.get(f"/api/v1/patients/{patient.pk}/").json()
    assert "notes" not in shown and shown["last_name"] == "Lind"
