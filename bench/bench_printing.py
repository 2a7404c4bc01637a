"""Batch printing throughput: 200 handouts through Celery with 2 workers, against one process.

Needs PostgreSQL and Redis on 127.0.0.1 (both run on the development machines and in CI); it
prints "skipped" without them. It uses its own database (`kneeclinic_bench`, created and
seeded once through the services: 200 patients, one visit each with findings and a program)
and its own Redis databases (12: broker, 13: cache), which it empties between runs.
Interleaved A/B: queue, in-process, queue, in-process, ...; medians. Never fails on a number.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "kneeclinic_bench"
BROKER = "redis://127.0.0.1:6379/12"
CACHE = "redis://127.0.0.1:6379/13"
VISITS = 200
ROUNDS = 3
WORKERS = 2
DAY = date(2026, 11, 20)
TARGET_S = 60.0  # issue 13: 200 handouts as one batch in under 60 s with 2 workers
ENV = {
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{BENCH_DB}"
    ),
    "CELERY_BROKER_URL": BROKER,
    "CACHE_URL": CACHE,
    "DJANGO_SETTINGS_MODULE": "kneeclinic.settings",
    "DJANGO_SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_MEDIA_ROOT": tempfile.mkdtemp(prefix="kneeclinic-bench-media-"),
    "DJANGO_LOG_LEVEL": "WARNING",
    "CELERY_TASK_ALWAYS_EAGER": "false",
}


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def create_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone():
            db.execute(f'CREATE DATABASE "{BENCH_DB}"')


def seed():
    """The bench clinic, its printer and VISITS planned visits on DAY (once; reused after)."""
    from django.contrib.auth import get_user_model

    from assessments.services import assessment_create
    from patients.models import Clinic
    from patients.services import clinician_create, patient_create
    from reports.management.commands.load_demo import ANNA_VISITS, entries
    from reports.printing import visits_on
    from reports.services import home_program_propose

    user = get_user_model().objects.filter(username="bench-printer").first()
    if user is None:
        password = "bench-" + "p" * 20
        user, clinic, _ = clinician_create(
            username="bench-printer", password=password, clinic_name="Bench Printing Clinic"
        )
    clinic = Clinic.objects.get(name="Bench Printing Clinic")
    for n in range(len(visits_on(clinic, DAY)), VISITS):
        patient = patient_create(
            actor=user,
            clinic=clinic,
            first_name="Bench",
            last_name=f"Patient{n:03d}",
            date_of_birth=date(1985, 1, 1),
            sex="female",
        )
        visit = assessment_create(
            actor=user,
            patient=patient,
            assessed_on=DAY,
            body_mass_kg=64,
            measurements=entries(ANNA_VISITS[0]),
        )
        home_program_propose(assessment=visit, actor=user)
    return clinic, user


def start_worker() -> subprocess.Popen:
    celery = str(Path(sys.executable).with_name("celery"))
    command = [celery, "-A", "kneeclinic", "worker", f"--concurrency={WORKERS}", "-l", "WARNING"]
    worker = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    from kneeclinic.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1.0):
            return worker
    worker.terminate()
    raise RuntimeError("the Celery worker did not answer within 60 s")


def empty_cache() -> None:
    from django.core.cache import cache

    cache.clear()  # Redis database 13: the bench's own


def queued(clinic, user) -> float:
    """Seconds from the request to the merged PDF, printed by the workers."""
    from reports.batches import PrintBatch
    from reports.printing import print_batch_create

    start = time.perf_counter()
    batch = print_batch_create(actor=user, clinic=clinic, visit_date=DAY, channel="command")
    while True:
        status = PrintBatch.objects.values_list("status", flat=True).get(pk=batch.pk)
        if status in ("done", "failed"):
            break
        if time.perf_counter() - start > 600:
            raise RuntimeError("the batch took over 10 minutes")
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if status == "failed":
        raise RuntimeError(PrintBatch.objects.get(pk=batch.pk).error)
    return elapsed


def in_process(clinic, user) -> tuple[float, float]:
    """Seconds for the same batch in this one process (the baseline), and of it the merge."""
    from reports import printing

    enqueue, printing._enqueue = printing._enqueue, lambda batch_id: None
    try:
        start = time.perf_counter()
        batch = printing.print_batch_create(
            actor=user, clinic=clinic, visit_date=DAY, channel="command"
        )
        for chunk in printing.print_batch_start(batch.pk):
            printing.print_items(batch.pk, chunk)
        merge_start = time.perf_counter()
        printing.print_batch_merge(batch.pk)
        end = time.perf_counter()
    finally:
        printing._enqueue = enqueue
    return end - start, end - merge_start


def per_minute(seconds: float) -> float:
    return VISITS / seconds * 60


def main() -> int:
    if not (answers(5432) and answers(6379)):
        print("printing: skipped (needs PostgreSQL on 127.0.0.1:5432 and Redis on :6379)")
        return 0
    os.environ.update(ENV)
    create_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    clinic, user = seed()
    worker = start_worker()
    try:
        queue_s, local_s, merge_s = [], [], []
        for _ in range(ROUNDS):
            empty_cache()
            queue_s.append(queued(clinic, user))
            empty_cache()
            total, merge = in_process(clinic, user)
            local_s.append(total)
            merge_s.append(merge)
        reprint_s = [queued(clinic, user) for _ in range(ROUNDS)]  # the cache is full now
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    q, local = statistics.median(queue_s), statistics.median(local_s)
    merge, reprint = statistics.median(merge_s), statistics.median(reprint_s)
    print(f"printing: {VISITS} handouts as one batch, median of {ROUNDS} interleaved runs")
    print(
        f"printing: queue, {WORKERS} workers {q:.1f} s ({per_minute(q):.0f} handouts/min) "
        f"(baseline: one process {local:.1f} s, {per_minute(local):.0f}/min; {local / q:.2f}x)"
    )
    print(f"printing: of which merging {VISITS} PDFs into one (pypdf) {merge:.1f} s")
    print(f"printing: reprint from the cache, {WORKERS} workers {reprint:.1f} s (cold {q:.1f} s)")
    verdict = "met" if q < TARGET_S else "NOT met"
    print(f"printing: target (< {TARGET_S:.0f} s with {WORKERS} workers): {verdict}")
    print(
        f"printing: load average during the run {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
