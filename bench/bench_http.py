"""Endpoints over HTTP: gunicorn (2 workers) and PostgreSQL on 127.0.0.1, at one or more sizes
from load_scale, each endpoint beside the plain-Django view of the same JSON, interleaved.

    .venv/bin/python bench/bench_http.py 1000=kneeclinic_bench_1k [100000=kneeclinic_bench_100k]

Each size is a database on the PostgreSQL at $PGHOST (default 127.0.0.1) as user postgres;
a missing one is created, migrated and loaded (`load_scale --patients N --clinics 20`). One
gunicorn per size; rounds alternate API and plain and sizes, so load on the machine falls on
all alike. Prints medians, p95 and requests per second; never fails on a number.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
HOST = os.environ.get("PGHOST", "127.0.0.1")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "8"))
BURST = int(os.environ.get("BENCH_BURST", "12"))  # requests per round and variant
CLIENTS = 2  # concurrent requests: one per gunicorn worker
PORT = int(os.environ.get("BENCH_PORT", "8450"))  # the first size's gunicorn; the next +1, ...
USERNAME = "scale001-1"  # a clinician of the large clinic (a fifth of the patients)
SEARCH = "muller"  # a rare surname: 2 matches at 1,000 patients (no count), 245 at 100,000
COMMON = "an"  # in many names: a full page and a count at both sizes (35 and 4,053 matches)
ENV = {
    "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_LOG_LEVEL": "WARNING",
    "API_USER_RATE": "1000000/minute",  # the throttle still runs (a cache read and write)
}


def database_url(name: str) -> str:
    return f"postgres://postgres@{HOST}:5432/{name}"


def manage(url: str, *args: str, settings: str = "kneeclinic.settings") -> str:
    env = {**os.environ, **ENV, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": settings}
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def prepare(patients: int, name: str) -> None:
    """Creates and loads the database unless a load is already there."""
    import psycopg

    with psycopg.connect(f"host={HOST} user=postgres dbname=postgres", autocommit=True) as pg:
        exists = pg.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            pg.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name)
    manage(url, "migrate", "--noinput", "-v", "0")
    with psycopg.connect(f"host={HOST} user=postgres dbname={name}") as db:
        loaded = db.execute("SELECT 1 FROM patients_clinic WHERE name LIKE 'Scale Physio%'")
        if loaded.fetchone():
            return
    print(f"loading {patients:,} patients into {name} ...", flush=True)
    started = time.perf_counter()
    print(manage(url, "load_scale", "--patients", str(patients), "--clinics", "20").strip())
    print(f"load_scale: {time.perf_counter() - started:.0f} s wall", flush=True)


FIXTURES = """
import json
from knox.models import AuthToken
from django.contrib.auth import get_user_model
from reports.models import HomeProgram
user = get_user_model().objects.get(username="{username}")
_, key = AuthToken.objects.create(user=user)
clinic = user.memberships.get().clinic_id
program = (HomeProgram.objects.filter(assessment__clinic_id=clinic, assessment__red_flags=[])
           .order_by("-assessment__assessed_on", "-assessment_id").first())
