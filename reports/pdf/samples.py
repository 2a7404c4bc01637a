"""Example handout and report data: for previews (docs/*.png), the benchmark and the tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from reports.dosage import dosage_in_words
from reports.exercise_catalogue import EXERCISES
from reports.pdf.data import (
    AssessmentDetails,
    ChangeRow,
    ClinicInfo,
    HandoutData,
    HandoutExercise,
    HandoutFinding,
    ItemResponseLine,
    LoadFacts,
    MeasurementRow,
    MetricRow,
    PatientDetails,
    ReportData,
    ReportFinding,
    SinceLastVisit,
    StrengthBar,
    Trend,
    TrendSeries,
)
from reports.pdf.wording import OTHER_LEG_STEP

CLINIC = ClinicInfo(
    name="Riverside Knee & Hip Physiotherapy",
    address="12 Mill Lane, Bristol BS1 4AB",
    phone="0117 496 0000",
    email="hello@riverside-physio.example",
)
PATIENT_NAME = "Zoë Müller-Łukasiewicz"
VISIT = date(2026, 3, 12)

_WHY = {
    "quad": "To help with weaker front thigh muscles.",
    "hip": "To help with weaker outer hip muscles and knee moves inward.",
    "valgus": "To help with knee moves inward.",
    "calf": "To help with tight calf muscles.",
}

# (code, side, reason), in program order (rules.md, The program).
_PROGRAM = (
    ("wall_squat", "left", "quad"),
    ("quad_set", "left", "quad"),
    ("step_down", "left", "quad"),
    ("side_lying_hip_abduction", "left", "hip"),
    ("clamshell", "left", "hip"),
    ("glute_bridge", None, ""),
    ("squat_knee_alignment", "left", "valgus"),
    ("standing_calf_stretch", "right", "calf"),
)


def sample_exercise(code: str, side: Any = None, why: str = "") -> HandoutExercise:
    """A handout exercise from the shipped catalogue at its default dosage; the side of a
    two-leg exercise is dropped (it prints none), as reports/handouts.py does."""
    spec = EXERCISES[code]
    side = side if spec.one_leg else None
    dosage = dosage_in_words(
        kind=spec.kind, sets=spec.sets, reps=spec.reps, hold_seconds=spec.hold_seconds,
        per_week=spec.per_week, per_day=spec.per_day,
        one_leg=spec.one_leg and side in (None, "both"),
    )  # fmt: skip
    steps = spec.steps + ((OTHER_LEG_STEP,) if spec.one_leg and side in (None, "both") else ())
    return HandoutExercise(
        name=spec.name, steps=steps, dosage_text=dosage, cue=spec.cue, why=why, side=side,
        code=code, per_week=spec.per_week,
    )  # fmt: skip


def sample_handout(**changes: Any) -> HandoutData:
    """A typical handout: four findings, eight exercises; keyword arguments replace fields."""
    findings = (
        HandoutFinding("Weaker thigh muscles", "The muscles on the front of your left thigh are "
                       "weaker than on your right. Strong thigh muscles help take load off "
                       "your knee.", "left"),
        HandoutFinding("Weaker hip muscles", "The muscles on the outside of your left hip are "
                       "weaker than on your right. They help keep your knee in line when you "
                       "walk, climb stairs or run.", "left"),
        HandoutFinding("Knee moves inward", "Your knee moves inward when you bend it while you "
                       "stand on your left leg.", "left"),
        HandoutFinding("Stiff ankle", "Your right ankle does not bend forward as far as it "
                       "should. A tight calf can cause this.", "right"),
    )  # fmt: skip
    exercises = tuple(
        sample_exercise(code, side, _WHY.get(reason, "")) for code, side, reason in _PROGRAM
    )
    data = HandoutData(
        clinic=CLINIC, patient_name=PATIENT_NAME, assessment_date=VISIT,
        clinician_name="Sam O'Neill", findings=findings, exercises=exercises,
        load=LoadFacts(activity="Runs 25 km a week", occupation="Accountant",
                       pain_sites=("anterior",)),
    )  # fmt: skip
    return replace(data, **changes)


HHD = "Handheld dynamometer, isometric"
LSI90_REF = (
    "Grindem H et al 2016, Br J Sports Med 50:804, doi:10.1136/bjsports-2016-096031; "
    "Noyes FR et al 1991, Am J Sports Med 19:513, doi:10.1177/036354659101900518"
)
ROBINSON_REF = "Robinson RL, Nee RJ 2007, JOSPT 37:232, doi:10.2519/jospt.2007.2439"
WBLT_REF = (
    "Bennell K et al 1998, Aust J Physiother 44:175; Piva SR et al 2005, JOSPT 35:793, "
    "doi:10.2519/jospt.2005.35.12.793"
)
HERRINGTON_REF = "Herrington L, Munro A 2010, Phys Ther Sport 11:56, doi:10.1016/j.ptsp.2009.11.004"
PIVA_REF = "Piva SR et al 2006, BMC Musculoskelet Disord 7:33, doi:10.1186/1471-2474-7-33"

_MEASUREMENTS = (
    MeasurementRow("Knee extensor strength", Decimal("310"), Decimal("402"), "N", HHD),
    MeasurementRow("Knee flexor strength", Decimal("180"), Decimal("205"), "N", HHD),
    MeasurementRow("Hip abductor strength", Decimal("150"), Decimal("190"), "N", HHD),
    MeasurementRow("Hip adductor strength", Decimal("140"), Decimal("150"), "N", HHD),
    MeasurementRow("Hip extensor strength", Decimal("220"), Decimal("230"), "N", HHD),
    MeasurementRow("Modified Thomas, thigh angle", Decimal("-5"), Decimal("-8"), "deg"),
    MeasurementRow("Knee-to-wall distance", Decimal("11.5"), Decimal("8.0"), "cm"),
    MeasurementRow("Single-leg squat FPPA", Decimal("14"), Decimal("8"), "deg"),
    MeasurementRow("Trendelenburg test", False, False, None),
    MeasurementRow("Lateral step-down score", 2, 1, "points"),
    MeasurementRow("Single-leg heel raise", 27, 29, "reps"),
)

_METRICS = (
    MetricRow("H:Q ratio (hhd isometric)", "left", Decimal("0.5806"), None, "> 1.00"),
    MetricRow("H:Q ratio (hhd isometric)", "right", Decimal("0.5100"), None, "> 1.00"),
    MetricRow("Adductor:abductor ratio", "left", Decimal("0.9333"), None),
    MetricRow("Adductor:abductor ratio", "right", Decimal("0.7895"), None),
    MetricRow("LSI knee extensors", None, Decimal("77.11"), "%", "< 90%", True),
    MetricRow("LSI hip abductors", None, Decimal("78.95"), "%", "< 90%", True),
    MetricRow("LSI knee flexors", None, Decimal("87.80"), "%", "< 90%", True),
    MetricRow("Knee extensors per body weight", "left", Decimal("46.88"), "%BW"),
    MetricRow("Knee extensors per body weight", "right", Decimal("60.80"), "%BW"),
)

_BARS = (
    StrengthBar("Quadriceps", Decimal("310"), Decimal("402"), "N", Decimal("90")),
    StrengthBar("Hamstrings", Decimal("180"), Decimal("205"), "N", Decimal("90")),
    StrengthBar("Hip abductors", Decimal("150"), Decimal("190"), "N", Decimal("90")),
    StrengthBar("Hip adductors", Decimal("140"), Decimal("150"), "N", Decimal("90")),
    StrengthBar("Hip extensors", Decimal("220"), Decimal("230"), "N", Decimal("90")),
)


def _lsi_finding(
    title: str, severity: str, evidence: str, value: str, muscles: str, ref: str
) -> ReportFinding:
    return ReportFinding(
        title=title, side="left", severity=severity, evidence=evidence,
        status="proposed", value=Decimal(value), threshold=Decimal("90"), unit="%",
        explanation=f"Handheld dynamometry of the {muscles}: the left side is {value}% of the "
        "right (limb symmetry index), below the 90% reference.",
        reference=ref,
    )  # fmt: skip


_FINDINGS = (
    _lsi_finding("Quadriceps weakness", "moderate", "A", "77.1", "knee extensors", LSI90_REF),
    _lsi_finding("Hamstring weakness", "mild", "C", "87.8", "knee flexors", LSI90_REF),
    _lsi_finding("Hip abductor weakness", "moderate", "B", "78.9", "hip abductors",
                 ROBINSON_REF),
    ReportFinding("Calf tightness", "right", "mild", "C", "confirmed",
                  Decimal("8.0"), Decimal("10"), "cm",
                  "Weight-bearing lunge: toe-to-wall distance 8.0 cm, below the 10 cm "
                  "heuristic for restricted ankle dorsiflexion.", WBLT_REF),
    ReportFinding("Dynamic knee valgus", "left", "moderate", "B", "proposed",
                  Decimal("14"), Decimal("12"), "deg",
                  "Single-leg squat frontal plane projection angle 14 deg, above the "
                  "5-12 deg normal range for women.", HERRINGTON_REF),
    ReportFinding("Poor step-down control", "left", "moderate", "B", "proposed",
                  Decimal("2"), Decimal("2"), "points",
                  "Lateral step-down score 2 (moderate quality, 2-3).", PIVA_REF),
)  # fmt: skip

_DATES = (date(2025, 11, 20), date(2026, 1, 15), VISIT)


def _band(size: str) -> str:
    return f"shaded: first visit \N{PLUS-MINUS SIGN} {size}"


_TREND = Trend(
    visit_dates=_DATES,
    series=(
        TrendSeries("LSI", "%", (Decimal("68.2"), Decimal("72.5"), Decimal("77.1")),
                    chart="LSI, knee extensor strength (%)",
                    band=(Decimal("58.2"), Decimal("78.2")),
                    band_note=_band("10.0% (test error, Convention)")),
        TrendSeries("Left", "deg", (Decimal("18"), Decimal("15"), Decimal("9")),
                    chart="Single-leg squat frontal plane projection angle (deg)",
                    band=(Decimal("10"), Decimal("26")),
                    band_note=_band("8 deg (test error, Munro2012)")),
        TrendSeries("Right", "deg", (Decimal("8"), None, Decimal("7")),
                    chart="Single-leg squat frontal plane projection angle (deg)",
                    band=(Decimal("0"), Decimal("16")),
                    band_note=_band("8 deg (test error, Munro2012)")),
        TrendSeries("Kujala AKPS total", "points", (Decimal("62"), Decimal("70"), Decimal("79")),
                    chart="Kujala AKPS total (0-100)", band=(Decimal("52"), Decimal("72")),
                    band_note=_band("10 points (MIC, Crossley2004)"),
                    scale_max=Decimal("100")),
        TrendSeries("Pain", "points", (Decimal("7"), Decimal("5"), Decimal("4")),
                    chart="Pain (NPRS 0-10)", band=(Decimal("5"), Decimal("9")),
                    band_note=_band("2 points (MIC, Farrar2001)"),
                    scale_max=Decimal("10")),
    ),
)  # fmt: skip

_SINCE_LAST = SinceLastVisit(
    earlier_date=_DATES[1],
    measures=(
        ChangeRow("Pain (NPRS 0-10)", None, "5 points", "4 points", "-1 points",
                  "2 points (Farrar2001)", "no_clear_change"),
        ChangeRow("Knee extensor strength", "left", "262.4 N", "300 N", "+37.6 N",
                  "39.4 N (Convention)", "no_clear_change"),
        ChangeRow("Single-leg squat frontal plane projection angle", "left", "15 deg", "9 deg",
                  "-6 deg", "8 deg (Munro2012)", "no_clear_change"),
        ChangeRow("Knee-to-wall (weight-bearing lunge)", "left", "7 cm", "9.5 cm", "+2.5 cm",
                  "2 cm (Rabin2015)", "improved"),
        ChangeRow("Limb symmetry index, knee extensor strength", None, "72.5%", "77.1%", "+4.6%",
                  "10.0% (Convention)", "no_clear_change"),
    ),
    resolved_findings=("Calf tightness (restricted ankle dorsiflexion) \N{EN DASH} left",),
    persisting_findings=("Quadriceps weakness \N{EN DASH} left",
                         "Dynamic knee valgus \N{EN DASH} left"),
    proms=(ChangeRow("Kujala AKPS total", None, "70", "79", "+9", "10 (Crossley2004)",
                     "no_clear_change"),),
    item_responses=(
        ItemResponseLine("Wall squat", "3 sets of 10, 3 days a week", "Too easy", 3),
        ItemResponseLine("Clamshell (left)", "3 sets of 15, 3 days a week", "About right", 3),
        ItemResponseLine("Step-down (left)", "3 sets of 8, 3 days a week",
                         "Flare-up (worse next day)", 1),
    ),
)  # fmt: skip


def sample_report(**changes: Any) -> ReportData:
    """A clinician report with three visits; keyword arguments replace fields."""
    data = ReportData(
        clinic=CLINIC,
        patient=PatientDetails(PATIENT_NAME, date(1988, 6, 2), "female", "left",
                               "Nurse", "Running 20 km a week; netball"),
        assessment=AssessmentDetails(
            assessed_on=VISIT, clinician="Sam O'Neill", status="final", ruleset_version="2026.2",
            body_mass_kg=Decimal("67.4"), height_cm=Decimal("168"), pain_nprs=4,
            pain_sites=("anterior", "medial"), gait_notes="Mild left hip drop late in stance.",
        ),
        measurements=_MEASUREMENTS, metrics=_METRICS, strength_bars=_BARS,
        findings=_FINDINGS, trend=_TREND, since_last=_SINCE_LAST,
    )  # fmt: skip
    return replace(data, **changes)
