"""Reads an assessment from the ORM once and turns it into the PDF renderers' plain data."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import cast

from django.db.models import Prefetch

from assessments import catalogue, rules
from assessments.models import Assessment, Finding, FindingStatus, Measurement
from assessments.rules import thresholds
from reports.dosage import dosage_in_words
from reports.models import HomeProgram, ProgramExercise
from reports.pdf import data as pdf

SHOWN_TO_PATIENT = (FindingStatus.PROPOSED, FindingStatus.CONFIRMED)
LSI_LIMITS = {"single_leg_hop": thresholds.HOP_LSI.value}
HQ_LIMITS = {
    "isokinetic_60": thresholds.HQ_ISOKINETIC_60.value,
    "hhd_isometric": thresholds.HQ_HHD_ISOMETRIC.value,
}
METRIC_NAMES = {
    "hamstring_quadriceps_ratio": "Hamstring:quadriceps ratio",
    "adductor_abductor_ratio": "Adductor:abductor ratio",
    "limb_symmetry_index": "Limb symmetry index",
    "strength_per_body_weight": "Strength per body weight",
    "y_balance_anterior_difference": "Y-balance anterior difference",
}
TREND_LSI_CODES = (
    "knee_extensor_strength",
    "knee_flexor_strength",
    "hip_abductor_strength",
    "hip_extensor_strength",
)


def printable(assessments, *, measurements: bool = True):
    """The assessments with everything a handout or report prints, in a fixed few queries.

    The handout needs no measurements, so it skips that query.
    """
    items = ProgramExercise.objects.select_related("exercise").order_by("position", "id")
    lookups: list[str | Prefetch] = [
        Prefetch("findings", queryset=Finding.objects.order_by("position", "id")),
        Prefetch("home_program__items", queryset=items),
    ]
    if measurements:
        lookups.append("measurements")
    return assessments.select_related(
        "patient__clinic", "clinician", "red_flags_cleared_by", "home_program"
    ).prefetch_related(*lookups)


def load_assessment(assessment_id: int, *, measurements: bool = True) -> Assessment:
    return printable(Assessment.objects.all(), measurements=measurements).get(pk=assessment_id)


def person_name(user) -> str:
    return user.get_full_name() or user.username


def clinic_info(assessment: Assessment) -> pdf.ClinicInfo:
    clinic = assessment.patient.clinic
    return pdf.ClinicInfo(clinic.name, clinic.address, clinic.phone, clinic.email)


def handout_ready(assessment: Assessment) -> bool:
    """A handout prints once a program exists, or as a referral notice with uncleared flags."""
    return assessment.red_flags_uncleared or program_of(assessment) is not None


def program_of(assessment: Assessment) -> HomeProgram | None:
    try:
        return assessment.home_program
    except HomeProgram.DoesNotExist:
        return None


def _why(item: ProgramExercise, titles: dict[str, str]) -> str:
    named = [titles[code] for code in item.reason if code in titles]
    return "; ".join(dict.fromkeys(named))


def _picture(item: ProgramExercise) -> bytes | None:
    if not item.exercise.picture:
        return None
    with item.exercise.picture.open("rb") as picture:
        return picture.read()


def _handout_exercise(item: ProgramExercise, titles: dict[str, str]) -> pdf.HandoutExercise:
    exercise = item.exercise
    dosage = dosage_in_words(
        kind=exercise.kind,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        per_week=item.per_week,
        per_day=item.per_day,
        # A one-sided item names its leg in the heading; "on each leg" would contradict it.
        one_leg=exercise.one_leg and item.side == "both",
    )
    if item.notes:
        dosage = f"{dosage}. {item.notes}"
    return pdf.HandoutExercise(
        name=exercise.name,
        steps=tuple(exercise.steps),
        dosage_text=dosage,
        cue=exercise.cue,
        why=_why(item, titles),
        side=printed_side(item.side),
        picture=_picture(item),
    )


def printed_side(side: str | None) -> pdf.Side | None:
    """A stored side ("" for none) as the renderers type it."""
    return cast(pdf.Side, side) if side else None


def handout_data(assessment: Assessment, *, page_size: pdf.PageSize = "A4") -> pdf.HandoutData:
    findings = [f for f in assessment.findings.all() if f.code != "referral_advised"]
    # "Why" names only findings the patient may read about (to_confirm ones wait).
    shown_titles = {
        f.code: rules.patient_title(f.code) for f in findings if f.status in SHOWN_TO_PATIENT
    }
    shown = tuple(
        pdf.HandoutFinding(rules.patient_title(f.code), f.patient_text, printed_side(f.side))
        for f in findings
        if f.status in SHOWN_TO_PATIENT
    )
    referral = None
    if assessment.red_flags_uncleared:
        referral = pdf.Referral(
            tuple(catalogue.RED_FLAG_PATIENT_WORDS[flag] for flag in assessment.red_flags)
        )
    program = program_of(assessment)
    exercises = (
        ()
        if program is None or referral
        else tuple(_handout_exercise(item, shown_titles) for item in program.items.all())
    )
    return pdf.HandoutData(
        clinic=clinic_info(assessment),
        patient_name=assessment.patient.full_name,
        assessment_date=assessment.assessed_on,
        clinician_name=person_name(assessment.clinician),
        findings=shown,
        exercises=exercises,
        referral=referral,
        page_size=page_size,
    )


def _measurement_rows(measurements: list[Measurement]) -> tuple[pdf.MeasurementRow, ...]:
    rows: dict[tuple[str, str], dict] = defaultdict(dict)
    for m in sorted(measurements, key=lambda m: m.sort_key):
        row = rows[(m.code, m.method)]
        row[m.side] = m.positive if m.positive is not None else Decimal(m.value or 0).normalize()
        row["unit"] = m.unit or None
    return tuple(
        pdf.MeasurementRow(
            label=catalogue.MEASUREMENT_TYPES[code].label,
            left=row.get("left"),
            right=row.get("right"),
            unit=row["unit"],
            method=catalogue.METHOD_LABELS.get(method, ""),
        )
        for (code, method), row in rows.items()
    )


def _metric_limit(metric: dict, methods: dict[tuple[str, str], str]) -> tuple[str, Decimal | None]:
    code, measurement = metric["code"], metric["measurement"]
    if code == "limb_symmetry_index":
        return "<", LSI_LIMITS.get(measurement, thresholds.STRENGTH_LSI.value)
    if code == "hamstring_quadriceps_ratio":
        method = methods.get(("knee_flexor_strength", metric["side"]))
        return "<", HQ_LIMITS.get(method or "")
    if code == "adductor_abductor_ratio":
        return "<", thresholds.ADDUCTOR_ABDUCTOR.value
    if code == "y_balance_anterior_difference":
        return ">", thresholds.Y_BALANCE_DIFFERENCE.value
    return "", None


def _limit_text(sign: str, limit: Decimal | None, unit: str | None) -> str:
    if limit is None:
        return ""
    shown = f"{limit:.2f}" if unit is None else catalogue.format_number(limit)  # ratios: 0.50
    return f"{sign} {shown}"


def _metric_label(metric: dict) -> str:
    name = METRIC_NAMES[metric["code"]]
    if metric["measurement"]:
        name += ", " + catalogue.MEASUREMENT_TYPES[metric["measurement"]].label.lower()
    return name


def _metric_rows(assessment: Assessment, measurements) -> tuple[pdf.MetricRow, ...]:
    methods = {(m.code, m.side): m.method for m in measurements}
    rows = []
    for metric in assessment.metrics:
        value = Decimal(metric["value"])
        sign, limit = _metric_limit(metric, methods)
        flagged = limit is not None and (value < limit if sign == "<" else value > limit)
        rows.append(
            pdf.MetricRow(
                label=_metric_label(metric),
                side=metric["side"],
                value=value,
                unit=metric["unit"],
                threshold=_limit_text(sign, limit, metric["unit"]),
                flagged=flagged,
            )
        )
    return tuple(rows)


def _strength_bars(measurements: list[Measurement]) -> tuple[pdf.StrengthBar, ...]:
    sides: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for m in sorted(measurements, key=lambda m: m.sort_key):
        if catalogue.MEASUREMENT_TYPES[m.code].is_strength:
            sides[(m.code, m.unit)][m.side] = Decimal(m.value or 0)
    return tuple(
        pdf.StrengthBar(
            group=catalogue.MEASUREMENT_TYPES[code].patient_words.split(" (")[0].capitalize(),
            left=values.get("left"),
            right=values.get("right"),
            unit=unit,
            threshold_percent=thresholds.STRENGTH_LSI.value,
        )
        for (code, unit), values in sides.items()
    )


def _report_finding(finding: Finding) -> pdf.ReportFinding:
    return pdf.ReportFinding(
        title=rules.label(finding.code),
        side=printed_side(finding.side),
        severity=finding.severity,
        evidence=finding.evidence,
        status=finding.status,
        value=True if finding.value_positive else finding.value,
        threshold=finding.threshold,
        unit=finding.unit or None,
        explanation=finding.explanation,
        reference=rules.cite(finding.source),
        note=finding.note,
    )


def _trend_values(visit: Assessment, code: str, measurement: str | None, side: str | None):
    for metric in visit.metrics:
        if (metric["code"], metric["measurement"], metric["side"]) == (code, measurement, side):
            return Decimal(metric["value"])
    return None


def trend(visits: list[Assessment]) -> pdf.Trend:
    """Key metrics over the patient's visits, oldest first; empty for a single visit."""
    if len(visits) < 2:
        return pdf.Trend()
    keys: list[tuple[str, str | None, str | None, str, str | None]] = [
        (
            "limb_symmetry_index",
            code,
            None,
            "LSI " + catalogue.MEASUREMENT_TYPES[code].patient_words.split(" (")[0],
            "%",
        )
        for code in TREND_LSI_CODES
    ]
    keys += [
        ("hamstring_quadriceps_ratio", None, side, f"H:Q {side}", None)
        for side in ("left", "right")
    ]
    series = []
    for code, measurement, side, label, unit in keys:
        values = tuple(_trend_values(v, code, measurement, side) for v in visits)
        if any(value is not None for value in values):
            series.append(pdf.TrendSeries(label, unit, values))
    pain = tuple(Decimal(v.pain_nprs) if v.pain_nprs is not None else None for v in visits)
    if any(value is not None for value in pain):
        series.append(pdf.TrendSeries("Pain", "NPRS 0-10", pain))
    return pdf.Trend(tuple(v.assessed_on for v in visits), tuple(series))