patient = program.assessment.patient_id
print(json.dumps({{"token": key, "assessment": program.assessment_id, "patient": patient}}))
"""


def fixtures(url: str) -> dict:
    out = manage(url, "shell", "-c", FIXTURES.format(username=USERNAME))
    return json.loads(out.strip().splitlines()[-1])


def post_body(patient: int) -> bytes:
    """Twenty measurements: five muscle groups and five other tests on each side."""
    rows = []
    for side, weak in (("left", 0.8), ("right", 1.0)):
        for code, force in (("knee_extensor_strength", 420), ("knee_flexor_strength", 230),
                            ("hip_abductor_strength", 180), ("hip_adductor_strength", 150),
                            ("hip_external_rotator_strength", 110)):  # fmt: skip
            rows.append({"code": code, "side": side, "value": round(force * weak, 1)})
        rows += [
            {"code": "knee_to_wall", "side": side, "value": 9.5},
            {"code": "thomas_hip_angle", "side": side, "value": 3},
            {"code": "single_leg_squat_fppa", "side": side, "value": 14},
            {"code": "ober_angle", "side": side, "value": -20},
            {"code": "knee_valgus_observed", "side": side, "value": side == "left"},
        ]
    body = {"patient": patient, "assessed_on": "2026-07-01", "body_mass_kg": 72,
            "measurements": rows}  # fmt: skip
    return json.dumps(body).encode()


@dataclass
class Server:
    label: str
    url: str
    port: int
    process: subprocess.Popen | None = None
    data: dict = field(default_factory=dict)

    def start(self) -> None:
        env = {**os.environ, **ENV, "DATABASE_URL": self.url,
               "DJANGO_SETTINGS_MODULE": "bench.settings"}  # fmt: skip
        self.process = subprocess.Popen(
            [str(Path(PY).parent / "gunicorn"), "kneeclinic.wsgi:application", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        for _ in range(100):
            try:
                if request(self.port, "GET", "/api/v1/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn for {self.label} did not answer")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)


def request(port: int, method: str, path: str, headers=None, body=None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def endpoints(server: Server) -> dict[str, dict[str, tuple]]:
    """name -> {"api": (method, path, body), "plain": (...)}; the same JSON from both."""
    a, p = server.data["assessment"], server.data["patient"]
    post = post_body(p)
    return {
        "patient list": {"api": ("GET", "/api/v1/patients/", None),
                         "plain": ("GET", "/bench/plain/patients/", None)},
        f'search "{SEARCH}"': {"api": ("GET", f"/api/v1/patients/?search={SEARCH}", None),
                               "plain": ("GET", f"/bench/plain/patients/?search={SEARCH}", None)},
        f'search "{COMMON}"': {"api": ("GET", f"/api/v1/patients/?search={COMMON}", None),
                               "plain": ("GET", f"/bench/plain/patients/?search={COMMON}", None)},
        "assessment detail": {"api": ("GET", f"/api/v1/assessments/{a}/", None),
                              "plain": ("GET", f"/bench/plain/assessments/{a}/", None)},
        "POST 20 measurements": {"api": ("POST", "/api/v1/assessments/", post),
                                 "plain": ("POST", "/bench/plain/assessments/", post)},
        "handout.pdf": {"api": ("GET", f"/api/v1/assessments/{a}/handout.pdf", None),
                        "plain": ("GET", f"/bench/plain/assessments/{a}/handout.pdf", None)},
    }  # fmt: skip


def headers(server: Server) -> dict[str, str]:
    return {"Authorization": f"Token {server.data['token']}", "Content-Type": "application/json"}


def same_answer(server: Server, name: str, calls: dict[str, tuple]) -> str:
    """'same' when both variants answer the same status and the same JSON (ids of new rows,
    times and links aside), else what differs."""
    answers = {}
    for variant, (method, path, body) in calls.items():
        status, content = request(server.port, method, path, headers(server), body)
        answers[variant] = (status, content)
    (s1, c1), (s2, c2) = answers["api"], answers["plain"]
    if s1 != s2:
        return f"status {s1} vs {s2}"
    if name == "handout.pdf":
        return "same" if c1 == c2 else "PDF bytes differ"
    return json_difference(json.loads(c1), json.loads(c2))


VOLATILE = {"id", "created_at", "updated_at", "next", "previous", "assessment"}


def json_difference(one, two, where: str = "") -> str:
    if isinstance(one, dict) and isinstance(two, dict):
        if set(one) != set(two):
            return f"{where}: keys {sorted(set(one) ^ set(two))}"
        for key in one:
            if key in VOLATILE:
                continue
            found = json_difference(one[key], two[key], f"{where}.{key}")
            if found != "same":
                return found
        return "same"
    if isinstance(one, list) and isinstance(two, list):
        if len(one) != len(two):
            return f"{where}: {len(one)} vs {len(two)} items"
        for index, (x, y) in enumerate(zip(one, two, strict=True)):
            found = json_difference(x, y, f"{where}[{index}]")
            if found != "same":
                return found
        return "same"
    same = one == two or (_number(one) is not None and _number(one) == _number(two))
    return "same" if same else f"{where}: {one!r} vs {two!r}"


def _number(value):
    try:
        return float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def burst(server: Server, call: tuple) -> tuple[list[float], float]:
    method, path, body = call
    head = headers(server)

    def one(_) -> float:
        start = time.perf_counter()
        status, _content = request(server.port, method, path, head, body)
        assert status < 400, (path, status)
        return (time.perf_counter() - start) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        times = list(pool.map(one, range(BURST)))
    return times, time.perf_counter() - started


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, times: list[float], seconds: float) -> None:
        self.times += times
        self.seconds += seconds

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.times, n=20)[-1]

    @property
    def rps(self) -> float:
        return len(self.times) / self.seconds


def run(servers: list[Server]) -> dict[tuple[str, str, str], Tally]:
    tallies: dict[tuple[str, str, str], Tally] = {}
    plan = {server.label: endpoints(server) for server in servers}
    for server in servers:  # warm every worker's caches and connections
        for calls in plan[server.label].values():
            for call in calls.values():
                burst(server, call)
    for round_number in range(ROUNDS):
        order = ("api", "plain") if round_number % 2 == 0 else ("plain", "api")
        for name in plan[servers[0].label]:
            for server in servers if round_number % 2 == 0 else servers[::-1]:
                for variant in order:
                    key = (server.label, name, variant)
                    tallies.setdefault(key, Tally()).add(
                        *burst(server, plan[server.label][name][variant])
                    )
    return tallies


def report(servers: list[Server], tallies, load_before: float) -> None:
    print(f"\n{ROUNDS} rounds x {BURST} requests per variant, {CLIENTS} clients, "
          f"gunicorn 2 workers; load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after")  # fmt: skip
    print("| patients | endpoint | API median / p95 ms | API req/s | plain median / p95 ms "
          "| plain req/s | API / plain |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for server in servers:
        for name in endpoints(server):
            api, plain = (
                tallies[(server.label, name, "api")],
                tallies[(server.label, name, "plain")],
            )
            print(f"| {server.label} | {name} | {api.median:.1f} / {api.p95:.1f} | {api.rps:.0f} "
                  f"| {plain.median:.1f} / {plain.p95:.1f} | {plain.rps:.0f} "
                  f"| {api.rps / plain.rps:.2f}x |")  # fmt: skip
    if len(servers) > 1:
        small, large = servers[0], servers[-1]
        print(f"\n| endpoint | req/s at {small.label} | req/s at {large.label} | ratio | "
              f"p95 at {large.label} ms |")  # fmt: skip
        print("|---|---|---|---|---|")
        for name in endpoints(small):
            one, big = tallies[(small.label, name, "api")], tallies[(large.label, name, "api")]
            print(f"| {name} | {one.rps:.0f} | {big.rps:.0f} | {big.rps / one.rps:.2f}x "
                  f"| {big.p95:.1f} |")  # fmt: skip


def main(argv: list[str]) -> int:
    sizes = [arg.split("=", 1) for arg in argv] or [["1000", "kneeclinic_bench_1k"]]
    servers = []
    for index, (patients, name) in enumerate(sizes):
        prepare(int(patients), name)
        server = Server(f"{int(patients):,}", database_url(name), PORT + index)
        server.data = fixtures(server.url)
        servers.append(server)
    try:
        for server in servers:
            server.start()
            for name, calls in endpoints(server).items():
                print(f"{server.label} patients, {name}: API and plain answer "
                      f"{same_answer(server, name, calls)}")  # fmt: skip
        load_before = os.getloadavg()[0]
        report(servers, run(servers), load_before)
    finally:
        for server in servers:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
