"""drf-spectacular hooks for what every operation shares: roles (403) and versions (412)."""

from __future__ import annotations

from typing import Any

VERSIONED = ("/patients/{id}/", "/assessments/{id}/", "/findings/{id}/", "/program-items/{id}/")
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the copy you changed. A mismatch is a 412 with the record as "
    "it is now; without it the write applies.",
}
FORBIDDEN = {
    "description": "Your role in this clinic does not allow this (the object is in your clinics).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorDetail"}}},
}


def _current_schema(operations: dict[str, Any]) -> dict[str, Any]:
    ok = operations.get("patch", {}).get("responses", {}).get("200", {})
    return ok.get("content", {}).get("application/json", {}).get("schema", {"type": "object"})


def document_roles_and_versions(result, generator, request, public):
    """403 where credentials are needed; If-Match and 412 on writes of versioned records."""
    for path, operations in result.get("paths", {}).items():
        versioned = path.endswith(VERSIONED)
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if operation.get("security") and {} not in operation["security"]:
                responses.setdefault("403", FORBIDDEN)
            if versioned and method in ("patch", "put", "delete"):
                operation.setdefault("parameters", []).append(IF_MATCH)
                schema = _current_schema(operations)
                responses["412"] = {
                    "description": "If-Match no longer matches: the record as it is now.",
                    "content": {"application/json": {"schema": schema}},
                }
            operation["responses"] = dict(sorted(responses.items()))
    return result
