"""One clinic with a record of every kind, its members in each role, and a member of another
clinic: the world the role matrices (tests/role_matrix.py) run every request against.

Built once per test module (`world` fixture) inside a transaction that is rolled back at the
end of the module; each test runs in its own savepoint inside it, so a write one test makes
(an archive, a finalize) is gone before the next test starts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import override_settings
from knox.models import AuthToken

from assessments import catalogue
from assessments import services as assessment_services
from patients import services as patient_services
from patients.models import AuditEvent, Clinic
from progress import services as prom_services
from reports import printing
from reports import services as report_services
from reports.models import Exercise
from tests.conftest import PASSWORD
from tests.factories import PatientFactory

DAY = datetime.date(2026, 3, 2)
ROLES = ("clinician", "clinic_admin", "assistant", "outsider", "anonymous")
# The project's own tables: what a refused request must leave exactly as it was.
RECORD_APPS = ("patients", "assessments", "progress", "reports")


@dataclass
class World:
    clinic: Clinic
    users: dict[str, User]  # role -> user (no entry for anonymous)
    tokens: dict[str, str]  # role -> API token
    ids: dict[str, int] = field(default_factory=dict)  # what a path's {id} names -> its id
    handout_number: int = 1


def entry(code: str, side: str | None, value) -> assessment_services.MeasurementEntry:
    return assessment_services.MeasurementEntry(
        catalogue.normalize_measurement(code, side, Decimal(str(value)))
    )


def _members(clinic_name: str, other_name: str) -> dict[str, User]:
    """Made as `create_clinician --role` makes them (membership, role, the Clinicians group)."""
    users = {}
    for role, name, clinic in [
        ("clinician", "matrix_clinician", clinic_name),
        ("clinic_admin", "matrix_admin", clinic_name),
        ("assistant", "matrix_desk", clinic_name),
        ("outsider", "matrix_outsider", other_name),
    ]:
        member_role = "clinician" if role == "outsider" else role
        user, _, _ = patient_services.clinician_create(
            username=name, password=PASSWORD, clinic_name=clinic, role=member_role
        )
        users[role] = user
    return users


def _visits(world: World, clinician: User) -> None:
    patient = PatientFactory(clinic=world.clinic, first_name="Ava", last_name="Lind")
    draft = assessment_services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY,
        measurements=[entry("knee_to_wall", "left", 8)],
    )  # fmt: skip
    finding = draft.findings.get()  # knee-to-wall 8 cm: calf tightness, to confirm
    assessment_services.finding_decide(finding=finding, actor=clinician, status="confirmed")
    program = report_services.home_program_propose(assessment=draft, actor=clinician)
    report_services.handout_issue(assessment=draft, actor=clinician, page_size="A4")
    kujala = prom_services.prom_record(
        actor=clinician, assessment=draft, instrument="kujala", answers={}
    )
    final = assessment_services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY - datetime.timedelta(days=14)
    )
    proms = {
        code: prom_services.prom_record(actor=clinician, assessment=final, instrument=code,
                                        answers={})
        for code in ("koos", "koos_pf", "lefs")
    }  # fmt: skip
    proms["kujala"] = kujala
    assessment_services.assessment_finalize(assessment=final, actor=clinician)
    flagged = assessment_services.assessment_create(
        actor=clinician, patient=patient, assessed_on=DAY, red_flags=["unable_to_bear_weight"]
    )
    world.ids.update(
        patient=patient.pk, draft=draft.pk, final=final.pk, flagged=flagged.pk,
        finding=finding.pk, program=program.pk, item=program.items.first().pk,
        prom=kujala.pk, **{f"prom_{code}": p.pk for code, p in proms.items()},
    )  # fmt: skip


def _clinic_records(world: World, clinician: User) -> None:
    shipped = Exercise.objects.get(clinic=None, code="dead_bug")
    # The clinic's own copy of a shipped exercise: it has a drawing, so its picture answers.
    own = report_services.exercise_update(
        exercise=shipped, clinic=world.clinic, actor=clinician, reps=12
    )
    template = assessment_services.exam_template_save(
        actor=clinician, template=None, clinic=world.clinic, name="Runners",
        codes=["knee_to_wall"],
    )  # fmt: skip
    threshold = prom_services.change_threshold_set(
        actor=world.users["clinic_admin"], clinic=world.clinic, measure="knee_to_wall",
        amount=Decimal("3"),
    )  # fmt: skip
    batch = printing.print_batch_create(actor=clinician, assessment_ids=[world.ids["draft"]])
    printing.print_batch_run(batch)
    event = AuditEvent.objects.filter(patient_id=world.ids["patient"]).order_by("id").first()
    assert event is not None
    world.ids.update(
        exercise=own.pk, template=template.pk, threshold=threshold.pk, batch=batch.pk,
        event=event.pk,
        clinic=world.clinic.pk, group=Group.objects.get().pk, user=clinician.pk,
        token=AuthToken.objects.filter(user=clinician).get().pk,
    )  # fmt: skip


def _sign_in_records(world: World) -> None:
    seen = {"user_agent": "test", "ip_address": "10.0.0.9", "username": "someone",
            "http_accept": "*/*", "path_info": "/admin/login/"}  # fmt: skip
    world.ids.update(
        accessattempt=AccessAttempt.objects.create(
            **seen, get_data="", post_data="", failures_since_start=1
        ).pk,
        accesslog=AccessLog.objects.create(**seen).pk,
        accessfailurelog=AccessFailureLog.objects.create(**seen).pk,
    )


def build_world() -> World:
    users = _members("Matrix Physio", "Other Physio")
    tokens = {role: AuthToken.objects.create(user=user)[1] for role, user in users.items()}
    world = World(clinic=Clinic.objects.get(name="Matrix Physio"), users=users, tokens=tokens)
    _visits(world, users["clinician"])
    _clinic_records(world, users["clinician"])
    _sign_in_records(world)
    return world


def world_for_module(django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The world, built once for a module and rolled back after it: a test module's `world`
    fixture (module scope, after `django_db_setup`) yields from this."""
    media = tmp_path_factory.mktemp("matrix-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the project's tables (but the audit trail) and of the users."""
    models = [m for app in RECORD_APPS for m in apps.get_app_config(app).get_models()]
    models = [m for m in models if m is not AuditEvent] + [User]
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in models}
