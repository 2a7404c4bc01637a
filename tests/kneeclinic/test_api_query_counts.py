"""REST API v1: list endpoints do a constant number of SQL queries whatever the page holds,
and the hot paths (a list page, a detail, a POST with measurements) run a stated number."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PatientFactory

# Several measurements that fire several findings (see test_api_findings.py for the arithmetic):
# quadriceps_weakness (LSI 75 %), hip_flexor_tightness left and right, poor_step_down_control,
# plus referral_advised from the red flag; LSI and H:Q metrics too.
MEASUREMENTS = [
    {"code": "knee_extensor_strength", "side": "left", "value": 300},
    {"code": "knee_extensor_strength", "side": "right", "value": 400},
    {"code": "knee_flexor_strength", "side": "left", "value": 150},
    {"code": "knee_flexor_strength", "side": "right", "value": 160},
    {"code": "thomas_hip_angle", "side": "left", "value": 5},
    {"code": "thomas_test", "side": "right", "value": True},
    {"code": "lateral_step_down_score", "side": "left", "value": 3},
]


def record(client, patient, day: int) -> None:
    response = client.post(
        "/api/v1/assessments/",
        {
            "patient": patient.id,
            "assessed_on": f"2025-01-{day:02d}",
            "body_mass_kg": 70,
            "red_flags": ["locked_knee"],
            "measurements": MEASUREMENTS,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["findings"]) >= 4


def statements(call) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return [q["sql"] for q in ctx.captured_queries]


def count_queries(client, url: str, params: dict, expected_rows: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(response.json()["results"]) == expected_rows
    return len(ctx.captured_queries)


def test_patient_list_queries_do_not_grow_with_the_page(api, clinic):
    PatientFactory(clinic=clinic)
    one = count_queries(api, "/api/v1/patients/", {"page_size": 100}, 1)

    PatientFactory.create_batch(49, clinic=clinic)
    fifty = count_queries(api, "/api/v1/patients/", {"page_size": 100}, 50)

    assert fifty == one, (one, fifty)


def test_assessment_list_queries_do_not_grow_with_the_page(api, clinic):
    patients = [PatientFactory(clinic=clinic) for _ in range(5)]
    record(api, patients[0], 1)
    one = count_queries(api, "/api/v1/assessments/", {"page_size": 100}, 1)

    for index in range(1, 50):
        record(api, patients[index % 5], 1 + index % 28)
    fifty = count_queries(api, "/api/v1/assessments/", {"page_size": 100}, 50)

    assert fifty == one, (one, fifty)


def test_filtered_assessment_list_queries_do_not_grow(api, patient):
    record(api, patient, 1)
    one = count_queries(api, "/api/v1/assessments/", {"patient": patient.id, "page_size": 100}, 1)

    for index in range(1, 50):
        record(api, patient, 1 + index % 28)
    fifty = count_queries(
        api, "/api/v1/assessments/", {"patient": patient.id, "page_size": 100}, 50
    )

    assert fifty == one, (one, fifty)


def test_finding_list_queries_do_not_grow_with_the_page(api, clinic):
    patients = [PatientFactory(clinic=clinic) for _ in range(3)]
    record(api, patients[0], 1)
    first_page = api.get("/api/v1/findings/", {"page_size": 100}).json()
    per_assessment = first_page["count"]
    one = count_queries(api, "/api/v1/findings/", {"page_size": 100}, per_assessment)

    while api.get("/api/v1/findings/", {"page_size": 1}).json()["count"] <= 100:
        record(api, patients[1], 2)
    # Both pages have a next page, so both count (one bounded count each).
    full = count_queries(api, "/api/v1/findings/", {"page_size": 100}, 100)
    first = count_queries(api, "/api/v1/findings/", {"page_size": per_assessment}, per_assessment)

    assert full == first == one + 1


def test_a_list_that_fits_its_page_runs_no_count(api, clinic):
    PatientFactory.create_batch(5, clinic=clinic)
    sql = statements(lambda: api.get("/api/v1/patients/"))
    # the user's memberships (their clinic ids and roles: the scope, the right to list and
    # the fields a role sees, read once for the request), the page (one row more than
    # shown), the audit of the read; 5 before the request kept the memberships
    assert len(sql) == 3, sql
    assert sum("patients_membership" in q for q in sql) == 1, sql
    assert not any("COUNT(" in q for q in sql)


def test_a_list_with_more_pages_counts_once_and_bounded(api, clinic):
    PatientFactory.create_batch(25, clinic=clinic)
    sql = statements(lambda: api.get("/api/v1/patients/"))
    assert len(sql) == 4, sql  # the three above and one bounded count
    counts = [q for q in sql if "COUNT(" in q]
    assert len(counts) == 1 and "LIMIT 1000" in counts[0]


def test_assessment_detail_runs_six_statements(api, patient):
    record(api, patient, 1)
    assessment = api.get("/api/v1/assessments/").json()["results"][0]["id"]
    sql = statements(lambda: api.get(f"/api/v1/assessments/{assessment}/"))
    # the memberships (clinic ids and roles, once), the assessment with its patient, its
    # measurements, its findings, its item responses (a follow-up's, progress.md), the audit
    assert len(sql) == 6, sql


def test_assessment_post_runs_no_redundant_statement(api, patient):
    body = {"patient": patient.id, "assessed_on": "2025-01-03", "measurements": MEASUREMENTS}
    sql = statements(lambda: api.post("/api/v1/assessments/", body, format="json"))
    # memberships, the patient named, savepoint, the patient locked, insert the
    # assessment, insert the 7 measurements at once, store metrics, insert the findings at
    # once, the findings as stored (for the audit trail), audit, release; the response reads
    # measurements and findings: 14 (21 before: three SELECT 1 existence checks of rows just
    # read, a DELETE of no measurements, two reads of rows just written and a second read of
    # the measurements for the response); 15 since 2026.2: the engine reads the findings the
    # clinician dismissed (combined findings respect them); 14 since the request reads the
    # memberships once (clinic ids and roles were two reads).
    assert len(sql) == 14, sql
    assert not any(q.startswith("DELETE") or q.startswith("SELECT 1 AS") for q in sql)
