"""Reads an assessment from the ORM once and turns it into the PDF renderers' plain data."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import cast

from django.db.models import Prefetch

from assessments import catalogue, numbers, rules
from assessments.models import Assessment, Finding, FindingStatus, Measurement
from reports.dosage import dosage_in_words
from reports.models import HomeProgram, ProgramExercise
from reports.pdf import data as pdf
from reports.pdf import wording
from reports.progress_report import report_progress
from reports.proposal_follow_up import MAINTENANCE_NOTE

SHOWN_TO_PATIENT = (FindingStatus.PROPOSED, FindingStatus.CONFIRMED)
METRIC_NAMES = {
    "hamstring_quadriceps_ratio": "Hamstring:quadriceps ratio",
    "adductor_abductor_ratio": "Adductor:abductor ratio",
    "limb_symmetry_index": "Limb symmetry index",
    "strength_per_body_weight": "Strength per body weight",
    "y_balance_anterior_difference": "Y-balance anterior difference",
}


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
    return pdf.ClinicInfo(
        clinic.name, clinic.address, clinic.phone, clinic.email, clinic.emergency_phone
    )


def handout_ready(assessment: Assessment) -> bool:
    """A handout prints once a program exists, or as a referral notice with uncleared flags."""
    return assessment.red_flags_uncleared or program_of(assessment) is not None


def program_of(assessment: Assessment) -> HomeProgram | None:
    try:
        return assessment.home_program
    except HomeProgram.DoesNotExist:
        return None


def _why(item: ProgramExercise, titles: dict[str, str]) -> str:
    """The findings the item addresses, in the patient's words; empty (the general line) only
    for an item with no finding behind it (a guideline default)."""
    if item.notes == MAINTENANCE_NOTE:
        return wording.MAINTENANCE_WHY  # its findings are gone: it keeps the gains made
    if not item.reason:
        return ""
    named = [titles[code] for code in item.reason if code in titles]
    if not named:
        return wording.CLINICIAN_CHOSE_NOTE  # its findings wait or were set aside
    return f"{wording.WHY_PREFIX}{_in_a_list([t.lower() for t in dict.fromkeys(named)])}."


def _in_a_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _picture(item: ProgramExercise) -> bytes | None:
    if not item.exercise.picture:
        return None
    with item.exercise.picture.open("rb") as picture:
        return picture.read()


def _handout_exercise(item: ProgramExercise, titles: dict[str, str]) -> pdf.HandoutExercise:
    exercise = item.exercise
    steps = tuple(exercise.steps)
    if exercise.one_leg and item.side == "both":
        steps += (wording.OTHER_LEG_STEP,)
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
        steps=steps,
        dosage_text=dosage,
        cue=exercise.cue,
        why=_why(item, titles),
        # A two-leg exercise names no side (rules.md, The program, step 2).
        side=printed_side(item.side) if exercise.one_leg else None,
        picture=_picture(item),
        code=exercise.code,
        per_week=item.per_week,
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
            tuple(catalogue.RED_FLAG_PATIENT_WORDS[flag] for flag in assessment.red_flags),
            assessment.referral_tier or "urgent",
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
        **_program_settings(program),
        load=_load_facts(assessment),
    )


def _program_settings(program: HomeProgram | None) -> dict:
    """The program's handout settings (the defaults when there is no program)."""
    if program is None:
        return {}
    return {
        "weeks_until_next_visit": program.weeks_until_next_visit,
        "show_understanding_page": program.show_understanding_page,
    }


def _load_facts(assessment: Assessment) -> pdf.LoadFacts:
    patient = assessment.patient
    return pdf.LoadFacts(patient.activity, patient.occupation, tuple(assessment.pain_sites))


def _shown_value(m: Measurement) -> Decimal:
    """The stored value as the report prints it: a converted force to 0.1 N, the rest raw."""
    value = Decimal(m.value or 0)
    if m.entered_unit and m.entered_unit != m.unit:
        return numbers.stored_force(value)
    return value.normalize()


def _measurement_rows(measurements: list[Measurement]) -> tuple[pdf.MeasurementRow, ...]:
    rows: dict[tuple[str, str], dict] = defaultdict(dict)
    for m in sorted(measurements, key=lambda m: m.sort_key):
        row = rows[(m.code, m.method)]
        row[m.side] = m.positive if m.positive is not None else _shown_value(m)
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


def _cutoff_text(metric: dict) -> str:
    """The rule cut-offs the engine attached to the metric ("< 90%", "< 0.47; > 1.00")."""
    unit = metric["unit"]
    texts = []
    for cutoff in metric.get("cutoffs") or []:
        limit = numbers.cutoff_text(Decimal(cutoff["value"]), unit)
        condition = cutoff.get("condition", "")
        texts.append(f"{cutoff['comparison']} {limit} {condition}".strip())
    return "; ".join(texts)


