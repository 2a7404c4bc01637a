"""manage.py load_demo: a demo clinic, clinician, three patients with two visits each and
one with an episode of three visits (follow-ups, item responses, PROMs).

Lives in reports because it proposes home programs too (apps import one way).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessments import catalogue
from assessments.models import FindingStatus
from assessments.services import (
    MeasurementEntry,
    assessment_create,
    assessment_finalize,
    assessment_follow_up,
    assessment_update,
    finding_decide,
)
from patients.models import Clinic, Patient
from patients.services import clinician_create, patient_create
from progress.services import prom_record
from reports.services import ItemResponseEntry, home_program_propose, item_responses_replace

DEMO_CLINIC = "Riverside Knee & Sports Physio (demo)"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "knee-demo-2026"

# (code, left, right[, unit, method]) for each visit; values are realistic for adults.
ANNA_VISITS = [
    [
        ("knee_extensor_strength", 300, 330),
        ("knee_flexor_strength", 165, 180),
        ("hip_abductor_strength", 145, 205),
        ("hip_extensor_strength", 190, 215),
        ("hip_external_rotator_strength", 95, 120),
        ("single_leg_squat_fppa", 18, 8),
        ("knee_valgus_observed", True, False),
        ("lateral_step_down_score", 3, 1),
        ("trendelenburg_test", True, False),
        ("knee_to_wall", 12, 12.5),
    ],
    [
        ("knee_extensor_strength", 315, 335),
        ("knee_flexor_strength", 170, 182),
        ("hip_abductor_strength", 180, 210),
        ("hip_extensor_strength", 205, 220),
        ("hip_external_rotator_strength", 108, 122),
        ("single_leg_squat_fppa", 13, 7),
        ("knee_valgus_observed", True, False),
        ("lateral_step_down_score", 2, 1),
        ("trendelenburg_test", False, False),
        ("knee_to_wall", 12, 12.5),
    ],
]
MARCO_VISITS = [
    [
        ("knee_extensor_strength", 410, 420),
        ("knee_flexor_strength", 230, 235),
        ("ankle_plantarflexor_strength", 520, 540),
        ("ankle_dorsiflexor_strength", 160, 190),
        ("knee_to_wall", 5.5, 7.5),
        ("thomas_knee_angle", 52, 58),
        ("thomas_hip_angle", -5, -8),
        ("ely_test", True, True),
        ("heel_lift_in_squat", True, True),
        ("single_leg_heel_raise", 18, 21),
    ],
    [
        ("knee_extensor_strength", 415, 420),
        ("knee_flexor_strength", 232, 236),
        ("ankle_plantarflexor_strength", 530, 540),
        ("ankle_dorsiflexor_strength", 175, 190),
        ("knee_to_wall", 8, 9.5),
        ("thomas_knee_angle", 61, 64),
        ("thomas_hip_angle", -6, -8),
        ("ely_test", True, False),
        ("heel_lift_in_squat", False, False),
        ("single_leg_heel_raise", 22, 24),
    ],
]
ZOE_VISITS = [
    [
        ("knee_extensor_strength", 38, 39, "kgf"),
        ("knee_flexor_strength", 21, 21.5, "kgf"),
        ("hip_abductor_strength", 20, 20.5, "kgf"),
        ("hip_adductor_strength", 18, 18.5, "kgf"),
        ("knee_to_wall", 12, 13),
        ("active_knee_extension", 15, 14),
        ("single_leg_squat_fppa", 7, 6),
        ("lateral_step_down_score", 1, 0),
        ("single_leg_hop", 142, 146),
        ("y_balance_anterior", 66, 68),
    ],
    [
        ("knee_extensor_strength", 39, 39.5, "kgf"),
        ("knee_flexor_strength", 21.5, 21.5, "kgf"),
        ("hip_abductor_strength", 20.5, 20.5, "kgf"),
        ("hip_adductor_strength", 18.5, 18.5, "kgf"),
        ("knee_to_wall", 12.5, 13),
        ("active_knee_extension", 14, 13),
        ("single_leg_squat_fppa", 6, 6),
        ("lateral_step_down_score", 0, 0),
        ("single_leg_hop", 148, 149),
        ("y_balance_anterior", 68, 68),
    ],
]

PATIENTS: list[dict[str, Any]] = [
    {
        "fields": {
            "first_name": "Anna",
            "last_name": "Berg",
            "sex": "female",
            "affected_side": "left",
            "occupation": "Teacher",
            "activity": "Recreational runner, 25 km a week",
            "email": "anna.berg@example.org",
        },
        "age": 34,
        "body_mass_kg": Decimal("61.5"),
        "height_cm": Decimal("168"),
        "pain": (6, 3),
        "pain_sites": ["anterior"],
        "visits": ANNA_VISITS,
        "notes": "Pain going down stairs and after runs over 5 km.",
    },
    {
        "fields": {
            "first_name": "Marco",
            "last_name": "Rossi",
            "sex": "male",
            "affected_side": "both",
            "occupation": "Warehouse supervisor",
            "activity": "Five-a-side football once a week",
        },
        "age": 45,
        "body_mass_kg": Decimal("84"),
        "height_cm": Decimal("179"),
        "pain": (5, 3),
        "pain_sites": ["anterior", "lateral"],
        "visits": MARCO_VISITS,
        "notes": "Stiff after sitting; pain squatting to lift boxes.",
    },
    {
        "fields": {
            "first_name": "Zoë",
            "last_name": "Müller-Łukasiewicz",
            "sex": "female",
            "affected_side": "right",
            "occupation": "Software developer",
            "activity": "Climbing and cycling",
        },
        "age": 28,
        "body_mass_kg": Decimal("58"),
        "height_cm": Decimal("171"),
        "pain": (3, 1),
        "pain_sites": ["medial"],
        "visits": ZOE_VISITS,
        "notes": "Occasional ache after long rides.",
    },
]


# An episode of care: weak quadriceps and hip abductors on the left and tight calves at the
# first visit; the quadriceps recover by the first follow-up, the hips by the second.
EPISODE_PATIENT = {
    "first_name": "Lena",
    "last_name": "Okafor",
    "sex": "female",
    "affected_side": "left",
    "occupation": "Nurse",
    "activity": "Running 5 km, three times a week",
}
EPISODE_VISITS: list[dict[str, Any]] = [
    {
        "weeks_ago": 12,
        "pain": 6,
        "rows": [
            ("knee_extensor_strength", 200, 300),
            ("hip_abductor_strength", 100, 160),
            ("knee_to_wall", 8, 8),
        ],
        "koos_pf": 3,  # every item answered 3 of 0-4: 100 - 3 x 25 = 25
        "kujala": {"1": 3, "2": 3, "3": 3, "4": 5, "5": 3, "6": 3, "7": 7, "8": 6, "9": 6,
                   "10": 8, "11": 10, "12": 3, "13": 3},
    },
    {
        "weeks_ago": 6,
        "pain": 3,
        "rows": [
            ("knee_extensor_strength", 285, 300),
            ("hip_abductor_strength", 115, 160),
            ("knee_to_wall", 12, 12),
        ],
        "koos_pf": 2,
        "kujala": {"1": 5, "2": 5, "3": 3, "4": 8, "5": 4, "6": 6, "7": 7, "8": 8, "9": 8,
                   "10": 10, "11": 10, "12": 3, "13": 5},
        # How the first program went, by exercise code.
        "responses": {"clamshell": ("too_easy", 5), "side_lying_hip_abduction": ("flare", 3),
                      "quad_set": ("not_done", 0), "wall_squat": ("right", 4)},
    },
    {
        "weeks_ago": 0,
        "pain": 1,
        "rows": [
            ("knee_extensor_strength", 300, 305),
            ("hip_abductor_strength", 150, 160),
            ("knee_to_wall", 12, 13),
        ],
        "koos_pf": 1,
        "kujala": {"1": 5, "2": 5, "3": 5, "4": 10, "5": 5, "6": 8, "7": 10, "8": 10, "9": 8,
                   "10": 10, "11": 10, "12": 5, "13": 5},
        "responses": {"banded_clamshell": ("right", 4), "quad_set": ("too_easy", 2)},
    },
]  # fmt: skip


def birthday(age: int, today: date) -> date:
    return today.replace(year=today.year - age) - timedelta(days=40)


def entries(rows) -> list[MeasurementEntry]:
    result = []
    for code, left, right, *unit in rows:
        for side, value in (("left", left), ("right", right)):
            number = value if isinstance(value, bool) else Decimal(str(value))
            result.append(
                MeasurementEntry(
                    catalogue.normalize_measurement(code, side, number, unit[0] if unit else None)
                )
            )
    return result


class Command(BaseCommand):
    help = "Load a demo clinic, clinician and patients with assessments; prints the demo login."

    @transaction.atomic
    def handle(self, *args, **options):
        user_model = get_user_model()
        user = user_model.objects.filter(username=DEMO_USERNAME).first()
        if user is None:
            user, clinic, _ = clinician_create(
                username=DEMO_USERNAME,
                password=DEMO_PASSWORD,
                clinic_name=DEMO_CLINIC,
                email="demo@example.org",
            )
            user.first_name, user.last_name = "Alex", "Morgan"
            user.save(update_fields=["first_name", "last_name"])
            clinic.address = "12 River Street, Springfield"
            clinic.phone = "+1 555 0100"
            clinic.email = "front-desk@example.org"
            clinic.emergency_phone = "911"
            clinic.save()
        clinic = Clinic.objects.get(name=DEMO_CLINIC)
        created = 0
        for spec in PATIENTS:
            if not Patient.objects.filter(clinic=clinic, **spec["fields"]).exists():
                self._load_patient(user, clinic, spec)
                created += 1
        if not Patient.objects.filter(clinic=clinic, **EPISODE_PATIENT).exists():
            self._load_episode(user, clinic)
            created += 1
        self.stdout.write(
            self.style.SUCCESS(f"Demo clinic {clinic.name!r}: {created} patient(s) added.")
        )
        self.stdout.write(f"Demo login: username {DEMO_USERNAME!r}, password {DEMO_PASSWORD!r}")

    def _review_findings(self, user, assessment) -> None:
        """The demo clinician has examined the patient and confirms the grade C findings
        that wait for them (rules.md: only then do they drive the program)."""
        for finding in assessment.findings.filter(status=FindingStatus.TO_CONFIRM):
            finding_decide(finding=finding, actor=user, status="confirmed", channel="command")

    def _load_patient(self, user, clinic, spec) -> None:
        today = timezone.localdate()
        patient = patient_create(
            actor=user,
            clinic=clinic,
            date_of_birth=birthday(spec["age"], today),
            notes=spec["notes"],
            channel="command",
            **spec["fields"],
        )
        for weeks_ago, rows, pain in zip((6, 1), spec["visits"], spec["pain"], strict=True):
            assessment = assessment_create(
                actor=user,
                patient=patient,
                assessed_on=today - timedelta(weeks=weeks_ago),
                body_mass_kg=spec["body_mass_kg"],
                height_cm=spec["height_cm"],
                pain_nprs=pain,
                pain_sites=spec["pain_sites"],
                measurements=entries(rows),
                channel="command",
            )
            self._review_findings(user, assessment)
            home_program_propose(assessment=assessment, actor=user, channel="command")
            if weeks_ago > 1:  # the first visit is signed off; the latest is still a draft
                assessment_finalize(assessment=assessment, actor=user, channel="command")

    def _load_episode(self, user, clinic) -> None:
        """Three visits as a clinic records them: the first assessed from scratch, each
        later one started as a follow-up of the one before, rated and re-proposed."""
        today = timezone.localdate()
        patient = patient_create(
            actor=user,
            clinic=clinic,
            date_of_birth=birthday(34, today),
            notes="Pain at the front of the left knee on runs and stairs.",
            channel="command",
            **EPISODE_PATIENT,
        )
        visit = None
        for spec in EPISODE_VISITS:
            on = today - timedelta(weeks=spec["weeks_ago"])
            if visit is None:
                visit = assessment_create(
                    actor=user, patient=patient, assessed_on=on, body_mass_kg=Decimal("63"),
                    height_cm=Decimal("170"), channel="command",
                )  # fmt: skip
            else:
                previous = visit
                visit = assessment_follow_up(
                    assessment=previous, actor=user, assessed_on=on, channel="command"
                )
                self._rate(user, visit, previous, spec["responses"])
            visit = assessment_update(
                actor=user, assessment=visit, pain_nprs=spec["pain"], pain_sites=["anterior"],
                measurements=entries(spec["rows"]), channel="command",
            )  # fmt: skip
            self._review_findings(user, visit)
            self._record_proms(user, visit, spec)
            home_program_propose(assessment=visit, actor=user, channel="command")
            if spec["weeks_ago"] > 0:  # the latest visit is still a draft
                assessment_finalize(assessment=visit, actor=user, channel="command")

    def _rate(self, user, visit, previous, responses: dict) -> None:
        items = previous.home_program.items.select_related("exercise")
        entries_ = [
            ItemResponseEntry(item.pk, *responses[item.exercise.code])
            for item in items
            if item.exercise.code in responses
        ]
        item_responses_replace(assessment=visit, actor=user, entries=entries_, channel="command")

    def _record_proms(self, user, visit, spec) -> None:
        koos_pf = {f"PF{n}": spec["koos_pf"] for n in range(1, 12)}
        for instrument, answers in (("koos_pf", koos_pf), ("kujala", spec["kujala"])):
            prom_record(
                actor=user, assessment=visit, instrument=instrument, answers=answers,
                channel="command",
            )  # fmt: skip
