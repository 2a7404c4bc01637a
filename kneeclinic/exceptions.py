"""Turns domain exceptions into the status codes of ../shared/api.md; never a 500 for input."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from patients.errors import DomainError


def api_exception_handler(exc, context):
    """A domain error answers with its own status and body; the rest as DRF does."""
    if isinstance(exc, DomainError):
        return Response(exc.as_body(), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        response.data = {"non_field_errors": response.data}  # always an object (api.md)
    return response


ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "An error that is not about a particular field.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    "ValidationErrors": {
        "type": "object",
        "description": "Keys name the fields in error (`non_field_errors` for the request as a "
        "whole); each value lists messages saying what is allowed, nested for list items, "
        'e.g. `{"measurements": [{}, {"value": ["..."]}]}`. A request that cannot be read at '
        'all (malformed JSON) gives `{"detail": "..."}`. An unknown query parameter on a list is '
        "named as a key, its message listing the parameters the list reads.",
        "additionalProperties": {"$ref": "#/components/schemas/FieldErrors"},
    },
    "FieldErrors": {
        "description": "The messages of one field: a message, a list of messages, a list with "
        "one object per item of a list field, or an object for a nested field.",
        "oneOf": [
            {"type": "string"},
            {
                "type": "array",
                "items": {
                    "oneOf": [
                        {"type": "string"},
                        {"$ref": "#/components/schemas/ValidationErrors"},
                    ]
                },
            },
            {"$ref": "#/components/schemas/ValidationErrors"},
        ],
    },
}
ERROR_RESPONSES = {
    "400": ("ValidationErrors", "Invalid input; the body names the fields in error."),
    "401": ("ErrorDetail", "No valid credentials (token or session) were sent."),
    "404": ("ErrorDetail", "Not found, or not in your clinics."),
    "409": ("ErrorDetail", "State conflict, e.g. the assessment is final."),
    "500": ("ErrorDetail", "Server fault (a bug, never caused by client input); JSON too."),
}
PAGINATION_PARAMETERS = {"page", "page_size"}
NO_SUCH_PAGE = "No such page: `?page=` is not a number, or past the last page."


def _error_response(code: str, description: str | None = None) -> dict:
    component, default = ERROR_RESPONSES[code]
    return {
        "description": description or default,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def document_error_responses(result, generator, request, public):
    """drf-spectacular post-processing hook: the error answers of api.md, on every operation.

    401 where credentials are needed, 404 where the path names an object (or a list page that
    does not exist), 400 where there is input to validate; error answers a view declared
    without a body get the JSON body the exception handler sends.
    """
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            query = {p["name"] for p in parameters if p.get("in") == "query"}
            needed = {"500"}
            if operation.get("security") and {} not in operation["security"]:
                needed.add("401")
            if any(p.get("in") == "path" for p in parameters) or "page" in query:
                needed.add("404")
            if "requestBody" in operation or query - PAGINATION_PARAMETERS:
                needed.add("400")
            for code in sorted(needed - set(responses)):
                page_only = code == "404" and not any(p.get("in") == "path" for p in parameters)
                responses[code] = _error_response(code, NO_SUCH_PAGE if page_only else None)
            for code, response in responses.items():
                if code in ERROR_RESPONSES and "content" not in response:
                    responses[code] = _error_response(code, response.get("description"))
            operation["responses"] = dict(sorted(responses.items()))
    return result
