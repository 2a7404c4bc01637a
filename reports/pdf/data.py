"""Plain input of the PDF renderers: frozen dataclasses that reports/handouts.py fills."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from reports.pdf.wording import GENERAL_EXERCISE_NOTE

PageSize = Literal["A4", "LETTER"]
EMERGENCY_DEFAULT = "your local emergency number"  # when the clinic gave no emergency number
Side = Literal["left", "right", "both"]
Value = Decimal | int | bool | None  # a measured value; bool for the yes/no tests
# Change between visits (progress.md): each label in the clinician's words.
CHANGE_LABELS = {
    "improved": "Improved",
    "worse": "Worse",
    "no_clear_change": "No clear change",
    "changed": "Changed",
    "unchanged": "Unchanged",
}


@dataclass(frozen=True)
class ClinicInfo:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    emergency_phone: str = ""  # empty: the handout says "your local emergency number"


@dataclass(frozen=True)
class HandoutFinding:
    """One "What we found" paragraph: proposed or confirmed findings only (rules.md)."""

    title: str  # patient words, e.g. "Weaker thigh muscles"
    patient_text: str
    side: Side | None = None


@dataclass(frozen=True)
class HandoutExercise:
    name: str
    steps: tuple[str, ...]
    dosage_text: str  # from reports.dosage.dosage_in_words
    cue: str
    why: str = ""  # one line naming the findings; empty means the general exercise note
    side: Side | None = None  # one-leg exercises only: a two-leg exercise prints no side
    picture: bytes | None = None  # PNG or JPEG, already scaled to print size when uploaded
    code: str = ""  # the catalogue code: its drawing prints when the clinic uploaded no picture
    per_week: int = 7  # days a week: the tick log has a box for each planned day


@dataclass(frozen=True)
class Referral:
    """Uncleared red flags: the handout prints this notice instead of exercises."""

    flags: tuple[str, ...]  # each flag in patient words, e.g. "Your knee locked and will not move"
    tier: str = "urgent"  # the most urgent tier of the flags: emergency | urgent | routine


@dataclass(frozen=True)
class LoadFacts:
    """What the assessment records about the patient's load: the understanding page's advice
    is chosen from it (reports/pdf/understanding.py)."""

    activity: str = ""  # free text, e.g. "Runs 20 km a week"
    occupation: str = ""  # free text, e.g. "Accountant"
    pain_sites: tuple[str, ...] = ()  # codes of assessments.catalogue.PAIN_SITES, e.g. "anterior"


@dataclass(frozen=True)
class HandoutData:
    clinic: ClinicInfo
    patient_name: str
    assessment_date: date
    clinician_name: str
    findings: tuple[HandoutFinding, ...] = ()
    exercises: tuple[HandoutExercise, ...] = ()
    referral: Referral | None = None
    general_exercise_note: str = GENERAL_EXERCISE_NOTE
    page_size: PageSize = "A4"
    language: str = "en"
    weeks_until_next_visit: int = 6  # the tick log spans these weeks (program setting, 1-12)
    show_understanding_page: bool = True  # "Understanding your knee" (program setting)
    load: LoadFacts = field(default_factory=LoadFacts)


@dataclass(frozen=True)
class PatientDetails:
    name: str
    date_of_birth: date | None = None
    sex: str = ""
    affected_side: str = ""
    occupation: str = ""
    activity: str = ""


@dataclass(frozen=True)
class AssessmentDetails:
    assessed_on: date
    clinician: str
    status: str  # "draft" | "final"
    ruleset_version: str
    body_mass_kg: Decimal | None = None
    height_cm: Decimal | None = None
    pain_nprs: int | None = None
    pain_sites: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()  # in words
    clearance: str = ""  # e.g. "Cleared 2026-03-02 by Dr A: imaging normal"; empty if none
    gait_notes: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MeasurementRow:
    label: str  # test name, e.g. "Knee extensor strength"
    left: Value
    right: Value
    unit: str | None = None  # as stored (N for force); None for yes/no tests
    method: str = ""  # e.g. "Handheld dynamometer, isometric"


@dataclass(frozen=True)
class MetricRow:
    label: str  # e.g. "Limb symmetry index, knee extensors"
    side: Side | None
    value: Decimal
    unit: str | None = None  # "%", "%BW", "cm"; None for ratios (printed to 2 decimals)
    threshold: str = ""  # the rule cut-offs as printed, e.g. "< 90%" or "< 0.47"; empty if none
    flagged: bool = False  # a rule fired on this metric (the engine says so; never re-derived)
    value_text: str = ""  # the value as assessments.numbers prints it; empty: formatted here


@dataclass(frozen=True)
class StrengthBar:
    """One muscle group in the left-vs-right chart; groups are charted per unit."""

    group: str  # patient or clinical words, e.g. "Quadriceps"
    left: Decimal | None
    right: Decimal | None
    unit: str  # "N" or "Nm"
    threshold_percent: Decimal | None = None  # e.g. 90: line at 90 % of the stronger side


@dataclass(frozen=True)
class ReportFinding:
    title: str
    side: Side | None
    severity: str
    evidence: str  # grade, "A" to "C"
    status: str  # "proposed", "to_confirm", "confirmed", "dismissed"
    value: Decimal | bool | None
    threshold: Decimal | None
    unit: str | None
    explanation: str
    reference: str  # the full reference (authors, year, journal, DOI)
    note: str = ""
    value_text: str = ""  # as assessments.numbers prints it; empty: formatted here
    threshold_text: str = ""


@dataclass(frozen=True)
class TrendSeries:
    label: str  # e.g. "LSI knee extensors"
    unit: str | None  # without a chart title, series are charted together per unit
    values: tuple[Decimal | None, ...]  # one per visit date; None where not measured
    chart: str = ""  # the chart's title: series with the same title share a chart
    band: tuple[Decimal, Decimal] | None = None  # shaded: the first value +/- the threshold
    band_note: str = ""  # what the shading means, for the legend (one per chart)
    scale_max: Decimal | None = None  # the axis top of a bounded scale (NPRS 10, KOOS 100)


@dataclass(frozen=True)
class Trend:
    visit_dates: tuple[date, ...] = ()  # oldest first, the current visit last; each visit once
    series: tuple[TrendSeries, ...] = ()


@dataclass(frozen=True)
class ChangeRow:
    """One measure or PROM score of "Since last visit", as printed."""

    measure: str  # e.g. "Single-leg squat FPPA", "KOOS pain"
    side: Side | None
    earlier: str
    later: str
    change: str  # signed with its unit; empty for a yes/no test (the label says it)
    threshold: str  # with its source, e.g. "8 deg (Munro2012)"; empty without one
    label: str  # improved | worse | no_clear_change | changed | unchanged

    @property
    def label_words(self) -> str:
        return CHANGE_LABELS.get(self.label, self.label)


@dataclass(frozen=True)
class ItemResponseLine:
    exercise: str  # the previous program's exercise (and its side)
    dosage: str
    response: str  # in words, e.g. "Flare-up (worse next day)"
    days_done_per_week: int | None = None


@dataclass(frozen=True)
class SinceLastVisit:
    earlier_date: date  # the visit before the reported one
    measures: tuple[ChangeRow, ...] = ()
    new_findings: tuple[str, ...] = ()  # clinical titles with side
    resolved_findings: tuple[str, ...] = ()
    persisting_findings: tuple[str, ...] = ()
    proms: tuple[ChangeRow, ...] = ()
    item_responses: tuple[ItemResponseLine, ...] = ()


@dataclass(frozen=True)
class ReportData:
    clinic: ClinicInfo
    patient: PatientDetails
    assessment: AssessmentDetails
    measurements: tuple[MeasurementRow, ...] = ()
    metrics: tuple[MetricRow, ...] = ()
    strength_bars: tuple[StrengthBar, ...] = ()
    findings: tuple[ReportFinding, ...] = ()
    trend: Trend = field(default_factory=Trend)  # empty when this is the only visit
    since_last: SinceLastVisit | None = None  # None when this is the only visit
    page_size: PageSize = "A4"
    language: str = "en"


@dataclass(frozen=True)
class ReferralFlag:
    words: str  # clinical words, e.g. "Calf swelling or tenderness (possible clot)"
    tier: str  # emergency | urgent | routine


@dataclass(frozen=True)
class BriefFinding:
    """One line of the referral letter's "assessment in brief"."""

    title: str  # clinical name
    side: Side | None
    value_text: str  # as assessments.numbers prints it; empty for boolean-only findings
    status: str = ""


@dataclass(frozen=True)
class ReferralLetterData:
    """The referral letter for the patient's doctor (rules.md, Red flags)."""

    clinic: ClinicInfo
    patient: PatientDetails
    assessed_on: date
    clinician: str
    tier: str  # the most urgent tier of the flags
    flags: tuple[ReferralFlag, ...]
    clinician_email: str = ""
    pain_nprs: int | None = None
    pain_sites: tuple[str, ...] = ()
    findings: tuple[BriefFinding, ...] = ()
    measurements: tuple[MeasurementRow, ...] = ()
    notes: str = ""
    page_size: PageSize = "A4"
    language: str = "en"
