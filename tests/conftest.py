"""Personas shared by every test: a clinician, a colleague in the same clinic, an outsider."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import ClinicFactory, PatientFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def clinic(db):
    return ClinicFactory(name="Northside Physio", address="1 Main St", phone="+1 555 0101")


@pytest.fixture
def other_clinic(db):
    return ClinicFactory(name="Elsewhere Physio")


@pytest.fixture
def clinician(clinic):
    from patients.permissions import sync_clinician_group

    user = UserFactory(username="clinician", clinic=clinic)
    user.groups.add(sync_clinician_group())
    return user


@pytest.fixture
def colleague(clinic):
    from patients.permissions import sync_clinician_group

    user = UserFactory(username="colleague", clinic=clinic)
    user.groups.add(sync_clinician_group())
    return user


@pytest.fixture
def outsider(other_clinic):
    from patients.permissions import sync_clinician_group

    user = UserFactory(username="outsider", clinic=other_clinic)
    user.groups.add(sync_clinician_group())
    return user


@pytest.fixture
def patient(clinic):
    return PatientFactory(clinic=clinic, first_name="Ava", last_name="Lind")


def api_client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def api(clinician) -> APIClient:
    return api_client_for(clinician)


@pytest.fixture
def colleague_api(colleague) -> APIClient:
    return api_client_for(colleague)


@pytest.fixture
def outsider_api(outsider) -> APIClient:
    return api_client_for(outsider)


def member(clinic, username: str, role: str):
    """A user in `clinic` with `role` (clinician, clinic_admin or assistant)."""
    from patients.models import Membership

    user = UserFactory(username=username)
    Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


@pytest.fixture
def assistant(clinic):
    return member(clinic, "frontdesk", "assistant")


@pytest.fixture
def clinic_admin(clinic):
    return member(clinic, "clinicadmin", "clinic_admin")


@pytest.fixture(autouse=True)
def _fresh_planner_estimates(monkeypatch):
    """Each test asks the planner itself: no list estimate kept from an earlier test."""
    from patients import pagination

    monkeypatch.setattr(pagination, "_estimates", {})
