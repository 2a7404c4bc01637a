"""Settings for the test run: development values on top of the real, env-driven settings."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-use-1234567890")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")

from kneeclinic.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Django's test client signs in without a request, which django-axes refuses: the sign-in
# tests turn it on (tests/kneeclinic/test_sign_in.py).
AXES_ENABLED = False
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"] = None  # type: ignore[index]  # noqa: F405
# The schema is loaded without signing in by the schema tests; test_headers.py checks that
# production keeps it behind sign-in.
API_DOCS_PUBLIC = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True  # tasks run in the test's own transaction
