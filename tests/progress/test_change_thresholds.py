"""A clinic's own change thresholds: set by clinic admins only, audited, used with their source."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from patients.errors import Invalid
from patients.models import AuditEvent
from patients.roles import NotAllowed
from progress import services
from progress.models import ChangeThresholdSetting
from progress.selectors import clinic_thresholds
from tests.conftest import PASSWORD


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_clinic_admin_sets_and_changes_a_threshold_with_audit(clinic_admin, clinic):
    services.change_threshold_set(
        actor=clinic_admin, clinic=clinic, measure="knee_to_wall", amount=Decimal("3")
    )
    services.change_threshold_set(
        actor=clinic_admin, clinic=clinic, measure="knee_to_wall", amount=Decimal("2.5")
    )
    assert clinic_thresholds(clinic_id=clinic.pk) == {"knee_to_wall": Decimal("2.5")}
    events = AuditEvent.objects.filter(object_type="changethresholdsetting").order_by("id")
    assert [e.changes for e in events] == [
        {"amount": [None, "3.00"]},
        {"amount": ["3.00", "2.50"]},
    ]


def test_a_clinician_may_not_set_a_threshold(clinician, clinic):
    with pytest.raises(NotAllowed):
        services.change_threshold_set(
            actor=clinician, clinic=clinic, measure="knee_to_wall", amount=Decimal("3")
        )
    assert not ChangeThresholdSetting.objects.exists()


@pytest.mark.parametrize(
    ("measure", "amount", "field"),
    [("knee_to_wall", Decimal("0"), "amount"), ("knee_to_wall", Decimal("-1"), "amount"),
     ("knee_to_wall", Decimal("2.125"), "amount"), ("ely_test", Decimal("1"), "measure")],
)  # fmt: skip
def test_a_threshold_must_be_positive_and_of_a_measure_of_the_table(
    clinic_admin, clinic, measure, amount, field
):
    with pytest.raises(Invalid) as refused:
        services.change_threshold_set(
            actor=clinic_admin, clinic=clinic, measure=measure, amount=amount
        )
    assert refused.value.field == field
    assert not ChangeThresholdSetting.objects.exists()


def test_the_database_backs_one_setting_per_clinic_and_measure(clinic):
    ChangeThresholdSetting.objects.create(clinic=clinic, measure="lefs", amount=Decimal("8"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeThresholdSetting.objects.create(clinic=clinic, measure="lefs", amount=Decimal("9"))


def test_clearing_a_setting_brings_the_published_threshold_back(clinic_admin, clinic):
    setting = services.change_threshold_set(
        actor=clinic_admin, clinic=clinic, measure="lefs", amount=Decimal("12")
    )
    services.change_threshold_clear(actor=clinic_admin, setting=setting)
    assert clinic_thresholds(clinic_id=clinic.pk) == {}
    last = AuditEvent.objects.filter(object_type="changethresholdsetting").latest("id")
    assert last.changes == {"amount": ["12.00", None]}


def test_admin_form_sets_a_threshold_through_the_service(clinic_admin, clinic):
    page = login(clinic_admin).get("/admin/progress/changethresholdsetting/add/")
    assert page.status_code == 200
    assert "Knee-to-wall (weight-bearing lunge)" in page.content.decode()
    response = login(clinic_admin).post(
        "/admin/progress/changethresholdsetting/add/",
        {"clinic": clinic.pk, "measure": "single_leg_squat_fppa", "amount": "6"},
    )
    assert response.status_code == 302
    assert clinic_thresholds(clinic_id=clinic.pk) == {"single_leg_squat_fppa": Decimal("6")}
    assert AuditEvent.objects.filter(object_type="changethresholdsetting", channel="admin").exists()


def test_admin_refuses_clinicians_the_threshold_settings(clinician, clinic):
    browser = login(clinician)
    assert browser.get("/admin/progress/changethresholdsetting/").status_code == 403
    assert browser.get("/admin/progress/changethresholdsetting/add/").status_code == 403


def test_admin_lists_only_the_own_clinics_settings(clinic_admin, clinic, other_clinic):
    ChangeThresholdSetting.objects.create(clinic=clinic, measure="lefs", amount=Decimal("8"))
    ChangeThresholdSetting.objects.create(
        clinic=other_clinic, measure="kujala", amount=Decimal("7")
    )
    page = login(clinic_admin).get("/admin/progress/changethresholdsetting/").content.decode()
    assert "Lower Extremity Functional Scale" in page
    assert "Kujala Anterior Knee Pain Scale" not in page
