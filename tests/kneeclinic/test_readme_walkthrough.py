"""The README's curl walkthrough runs as written against a server on a fresh demo database."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_ENV = {
    "DJANGO_DEBUG": "true",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECRET_KEY": "readme-walkthrough-only-not-secret",
    "DJANGO_SETTINGS_MODULE": "kneeclinic.settings",
}


def walkthrough() -> str:
    """The shell block under the README's "Walkthrough with curl" heading."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Walkthrough with curl", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def demo_server(tmp_path):
    """`make run` in small: migrate a new SQLite file, load the demo, serve it."""
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_until_up(f"{api}/", server)
        yield api
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_readme_walkthrough_runs_as_written(demo_server, tmp_path):
    script = "set -euo pipefail\n" + walkthrough()
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "API": demo_server},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "['knee_extensor_strength', 'knee_flexor_strength', 'hip_abductor_strength']"
    assert "('hip_abductor_weakness', 'left'" in done.stdout
    assert "final" in lines
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
