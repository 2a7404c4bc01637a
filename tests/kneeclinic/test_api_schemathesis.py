"""REST API v1 fuzzed against its own OpenAPI document (issues "REST API v1" and 14, Done-when).

Schemathesis loads the schema the app serves at /api/v1/schema/ and, for every operation, runs
its examples, coverage (boundary values, valid and invalid) and fuzzing phases: a bounded
number of generated requests (schema-valid and schema-invalid) through the
in-process WSGI app, signed in with the token of a clinician whose clinic has real data. No
answer may be a 5xx, and each must have a documented status code and content type and match
the documented response schema. Hypothesis runs derandomized, without its example database,
so CI sees the same requests every time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assessments import catalogue
from assessments import services as assessment_services
from assessments.models import Finding
from patients.permissions import sync_clinician_group
from patients.services import patient_archive
from progress import services as prom_services
from reports import services as report_services
from reports.models import Exercise
from tests.factories import ClinicFactory, PatientFactory, UserFactory

# Over a minute on two cores (about 2,700 requests): marked, and still part of `make test`.
pytestmark = pytest.mark.slow

# Requests per operation: schema-valid ones, then schema-invalid ones (about 900 in all).
POSITIVE_EXAMPLES = 20
NEGATIVE_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
HYPOTHESIS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "phases": [Phase.explicit, Phase.generate],  # no shrinking: a failure prints its request
    # The seeded data is a function-scoped fixture on purpose: each example runs in a savepoint.
    "suppress_health_check": list(HealthCheck),
}
DAY = datetime.date(2025, 3, 2)


class InProcessApp:
    """Django's WSGI app, without the end-of-request database clean-up.

    Django's test client does the same: closing "old" connections after a request would end
    the test's transaction on PostgreSQL, and the seeded data with it.
    """

    def __init__(self) -> None:
        self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        response = None
        try:
            response = self.handler(environ, start_response)
            return [b"".join(response)]
        finally:
            if response is not None:
                response.close()
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


APP = InProcessApp()
SERVED_SCHEMA = schemathesis.openapi.from_wsgi(
    "/api/v1/schema/", APP, headers={"Accept": "application/vnd.oai.openapi+json"}
).raw_schema


def fuzzer(mode: str, max_examples: int, phases: dict | None = None):
    """The served schema, generating requests of one mode (positive: schema-valid)."""
    config = {
        "generation": {
            "mode": mode,
            "max-examples": max_examples,
            "deterministic": True,
            "with-security-parameters": False,  # the token is sent explicitly
        },
        # Fuzzing only unless told: the coverage and examples phases have a test of their own.
        "phases": phases or {"coverage": {"enabled": False}, "examples": {"enabled": False}},
    }
    loaded = schemathesis.openapi.from_dict(
        SERVED_SCHEMA, config=schemathesis.Config.from_dict(config)
    )
    loaded.app = APP
    for hook in (map_path_parameters, map_query, map_body):
        loaded.hook(hook)
    return loaded


# Ids (and exercise codes) of the seeded objects; the `token` fixture fills it in.
SEEDED: dict[str, list] = {}
RESOURCE_OF_SEGMENT = {
    "patients": "patient",
    "assessments": "assessment",
    "findings": "finding",
    "program-items": "program_item",
    "exercises": "exercise",
    "proms": "prom",
}


def _seeded_or(resource: str, value):
    """Most generated ids become seeded ones; one in len + 1 stays as generated (404, 400)."""
    values = SEEDED.get(resource)
    if not values or isinstance(value, bool) or not isinstance(value, int):
        return value
    slot = abs(value) % (len(values) + 1)
    return values[slot] if slot < len(values) else value


def _path_resource(operation, name: str) -> str | None:
    return RESOURCE_OF_SEGMENT.get(operation.path.split("/")[3])


def map_path_parameters(context, path_parameters):
    """Generated integer ids mostly become seeded ones: ids like 1, 2 mean something here."""
    for name, value in (path_parameters or {}).items():
        resource = _path_resource(context.operation, name)
        if resource is not None:
            path_parameters[name] = _seeded_or(resource, value)
    return path_parameters


def map_query(context, query):
    """Filters (`?patient=`, `?assessment=`, `?clinic=`) mostly name seeded objects."""
    if isinstance(query, dict):
        for name in ("patient", "assessment", "clinic"):
            if name in query:
                query[name] = _seeded_or(name, query[name])
    return query


def map_body(context, body):
    """A new assessment's `patient` and a program item's `exercise` mostly name real ones."""
    if not isinstance(body, dict):
        return body
    if "patient" in body and context.operation.path == "/api/v1/assessments/":
        body["patient"] = _seeded_or("patient", body["patient"])
    if isinstance(body.get("exercise"), str) and SEEDED.get("exercise_code"):
        # By code: the clinic's own, a shipped one, another clinic's, or the generated string.
        codes = SEEDED["exercise_code"]
        slot = len(body["exercise"]) % (len(codes) + 1)
        body["exercise"] = codes[slot] if slot < len(codes) else body["exercise"]
    return body


positive = fuzzer("positive", POSITIVE_EXAMPLES)
negative = fuzzer("negative", NEGATIVE_EXAMPLES)
# Examples and coverage phases: the schema's examples, then the boundary values of every
# parameter and body field, both valid and invalid (about 1,300 requests in all).
covered = fuzzer(
    "all",
    1,
    {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": False}},
)


def entry(code, side, value):
    return assessment_services.MeasurementEntry(catalogue.normalize_measurement(code, side, value))


MEASUREMENTS = [
    ("knee_to_wall", "left", Decimal("8")),
    ("knee_to_wall", "right", Decimal("8")),
    ("ely_test", "left", True),
    ("knee_extensor_strength", "left", Decimal("300")),
    ("knee_extensor_strength", "right", Decimal("400")),
]


@pytest.fixture
def token(db):
    """A clinic with an active and an archived patient; a draft and a final assessment with
    measurements, findings and home programs; a draft with an uncleared red flag; the clinic's
    own exercise; PROM responses. And a second clinic, whose objects must stay out of reach
    (404, 400).

    Returns the API token of a clinician of the first clinic.
    """
    clinic = ClinicFactory(name="Northside Physio")
    clinician = UserFactory(username="fuzz-clinician", clinic=clinic)
    clinician.groups.add(sync_clinician_group())
    other = ClinicFactory(name="Elsewhere Physio")
    outsider = UserFactory(username="fuzz-outsider", clinic=other)
    outsider.groups.add(sync_clinician_group())

    patient = PatientFactory(clinic=clinic, first_name="Ava", last_name="Lind")
    archived = PatientFactory(clinic=clinic, first_name="Bo", last_name="Berg")
    patient_archive(actor=clinician, patient=archived)
    foreign_patient = PatientFactory(clinic=other)

    def assessment(actor, whom, **fields):
        return assessment_services.assessment_create(
            actor=actor,
            patient=whom,
            assessed_on=DAY,
            measurements=[entry(*m) for m in MEASUREMENTS],
            **fields,
        )

    draft = assessment(clinician, patient)
    program = report_services.home_program_propose(assessment=draft, actor=clinician)
    final = assessment(clinician, patient)
    report_services.home_program_propose(assessment=final, actor=clinician)
    final = assessment_services.assessment_finalize(assessment=final, actor=clinician)
    flagged = assessment(clinician, patient, red_flags=["locked_knee"])
    foreign = assessment(outsider, foreign_patient)
    foreign_program = report_services.home_program_propose(assessment=foreign, actor=outsider)

    shipped = Exercise.objects.filter(clinic__isnull=True).order_by("id").first()
    fields = {name: getattr(shipped, name) for name in report_services.EXERCISE_FIELDS}
    own_exercise = report_services.exercise_create(
        clinic=clinic, actor=clinician, code="fuzz_step_up", **fields
    )
    foreign_exercise = report_services.exercise_create(
        clinic=other, actor=outsider, code="elsewhere_lunge", **fields
    )

    proms = [
        prom_services.prom_record(actor=actor, assessment=visit, instrument=code, answers=answers)
        for actor, visit, code, answers in [
            (clinician, draft, "koos", {"P1": 2, "Q1": 1, "Q2": 3}),
            (clinician, flagged, "lefs", {"1": 4}),
            (outsider, foreign, "kujala", {"1": 5}),
        ]
    ]

    def finding_ids(assessment, count):
        findings = Finding.objects.filter(assessment=assessment).order_by("id")
        return list(findings.values_list("id", flat=True))[:count]

    SEEDED.update(
        patient=[patient.pk, archived.pk, foreign_patient.pk],
        assessment=[draft.pk, final.pk, flagged.pk, foreign.pk],
        finding=finding_ids(draft, 4) + finding_ids(final, 2) + finding_ids(foreign, 1),
        program_item=[
            *program.items.order_by("position").values_list("id", flat=True)[:3],
            foreign_program.items.first().pk,
        ],
        exercise=[shipped.pk, own_exercise.pk, foreign_exercise.pk],
        exercise_code=[own_exercise.code, shipped.code, foreign_exercise.code],
        clinic=[clinic.pk, other.pk],
        prom=[prom.pk for prom in proms],
    )
    assert all(SEEDED.values()), SEEDED
    yield AuthToken.objects.create(user=clinician)[1]
    SEEDED.clear()


def call(case, headers: dict[str, str]):
    """One request, rolled back afterwards: every example starts from the seeded data."""
    if case.operation.path.endswith(".pdf"):
        headers = {**headers, "Accept": "application/pdf"}  # the documented media type
    with transaction.atomic():
        response = case.call(headers=headers)
        transaction.set_rollback(True)
    return response


def check(case, token: str) -> None:
    response = call(case, {"Authorization": f"Token {token}"})
    case.validate_response(response, checks=CHECKS)
    if case.method == "GET" and response.status_code == 200 and case.path.endswith(".pdf"):
        assert response.content.startswith(b"%PDF-")


@positive.parametrize()
@settings(max_examples=POSITIVE_EXAMPLES, **HYPOTHESIS)
def test_valid_requests_answer_as_documented(case, token):
    check(case, token)


@covered.parametrize()
@settings(**{**HYPOTHESIS, "phases": [Phase.explicit]})
def test_boundary_and_example_requests_answer_as_documented(case, token):
    check(case, token)


def _takes_input(ctx) -> bool:
    """Operations with something to get wrong (the index and logout take no input at all)."""
    raw = ctx.operation.definition.raw
    return bool(raw.get("parameters") or raw.get("requestBody") or "{" in ctx.operation.path)


@negative.include(_takes_input).parametrize()
@settings(max_examples=NEGATIVE_EXAMPLES, **HYPOTHESIS)
def test_invalid_requests_answer_as_documented(case, token):
    check(case, token)


def _needs_credentials(ctx) -> bool:
    return bool(ctx.operation.definition.raw.get("security"))


@positive.include(_needs_credentials).parametrize()
@settings(max_examples=2, **HYPOTHESIS)
def test_without_credentials_a_documented_401(case, db):
    response = call(case, {})
    case.validate_response(response, checks=CHECKS)
    assert response.status_code == 401, response.content
    assert response.headers["www-authenticate"] == ["Token"]
