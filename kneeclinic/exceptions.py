"""Turns domain exceptions into the status codes of ../shared/api.md; never a 500 for input."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

CONFLICTS: dict[type[Exception], str] = {}


def register_conflict(exc_type: type[Exception], message: str) -> type[Exception]:
    """Domain exceptions that mean a state conflict (409) register here, with their message."""
    CONFLICTS[exc_type] = message
    return exc_type


def api_exception_handler(exc, context):
    for exc_type, message in CONFLICTS.items():
        if isinstance(exc, exc_type):
            return Response({"detail": message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return exception_handler(exc, context)
