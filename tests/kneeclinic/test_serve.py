"""`make serve` as production runs it: collectstatic, then gunicorn with debug off."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.redis_available import needs_redis

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="kneeclinic.settings",
        DJANGO_SECRET_KEY="serve-test-key-" + "x" * 50,
        DJANGO_SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        WEB_CONCURRENCY="1",
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )
    return env


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[0]
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer on {url}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module: collectstatic compresses every file, which takes a while."""
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(tmp_path, port)
    manage = [sys.executable, "manage.py"]
    collect = [*manage, "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:kneeclinic.gunicorn_conf"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


@needs_redis
def test_gunicorn_serves_admin_pages_with_debug_off_after_collectstatic(served):
    status, page = fetch(served + "/admin/login/")
    assert status == 200 and "KneeClinic" in page
    # The manifest storage names each static file by its content hash; whitenoise serves it.
    stylesheet = re.search(r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet is not None, page
    assert fetch(served + stylesheet.group(1))[0] == 200


@needs_redis
def test_gunicorn_healthz_checks_database_cache_and_broker(served):
    status, body = fetch(served + "/healthz?format=json")
    assert status == 200
    assert [name.split("(")[0] for name in re.findall(r'"(\w+\([^"]*\))": "OK"', body)] == [
        "Database",
        "Cache",
        "Redis",
    ]


def test_workers_default_to_twice_the_cores_plus_one():
    code = "import kneeclinic.gunicorn_conf as c, os; print(c.workers, os.cpu_count())"
    env = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True)
    workers, cores = map(int, out.stdout.split())
    assert workers == 2 * cores + 1
