"""Batch printing from the admin ("Print handouts for selected visits") and `print_day`."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from patients.models import AuditEvent
from reports.batches import PrintBatch
from tests.conftest import PASSWORD
from tests.factories import ClinicFactory, PatientFactory
from tests.reports.test_print_batches import visit


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Merged PDFs go to a folder of the test's own, removed after it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def browser(clinician) -> Client:
    client = Client()
    assert client.login(username=clinician.username, password=PASSWORD)
    return client


@pytest.fixture
def day_visits(clinician, clinic):
    """Two planned visits on DAY (Berg before Hale) and one without a program."""
    return [
        visit(clinician, PatientFactory(clinic=clinic, first_name="Ida", last_name="Hale")),
        visit(clinician, PatientFactory(clinic=clinic, first_name="Ana", last_name="Berg")),
        visit(clinician, PatientFactory(clinic=clinic, last_name="Noplan"), program=False),
    ]


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def test_admin_action_prints_the_selected_visits(
    browser, clinician, day_visits, django_capture_on_commit_callbacks
):
    chosen = day_visits[:2]
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/admin/assessments/assessment/",
            {"action": "print_handouts", "_selected_action": [a.pk for a in chosen]},
            follow=True,
        )
    batch = PrintBatch.objects.get()
    assert "Printing 2 visits: " in response.content.decode()
    # In the order of the patients' names: Berg, then Hale.
    assert [i.assessment_id for i in batch.items.all()] == [chosen[1].pk, chosen[0].pk]
    assert (batch.status, batch.channel, batch.requested_by) == ("done", "admin", clinician)
    page = browser.get(f"/admin/reports/printbatch/{batch.pk}/change/").content.decode()
    assert "2 / 2" in page and f"/api/v1/print-batches/{batch.pk}/pdf" in page
    merged = browser.get(f"/api/v1/print-batches/{batch.pk}/pdf")
    assert merged.status_code == 200 and page_count(merged.content) == batch.pages > 0


def test_admin_lists_only_your_own_batches(browser, colleague, day_visits):
    from reports import printing

    printing.print_batch_create(actor=colleague, assessment_ids=[day_visits[0].pk])
    page = browser.get("/admin/reports/printbatch/").content.decode()
    assert "0 print batches" in page


def test_print_day_writes_the_days_handouts_to_one_file(tmp_path, clinic, day_visits):
    output = tmp_path / "morning.pdf"
    out = io.StringIO()
    call_command(
        "print_day", "--date", "2026-03-02", "--clinic", clinic.name, "--output", output, stdout=out
    )
    batch = PrintBatch.objects.get()
    assert (batch.channel, batch.requested_by.username) == ("command", "print_day")
    assert page_count(output.read_bytes()) == batch.pages
    noplan = day_visits[2].pk
    assert f"assessment {noplan}: No home program has been proposed yet" in out.getvalue()
    assert f"{batch.pages} pages, 3 visits" in out.getvalue()
    assert AuditEvent.objects.filter(channel="command", action="export").count() == 2
    assert batch.requested_by.is_active is False  # the service account cannot sign in


def test_print_day_acts_as_a_member_named(tmp_path, clinic, clinician, day_visits):
    output = tmp_path / "day.pdf"
    call_command(
        "print_day",
        "--date",
        "2026-03-02",
        "--user",
        clinician.username,
        "--output",
        output,
        stdout=io.StringIO(),
    )
    assert PrintBatch.objects.get().requested_by == clinician


def test_print_day_refuses_a_non_member_and_an_empty_day(tmp_path, clinic, outsider, day_visits):
    output = tmp_path / "day.pdf"
    with pytest.raises(CommandError, match="is not a member"):
        call_command(
            "print_day",
            "--date",
            "2026-03-02",
            "--user",
            outsider.username,
            "--clinic",
            clinic.name,
            "--output",
            output,
        )
    with pytest.raises(CommandError, match="No visits on 2026-03-03"):
        call_command(
            "print_day", "--date", "2026-03-03", "--clinic", clinic.name, "--output", output
        )
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("print_day", "--date", "02/03/2026", "--output", output)
    assert not output.exists()


def test_print_day_needs_the_clinic_when_there_are_several(tmp_path, clinic, day_visits):
    ClinicFactory(name="Second Site")
    with pytest.raises(CommandError, match="--clinic"):
        call_command("print_day", "--date", "2026-03-02", "--output", tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="No clinic named 'Nowhere'"):
        call_command(
            "print_day",
            "--date",
            "2026-03-02",
            "--clinic",
            "Nowhere",
            "--output",
            tmp_path / "x.pdf",
        )


def test_print_day_refuses_a_member_without_the_clinical_right(tmp_path, assistant, day_visits):
    with pytest.raises(CommandError, match="may not print handouts"):
        call_command(
            "print_day", "--date", "2026-03-02", "--user", assistant.username,
            "--output", tmp_path / "day.pdf",
        )  # fmt: skip
