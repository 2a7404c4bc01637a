"""Change between two visits (pure, standard library only): measures, labels, findings."""

from .compare import compare, finding_transitions, judge
from .inputs import FindingState, MeasurementValue, MetricValue, PromScore, VisitData
from .results import (
    CHANGED,
    IMPROVED,
    NO_CLEAR_CHANGE,
    UNCHANGED,
    WORSE,
    Change,
    FindingKey,
    FindingTransitions,
    MeasureChange,
    PromChange,
)
from .thresholds import CLINIC_SETTING, THRESHOLDS, ChangeThreshold, with_clinic_settings

__all__ = [
    "CHANGED",
    "CLINIC_SETTING",
    "IMPROVED",
    "NO_CLEAR_CHANGE",
    "THRESHOLDS",
    "UNCHANGED",
    "WORSE",
    "Change",
    "ChangeThreshold",
    "FindingKey",
    "FindingState",
    "FindingTransitions",
    "MeasureChange",
    "MeasurementValue",
    "MetricValue",
    "PromChange",
    "PromScore",
    "VisitData",
    "compare",
    "finding_transitions",
    "judge",
    "with_clinic_settings",
]
