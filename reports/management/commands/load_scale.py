"""manage.py load_scale: synthetic clinics, clinicians, patients, visits, findings and programs
at clinic-network scale, inserted in bulk (COPY on PostgreSQL), the same rows for one seed.

Lives in reports because it creates home programs too (apps import one way).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction

from assessments.models import Assessment, Finding, Measurement
from patients.models import Clinic, Membership, Patient
from patients.permissions import sync_clinician_group
from reports import scale
from reports.models import Exercise, HomeProgram, ProgramExercise

CLINIC_PREFIX = "Scale Physio"
DEFAULT_PASSWORD = "scale-bench-2026"
BATCH_PATIENTS = 1000
PATIENTS_PER_CLINICIAN = 2000
# Table key -> (model, columns of its rows, attribute of scale.Rows), in insertion order.
TABLES = {
    "patients": (Patient, scale.PATIENT_COLUMNS),
    "assessments": (Assessment, scale.ASSESSMENT_COLUMNS),
    "measurements": (Measurement, scale.MEASUREMENT_COLUMNS),
    "findings": (Finding, scale.FINDING_COLUMNS),
    "programs": (HomeProgram, scale.PROGRAM_COLUMNS),
    "items": (ProgramExercise, scale.ITEM_COLUMNS),
}


def copy_rows(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """PostgreSQL: one COPY per table and batch; elsewhere: batched executemany."""
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def load_batch(batch: scale.Batch) -> dict[str, int]:
    """Makes and inserts one batch in its own transaction; returns the rows per table."""
    rows = scale.ScaleData(batch).rows()
    counts = {}
    with transaction.atomic():
        for key, (model, columns) in TABLES.items():
            copy_rows(model._meta.db_table, columns, getattr(rows, key))
            counts[key] = len(getattr(rows, key))
    return counts


def first_ids() -> scale.FirstIds:
    def after(model) -> int:
        return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    return scale.FirstIds(after(Patient), after(Assessment), after(HomeProgram))


def analyze() -> None:
    """Fresh statistics (the list's count estimate reads them) and visibility maps (so counts
    and lists read the indexes only): what autovacuum would do some minutes later."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(model._meta.db_table for model, _ in TABLES.values())
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


def reset_sequences() -> None:
    """Rows carry explicit ids; the next id the database hands out must follow them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    with connection.cursor() as cursor:
        for model, _ in TABLES.values():
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def shipped_exercises() -> dict[str, tuple]:
    """Code -> (id, kind, sets, reps, hold_seconds, per_week, per_day) of the shipped catalogue."""
    rows = Exercise.objects.shipped().values_list(
        "code", "pk", "kind", "sets", "reps", "hold_seconds", "per_week", "per_day"
    )
    return {code: tuple(rest) for code, *rest in rows}


class Command(BaseCommand):
    help = "Load synthetic clinics, clinicians and patients with visits, findings and programs."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, required=True)
        parser.add_argument("--clinics", type=int, default=None, help="default: 1 per 5,000")
        parser.add_argument("--visits", type=int, default=3, help="visits per patient")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="of every clinician")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes making and inserting batches; default one per core on PostgreSQL, "
            "1 on SQLite (one writer at a time)",
        )

    def handle(self, *args, **options):
        patients, visits = options["patients"], options["visits"]
        clinics = options["clinics"] or max(1, patients // 5000)
        if patients < 1 or visits < 1 or not 1 <= clinics <= patients:
            raise CommandError("Needs at least one patient and one visit, and 1..N clinics.")
        if Clinic.objects.filter(name__startswith=CLINIC_PREFIX).exists():
            raise CommandError(f"Clinics named {CLINIC_PREFIX!r} exist: load into a new database.")
        started = time.perf_counter()
        plans = self.clinics(scale.clinic_sizes(patients, clinics), options["password"])
        batches = list(
            scale.batches(
                plans,
                BATCH_PATIENTS,
                seed=options["seed"],
                visits=visits,
                ids=first_ids(),
                exercises=shipped_exercises(),
            )
        )
        counts = self.load(batches, options["workers"])
        reset_sequences()
        if not connection.in_atomic_block:  # VACUUM cannot run in a transaction (tests)
            analyze()
        self.report(plans, counts, time.perf_counter() - started)

    def load(self, batches: list[scale.Batch], workers: int | None) -> dict[str, int]:
        if workers is None:
            workers = (os.cpu_count() or 1) if connection.vendor == "postgresql" else 1
        totals = dict.fromkeys(TABLES, 0)
        results: Iterator[dict[str, int]]
        if workers <= 1 or len(batches) == 1:
            results = map(load_batch, batches)
        else:
            connections.close_all()  # each worker opens its own connection
            pool = multiprocessing.get_context("fork").Pool(workers)
            results = pool.imap_unordered(load_batch, batches)
        for counts in results:
            for key, count in counts.items():
                totals[key] += count
        if workers > 1 and len(batches) > 1:
            pool.close()
            pool.join()
        return totals

    def clinics(self, sizes: list[int], password: str) -> list[scale.ClinicPlan]:
        """The clinics and their clinicians (members of the Clinicians group)."""
        hashed = make_password(password)
        group = sync_clinician_group()
        user_model = get_user_model()
        plans = []
        with transaction.atomic():
            for number, size in enumerate(sizes, start=1):
                clinic = Clinic.objects.create(
                    name=f"{CLINIC_PREFIX} {number:03d}", phone=f"+44 20 7946 {number:04d}"
                )
                users = user_model.objects.bulk_create(
                    user_model(username=f"scale{number:03d}-{k}", password=hashed, is_staff=True)
                    for k in range(1, 2 + size // PATIENTS_PER_CLINICIAN)
                )
                Membership.objects.bulk_create(Membership(user=u, clinic=clinic) for u in users)
                group.user_set.add(*users)
                plans.append(scale.ClinicPlan(clinic.pk, size, tuple(u.pk for u in users)))
        return plans

    def report(self, plans, counts: dict[str, int], seconds: float) -> None:
        shown = ", ".join(f"{n} {key}" for key, n in counts.items())
        self.stdout.write(f"Loaded {len(plans)} clinics: {shown} in {seconds:.1f} s.")
        self.stdout.write("Clinicians sign in as scaleNNN-1 (clinic NNN) with the --password.")
