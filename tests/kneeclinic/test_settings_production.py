"""Production settings: the Redis cache, the broker and media storage, from the environment."""

from __future__ import annotations

from tests.kneeclinic.test_settings_env import run_django

KEY = "k" * 60


def setting(expression: str, **env: str) -> str:
    code = f"from django.conf import settings as s; print({expression})"
    result = run_django(["shell", "--no-imports", "-c", code], DJANGO_SECRET_KEY=KEY, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_cache_is_redis_database_1_by_default():
    cache = "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']"
    # Django's Redis cache, one redis-py client per pool (kneeclinic/cache.py)
    assert setting(cache) == "kneeclinic.cache.RedisCache redis://127.0.0.1:6379/1"
    assert setting(cache, CACHE_URL="redis://cache.internal:6379/4").endswith(
        "redis://cache.internal:6379/4"
    )


def test_locmem_cache_for_a_machine_without_redis():
    assert setting("s.CACHES['default']['BACKEND']", CACHE_URL="locmem://").endswith("LocMemCache")


def test_broker_is_local_redis_and_tasks_are_queued_by_default():
    assert setting("s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER") == (
        "redis://127.0.0.1:6379/0 False"
    )


def test_media_on_a_private_bucket_through_django_storages():
    options = setting(
        "s.STORAGES['default']['BACKEND'], sorted(s.STORAGES['default']['OPTIONS'].items())",
        DJANGO_MEDIA_STORAGE="s3",
        DJANGO_MEDIA_BUCKET="clinic-media",
    )
    assert options.startswith("storages.backends.s3.S3Storage")
    assert "('bucket_name', 'clinic-media')" in options and "('default_acl', 'private')" in options


def test_s3_media_without_a_bucket_is_a_clear_error():
    result = run_django(["check"], DJANGO_SECRET_KEY=KEY, DJANGO_MEDIA_STORAGE="s3")
    assert result.returncode != 0 and "needs DJANGO_MEDIA_BUCKET" in result.stderr
