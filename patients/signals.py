"""Signals other apps listen to without patients importing them (apps import one way)."""

from django.dispatch import Signal

# Sent with `patient` when sex or date of birth change: the rules read both.
patient_clinical_data_changed = Signal()
