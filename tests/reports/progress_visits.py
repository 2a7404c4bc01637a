"""A patient's three visits through the services: measurements, KOOS and LEFS, a program and
the follow-ups' responses to the previous program (for the admin page, report and browser)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessments import catalogue
from assessments import services as assessment_services
from progress import services as progress_services
from reports.models import ItemResponse
from reports.services import home_program_propose

DAYS = (datetime.date(2026, 1, 12), datetime.date(2026, 2, 23), datetime.date(2026, 4, 6))
PAIN = (6, 4, 2)
READINGS = (
    # knee extensor L/R (N), hip abductor L/R (N), FPPA L/R (deg), knee-to-wall L/R (cm)
    (300, 330, 145, 205, 18, 8, 8, "12.5"),
    (315, 335, 180, 210, 13, 7, 9, "12.5"),
    (330, 335, 200, 212, 9, 7, 11, "12.5"),
)
CODES = (
    ("knee_extensor_strength", "left"), ("knee_extensor_strength", "right"),
    ("hip_abductor_strength", "left"), ("hip_abductor_strength", "right"),
    ("single_leg_squat_fppa", "left"), ("single_leg_squat_fppa", "right"),
    ("knee_to_wall", "left"), ("knee_to_wall", "right"),
)  # fmt: skip
RESPONSES = ("too_easy", "flare", "not_done", "right", "too_hard")


def koos_answers(level: int) -> dict[str, int]:
    """Every KOOS item answered `level` (0-4): each subscale scores 100 - 25 x level."""
    items = [f"S{n}" for n in range(1, 8)] + [f"P{n}" for n in range(1, 10)]
    items += [f"A{n}" for n in range(1, 18)] + [f"SP{n}" for n in range(1, 6)]
    items += [f"Q{n}" for n in range(1, 5)]
    return dict.fromkeys(items, level)


def one_visit(clinician, patient, index: int, previous_program=None):
    measurements = [
        assessment_services.MeasurementEntry(
            catalogue.normalize_measurement(code, side, Decimal(str(value)))
        )
        for (code, side), value in zip(CODES, READINGS[index], strict=True)
    ]
    visit = assessment_services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAYS[index], pain_nprs=PAIN[index],
        measurements=measurements,
    )  # fmt: skip
    progress_services.prom_record(
        actor=clinician, assessment=visit, instrument="koos", answers=koos_answers(3 - index)
    )
    lefs = dict.fromkeys((str(n) for n in range(1, 21)), 1 + index)  # 20, 40, 60
    progress_services.prom_record(
        actor=clinician, assessment=visit, instrument="lefs", answers=lefs
    )
    if previous_program is not None:
        items = previous_program.items.order_by("position")
        for item, response in zip(items, RESPONSES, strict=False):
            ItemResponse.objects.create(
                assessment=visit, item=item, response=response, days_done_per_week=4
            )
    return assessment_services.assessment_finalize(assessment=visit, actor=clinician)


def three_visits(clinician, patient) -> list:
    visits, program = [], None
    for index in range(3):
        visit = one_visit(clinician, patient, index, program)
        program = home_program_propose(assessment=visit, actor=clinician)
        visits.append(visit)
    return visits
