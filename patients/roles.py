"""Who may do what in which clinic: the rights of each role (api.md "Roles").

Services ask `require(actor, right, clinic_id)` before they write; views and the admin ask
`clinic_ids_with(user, right)` to scope what they list. Outside the user's clinics an object
is not found (404); inside them, a role that lacks the right is refused (403).
"""

from __future__ import annotations

from enum import StrEnum

from patients.errors import DomainError
from patients.models import Role, roles_of


class Right(StrEnum):
    PATIENT_IDENTITY = "patient_identity"  # list, register, edit identity and contact fields
    CLINICAL = "clinical"  # clinical fields, assessments, findings, programs, PDFs, exercises
    MANAGE_CLINIC = "manage_clinic"  # members, roles, clinic settings, the audit trail


RIGHTS: dict[str, frozenset[Right]] = {
    Role.ASSISTANT: frozenset({Right.PATIENT_IDENTITY}),
    Role.CLINICIAN: frozenset({Right.PATIENT_IDENTITY, Right.CLINICAL}),
    Role.CLINIC_ADMIN: frozenset({Right.PATIENT_IDENTITY, Right.CLINICAL, Right.MANAGE_CLINIC}),
}

RIGHT_WORDS = {
    Right.PATIENT_IDENTITY: "register patients",
    Right.CLINICAL: "see or change clinical records",
    Right.MANAGE_CLINIC: "manage the clinic and read its audit trail",
}


class NotAllowed(DomainError):
    """The user's role in this clinic lacks the right: 403."""

    status_code = 403
    message = "Your role in this clinic does not allow this."


def has_right(user, right: Right, clinic_id: int | None) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    role = roles_of(user).get(clinic_id) if clinic_id is not None else None
    return role is not None and right in RIGHTS[role]


def clinic_ids_with(user, right: Right) -> list[int]:
    """The clinics where the user holds the right (every clinic for a superuser's scope)."""
    return sorted(c for c, role in roles_of(user).items() if right in RIGHTS[role])


def require(user, right: Right, clinic_id: int | None) -> None:
    if not has_right(user, right, clinic_id):
        raise NotAllowed(f"Your role in this clinic does not allow you to {RIGHT_WORDS[right]}.")
