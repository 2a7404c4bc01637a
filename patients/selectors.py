"""Shared reads of patients: each starts from `for_user`, scoped by the user's clinic ids."""

from __future__ import annotations

from django.db.models import Q

from patients.models import AuditEvent, Clinic, Patient, PatientQuerySet
from patients.search import search_terms


def patient_list(*, user) -> PatientQuerySet:
    """The patients of the user's clinics in the documented order (api.md)."""
    return Patient.objects.for_user(user).order_by("last_name", "first_name", "id")


def name_matches(query: str) -> Q:
    """Patients whose name holds every word of `query`, ignoring case and accents
    ("muller zoe" finds Zoë Müller-Łukasiewicz). A trigram index serves it on PostgreSQL."""
    condition = Q()
    for term in search_terms(query):
        condition &= Q(search_name__contains=term)
    return condition


def clinics_of(*, user):
    return Clinic.objects.for_user(user).order_by("name", "id")


def audit_trail(*, user):
    return AuditEvent.objects.for_user(user).select_related("user", "patient")


def patient_audit_trail(*, patient: Patient):
    """Every event on one patient, newest first (read only by clinic admins)."""
    return AuditEvent.objects.filter(patient=patient).order_by("-at", "-id")
