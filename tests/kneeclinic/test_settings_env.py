"""Settings come from the environment and refuse to start unsafely."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env, DJANGO_SETTINGS_MODULE="kneeclinic.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django(["check"])
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_a_key():
    assert run_django(["check"], DJANGO_DEBUG="true").returncode == 0


def test_deploy_check_is_clean_with_production_defaults():
    key = "a-Strong-production-key-0123456789-abcdefghijklmnopqrstuvwxyz-XYZ"
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], DJANGO_SECRET_KEY=key)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_debug_flag_is_a_clear_error():
    result = run_django(["check"], DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 'true' or 'false'" in result.stderr


def test_plain_http_switch_turns_redirect_hsts_and_secure_cookies_off_together():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE)"
    )
    result = run_django(
        ["shell", "--no-imports", "-c", code],
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    assert result.stdout.split() == ["False", "0", "False", "False"]


def test_database_url_selects_the_database():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run_django(
        ["shell", "--no-imports", "-c", code],
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"
