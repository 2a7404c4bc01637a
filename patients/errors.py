"""Domain exceptions: each carries its HTTP status, the field it concerns and its message.

Services raise them; the API's exception handler and the admin translate them as they are,
so a rule's message is written once, where the rule lives.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

ErrorBody = dict[str, Any]


class DomainError(Exception):
    """A write refused by a rule of the record."""

    status_code = 400
    message = "This change breaks a rule of the record."
    field: str | None = None

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        errors: ErrorBody | None = None,
    ) -> None:
        self.message = message or type(self).message
        if field is not None:
            self.field = field
        self.errors = errors
        super().__init__(self.message)

    def as_body(self) -> ErrorBody:
        """The error as the API sends it: per field, or `{"detail": ...}`."""
        if self.errors is not None:
            return self.errors
        if self.field:
            return {self.field: [self.message]}
        return {"detail": self.message}

    def messages(self) -> list[str]:
        """Every message, flattened, for a place that shows them as a list (the admin)."""
        return list(_flatten(self.as_body()))


class Invalid(DomainError):
    """Input that breaks a rule: 400, naming the fields."""


class Conflict(DomainError):
    """The record's state forbids the change (final, archived, already done): 409."""

    status_code = 409
    message = "The record's state does not allow this change."


def _flatten(body: Any) -> list[str]:
    if isinstance(body, str):
        return [body]
    if isinstance(body, dict):
        return [m for value in body.values() for m in _flatten(value)]
    if isinstance(body, list):
        return [m for value in body for m in _flatten(value)]
    return [str(body)]


def invalid_from(exc: ValidationError) -> Invalid:
    """A model's ValidationError (full_clean) as the domain error the API and admin show."""
    if hasattr(exc, "error_dict"):
        return Invalid(errors={k: list(v) for k, v in exc.message_dict.items()})
    return Invalid(errors={"non_field_errors": list(exc.messages)})


def validated(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Runs the model's own checks (fields, validators, clean); raises Invalid on a breach."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise invalid_from(exc) from exc


class StaleVersion(DomainError):
    """The client's copy is older than the row (If-Match, or an admin form opened earlier)."""

    status_code = 412
    message = (
        "Someone else changed this record after you opened it. Reload it to see their "
        "change, then make yours again."
    )


def check_version(row: models.Model, expected: int | None) -> None:
    """Refuses a write made from an older copy; None means the client did not say (api.md)."""
    if expected is not None and getattr(row, "version") != expected:  # noqa: B009
        raise StaleVersion()


def next_version(row: models.Model) -> list[str]:
    """Counts one more change on the row; returns the field to add to update_fields."""
    setattr(row, "version", getattr(row, "version") + 1)  # noqa: B009, B010
    return ["version"]
