"""A TypeScript client generated from the served schema (openapi-typescript) type-checks the
README walkthrough as a front end writes it (frontend-check/walkthrough.ts)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend-check"
BIN = FRONTEND / "node_modules" / ".bin"


def run(*command: str) -> None:
    done = subprocess.run(command, cwd=FRONTEND, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def tools():
    if not (BIN / "tsc").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("frontend-check is not installed: `make frontend-check` (npm ci) first")
        pytest.skip("frontend-check not installed: run `make frontend-check`")
    return BIN


def test_generated_client_type_checks_the_walkthrough(api, tools, tmp_path):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    served = tmp_path / "schema.json"
    served.write_bytes(response.content)
    generated = FRONTEND / "generated" / "api.d.ts"
    run(str(tools / "openapi-typescript"), str(served), "-o", str(generated))
    text = generated.read_text()
    assert 'strategies: components["schemas"]["StrategyExercise"][]' in text
    # `unknown` only for response headers and inside a FHIR resource (typed by FHIR itself).
    untyped = [
        line.strip()
        for line in text.splitlines()
        if line.strip().endswith("unknown;")
        and line.strip() not in ("[name: string]: unknown;", "[key: string]: unknown;")
    ]
    assert untyped == []
    assert text.count("[key: string]: unknown;") == 1
    run(str(tools / "tsc"), "--noEmit", "-p", ".")
