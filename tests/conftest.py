"""Shared test data: the two real standards, loaded the one way the portal loads them.

They are loaded once per test database (per xdist worker), when pytest-django creates it;
each test's changes roll back. Transactional tests (`transactional_db`, `live_server`) end by
flushing the database; after each of them the standards are loaded again, so no later test
finds them missing.
"""

import contextlib
import copy
import datetime
import functools
import uuid
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

# Set once the test database exists: what the reload after a flush needs.
_session: dict = {}


def pytest_configure(config):
    """The translation catalogs compiled (.mo files are built, never committed) before Django
    reads them: a test run needs no `make messages` first."""
    from portal.compile_messages import compile_all

    compile_all()


@functools.cache
def _parsed_standard_files() -> dict:
    from classification.standard_file import load_standard_file

    return {slug: load_standard_file(path) for slug, path in SERIES_FILES.items()}


def standards_load() -> dict:
    """Both standards stored (a no-op when they are); returns {series slug: StandardVersion}."""
    from classification.services import series_load

    return {
        slug: series_load(standard=standard, created_at=LOADED_AT).version
        for slug, standard in _parsed_standard_files().items()
    }


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords hashed with MD5 in tests: PBKDF2 is slow on purpose, which only slows tests."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _cache_of_this_process():
    """Each test process keeps its cache in its own memory: under xdist two processes sharing
    a Redis cache found each other's kept pages (query counts of a "first visit" came out
    wrong). The cache shared through Redis is tested by real processes that configure it
    themselves (tests/portal/test_shared_throttle.py)."""
    from django.test import override_settings

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=local):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with both standards loaded once for the session."""
    with django_db_blocker.unblock():
        standards_load()
    _session["blocker"] = django_db_blocker


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started once the test database exists (so under xdist too
    it serves that database from its first request, and it stops before the database goes)."""
    return live_server


def _flushes_the_database(item) -> bool:
    """Whether pytest-django runs `item` as a TransactionTestCase (it flushes afterwards)."""
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the last test the database is being destroyed: nothing to restore for.
    if nextitem is not None and "blocker" in _session and _flushes_the_database(item):
        from django.db import connections

        with _session["blocker"].unblock():
            standards_load()
            # This hook may run in another context than the test database's teardown: a
            # connection left open here would keep PostgreSQL from dropping the database.
            connections.close_all()
    return result


@pytest.fixture
def standard_files():
    """Both standard files, parsed (once per session; each test gets its own copy)."""
    return copy.deepcopy(_parsed_standard_files())


@pytest.fixture
def loaded_standards(db):
    """Both standards as stored for the session; returns {series slug: StandardVersion}."""
    return standards_load()


@pytest.fixture
def no_standards(db):
    """A database without the session's standards (for tests of loading into an empty one)."""
    from classification.models import Level, Series, StandardVersion
    from screening.models import ReevaluationJob

    # Jobs protect the versions they answer for, versions their series, parenthetics their
    # levels: delete downwards.
    ReevaluationJob.objects.all().delete()
    Level.objects.all().delete()
    StandardVersion.objects.all().delete()
    Series.objects.all().delete()


def pytest_collection_modifyitems(items):
    """Tests with a real Celery worker share one broker: under xdist they run on one worker."""
    for item in items:
        if item.get_closest_marker("celery_worker"):
            item.add_marker(pytest.mark.xdist_group("celery_worker"))


@pytest.fixture
def transactional_loaded_standards(transactional_db):
    """Both standards, committed, and the re-evaluation jobs their loading asked for settled
    (planned here and now: nobody is saved yet), for tests whose workers read them."""
    from screening.models import ReevaluationJob
    from screening.services import reevaluation

    versions = standards_load()
    queued = ReevaluationJob.objects.filter(status=ReevaluationJob.Status.QUEUED)
    for job_id in queued.values_list("pk", flat=True):
        reevaluation.job_start(job_id=job_id)
    return versions


@pytest.fixture(autouse=True, scope="session")
def _celery_queue_of_the_run(worker_id):
    """Whatever the tests send to a real broker goes to a queue of this run's own, deleted at
    the end: never to an installation's workers sharing the broker."""
    from portal.celery import app

    before = app.conf.task_default_queue
    app.conf.task_default_queue = f"portal-test-{worker_id}-{uuid.uuid4().hex[:8]}"
    yield
    queue, app.conf.task_default_queue = app.conf.task_default_queue, before
    if not app.conf.task_always_eager and app.conf.broker_url.startswith("redis"):
        import redis

        with contextlib.suppress(redis.RedisError):
            redis.Redis.from_url(app.conf.broker_url, socket_connect_timeout=3).delete(queue)


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


@pytest.fixture
def documents_dir(tmp_path):
    """Supporting documents (casework) stored under a temporary directory for the test."""
    from django.core.files.storage import FileSystemStorage

    from casework.models import SupportingDocument

    field = SupportingDocument._meta.get_field("file")
    before = field.storage
    field.storage = FileSystemStorage(location=tmp_path / "documents", base_url=None)
    yield tmp_path / "documents"
    field.storage = before


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request under /es/ leaves Spanish active in the thread (LocaleMiddleware does not
    reset it): without this, a later test's forms would speak Spanish."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
