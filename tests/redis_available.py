"""Whether Redis answers on 127.0.0.1:6379 (the machine and CI start it; .ci/run checks)."""

from __future__ import annotations

import os
import socket
import uuid

import pytest


def redis_answers(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


# Under CI a missing Redis is a failure, not a skip: .ci/run starts it.
needs_redis = pytest.mark.skipif(
    not redis_answers() and os.environ.get("CI") != "true",
    reason="Redis is not running on 127.0.0.1:6379",
)


def redis_cache_settings(backend: str) -> dict:
    """CACHES for a test on Redis database 14, under a key prefix of its own (parallel runs
    never share keys)."""
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "TIMEOUT": 60,
        }
    }
