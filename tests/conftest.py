"""Shared test data: the two real standards, loaded the one way the portal loads them."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

LOADED_AT = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
SERIES_FILES = {
    "university-call-center": settings.SERIES_DATA_DIR / "university-call-center.yaml",
    "nys-call-center-representative": settings.SERIES_DATA_DIR
    / "nys-call-center-representative.yaml",
}
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def standard_files():
    from classification.standard_file import load_standard_file

    return {slug: load_standard_file(path) for slug, path in SERIES_FILES.items()}


@pytest.fixture
def loaded_standards(db, standard_files):
    """Both standards loaded into the database; returns {series slug: StandardVersion}."""
    from classification.services import series_load

    return {
        slug: series_load(standard=standard, created_at=LOADED_AT).version
        for slug, standard in standard_files.items()
    }


@pytest.fixture
def transactional_loaded_standards(transactional_db, standard_files):
    """Both standards loaded and committed, for tests whose other processes read them."""
    from classification.services import series_load

    return {
        slug: series_load(standard=standard, created_at=LOADED_AT).version
        for slug, standard in standard_files.items()
    }


@pytest.fixture
def eager_tasks():
    """Tasks run in this process when their transaction commits (the embedded default),
    whatever broker the suite is configured with."""
    from portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _empty_cache():
    """No throttle count (or other cached value) is carried from one test into the next.

    On Redis only the portal's own keys go: the same database may hold Celery's queues.
    """
    from django.core.cache import cache
    from django.core.cache.backends.redis import RedisCache

    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{cache.key_prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()
