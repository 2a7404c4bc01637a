"""REST API v1: the OpenAPI document and docs are served, and every path follows the contract."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

# The two PDFs of api.md, an issued handout (handouts/{number}.pdf), the referral letter
# and a print batch's PDF
PDF_SUFFIXES = ("handout.pdf", "report.pdf", "}.pdf", "referral.pdf", "print-batches/{id}/pdf")


def schema(client) -> dict:
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_openapi_3_document_is_served(api):
    document = schema(api)
    assert document["openapi"].startswith("3.")
    for path in (
        "/api/v1/patients/",
        "/api/v1/patients/{id}/",
        "/api/v1/assessments/",
        "/api/v1/assessments/{id}/",
        "/api/v1/assessments/{id}/finalize/",
        "/api/v1/assessments/{id}/amend/",
        "/api/v1/assessments/{id}/clear-red-flags/",
        "/api/v1/findings/{id}/",
        "/api/v1/auth/token/",
        "/api/v1/auth/logout/",
    ):
        assert path in document["paths"], path


def test_every_path_ends_with_a_slash_except_the_pdfs(api):
    for path in schema(api)["paths"]:
        if path.endswith(PDF_SUFFIXES):
            assert not path.endswith("/"), path
        else:
            assert path.endswith("/"), path


def test_interactive_docs_are_served(api):
    assert api.get("/api/v1/docs/").status_code == 200


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_operation_ids_have_no_dots(api):
    ids = [operation["operationId"] for _, _, operation in operations(schema(api))]
    assert len(ids) == len(set(ids))
    assert [i for i in ids if "." in i] == []


def test_every_path_parameter_is_named_id(api):
    document = schema(api)
    for path, _, operation in operations(document):
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        # api.md names one other: an issued handout's number, /handouts/{number}.pdf
        names -= {"number"} if path.endswith("/handouts/{number}.pdf") else set()
        assert names <= {"id"}, path
        assert ("{id}" in path) == (names == {"id"}), path
    assert "/api/v1/assessments/{id}/handout.pdf" in document["paths"]
    assert "/api/v1/assessments/{id}/program/items/" in document["paths"]


def test_every_operation_documents_a_json_server_fault(api):
    for path, method, operation in operations(schema(api)):
        fault = operation["responses"]["500"]["content"]["application/json"]["schema"]
        assert fault == {"$ref": "#/components/schemas/ErrorDetail"}, (method, path)


def test_lists_document_a_400_for_unknown_parameters(api):
    for path, _, operation in operations(schema(api)):
        if any(p["name"] == "page" for p in operation.get("parameters", [])):
            assert "400" in operation["responses"], path


def test_vocabularies_are_named_enums(api):
    components = schema(api)["components"]["schemas"]
    for name in ("MeasurementCode", "FindingCode", "MetricCode", "RedFlagCode", "Side"):
        assert name in components, name
    assert "CodeEnum" not in components
    assert "ReasonEnum" not in components
    assert components["MeasurementCode"]["enum"][0] == "knee_extensor_strength"
    measurement = components["Measurement"]["properties"]
    assert measurement["code"] == {"$ref": "#/components/schemas/MeasurementCode"}


def _lists_labels(enum: list, description: str) -> bool:
    return all(f"`{value}` - " in description for value in enum if value not in ("", None))


def test_every_enum_names_its_values_with_labels(api):
    document = schema(api)
    for name, component in document["components"]["schemas"].items():
        if "enum" in component and name not in ("BlankEnum", "NullEnum"):
            assert _lists_labels(component["enum"], component.get("description", "")), name
    for path, _, operation in operations(document):
        for parameter in operation.get("parameters", []):
            if "enum" in parameter["schema"]:
                description = parameter.get("description", "")
                assert _lists_labels(parameter["schema"]["enum"], description), path


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_nothing_from_the_internet(client, path):
    """Swagger UI and ReDoc come from drf-spectacular-sidecar: the docs work offline."""
    response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls, page
    for url in urls:
        if url.startswith(path):  # Swagger's split view: its start-up script, from the app
            assert client.get(url).status_code == 200, url
            continue
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert "https://" not in page


TYPED = ("type", "$ref", "oneOf", "anyOf", "allOf")


def test_every_field_is_typed_and_responses_list_what_they_always_send(api):
    for name, component in schema(api)["components"]["schemas"].items():
        properties = component.get("properties", {})
        untyped = [field for field, spec in properties.items() if not any(k in spec for k in TYPED)]
        assert untyped == [], name
        if properties and not (name.endswith("Request") or name.startswith("Patched")):
            assert component["required"] == list(properties), name


def test_schema_generation_is_clean_with_fail_on_warn(tmp_path):
    call_command(
        "spectacular", validate=True, fail_on_warn=True, file=str(tmp_path / "schema.yaml")
    )
