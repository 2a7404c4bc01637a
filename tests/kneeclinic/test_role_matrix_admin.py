"""Every admin page of every registered ModelAdmin, for every role (tests/role_matrix.py
`ADMIN`): the page, 403 for a role without the right, 404 outside the user's clinics, the
sign-in page without a session; a refused page changes nothing. A registered ModelAdmin
without rows for its changelist, add and change pages fails the coverage test."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from rest_framework.test import APIClient

from patients.models import AuditEvent
from tests.role_matrix import ADMIN, ROLE_ORDER, Admin
from tests.role_world import World, snapshot, world_for_module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_for_module(django_db_blocker, tmp_path_factory)


REFUSED = {"403", "404", "noop"}


def test_every_registered_model_admin_has_its_pages_in_the_matrix():
    covered = {(row.model, row.page) for row in ADMIN}
    registered = {model._meta.label_lower for model in admin.site._registry}
    missing = sorted(
        (model, page)
        for model in registered
        for page in ("changelist", "add", "change")
        if (model, page) not in covered
    )
    assert missing == [], f"add rows to tests/role_matrix.py ADMIN for: {missing}"
    assert {row.model for row in ADMIN} <= registered


def browser_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def outcome_of(response) -> str:
    if response.status_code == 302 and response.url.startswith("/admin/login/"):
        return "login"
    return str(response.status_code)


CASES = [pytest.param(row, role, id=f"{row.name}-{role}") for row in ADMIN for role in ROLE_ORDER]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CASES)
def test_role_gets_the_documented_admin_page(world, row: Admin, role: str):
    expected = row.expected()[role]
    url = row.url.format(id=world.ids.get(row.obj, 0))
    browser = browser_for(world, role)
    before, last = snapshot(), AuditEvent.objects.order_by("-id").values_list("id").first()
    response = getattr(browser, row.method)(url, row.data)
    got = outcome_of(response)
    if expected == "noop":
        assert got == "302", (row.name, role, got)
    else:
        assert got == expected, f"{row.name} as {role}: {got}, expected {expected}"
    if expected in REFUSED:
        assert snapshot() == before, f"{row.name} as {role} was refused but changed records"
        new = AuditEvent.objects.filter(id__gt=last[0] if last else 0)
        denied = ["denied"] if expected in {"403", "404"} else []
        assert list(new.values_list("action", flat=True)) == denied


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [("clinician", False), ("clinic_admin", True), ("assistant", False)],
)
def test_only_a_clinic_admin_sees_the_trail_on_the_patient_page(world, role, shown):
    page = browser_for(world, role).get(f"/admin/patients/patient/{world.ids['patient']}/change/")
    assert page.status_code == 200
    assert ("Audit trail" in page.content.decode()) is shown


PRINT_ACTION = {"action": "print_handouts", "_selected_action": []}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected", "batches"),
    [("clinician", 302, 1), ("clinic_admin", 302, 1), ("assistant", 403, 0), ("outsider", 302, 0)],
)
def test_the_print_action_prints_only_for_clinical_roles_of_the_clinic(
    world, role, expected, batches
):
    from reports.batches import PrintBatch

    before = PrintBatch.objects.count()
    data = {**PRINT_ACTION, "_selected_action": [world.ids["draft"]]}
    response = browser_for(world, role).post("/admin/assessments/assessment/", data)
    assert response.status_code == expected
    # Another clinic's member selects ids outside their list: nothing is selected, nothing printed.
    assert PrintBatch.objects.count() - before == batches


@pytest.mark.django_db
def test_a_member_made_assistant_no_longer_reads_their_print_batch(world):
    """The batch was the clinician's; once an assistant, its handouts are clinical to them."""
    from patients.models import Membership
    from patients.services import membership_set_role

    clinician = world.users["clinician"]
    membership = Membership.objects.get(user=clinician, clinic=world.clinic)
    membership_set_role(actor=world.users["clinic_admin"], membership=membership, role="assistant")
    batch = world.ids["batch"]
    api = APIClient(HTTP_AUTHORIZATION=f"Token {world.tokens['clinician']}")
    assert api.get(f"/api/v1/print-batches/{batch}/").status_code == 403
    assert api.get(f"/api/v1/print-batches/{batch}/pdf").status_code == 403
    browser = browser_for(world, "clinician")
    assert browser.get(f"/admin/reports/printbatch/{batch}/change/").status_code == 403
    assert browser.get("/admin/reports/printbatch/").status_code == 403
