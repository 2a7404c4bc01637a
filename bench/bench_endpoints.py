"""Times the handout and report endpoints (ORM read + render + HTTP) against bare reportlab.

Runs Django on an in-memory SQLite database with the demo clinic, so it needs no set-up.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from bench.bench_pdf import _bare_pdf, _handout_texts  # noqa: E402
from reports.handouts import handout_data, load_assessment  # noqa: E402

ROUNDS = 30


def median_ms(call) -> float:
    call()  # warm up
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    from assessments.models import Assessment

    client = APIClient()
    client.force_authenticate(get_user_model().objects.get(username="demo"))
    # The demo visit with the largest program: closest to a typical handout.
    assessment = max(
        Assessment.objects.filter(home_program__isnull=False),
        key=lambda a: (a.home_program.items.count(), a.findings.count()),
    )
    base = f"/api/v1/assessments/{assessment.pk}"
    assert client.get(f"{base}/handout.pdf").status_code == 200
    data = handout_data(load_assessment(assessment.pk, measurements=False))
    texts = _handout_texts(data)
    handout = median_ms(lambda: client.get(f"{base}/handout.pdf"))
    report = median_ms(lambda: client.get(f"{base}/report.pdf"))
    bare = median_ms(lambda: _bare_pdf(texts))
    read = median_ms(lambda: handout_data(load_assessment(assessment.pk, measurements=False)))
    print(f"endpoint: handout of {len(data.findings)} findings, {len(data.exercises)} exercises")
    print(f"endpoint: GET handout.pdf {handout:.1f} ms (ORM read {read:.1f} ms; bare reportlab "
          f"document of the same words {bare:.1f} ms, {handout / bare:.1f}x)")  # fmt: skip
    print(f"endpoint: GET report.pdf {report:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
