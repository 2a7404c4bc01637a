"""OpenAPI post-processing: what DRF always sends is documented as always there."""

from __future__ import annotations

import inspect
import re

from patients.serializers import ExplainedChoicesMixin

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
