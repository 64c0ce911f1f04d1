"""In CI the suite runs on the real services: PostgreSQL and Redis, or it fails (never skips)."""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI") == "true"


@pytest.mark.django_db
def test_the_database_is_the_configured_one():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
    if IN_CI:
        assert expected == "postgresql", "CI must run with DATABASE_URL pointing at PostgreSQL"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_redis_answers_when_configured():
    if IN_CI:
        assert settings.REDIS_URL, "CI must run with REDIS_URL set"
    if not settings.REDIS_URL:
        assert settings.CELERY_TASK_ALWAYS_EAGER, "without a broker, tasks run in-process"
        return
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5)
    assert client.ping() is True
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
