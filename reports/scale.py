"""Synthetic clinics at scale for `manage.py load_scale`: rows as plain tuples, findings and
programs from the pure engine and proposal, so every stored finding is what the rules give."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from assessments import rules
from assessments.rules import AssessmentInput, MeasurementInput
from assessments.services import initial_status, metric_as_json
from patients.search import fold, patient_search_name
from reports.proposal import ExerciseFacts, FindingForProgram, propose_program
from reports.scale_names import name_for

# A fixed calendar, so one seed gives the same rows on any day: visits fall in this window.
FIRST_VISIT = date(2024, 1, 8)
LAST_VISIT = date(2026, 6, 30)
STORED_PLACES = Decimal("0.000001")

OCCUPATIONS = ("Teacher", "Nurse", "Software developer", "Warehouse worker", "Student", "Chef",
               "Electrician", "Retired", "Accountant", "Postal worker", "")  # fmt: skip
ACTIVITIES = ("Recreational runner", "Five-a-side football", "Cycling", "Hiking", "Netball",
              "Walking the dog", "Gym twice a week", "Climbing", "Tennis", "")  # fmt: skip
PAIN_SITES = ("anterior", "medial", "lateral", "posterior", "diffuse")
RED_FLAG = "night_or_constant_pain"

# Strength per kg of body mass in N (hand-held, isometric), typical adult ranges.
STRENGTH_PER_KG = {
    "knee_extensor_strength": (4.0, 6.5),
    "knee_flexor_strength": (2.2, 3.6),
    "hip_abductor_strength": (1.9, 3.2),
    "hip_adductor_strength": (1.7, 3.0),
    "hip_external_rotator_strength": (1.1, 1.9),
}
# Other tests, (low, high) of a plausible reading on a patient with knee pain.
READINGS = {
    "knee_to_wall": (7.0, 16.0),
    "thomas_hip_angle": (-15.0, 4.0),
    "single_leg_squat_fppa": (2.0, 16.0),
    "ober_angle": (-35.0, -16.0),
}
VALGUS = "knee_valgus_observed"
SIDES = ("left", "right")


@dataclass(frozen=True)
class FirstIds:
    """Patients, assessments and programs carry ids computed from the patient's number, so
    any batch can be made alone (in parallel) and the same seed gives the same ids. Rows no
    other row points to (measurements, findings, program items) get theirs from the database."""

    patient: int
    assessment: int
    program: int


@dataclass(frozen=True)
class ClinicPlan:
    clinic_id: int
    patients: int
    clinician_ids: tuple[int, ...]


@dataclass(frozen=True)
class Batch:
    """Patients `first`..`first + count - 1` (numbered across the whole load), of one clinic."""

    clinic: ClinicPlan
    first: int
    count: int
    seed: int
    visits: int
    ids: FirstIds
    # exercise code -> (id, kind, sets, reps, hold_seconds, per_week, per_day)
    exercises: dict[str, tuple]


@dataclass
class Rows:
    """The rows of one batch of patients, table by table, in insertion order."""

    patients: list[tuple] = field(default_factory=list)
    assessments: list[tuple] = field(default_factory=list)
    measurements: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)
    programs: list[tuple] = field(default_factory=list)
    items: list[tuple] = field(default_factory=list)


PATIENT_COLUMNS = (
    "id", "clinic_id", "first_name", "last_name", "date_of_birth", "sex", "affected_side",
    "email", "phone", "occupation", "activity", "notes", "search_name", "archived_at",
    "created_at", "updated_at", "version",
)  # fmt: skip
ASSESSMENT_COLUMNS = (
    "id", "patient_id", "clinic_id", "clinician_id", "assessed_on", "body_mass_kg", "height_cm",
    "pain_nprs", "pain_sites", "red_flags", "gait_notes", "notes", "status", "metrics",
    "ruleset_version", "finalized_at", "finalized_by_id", "amends_id", "red_flags_cleared_at",
    "red_flags_cleared_by_id", "red_flags_clearance_reason", "red_flags_cleared_for",
    "archived_at", "created_at", "updated_at", "version",
)  # fmt: skip
MEASUREMENT_COLUMNS = (
    "assessment_id", "code", "side", "value", "positive", "unit", "method",
    "entered_value", "entered_unit", "note",
)  # fmt: skip
FINDING_COLUMNS = (
    "assessment_id", "position", "code", "side", "severity", "evidence", "value",
    "value_positive", "threshold", "unit", "explanation", "patient_text", "source",
    "strategies", "status", "note", "decided_by_id", "decided_at", "version", "referral_tier",
)  # fmt: skip
PROGRAM_COLUMNS = (
    "id", "assessment_id", "created_by_id", "created_at", "updated_at",
    "weeks_until_next_visit", "show_understanding_page",
)  # fmt: skip
ITEM_COLUMNS = (
    "program_id", "position", "exercise_id", "sets", "reps", "hold_seconds", "per_week",
    "per_day", "side", "notes", "reason", "version",
)  # fmt: skip


def clinic_sizes(patients: int, clinics: int) -> list[int]:
    """One large clinic with a fifth of the patients (a network's flagship), the rest even."""
    if clinics <= 1:
        return [patients]
    large = patients // 5
    rest, extra = divmod(patients - large, clinics - 1)
    return [large] + [rest + (1 if index < extra else 0) for index in range(clinics - 1)]


def _decimal(value: float, places: int = 1) -> Decimal:
    return Decimal(f"{value:.{places}f}")


def _stored(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(STORED_PLACES)


def _ascii(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


class ScaleData:
    """Generates one batch's rows; its own `rng` decides every value, so a seed repeats a load."""

    def __init__(self, batch: Batch):
        self.rng = random.Random(batch.seed * 1_000_003 + batch.first)
        self.batch = batch
        self.kinds = {code: ExerciseFacts(row[1]) for code, row in batch.exercises.items()}
        self._last_findings: tuple[rules.Finding, ...] = ()

    def rows(self) -> Rows:
        rows = Rows()
        for number in range(self.batch.first, self.batch.first + self.batch.count):
            self._patient(number, rows)
        return rows

    def _patient(self, number: int, rows: Rows) -> None:
        rng, ids, plan = self.rng, self.batch.ids, self.batch.clinic
        patient_id = ids.patient + number
        first, last = name_for(rng)
        sex = rng.choices(("female", "male", "other"), (55, 44, 1))[0]
        side = rng.choice(("left", "right", "both"))
        first_visit = FIRST_VISIT + timedelta(days=rng.randrange(0, 600))
        born = first_visit - timedelta(days=rng.randrange(16 * 365, 75 * 365))
        registered = datetime.combine(first_visit, time(8, 30), tzinfo=UTC)
        archived = registered + timedelta(days=400) if rng.random() < 0.02 else None
        rows.patients.append(
            (patient_id, plan.clinic_id, first, last, born, sex, side,
             f"{_ascii(first)}.{_ascii(last)}{patient_id}@example.org",
             f"+44 7700 {patient_id % 1000000:06d}", rng.choice(OCCUPATIONS),
             rng.choice(ACTIVITIES), "", patient_search_name(first, last), archived,
             registered, archived or registered, 1)
        )  # fmt: skip
        body_mass = rng.uniform(50, 105)
        weak = rng.choice(SIDES)
        day = first_visit
        clinician = rng.choice(plan.clinician_ids)
        visits = self.batch.visits
        for visit in range(visits):
            assessment_id = ids.assessment + number * visits + visit
            programmable = self._visit(
                assessment_id, patient_id, clinician, (sex, born, side), day, body_mass, weak,
                visit, rows
            )  # fmt: skip
            if visit == visits - 1 and programmable:
                self._program(ids.program + number, assessment_id, clinician, day, rows)
            day = min(day + timedelta(days=rng.randrange(28, 56)), LAST_VISIT)

    def _readings(self, body_mass: float, weak: str, visit: int) -> list[MeasurementInput]:
        """Twenty readings: five muscle groups and five other tests per side. Half the
        patients have a weak side (up to 35 % weaker, varying by muscle group) that gains back
        some of the gap at each visit; the others are near symmetric."""
        rng = self.rng
        deficit = rng.uniform(0.0, 0.35) if rng.random() < 0.5 else rng.uniform(0.0, 0.08)
        deficit *= 0.6**visit
        readings = []
        for code, (low, high) in STRENGTH_PER_KG.items():
            per_kg = rng.uniform(low, high)
            group_deficit = deficit * rng.uniform(0.3, 1.2)
            for side in SIDES:
                factor = 1 - group_deficit if side == weak else 1.0
                force = _decimal(per_kg * body_mass * factor * rng.uniform(0.96, 1.04))
                readings.append(MeasurementInput(code, side, force, "N", "hhd_isometric"))
        for code, (low, high) in READINGS.items():
            for side in SIDES:
                unit = "cm" if code == "knee_to_wall" else "deg"
                value = _decimal(rng.uniform(low, high))
                readings.append(MeasurementInput(code, side, value, unit, None))
        for side in SIDES:
            readings.append(MeasurementInput(VALGUS, side, rng.random() < 0.25, None, None))
        return readings

    def _visit(self, assessment_id, patient_id, clinician, person, day, body_mass, weak, visit,
               rows) -> bool:  # fmt: skip
        """Appends one visit; True when it may have a home program (no uncleared red flag)."""
        rng, plan = self.rng, self.batch.clinic
        sex, born, side = person
        mass = _decimal(body_mass + rng.uniform(-1.5, 1.5))
        flagged = rng.random() < 0.015
        red_flags = (RED_FLAG,) if flagged else ()
        readings = self._readings(body_mass, weak, visit)
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        evaluation = rules.evaluate(
            AssessmentInput(sex, age, mass, tuple(readings), red_flags, side)
        )
        at = datetime.combine(day, time(9, 0), tzinfo=UTC)
        final = visit < self.batch.visits - 1 or rng.random() < 0.5
        cleared = flagged and rng.random() < 0.5
        rows.assessments.append(
            (assessment_id, patient_id, plan.clinic_id, clinician, day, mass,
             _decimal(rng.uniform(150, 195)), rng.randrange(0, 9),
             json.dumps(rng.sample(PAIN_SITES, rng.randrange(1, 3))), json.dumps(list(red_flags)),
             "", "", "final" if final else "draft",
             json.dumps([metric_as_json(m) for m in evaluation.metrics]),
             evaluation.ruleset_version, at + timedelta(hours=1) if final else None,
             clinician if final else None, None, at if cleared else None,
             clinician if cleared else None,
             "Seen by the GP: no serious cause; cleared for exercise." if cleared else "",
             json.dumps(list(red_flags) if cleared else []), None, at, at, 1)
        )  # fmt: skip
        rows.measurements.extend(_measurement_row(assessment_id, r) for r in readings)
        rows.findings.extend(
            _finding_row(assessment_id, position, finding)
            for position, finding in enumerate(evaluation.findings)
        )
        self._last_findings = evaluation.findings
        return not flagged or cleared

    def _program(
        self, program_id: int, assessment_id: int, clinician: int, day: date, rows: Rows
    ) -> None:
        findings = [
            # as stored: grade C waits as to_confirm and drives nothing (rules.md, 2026.2)
            FindingForProgram(
                f.code,
                f.side,
                tuple(f.strategies),
                f.evidence,
                "to_confirm" if f.evidence == "C" else "proposed",
            )
            for f in self._last_findings
        ]
        exercises = self.batch.exercises
        at = datetime.combine(day, time(9, 30), tzinfo=UTC)
        rows.programs.append((program_id, assessment_id, clinician, at, at, 6, True))
        for position, item in enumerate(propose_program(findings, self.kinds)):
            exercise_id, _kind, *dosage = exercises[item.exercise]
            rows.items.append(
                (program_id, position, exercise_id, *dosage, item.side,
                 "", json.dumps(item.reason), 1)
            )  # fmt: skip


def _measurement_row(assessment_id: int, reading: MeasurementInput) -> tuple:
    if isinstance(reading.value, bool):
        return (assessment_id, reading.code, reading.side, None, reading.value,
                "", "", None, "", "")  # fmt: skip
    value = reading.value
    return (assessment_id, reading.code, reading.side, value, None, reading.unit,
            reading.method or "", value, reading.unit, "")  # fmt: skip


def _finding_row(assessment_id: int, position: int, finding: rules.Finding) -> tuple:
    """As assessments.services stores a finding the engine gives."""
    positive = finding.value if isinstance(finding.value, bool) else None
    value = None if isinstance(finding.value, bool) else _stored(finding.value)
    return (assessment_id, position, finding.code, finding.side or "", finding.severity,
            finding.evidence, value, positive, _stored(finding.threshold), finding.unit or "",
            finding.explanation, finding.patient_text, finding.source,
            json.dumps(list(finding.strategies)), initial_status(finding.evidence), "", None,
            None, 1, finding.referral_tier or "")  # fmt: skip


def batches(clinics: list[ClinicPlan], size: int, **common) -> Iterator[Batch]:
    """Batches of at most `size` patients, clinic after clinic, numbered from 0."""
    number = 0
    for clinic in clinics:
        done = 0
        while done < clinic.patients:
            count = min(size, clinic.patients - done)
            yield Batch(clinic=clinic, first=number, count=count, **common)
            number, done = number + count, done + count
