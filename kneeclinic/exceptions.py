"""Turns domain exceptions into the status codes of ../shared/api.md; never a 500 for input."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from assessments import services as assessment_services
from patients import services as patient_services
from reports import services as report_services

CONFLICTS: dict[type[Exception], str] = {
    assessment_services.AssessmentIsFinal: (
        "This assessment is final and cannot be changed. Amend it to make corrections."
    ),
    assessment_services.AssessmentAlreadyFinal: "This assessment is already final.",
    assessment_services.AssessmentNotFinal: "Only a final assessment can be amended.",
    assessment_services.AmendmentAlreadyOpen: (
        "This assessment already has an open amendment; finish or archive that draft first."
    ),
    assessment_services.NothingToClear: "There is no uncleared red flag on this assessment.",
    report_services.RedFlagsUncleared: (
        "A red flag stands uncleared: refer the patient, or record a clearance "
        "(clear-red-flags) before proposing a home program."
    ),
    report_services.NoProgram: (
        "No home program has been proposed for this assessment yet: POST to its program/ first."
    ),
}
BAD_REQUESTS: dict[type[Exception], dict[str, list[str]]] = {
    assessment_services.PatientIsArchived: {
        "patient": ["This patient is archived; restore them before recording an assessment."]
    },
    patient_services.NotAMember: {"clinic": ["You are not a member of this clinic."]},
}


def register_conflict(exc_type: type[Exception], message: str) -> None:
    """Other apps' state conflicts (e.g. a program refused while a red flag stands)."""
    CONFLICTS[exc_type] = message


def api_exception_handler(exc, context):
    for exc_type, message in CONFLICTS.items():
        if isinstance(exc, exc_type):
            return Response({"detail": message}, status=status.HTTP_409_CONFLICT)
    for exc_type, errors in BAD_REQUESTS.items():
        if isinstance(exc, exc_type):
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    return exception_handler(exc, context)
