"""REST API v1: the OpenAPI document and docs are served, and every path follows the contract."""

from __future__ import annotations

import json

# The two PDFs of api.md, and an issued handout: handouts/{number}.pdf
PDF_SUFFIXES = ("handout.pdf", "report.pdf", "}.pdf")


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
