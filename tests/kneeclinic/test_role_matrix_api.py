"""Every API route, every method, every role (tests/role_matrix.py `API`): allowed, 403 inside
the clinic, 404 outside it, 401 without credentials; a refusal changes nothing but the audit
trail's record of it. A route in the OpenAPI schema without a row fails the coverage test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from patients.models import AuditEvent
from tests.role_matrix import API, NOT_IN_SCHEMA, ROLE_ORDER, Api, readme_table
from tests.role_world import World, snapshot, world_for_module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from world_for_module(django_db_blocker, tmp_path_factory)


METHODS = ("get", "post", "put", "patch", "delete")
REFUSED = {"400", "401", "403", "404"}


def schema_routes() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in METHODS
    }


def test_every_route_in_the_schema_has_a_row_in_the_matrix():
    rows = {(row.method, row.path) for row in API}
    missing = sorted(schema_routes() - rows)
    assert missing == [], f"add a row to tests/role_matrix.py API for: {missing}"
    stale = sorted(rows - schema_routes())
    assert stale == [], f"rows for routes the schema does not have: {stale}"


def api_paths(resolver: URLResolver | None = None, prefix: str = "/") -> set[str]:
    """Every path the URLconf serves under /api/v1/, spelled as the schema spells it."""
    found = set()
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found |= api_paths(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("/api/v1/"):
            found.add(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: f"{{{_param(m[1])}}}", route))
    return found


def _param(name: str) -> str:
    return "id" if name == "pk" else name


def test_the_schema_documents_every_route_of_the_urlconf():
    """So a view left out of the schema cannot slip past the matrix either."""
    documented = {path for _, path in schema_routes()}
    assert api_paths() - documented == NOT_IN_SCHEMA


def client_for(world: World, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens[role]}")
    return client


def request(world: World, row: Api, role: str):
    path = row.path.format(id=world.ids.get(row.obj, 0), number=world.handout_number)
    body = row.body(world, role) if callable(row.body) else row.body
    send = getattr(client_for(world, role), row.method)
    return send(path) if body is None else send(path, body, format="json")


CASES = [pytest.param(row, role, id=f"{row.name}-{role}") for row in API for role in ROLE_ORDER]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CASES)
def test_role_gets_the_documented_answer(world, row: Api, role: str):
    expected = row.expected()[role]
    before, last_event = snapshot(), AuditEvent.objects.order_by("-id").values("id").first()
    response = request(world, row, role)
    assert str(response.status_code) == expected, (
        f"{row.name} as {role}: {response.status_code}, expected {expected}: "
        f"{response.content[:300]!r}"
    )
    if role == "outsider" and expected.startswith("2"):
        # Their own clinic's lists: nothing of this clinic's in them.
        assert b"Lind" not in response.content, f"{row.name} shows this clinic's patient"
        listed = {item.get("id") for item in results_of(response)}
        if (row.method, row.path) == ("get", "/api/v1/exercises/"):  # shipped, not our copy
            assert listed and world.ids["exercise"] not in listed
    if expected in REFUSED:
        assert snapshot() == before, f"{row.name} as {role} was refused but changed records"
        new = AuditEvent.objects.filter(id__gt=last_event["id"] if last_event else 0)
        actions = list(new.values_list("action", flat=True))
        assert actions == refusal_events(row, expected), actions


def results_of(response) -> list[dict]:
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("results"), list):
            return body["results"]
    return []


def refusal_events(row: Api, expected: str) -> list[str]:
    """A refusal leaves one event: a denial (403, 404) or a failed sign-in; a 400 or 401 none."""
    if row.path.endswith("/auth/token/"):
        return ["sign_in_failed"]
    return ["denied"] if expected in {"403", "404"} else []


def test_readme_table_matches_the_matrix():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert readme_table() in readme, (
        "README.md's role table is out of date: paste `python -m tests.role_matrix`"
    )
