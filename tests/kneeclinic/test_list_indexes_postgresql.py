"""On PostgreSQL the list and search queries the API runs use the indexes made for them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from patients.models import Patient
from patients.search import patient_search_name
from tests.factories import ClinicFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="EXPLAIN plans and the trigram index are PostgreSQL's; SQLite has neither",
)
NAMES = ["Berg", "Okafor", "Rossi", "Nowak", "Müller", "Łukasiewicz", "García", "Smith"]


@pytest.fixture
def many_patients(clinic):
    """4,000 patients in two clinics, with statistics, so the planner chooses as at scale."""
    other = ClinicFactory()
    Patient.objects.bulk_create(
        Patient(
            clinic=clinic if n % 2 else other,
            first_name=f"Pat{n}",
            last_name=NAMES[n % len(NAMES)],
            search_name=patient_search_name(f"Pat{n}", NAMES[n % len(NAMES)]),
            date_of_birth=datetime.date(1980, 1, 1),
            sex="female",
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE patients_patient")


def list_sql(client, params: dict) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/patients/", params).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "patients_p')]


def plan(sql: str, *settings: str) -> str:
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_patient_list_reads_the_partial_name_index_without_a_sort(api, many_patients):
    (page,) = list_sql(api, {})
    shown = plan(page)
    assert "patient_active_by_name" in shown, shown
    assert "Sort" not in shown, shown


def test_a_deep_page_reads_its_ids_in_index_order(api, many_patients):
    ids, rows = list_sql(api, {"page": 50})
    assert ids.startswith('SELECT "patients_patient"."id" AS "pk" FROM')  # ids only
    assert "LIMIT 21 OFFSET 980" in ids  # rows 981-1,000 and one more
    # At 2,000 rows a clinic is small enough to sort; told not to, the planner shows the
    # index serves the order (at 100,000 it picks an index-only scan by itself: README).
    shown = plan(ids, "enable_sort = off")
    assert "using patient_active_by_name" in shown, shown
    assert "Sort" not in shown, shown
    assert "id = ANY" in plan(rows)  # then only the page's rows, by id


def test_name_search_can_use_the_trigram_index(api, many_patients):
    (page,) = list_sql(api, {"search": "lukas"})
    assert "\"search_name\"::text LIKE '%lukas%'" in page
    # The planner picks the clinic's rows first at this size; the match itself is indexable:
    # without a plain scan, '%lukas%' is answered from the trigram index.
    match = "SELECT id FROM patients_patient WHERE search_name::text LIKE '%lukas%'"
    shown = plan(match, "enable_seqscan = off")
    assert "patient_clinic_search_name_trgm" in shown, shown


def test_a_search_of_one_clinic_finds_only_its_matches_in_the_index(api, clinic, many_patients):
    # The clinic is in the trigram index (btree_gin) and the scope names it as the column's
    # type, so one index scan finds the clinic's matches: no bitmap of the clinic's other
    # patients beside the matches of every clinic (README "Scale").
    add_zielinskis(clinic, 30)
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/api/v1/patients/", {"search": "zielinski"}).json()["count"] == 30
    (page,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT listed.*")]
    assert f'"clinic_id" IN ({clinic.pk}::bigint)' in page, page
    shown = plan(page, "enable_seqscan = off", "enable_indexscan = off")
    lines = shown.splitlines()
    scan = next(n for n, line in enumerate(lines) if "Bitmap Index Scan" in line)
    assert "patient_clinic_search_name_trgm" in lines[scan], shown
    assert f"(clinic_id = '{clinic.pk}'::bigint)" in lines[scan + 1], shown  # its Index Cond
    assert "BitmapAnd" not in shown, shown


def add_zielinskis(clinic, count: int) -> None:
    """`count` patients named Zieliński, Zed00 to Zed<count - 1> (as wide as the largest), and
    fresh statistics for the planner."""
    width = len(str(count - 1))
    Patient.objects.bulk_create(
        Patient(clinic=clinic, first_name=f"Zed{n:0{width}}", last_name="Zieliński",
                search_name=patient_search_name(f"Zed{n:0{width}}", "Zieliński"),
                date_of_birth=datetime.date(1980, 1, 1), sex="female")
        for n in range(count)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE patients_patient")


def test_a_search_finds_few_matches_first_then_sorts_only_those(api, clinic, many_patients):
    # 30 Zielińskis among the clinic's 2,030, all together in name order: a walk of the name
    # index reads every name before them. The planner expects few matches, so they come first
    # and sorted (an InitPlan: the ids only), then only the page's rows, by primary key.
    # (How the matches are found is the planner's choice by size: the trigram index at
    # 100,000, README "Scale"; the test above shows the match is indexable.)
    add_zielinskis(clinic, 30)
    with CaptureQueriesContext(connection) as ctx:
        page = api.get("/api/v1/patients/", {"search": "zielinski"}).json()
    assert page["count"] == 30
    assert [p["first_name"] for p in page["results"]] == [f"Zed{n:02}" for n in range(20)]
    sql = [q["sql"] for q in ctx.captured_queries if "search_name" in q["sql"]]
    (shown_page,) = [s for s in sql if s.startswith("SELECT listed.*")]
    assert "ARRAY(SELECT" in shown_page and "ORDER BY" in shown_page, shown_page
    shown = plan(shown_page, "enable_seqscan = off")
    assert "InitPlan" in shown, shown
    # The rows are read by id for the page alone (21 ids: the page and one more), not for
    # every match.
    assert "Index Cond: (id = shown.id)" in shown, shown
    assert "Function Scan on unnest shown" in shown, shown
    assert "patient_active_by_name" not in shown, shown
    assert shown.count("InitPlan") == 1, shown  # the sorted ids are found once
    # The page's own query counts the matches: no count query of its own.
    assert "cardinality(sorted.ids)" in shown_page, shown_page
    assert not [s for s in sql if s.startswith("SELECT COUNT(*)")], sql
    second = api.get("/api/v1/patients/", {"search": "zielinski", "page": 2}).json()
    assert [p["first_name"] for p in second["results"]] == [f"Zed{n}" for n in range(20, 30)]
    assert second["count"] == 30 and second["next"] is None and second["previous"]
    assert api.get("/api/v1/patients/", {"search": "zielinski", "page": 3}).status_code == 404


def test_a_deep_page_of_a_search_counts_the_plain_filter(api, clinic, many_patients):
    # 260 Zielińskis: page 11 (rows 201-220) is read by its ids, which carry no count, so it
    # counts the plain filter (the trigram index can serve it), not the id array; the count
    # is the one page 1 carried in its rows.
    add_zielinskis(clinic, 260)
    first = api.get("/api/v1/patients/", {"search": "zielinski"}).json()
    with CaptureQueriesContext(connection) as ctx:
        deep = api.get("/api/v1/patients/", {"search": "zielinski", "page": 11}).json()
    assert first["count"] == deep["count"] == 260
    assert [p["first_name"] for p in deep["results"]] == [f"Zed{n:03}" for n in range(200, 220)]
    (count,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert "ARRAY(" not in count, count
    last = api.get("/api/v1/patients/", {"search": "zielinski", "page": "last"}).json()
    assert [p["first_name"] for p in last["results"]] == [f"Zed{n:03}" for n in range(240, 260)]
    assert last["count"] == 260 and last["next"] is None


def test_a_search_with_many_matches_keeps_the_name_order_walk(api, many_patients):
    # All 2,000 of the clinic's names hold "pat" (Pat0 ... Pat3999): met at once in name order.
    (page,) = list_sql(api, {"search": "pat"})
    assert "ARRAY(" not in page
    assert "\"search_name\"::text LIKE '%pat%'" in page


def test_a_search_of_short_words_keeps_the_name_order_walk(api, many_patients):
    # One or two letters: the trigram index cannot narrow them, and they match many names.
    (page,) = list_sql(api, {"search": "mu"})
    assert "ARRAY(" not in page
    assert "\"search_name\"::text LIKE '%mu%'" in page


# VACUUM (the visibility map) runs outside a transaction; the serialized rollback puts back
# what the migrations stored (the catalogue, the groups) for the tests after this one.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_count_of_a_short_word_search_reads_the_list_index_alone(api, many_patients):
    # "ak" (two letters: the clinic's 500 Nowaks) keeps the plain filter. Its bounded count
    # needs only the scope, the ids and the folded name, which the list index holds
    # (INCLUDE): once the table is vacuumed, it is counted from the index alone.
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/api/v1/patients/", {"search": "ak"}).json()["next"]
    (count,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert "\"search_name\"::text LIKE '%ak%'" in count, count
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE patients_patient")
    shown = plan(count)
    assert "Index Only Scan using patient_active_by_name" in shown, shown
