"""Print batches through the API: named visits or a day's, progress, one merged PDF, errors."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from assessments import catalogue
from assessments import services as assessment_services
from patients.models import AuditAction, AuditEvent, Membership
from reports import printing
from reports.batches import PrintBatch, PrintOutcome
from reports.services import home_program_propose
from tests.factories import ClinicFactory, PatientFactory

DAY = datetime.date(2026, 3, 2)


def entry(code, side, value):
    return assessment_services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


def visit(actor, patient, *, program: bool = True, red_flags=(), day=DAY):
    assessment = assessment_services.assessment_create(
        actor=actor,
        patient=patient,
        assessed_on=day,
        red_flags=list(red_flags),
        measurements=[entry("knee_to_wall", "left", Decimal("8"))],
    )
    if program:
        home_program_propose(assessment=assessment, actor=actor)
    return assessment


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Merged PDFs go to a folder of the test's own, removed after it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def visits(clinician, clinic):
    """Three patients of the clinic with a program, seen on DAY; made out of name order."""
    names = [("Cara", "Young"), ("Ben", "Adams"), ("Dina", "Moss")]
    return [
        visit(clinician, PatientFactory(clinic=clinic, first_name=f, last_name=last))
        for f, last in names
    ]


@pytest.fixture
def foreign_visit(outsider, other_clinic):
    patient = PatientFactory(clinic=other_clinic, first_name="Olga", last_name="Outer")
    return visit(outsider, patient)


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Runs what a request queued once it commits: the eager tasks, as a worker would."""

    def run(call):
        with django_capture_on_commit_callbacks(execute=True):
            return call()

    return run