def _metric_label(metric: dict) -> str:
    name = METRIC_NAMES[metric["code"]]
    if metric["measurement"]:
        name += ", " + catalogue.MEASUREMENT_TYPES[metric["measurement"]].label.lower()
    return name


def _metric_rows(assessment: Assessment) -> tuple[pdf.MetricRow, ...]:
    """The stored metrics as printed: "past cut-off" exactly where the engine says a rule
    fired on them (metrics stored before 2026.2 carry no cut-offs and are not marked)."""
    return tuple(
        pdf.MetricRow(
            label=_metric_label(metric),
            side=metric["side"],
            value=Decimal(metric["value"]),
            unit=metric["unit"],
            threshold=_cutoff_text(metric),
            flagged=bool(metric.get("crossed")),
            value_text=numbers.metric_value_text(metric),
        )
        for metric in assessment.metrics
    )


def _lsi_cutoffs(assessment: Assessment) -> dict[str, Decimal]:
    """Strength code -> the LSI cut-off a rule applies to it (none where no rule reads it)."""
    return {
        metric["measurement"]: Decimal(metric["cutoffs"][0]["value"])
        for metric in assessment.metrics
        if metric["code"] == "limb_symmetry_index" and metric.get("cutoffs")
    }


def _strength_bars(
    measurements: list[Measurement], cutoffs: dict[str, Decimal]
) -> tuple[pdf.StrengthBar, ...]:
    """Left vs right per muscle group; the target line only where a rule has a cut-off."""
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
            threshold_percent=cutoffs.get(code),
        )
        for (code, unit), values in sides.items()
    )


def _threshold_text(finding: Finding) -> str:
    if finding.threshold is None:
        return ""
    return numbers.cutoff_text(finding.threshold, finding.unit or None)


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
        value_text=finding.value_text,
        threshold_text=_threshold_text(finding),
        explanation=finding.explanation,
        reference=rules.cite(finding.source),
        note=finding.note,
    )


def report_data(assessment: Assessment, *, page_size: pdf.PageSize = "A4") -> pdf.ReportData:
    patient = assessment.patient
    measurements = [m for m in assessment.measurements.all() if m.is_recorded]
    trend, since_last = report_progress(assessment)
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
            red_flags=tuple(catalogue.red_flag_words(f) for f in assessment.red_flags),
            clearance=clearance,
            gait_notes=assessment.gait_notes,
            notes=assessment.notes,
        ),
        measurements=_measurement_rows(measurements),
        metrics=_metric_rows(assessment),
        strength_bars=_strength_bars(measurements, _lsi_cutoffs(assessment)),
        findings=tuple(_report_finding(f) for f in assessment.findings.all()),
        trend=trend,
        since_last=since_last,
        page_size=page_size,
    )


def _patient_details(assessment: Assessment) -> pdf.PatientDetails:
    patient = assessment.patient
    return pdf.PatientDetails(
        name=patient.full_name,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex,
        affected_side=patient.affected_side,
        occupation=patient.occupation,
        activity=patient.activity,
    )


def _brief_finding(finding: Finding) -> pdf.BriefFinding:
    value = "" if finding.value is None and not finding.value_positive else finding.value_text
    side = printed_side(finding.side)
    return pdf.BriefFinding(rules.label(finding.code), side, value, finding.status)


def referral_letter_data(
    assessment: Assessment, *, page_size: pdf.PageSize = "A4"
) -> pdf.ReferralLetterData:
    """The referral letter for the red flags present (one ORM read, as handout_data)."""
    flags = tuple(dict.fromkeys(catalogue.red_flag_code(f) for f in assessment.red_flags))
    findings = [f for f in assessment.findings.all() if f.code != "referral_advised"]
    return pdf.ReferralLetterData(
        clinic=clinic_info(assessment),
        patient=_patient_details(assessment),
        assessed_on=assessment.assessed_on,
        clinician=person_name(assessment.clinician),
        clinician_email=assessment.clinician.email,
        tier=assessment.referral_tier or "urgent",
        flags=tuple(
            pdf.ReferralFlag(catalogue.red_flag_words(f), catalogue.red_flag_tier(f) or "")
            for f in flags
        ),
        pain_nprs=assessment.pain_nprs,
        pain_sites=tuple(catalogue.PAIN_SITES[s] for s in assessment.pain_sites),
        findings=tuple(_brief_finding(f) for f in findings if f.status != FindingStatus.DISMISSED),
        measurements=_measurement_rows([m for m in assessment.measurements.all() if m.is_recorded]),
        notes=assessment.notes,
        page_size=page_size,
    )
