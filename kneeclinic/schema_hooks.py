"""drf-spectacular hooks for what every operation shares: roles (403), versions (412), and
a typed schema (response fields required, ids positive, descriptions of their own)."""

from __future__ import annotations

import inspect
import re
from typing import Any

from patients.serializers import ExplainedChoicesMixin

VERSIONED = (
    "/patients/{id}/",
    "/assessments/{id}/",
    "/assessments/{id}/measurements/",
    "/findings/{id}/",
    "/program-items/{id}/",
)
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


REQUEST_COMPONENT = re.compile(r"^Patched.+|.+Request$")


def require_response_fields(result, generator, request, public):
    """drf-spectacular hook: every property of a response component is required.

    A serializer's output holds every readable field (null where empty), whether or not the
    field is required on input; a generated client should not have to test for absent keys.
    Request components keep their own `required` lists.
    """
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if REQUEST_COMPONENT.match(name) or "properties" not in component:
            continue
        component["required"] = list(component["properties"])
    return result


def drop_inherited_descriptions(result, generator, request, public):
    """drf-spectacular hook: a serializer's description is its own docstring, not that of a
    mixin it inherits (ExplainedChoicesMixin would describe every component)."""
    mixin_doc = inspect.getdoc(ExplainedChoicesMixin)
    for component in result.get("components", {}).get("schemas", {}).values():
        if component.get("description") == mixin_doc:
            del component["description"]
    return result


def ids_are_positive(result, generator, request, public):
    """drf-spectacular hook: a path `{id}` is a positive integer (the URL takes digits only)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter["in"] == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"]["minimum"] = 1
    return result
