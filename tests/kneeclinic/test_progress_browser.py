"""The patient page with three visits in a real browser at 1366 px: visits, PROM scores and
"Since last visit" fit without sideways scrolling (screenshot: docs/patient-progress-1366.png
with KNEECLINIC_SCREENSHOTS=docs)."""

from __future__ import annotations

import os

import pytest

from tests.kneeclinic.test_exam_sheet_browser import (
    DOCS,
    browser_page,  # noqa: F401 - the fixture
    no_horizontal_scroll,
)
from tests.reports.progress_visits import three_visits


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_patient_page_shows_progress_at_1366(
    browser_page,  # noqa: F811 - the fixture imported above
    live_server,
    clinician,
    patient,
    tmp_path,
):
    three_visits(clinician, patient)
    page = browser_page
    page.goto(f"{live_server.url}/admin/patients/patient/{patient.pk}/change/")
    page.get_by_role("heading", name="Since last visit (23 Feb 2026)").wait_for()
    assert page.get_by_text("KOOS: Symptoms 75, Pain 75, ADL 75").is_visible()
    assert no_horizontal_scroll(page), "the patient page scrolls sideways at 1366 px"
    folder = DOCS if os.environ.get("KNEECLINIC_SCREENSHOTS") == "docs" else tmp_path
    page.screenshot(path=str(folder / "patient-progress-1366.png"), full_page=True)
