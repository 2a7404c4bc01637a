"""create_clinician and load_demo: what a clinic's administrator runs."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from assessments.models import Assessment
from patients.models import Clinic, Membership, Patient


def test_create_clinician_with_noinput_creates_clinic_and_member(monkeypatch, db):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "knee-strong-pass-1")
    out = io.StringIO()
    call_command(
        "create_clinician",
        "maria",
        "--clinic",
        "Eastside Physio",
        "--noinput",
        "--email",
        "maria@example.org",
        stdout=out,
    )
    user = get_user_model().objects.get(username="maria")
    assert user.email == "maria@example.org" and user.is_staff and not user.is_superuser
    assert Membership.objects.filter(user=user, clinic__name="Eastside Physio").exists()
    assert "Created clinician 'maria'" in out.getvalue()


def test_create_clinician_can_sign_in_to_admin_and_api(monkeypatch, db):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "knee-strong-pass-1")
    call_command("create_clinician", "maria", "--clinic", "Eastside Physio", "--noinput")
    browser = Client()
    assert browser.login(username="maria", password="knee-strong-pass-1")
    assert browser.get("/admin/patients/patient/").status_code == 200
    assert browser.get("/admin/assessments/assessment/add/").status_code == 200


def test_create_clinician_joins_an_existing_clinic(monkeypatch, clinic):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "knee-strong-pass-1")
    call_command("create_clinician", "maria", "--clinic", clinic.name, "--noinput")
    assert Clinic.objects.filter(name=clinic.name).count() == 1
    assert clinic.memberships.filter(user__username="maria").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "CLINICIAN_PASSWORD"), ("abc", "too short")],
)
def test_create_clinician_explains_a_bad_password(monkeypatch, db, password, message):
    monkeypatch.setenv("CLINICIAN_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("create_clinician", "maria", "--clinic", "X", "--noinput")
    assert not get_user_model().objects.filter(username="maria").exists()
    assert not Clinic.objects.filter(name="X").exists()


def test_create_clinician_refuses_a_taken_username(monkeypatch, clinician):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "knee-strong-pass-1")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_clinician", clinician.username, "--clinic", "X", "--noinput")


def test_create_clinician_refuses_an_empty_clinic_name(monkeypatch, db):
    monkeypatch.setenv("CLINICIAN_PASSWORD", "knee-strong-pass-1")
    with pytest.raises(CommandError, match="clinic name"):
        call_command("create_clinician", "maria", "--clinic", "  ", "--noinput")


def test_load_demo_loads_three_patients_with_two_visits_weeks_apart(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    patients = Patient.objects.exclude(last_name="Okafor")
    assert patients.count() >= 3
    for patient in patients:
        dates = sorted(
            Assessment.objects.filter(patient=patient).values_list("assessed_on", flat=True)
        )
        assert len(dates) == 2
        assert dates[1] - dates[0] >= datetime.timedelta(weeks=2)
        assert Assessment.objects.filter(patient=patient).first().measurements.count() >= 10
    assert "username 'demo'" in out.getvalue() and "password" in out.getvalue()


def test_load_demo_twice_adds_nothing_and_the_login_works(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    assert Patient.objects.count() == 4
    assert Assessment.objects.count() == 3 * 2 + 3
    from reports.management.commands.load_demo import DEMO_PASSWORD, DEMO_USERNAME

    browser = Client()
    assert browser.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    page = browser.get("/admin/patients/patient/")
    assert "Berg" in page.content.decode() and "Łukasiewicz" in page.content.decode()


def test_load_demo_has_an_episode_of_three_visits_with_responses_and_proms(db):
    from progress.models import PromResponse
    from reports.models import ItemResponse

    call_command("load_demo", stdout=io.StringIO())
    patient = Patient.objects.get(last_name="Okafor")
    visits = list(Assessment.objects.filter(patient=patient).order_by("assessed_on"))
    assert [v.status for v in visits] == ["final", "final", "draft"]
    assert [v.assessed_on for v in visits[1:]] == [
        visits[0].assessed_on + datetime.timedelta(weeks=6),
        visits[0].assessed_on + datetime.timedelta(weeks=12),
    ]
    # The follow-ups rate the program before them: 4 items at the second visit, 2 at the third.
    assert [ItemResponse.objects.filter(assessment=v).count() for v in visits] == [0, 4, 2]
    for visit in visits:
        assert set(
            PromResponse.objects.filter(assessment=visit).values_list("instrument", flat=True)
        ) == {"koos_pf", "kujala"}
    # clamshell was too easy at the first follow-up: its harder step, the banded clamshell.
    second = [i.exercise.code for i in visits[1].home_program.items.all()]
    assert "banded_clamshell" in second and "clamshell" not in second
