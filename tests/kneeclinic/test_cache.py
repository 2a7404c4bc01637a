"""The Redis cache (kneeclinic/cache.py): Django's, with one redis-py client per pool."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings

from kneeclinic.cache import RedisCache
from tests.redis_available import needs_redis, redis_cache_settings

pytestmark = needs_redis


@pytest.fixture
def redis_cache():
    config = redis_cache_settings("kneeclinic.cache.RedisCache")
    with override_settings(CACHES=config):
        cache = caches["default"]
        yield cache
        cache.clear()


def test_it_stores_reads_counts_and_forgets_as_djangos_does(redis_cache):
    assert isinstance(redis_cache, RedisCache)
    assert redis_cache.get("history", []) == []
    redis_cache.set("history", [3.5, 2.0], 60)
    assert redis_cache.get("history") == [3.5, 2.0]
    assert redis_cache.add("count", 1, 60) and not redis_cache.add("count", 5, 60)
    assert redis_cache.incr("count") == 2
    redis_cache.delete("history")
    assert redis_cache.get("history") is None


def test_every_call_uses_one_client_per_pool(redis_cache):
    backend = redis_cache._cache
    first = backend.get_client(write=True)
    assert backend.get_client(write=True) is first
    assert backend.get_client() is first  # one server: reads go to the same pool
