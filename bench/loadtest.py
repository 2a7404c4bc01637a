"""make loadtest: concurrent clinicians against gunicorn, then the rows are counted.

For PostgreSQL (its own database, made afresh) and for SQLite (a new file): migrate, create
clinicians, start gunicorn on 127.0.0.1, and let CLIENTS clients create and edit assessments
for SECONDS seconds. Then every assessment a client was told was written is read back: it
must exist with the measurements and notes of its last acknowledged write (none lost, none
half-written), and each acknowledged write must have its audit event. Prints the figures;
exits 1 on any 5xx or lost write (PostgreSQL) or any 5xx (SQLite).

    python bench/loadtest.py [--seconds 60] [--clients 20] [--only postgres|sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "LOADTEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kneeclinic_loadtest"
)
PASSWORD = "load-test-password-2026"
CLINICIANS = 5
PATIENTS = 3
WORKERS = 2 * (os.cpu_count() or 1) + 1


def server_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="kneeclinic.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="load-test-only-" + "k" * 50,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        API_USER_RATE="none",
        CLINICIAN_PASSWORD=PASSWORD,
        PYTHONWARNINGS="ignore:No directory at:UserWarning",  # static files are not collected
    )
    return env


# ---------------------------------------------------------------- the clients


def measurements(step: int) -> list[dict]:
    return [
        {"code": "hip_abductor_strength", "side": "left", "value": 15 + step % 10, "unit": "kgf"},
        {"code": "hip_abductor_strength", "side": "right", "value": 21, "unit": "kgf"},
        {"code": "single_leg_squat_fppa", "side": "left", "value": 10 + step % 8},
        {"code": "knee_to_wall", "side": "left", "value": 5 + step % 10},
        {"code": "ely_test", "side": "left", "value": step % 2 == 0},
    ][: 3 + step % 3]


@dataclass
class Record:
    """What the server acknowledged for one assessment: the state it must now hold."""

    notes: str
    measurement_count: int
    writes: Counter = field(default_factory=Counter)


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    records: dict[int, Record] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    def __init__(self, port: int, tally: Tally) -> None:
        self.port, self.tally, self.token = port, tally, ""
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        payload = json.dumps(body).encode() if body is not None else None
        start = time.perf_counter()
        try:
            self.connection.request(method, f"/api/v1/{path}", payload, headers)
            response = self.connection.getresponse()
            raw = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            status, raw = 599, str(exc).encode()  # no answer counts as a server failure
        elapsed = (time.perf_counter() - start) * 1000
        with self.tally.lock:
            self.tally.statuses[status] += 1
            self.tally.latencies_ms.append(elapsed)
            if status >= 500:
                self.tally.errors.append(f"{method} {path}: {status} {raw[:200]!r}")
        try:
            return status, json.loads(raw) if raw else {}
        except ValueError:
            return status, {}

    def sign_in(self, username: str) -> None:
        credentials = {"username": username, "password": PASSWORD}
        status, body = self.call("POST", "auth/token/", credentials)
        if status != 200:
            raise SystemExit(f"sign-in of {username} failed: {status} {body}")
        self.token = body["token"]


def client_loop(number: int, port: int, patients: list[int], tally: Tally, deadline: float) -> None:
    client = Client(port, tally)
    client.sign_in(f"clinician{number % CLINICIANS}")
    rng = random.Random(number)
    step = 0
    while time.monotonic() < deadline:
        step += 1
        patient = rng.choice(patients)
        notes = f"client {number} visit {step}"
        body = {"patient": patient, "assessed_on": "2026-11-20", "body_mass_kg": 64,
                "pain_nprs": step % 11, "notes": notes,
                "measurements": measurements(step)}  # fmt: skip
        status, created = client.call("POST", "assessments/", body)
        if status != 201:
            continue
        record = Record(notes=notes, measurement_count=len(body["measurements"]))
        record.writes["create"] += 1
        with tally.lock:
            tally.records[created["id"]] = record
        for edit in range(rng.randint(1, 3)):
            if time.monotonic() >= deadline:
                break
            changed = {"notes": f"{notes} edit {edit}", "measurements": measurements(step + edit)}
            status, _ = client.call("PATCH", f"assessments/{created['id']}/", changed)
            if status == 200:
                record.notes = changed["notes"]
                record.measurement_count = len(changed["measurements"])
                record.writes["update"] += 1
        if step % 4 == 0:
            client.call("GET", f"assessments/{created['id']}/")
            client.call("GET", f"assessments/?patient={patient}")


def run_clients(
    port: int, clients: int, seconds: float, patients: list[int]
) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(n, port, patients, tally, deadline))
        for n in range(clients)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - start


# ---------------------------------------------------------------- one database


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(url: str) -> None:
    """Migrates and creates the clinicians, in this process (Django set up for `url`)."""
    import django

    os.environ.update(server_env(url))
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    for n in range(CLINICIANS):
        call_command("create_clinician", f"clinician{n}", clinic="Load Test Physio", noinput=True)
    connections.close_all()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "kneeclinic.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "60",
               "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=server_env(url))
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def make_patients(port: int) -> list[int]:
    client = Client(port, Tally())
    client.sign_in("clinician0")
    ids = []
    for n in range(PATIENTS):
        body = {"first_name": "Load", "last_name": f"Patient {n}", "date_of_birth": "1990-01-01",
                "sex": "female"}  # fmt: skip
        status, created = client.call("POST", "patients/", body)
        if status != 201:
            raise SystemExit(f"could not create a patient: {status} {created}")
        ids.append(created["id"])
    return ids


def verify(tally: Tally) -> dict[str, int]:
    """Reads back every acknowledged assessment and its audit events."""
    from django.db.models import Count

    from assessments.models import Assessment
    from patients.models import AuditEvent

    rows = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=tally.records).annotate(n=Count("measurements"))
    }
    lost = sum(1 for pk in tally.records if pk not in rows)
    half = sum(
        1
        for pk, record in tally.records.items()
        if pk in rows and (rows[pk].n != record.measurement_count or rows[pk].notes != record.notes)
    )
    events = Counter(
        (int(object_id), action)
        for object_id, action in AuditEvent.objects.filter(
            object_type="assessment", action__in=["create", "update"]
        ).values_list("object_id", "action")
    )
    unaudited = sum(
        max(0, count - events[(pk, action)])
        for pk, record in tally.records.items()
        for action, count in record.writes.items()
    )
    return {
        "assessments": len(tally.records),
        "rows": len(rows),
        "lost": lost,
        "half_written": half,
        "writes": sum(sum(r.writes.values()) for r in tally.records.values()),
        "unaudited_writes": unaudited,
    }


def run_one(url: str, label: str, clients: int, seconds: float) -> int:
    fresh_database(url)
    prepare(url)
    port = free_port()
    server = start_gunicorn(url, port)
    try:
        patients = make_patients(port)
        tally, elapsed = run_clients(port, clients, seconds, patients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = verify(tally)
    report(label, clients, elapsed, tally, figures)
    failed = sum(n for status, n in tally.statuses.items() if status >= 500)
    if label == "postgresql":
        failed += figures["lost"] + figures["half_written"] + figures["unaudited_writes"]
    return 1 if failed else 0


def report(label: str, clients: int, elapsed: float, tally: Tally, figures: dict) -> None:
    total = sum(tally.statuses.values())
    server_errors = sum(n for status, n in tally.statuses.items() if status >= 500)
    latencies = sorted(tally.latencies_ms) or [0.0]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    load = os.getloadavg()[0]
    print(f"\n== {label}: {clients} clients, {elapsed:.0f} s, gunicorn {WORKERS} workers, "
          f"machine load average {load:.1f} on {os.cpu_count()} cores")  # fmt: skip
    statuses = dict(sorted(tally.statuses.items()))
    print(f"requests {total} ({total / elapsed:.0f}/s); statuses {statuses}")
    print(f"5xx {server_errors}; latency median {statistics.median(latencies):.0f} ms, "
          f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")  # fmt: skip
    print(f"assessments acknowledged {figures['assessments']}, found {figures['rows']}, "
          f"lost {figures['lost']}, half-written {figures['half_written']}; "
          f"acknowledged writes {figures['writes']}, without audit event "
          f"{figures['unaudited_writes']}")  # fmt: skip
    for line in tally.errors[:5]:
        print("  ", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--only", choices=["postgres", "sqlite"])
    parser.add_argument("--database", help=argparse.SUPPRESS)  # one run, in a child process
    parser.add_argument("--label", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database:
        return run_one(args.database, args.label, args.clients, args.seconds)
    targets = [("postgresql", POSTGRES_URL)]
    targets.append(("sqlite", f"sqlite:///{tempfile.mkdtemp(prefix='loadtest-')}/db.sqlite3"))
    if args.only:
        targets = [t for t in targets if t[0].startswith(args.only)]
    codes = []
    for label, url in targets:
        command = [sys.executable, __file__, "--database", url, "--label", label,
                   "--clients", str(args.clients), "--seconds", str(args.seconds)]  # fmt: skip
        codes.append(subprocess.run(command, cwd=ROOT).returncode)
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
