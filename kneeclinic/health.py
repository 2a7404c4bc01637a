"""`/healthz` for load balancers and monitors: the database, the cache and the queue's broker.

`/healthz/worker` also asks the Celery workers to answer (a ping over the broker), for a
monitor of the printing queue; a web node stays healthy while no worker runs.
"""

from __future__ import annotations

from django.conf import settings
from health_check.checks import Cache, Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient


def broker_client() -> RedisClient:
    return RedisClient.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)


BROKER = (Redis, {"client_factory": broker_client})
healthz = HealthCheckView.as_view(checks=[Database, Cache, BROKER])
worker_healthz = HealthCheckView.as_view(checks=[BROKER, Ping])
