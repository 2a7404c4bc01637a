"""The pure rules engine (ruleset 2026.2): measurements in, metrics and findings out."""

from .engine import evaluate
from .inputs import AssessmentInput, MeasurementInput
from .references import REFERENCES, Reference, Work, cite
from .results import (
    FINDING_CODES,
    METRIC_CODES,
    RETIRED_FINDING_CODES,
    RULESET_VERSION,
    SEVERITY_RANK,
    Cutoff,
    Evaluation,
    Finding,
    Metric,
)
from .texts import (
    LABELS,
    PATIENT_TITLES,
    all_patient_texts,
    label,
    patient_text,
    patient_title,
)
from .thresholds import THRESHOLDS, Threshold

__all__ = [
    "FINDING_CODES",
    "LABELS",
    "METRIC_CODES",
    "PATIENT_TITLES",
    "REFERENCES",
    "RETIRED_FINDING_CODES",
    "RULESET_VERSION",
    "SEVERITY_RANK",
    "THRESHOLDS",
    "AssessmentInput",
    "Cutoff",
    "Evaluation",
    "Finding",
    "MeasurementInput",
    "Metric",
    "Reference",
    "Threshold",
    "Work",
    "all_patient_texts",
    "cite",
    "evaluate",
    "label",
    "patient_text",
    "patient_title",
]
