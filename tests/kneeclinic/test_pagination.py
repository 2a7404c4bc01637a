"""Pagination keeps the documented shape at any size: count, next, previous, results."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patients import pagination
from tests.factories import PatientFactory

URL = "/api/v1/patients/"


@pytest.fixture
def patients(clinic):
    return [PatientFactory(clinic=clinic, last_name=f"Name{n:03d}") for n in range(230)]


def test_deep_pages_read_by_ids_keep_the_order(api, patients):
    # Page 11 of 20 starts at row 201, past LATE_ROWS_FROM (200): ids first, then the rows.
    assert pagination.LATE_ROWS_FROM == 200
    page = api.get(URL, {"page": 11}).json()
    assert [r["last_name"] for r in page["results"]] == [f"Name{n:03d}" for n in range(200, 220)]
    assert page["count"] == 230
    assert page["next"].endswith("page=12")
    assert page["previous"].endswith("page=10")


def test_the_last_page_has_no_next_and_counts_itself(api, patients):
    page = api.get(URL, {"page": 12}).json()
    assert names_of(page) == [f"Name{n:03d}" for n in range(220, 230)]
    assert page["next"] is None
    assert page["count"] == 230  # 11 full pages of 20 and 10 rows


def names_of(page: dict) -> list[str]:
    return [row["last_name"] for row in page["results"]]


def test_page_last_and_past_the_end(api, patients):
    assert names_of(api.get(URL, {"page": "last"}).json())[0] == "Name220"
    assert api.get(URL, {"page": 13}).status_code == 404
    assert api.get(URL, {"page": 0}).status_code == 404
    assert api.get(URL, {"page": 10**30}).status_code == 404


def test_second_page_links_back_to_the_first_without_a_page(api, patients):
    page = api.get(URL, {"page": 2, "page_size": 50}).json()
    assert "page=" not in page["previous"]
    assert "page_size=50" in page["previous"]


def test_past_the_exact_count_limit_the_count_never_undercounts_what_was_read(
    api, patients, monkeypatch
):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 50)
    page = api.get(URL, {"page": 3, "page_size": 50}).json()
    assert set(page) == {"count", "next", "previous", "results"}
    if connection.vendor == "postgresql":
        assert page["count"] >= 151  # the planner's estimate, at least the rows read + 1
    else:
        assert page["count"] == 230  # exact elsewhere
    assert page["next"] is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="estimates are PostgreSQL's")
def test_a_list_asks_the_planner_once_while_its_estimate_is_kept(api, patients, monkeypatch):
    monkeypatch.setattr(pagination, "EXACT_COUNT_UP_TO", 50)
    monkeypatch.setattr(pagination, "_estimates", {})
    with CaptureQueriesContext(connection) as ctx:
        for page in (1, 2, 3):
            assert api.get(URL, {"page": page}).status_code == 200
    explains = [q for q in ctx.captured_queries if q["sql"].startswith("EXPLAIN")]
    assert len(explains) == 1  # page 1 asked; pages 2 and 3 used the kept estimate
    monkeypatch.setattr(pagination, "ESTIMATE_SECONDS", -1.0)  # kept estimates expire at once
    monkeypatch.setattr(pagination, "_estimates", {})
    with CaptureQueriesContext(connection) as ctx:
        for page in (1, 2):
            assert api.get(URL, {"page": page}).status_code == 200
    assert len([q for q in ctx.captured_queries if q["sql"].startswith("EXPLAIN")]) == 2
