"""EXPLAIN ANALYZE of every query the list and search endpoints run, on a load_scale database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kneeclinic_scale \
        .venv/bin/python bench/explain_lists.py [username]

Calls the real endpoints (in a transaction that is rolled back, so the audit rows vanish),
captures their SQL and prints each SELECT's plan: the README's Scale section shows one run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

CALLS = [
    ("patient list, page 1", "/api/v1/patients/", {}),
    ("patient list, page 500 (rows 9,981-10,000)", "/api/v1/patients/", {"page": 500}),
    ("search 'muller'", "/api/v1/patients/", {"search": "muller"}),
    ("search 'zoe lukasiewicz'", "/api/v1/patients/", {"search": "zoe lukasiewicz"}),
    ("search 'son' (in many names)", "/api/v1/patients/", {"search": "son"}),
    ("search 'an' (two letters)", "/api/v1/patients/", {"search": "an"}),
    ("assessment list, page 1", "/api/v1/assessments/", {}),
    ("assessment list, page 500", "/api/v1/assessments/", {"page": 500}),
    ("finding list, page 1", "/api/v1/findings/", {}),
]


def plans(client, url: str, params: dict) -> list[tuple[str, str]]:
    with transaction.atomic():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, response.content
        selects = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT")]
        result = []
        with connection.cursor() as cursor:
            for sql in selects:
                if "patients_membership" in sql:
                    continue  # the user's clinic ids: a lookup by user id
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
                result.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
        transaction.set_rollback(True)
    return result


def main() -> int:
    username = sys.argv[1] if len(sys.argv) > 1 else "scale001-1"
    user = get_user_model().objects.get(username=username)
    client = APIClient()
    client.force_authenticate(user)
    for title, url, params in CALLS:
        client.get(url, params)  # warm the cache, as a serving process is
        print(f"### {title}: GET {url} {params or ''}\n")
        for sql, plan in plans(client, url, params):
            print(f"```sql\n{sql[:400]}{' ...' if len(sql) > 400 else ''}\n```\n```\n{plan}\n```\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