def patient_visits(assessment: Assessment) -> list[Assessment]:
    """This visit and the patient's earlier ones (archived drafts and replaced finals left out)."""
    earlier = (
        Assessment.objects.filter(
            patient_id=assessment.patient_id,
            archived_at__isnull=True,
            assessed_on__lte=assessment.assessed_on,
        )
        .exclude(pk=assessment.pk)
        .exclude(amendments__status="final")
        .only("id", "assessed_on", "metrics", "pain_nprs")
        .order_by("assessed_on", "id")
    )
    return [*earlier, assessment]


def report_data(assessment: Assessment, *, page_size: pdf.PageSize = "A4") -> pdf.ReportData:
    patient = assessment.patient
    measurements = list(assessment.measurements.all())
    clearance = ""
    if assessment.red_flags_cleared_at:
        clearance = (
            f"Cleared {assessment.red_flags_cleared_at:%Y-%m-%d} by "
            f"{person_name(assessment.red_flags_cleared_by)}: "
            f"{assessment.red_flags_clearance_reason}"
        )
    return pdf.ReportData(
        clinic=clinic_info(assessment),
        patient=pdf.PatientDetails(
            name=patient.full_name,
            date_of_birth=patient.date_of_birth,
            sex=patient.sex,
            affected_side=patient.affected_side,
            occupation=patient.occupation,
            activity=patient.activity,
        ),
        assessment=pdf.AssessmentDetails(
            assessed_on=assessment.assessed_on,
            clinician=person_name(assessment.clinician),
            status=assessment.status,
            ruleset_version=assessment.ruleset_version,
            body_mass_kg=assessment.body_mass_kg,
            height_cm=assessment.height_cm,
            pain_nprs=assessment.pain_nprs,
            pain_sites=tuple(catalogue.PAIN_SITES[s] for s in assessment.pain_sites),
            red_flags=tuple(catalogue.RED_FLAGS[f] for f in assessment.red_flags),
            clearance=clearance,
            gait_notes=assessment.gait_notes,
            notes=assessment.notes,
        ),
        measurements=_measurement_rows(measurements),
        metrics=_metric_rows(assessment, measurements),
        strength_bars=_strength_bars(measurements),
        findings=tuple(_report_finding(f) for f in assessment.findings.all()),
        trend=trend(patient_visits(assessment)),
        page_size=page_size,
    )
