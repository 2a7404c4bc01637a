"""Rendered PDFs are cached by their inputs: a reprint renders nothing, a change prints anew."""

from __future__ import annotations

import dataclasses
import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import override_settings
from pypdf import PdfReader

from assessments import catalogue
from assessments import services as assessment_services
from reports import printing
from reports.pdf import data as pdf
from reports.services import home_program_propose, program_item_update
from tests.redis_available import needs_redis, redis_cache_settings

DAY = datetime.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The patient names of every handout actually rendered (not served from the cache)."""
    rendered: list[str] = []
    real = printing.render_handout

    def counting(data):
        rendered.append(data.patient_name)
        return real(data)

    monkeypatch.setattr(printing, "render_handout", counting)
    return rendered


@pytest.fixture
def planned(clinician, patient):
    measurement = catalogue.normalize_measurement("knee_to_wall", "left", Decimal("8"))
    assessment = assessment_services.assessment_create(
        actor=clinician,
        patient=patient,
        assessed_on=DAY,
        measurements=[assessment_services.MeasurementEntry(measurement)],
    )
    home_program_propose(assessment=assessment, actor=clinician)
    return assessment


def handout(api, assessment) -> bytes:
    response = api.get(f"/api/v1/assessments/{assessment.pk}/handout.pdf")
    assert response.status_code == 200
    return response.content


def text(content: bytes) -> str:
    pages = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(pages.split())


def test_a_reprint_is_served_from_the_cache_byte_for_byte(api, planned, renders):
    first = handout(api, planned)
    again = handout(api, planned)
    assert again == first
    assert renders == ["Ava Lind"]  # rendered once


def test_a_changed_program_prints_anew(api, clinician, planned, renders):
    before = handout(api, planned)
    item = planned.home_program.items.first()
    program_item_update(item=item, actor=clinician, sets=5, notes="Use a mirror")
    after = handout(api, planned)
    assert after != before
    assert renders == ["Ava Lind", "Ava Lind"]
    assert "Use a mirror" in text(after)
    assert "Use a mirror" not in text(before)


def test_a_changed_clinic_detail_prints_anew(api, clinic, planned, renders):
    handout(api, planned)
    clinic.phone = "+1 555 0199"
    clinic.save()
    assert "+1 555 0199" in text(handout(api, planned))
    assert len(renders) == 2


def test_the_paper_size_is_part_of_the_key(api, planned, renders):
    handout(api, planned)
    api.get(f"/api/v1/assessments/{planned.pk}/handout.pdf?paper=letter")
    assert len(renders) == 2


def test_a_batch_reprint_renders_nothing(api, django_capture_on_commit_callbacks, planned, renders):
    handout(api, planned)
    with django_capture_on_commit_callbacks(execute=True):
        api.post("/api/v1/print-batches/", {"assessments": [planned.pk]}, format="json")
    assert renders == ["Ava Lind"]


def sample(**changes) -> pdf.HandoutData:
    fields = {
        "clinic": pdf.ClinicInfo("Northside Physio"),
        "patient_name": "Ava Lind",
        "assessment_date": DAY,
        "clinician_name": "Sam Physio",
        "exercises": (
            pdf.HandoutExercise("Wall squat", ("Stand", "Slide down"), "3 sets of 12", "Slow"),
        ),
    }
    return pdf.HandoutData(**{**fields, **changes})


def test_the_key_follows_every_input_and_nothing_else():
    key = printing.pdf_cache_key("handout", sample())
    assert printing.pdf_cache_key("handout", sample()) == key
    assert printing.pdf_cache_key("report", sample()) != key
    assert printing.pdf_cache_key("handout", sample(clinician_name="Sam Physio ")) != key
    assert printing.pdf_cache_key("handout", sample(page_size="LETTER")) != key
    pictured = dataclasses.replace(sample().exercises[0], picture=b"\x89PNG...")
    assert printing.pdf_cache_key("handout", sample(exercises=(pictured,))) != key


def test_a_new_renderer_prints_anew(monkeypatch):
    key = printing.pdf_cache_key("handout", sample())
    monkeypatch.setattr(printing, "renderer_version", lambda: "another-renderer")
    assert printing.pdf_cache_key("handout", sample()) != key


def test_a_cache_outage_still_prints(api, planned, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    assert "Ava Lind" in text(handout(api, planned))


@needs_redis
def test_reprints_are_served_by_redis(api, planned, renders):
    redis_cache = redis_cache_settings("django.core.cache.backends.redis.RedisCache")
    with override_settings(CACHES=redis_cache):
        first = handout(api, planned)
        assert handout(api, planned) == first
    assert renders == ["Ava Lind"]