def pages_of(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def handout_pages(api, assessment) -> list[str]:
    response = api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf")
    assert response.status_code == 200
    return pages_of(response.content)


def post_batch(api, queue, body: dict):
    return queue(lambda: api.post("/api/v1/print-batches/", body, format="json"))


def test_batch_of_named_visits_gives_202_and_one_merged_pdf(api, queue, visits):
    ids = [a.pk for a in visits]
    response = post_batch(api, queue, {"assessments": ids})
    assert response.status_code == 202
    batch_id = response.json()["id"]
    assert response["Location"].endswith(f"/api/v1/print-batches/{batch_id}/")

    status = api.get(f"/api/v1/print-batches/{batch_id}/").json()
    assert (status["status"], status["done"], status["total"]) == ("done", 3, 3)
    assert [i["assessment"] for i in status["items"]] == ids  # the order asked
    assert {i["outcome"] for i in status["items"]} == {"printed"}
    assert status["pdf"].endswith(f"/api/v1/print-batches/{batch_id}/pdf")

    merged = api.get(f"/api/v1/print-batches/{batch_id}/pdf")
    assert merged.status_code == 200 and merged["Content-Type"] == "application/pdf"
    pages = pages_of(merged.content)
    singles = [handout_pages(api, a) for a in visits]
    assert len(pages) == sum(len(s) for s in singles) == status["pages"]
    # Each visit's handout sits where its item says, whole and in order.
    first = 1
    for item, single, name in zip(
        status["items"], singles, ["Cara Young", "Ben Adams", "Dina Moss"], strict=True
    ):
        assert (item["first_page"], item["last_page"]) == (first, first + len(single) - 1)
        assert name in pages[first - 1]
        first += len(single)


def test_reports_follow_each_handout_when_asked(api, queue, visits):
    response = post_batch(api, queue, {"assessments": [visits[0].pk], "include_reports": True})
    batch = api.get(f"/api/v1/print-batches/{response.json()['id']}/").json()
    handout = handout_pages(api, visits[0])
    report = pages_of(api.get(f"/api/v1/assessments/{visits[0].pk}/report.pdf").content)
    assert batch["pages"] == len(handout) + len(report)
    merged = pages_of(api.get(batch["pdf"]).content)
    assert merged[len(handout) :] == report


def test_a_days_visits_print_by_patient_name_and_only_your_clinics(
    api, queue, visits, foreign_visit, clinician, patient
):
    other_day = visit(clinician, patient, day=DAY + datetime.timedelta(days=1))
    response = post_batch(api, queue, {"date": "2026-03-02"})
    assert response.status_code == 202
    body = api.get(f"/api/v1/print-batches/{response.json()['id']}/").json()
    # Adams, Moss, Young; not the outsider's visit that day, not Ava Lind's the day after.
    assert [i["assessment"] for i in body["items"]] == [visits[1].pk, visits[2].pk, visits[0].pk]
    assert other_day.pk not in [i["assessment"] for i in body["items"]]
    assert body["date"] == "2026-03-02" and body["clinic"] == visits[0].patient.clinic_id


def test_unknown_and_foreign_ids_are_a_400_naming_them_and_nothing_prints(
    api, queue, visits, foreign_visit
):
    events_before = AuditEvent.objects.count()
    body = {"assessments": [visits[0].pk, 999999, foreign_visit.pk]}
    response = post_batch(api, queue, body)
    assert response.status_code == 400
    assert response.json() == {
        "assessments": [f"No such assessment in your clinics: 999999, {foreign_visit.pk}."]
    }
    assert PrintBatch.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"assessments": [1], "date": "2026-03-02"}, "non_field_errors"),
        ({"assessments": []}, "assessments"),
        ({"assessments": ["x"]}, "assessments"),
        ({"assessments": [2**70]}, "assessments"),
        ({"date": "2026-13-40"}, "date"),
        ({"assessments": [1], "clinic": 1}, "clinic"),
    ],
)
def test_malformed_requests_are_a_400_on_the_field(api, body, field):
    response = api.post("/api/v1/print-batches/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_the_same_visit_twice_is_a_400(api, visits):
    response = api.post("/api/v1/print-batches/", {"assessments": [visits[0].pk] * 2})
    assert response.json() == {"assessments": [f"Listed more than once: {visits[0].pk}."]}


def test_a_day_without_visits_is_a_400_naming_it(api, clinic, visits):
    response = api.post("/api/v1/print-batches/", {"date": "2026-03-03"})
    assert response.status_code == 400
    assert response.json() == {"date": [f"No visits on 2026-03-03 at {clinic.name}."]}


def test_a_member_of_several_clinics_names_the_clinic_for_a_day(
    api, queue, clinician, visits, other_clinic
):
    second = ClinicFactory(name="Second Site")
    Membership.objects.create(user=clinician, clinic=second)
    response = api.post("/api/v1/print-batches/", {"date": "2026-03-02"})
    assert response.status_code == 400 and "Name the clinic" in response.json()["clinic"][0]
    foreign = api.post("/api/v1/print-batches/", {"date": "2026-03-02", "clinic": other_clinic.pk})
    assert foreign.json() == {"clinic": ["Not one of your clinics."]}
    clinic_id = visits[0].patient.clinic_id
    named = post_batch(api, queue, {"date": "2026-03-02", "clinic": clinic_id})
    assert named.status_code == 202 and named.json()["total"] == 3


def test_red_flag_and_no_program_visits_are_reported_per_item(api, queue, clinician, clinic):
    flagged = visit(
        clinician,
        PatientFactory(clinic=clinic, last_name="Flag"),
        program=False,
        red_flags=["calf_swelling_or_tenderness"],
    )
    unplanned = visit(clinician, PatientFactory(clinic=clinic, last_name="Plan"), program=False)
    planned = visit(clinician, PatientFactory(clinic=clinic, last_name="Ready"))
    response = post_batch(api, queue, {"assessments": [flagged.pk, unplanned.pk, planned.pk]})
    body = api.get(f"/api/v1/print-batches/{response.json()['id']}/").json()
    assert (body["status"], body["done"], body["total"]) == ("done", 3, 3)
    outcomes = [(i["outcome"], i["first_page"] is not None) for i in body["items"]]
    assert outcomes == [("referral_notice", True), ("no_program", False), ("printed", True)]
    assert "referral notice" in body["items"][0]["detail"]
    assert "No home program" in body["items"][1]["detail"]
    merged = pages_of(api.get(body["pdf"]).content)
    first_of_planned = body["items"][2]["first_page"]
    referral_text = " ".join(merged[: first_of_planned - 1]).lower()
    assert "calf is swollen" in referral_text


def test_a_batch_with_nothing_printable_is_done_without_a_pdf(api, queue, clinician, patient):
    unplanned = visit(clinician, patient, program=False)
    response = post_batch(api, queue, {"assessments": [unplanned.pk]})
    body = api.get(f"/api/v1/print-batches/{response.json()['id']}/").json()
    assert (body["status"], body["pdf"], body["pages"]) == ("done", None, 0)
    assert api.get(f"/api/v1/print-batches/{body['id']}/pdf").status_code == 404


def test_pdf_before_the_batch_is_printed_is_a_409(api, visits):
    # Not committed, so not queued yet: the batch waits.
    response = api.post("/api/v1/print-batches/", {"assessments": [visits[0].pk]})
    assert response.status_code == 202 and response.json()["status"] == "queued"
    pdf = api.get(f"/api/v1/print-batches/{response.json()['id']}/pdf")
    assert pdf.status_code == 409
    assert pdf.json() == {"detail": "The batch is not printed yet (queued, 0/1)."}


def test_another_users_batch_is_404(api, queue, colleague_api, outsider_api, visits):
    batch_id = post_batch(api, queue, {"assessments": [visits[0].pk]}).json()["id"]
    for other in (colleague_api, outsider_api):
        assert other.get(f"/api/v1/print-batches/{batch_id}/").status_code == 404
        assert other.get(f"/api/v1/print-batches/{batch_id}/pdf").status_code == 404


def test_every_print_is_an_issued_handout_and_every_download_audited(api, queue, clinician, visits):
    batch_id = post_batch(api, queue, {"assessments": [a.pk for a in visits]}).json()["id"]
    batch = PrintBatch.objects.get(pk=batch_id)
    exports = AuditEvent.objects.filter(action=AuditAction.EXPORT, user=clinician)
    # api.md: every handout printed is an issued version; the merged PDF holds those bytes.
    issued = [item.issued_handout for item in batch.items.select_related("issued_handout")]
    assert [h.assessment_id for h in issued] == [a.pk for a in visits]
    assert [h.number for h in issued] == [1, 1, 1]
    printed = exports.filter(detail="handout.pdf", channel="api")
    assert sorted(printed.values_list("patient_id", flat=True)) == sorted(
        a.patient_id for a in visits
    )
    merged = api.get(f"/api/v1/print-batches/{batch_id}/pdf").content
    first = PdfReader(io.BytesIO(bytes(issued[0].content)))
    assert pages_of(merged)[: len(first.pages)] == [p.extract_text() for p in first.pages]
    downloaded = exports.filter(detail=f"print batch {batch_id} PDF downloaded")
    assert downloaded.count() == 3


def test_a_reprinted_batch_issues_no_new_version(api, queue, visits):
    for _ in range(2):
        post_batch(api, queue, {"assessments": [visits[0].pk]})
    assert visits[0].issued_handouts.count() == 1


def test_without_sign_in_is_401(client):
    assert client.post("/api/v1/print-batches/", {}).status_code == 401


def test_the_queue_splits_a_batch_and_merges_once(clinician, visits, monkeypatch):
    """Eager Celery tasks: one chunk per visit, the last chunk merges."""
    from reports import tasks

    monkeypatch.setattr(printing, "CHUNK_SIZE", 1)
    merges = []
    real_merge = printing.print_batch_merge
    monkeypatch.setattr(
        printing, "print_batch_merge", lambda pk: merges.append(pk) or real_merge(pk)
    )
    batch = printing.print_batch_create(actor=clinician, assessment_ids=[a.pk for a in visits])
    tasks.print_batch_start.delay(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total, merges) == ("done", 3, 3, [batch.pk])


def test_a_redelivered_chunk_prints_nothing_twice(clinician, visits):
    batch = printing.print_batch_create(actor=clinician, assessment_ids=[a.pk for a in visits])
    (chunk,) = printing.print_batch_start(batch.pk)
    assert printing.print_items(batch.pk, chunk) is True
    assert printing.print_items(batch.pk, chunk) is False  # merged already claimed
    batch.refresh_from_db()
    assert batch.done == 3
    assert AuditEvent.objects.filter(detail="handout.pdf").count() == 3


def test_a_failing_visit_is_reported_and_the_rest_print(clinician, visits, monkeypatch):
    from reports import services

    real = services.handout_data

    def fails_for_young(assessment, **kwargs):
        if assessment.patient.last_name == "Young":
            raise RuntimeError("broken picture")
        return real(assessment, **kwargs)

    monkeypatch.setattr(services, "handout_data", fails_for_young)
    batch = printing.print_batch_create(actor=clinician, assessment_ids=[a.pk for a in visits])
    batch = printing.print_batch_run(batch)
    outcomes = [i.outcome for i in batch.items.all()]
    assert outcomes == [PrintOutcome.FAILED, PrintOutcome.PRINTED, PrintOutcome.PRINTED]
    assert batch.status == "done" and batch.pages > 0


def test_an_assistant_may_not_print_handouts(assistant, visits, clinic):
    from tests.conftest import api_client_for

    front_desk = api_client_for(assistant)
    named = front_desk.post("/api/v1/print-batches/", {"assessments": [visits[0].pk]})
    by_day = front_desk.post("/api/v1/print-batches/", {"date": "2026-03-02"})
    assert (named.status_code, by_day.status_code) == (403, 403)
    assert PrintBatch.objects.count() == 0
