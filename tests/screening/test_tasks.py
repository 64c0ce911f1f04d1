"""Background re-screening: batches by primary key, and a real Celery worker end to end.

The worker test runs against the configured broker (Redis in CI) or, when none is configured,
Celery's in-memory transport. In CI (CI=true) an unreachable Redis fails the test: no skip.
"""

import os
import threading

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import transaction

from classification.services import standard_version_create
from portal.celery import app as portal_app
from screening import services
from screening.models import Determination
from tests.factories import CASEY, NOW, ROBIN, TODAY, saved_profile

IN_CI = os.environ.get("CI") == "true"
NYS = "nys-call-center-representative"


def _new_version(version):
    """Store another version of a series (same text, another digest), as an edit would."""
    with transaction.atomic():
        return standard_version_create(
            series=version.series,
            document=version.document,
            digest="f" * 64,
            created_at=NOW,
            change_note="benchmark edit",
        )


def test_batches_cover_every_profile_in_key_order(loaded_standards):
    profiles = [saved_profile(CASEY, applicant={"external_id": f"K-{n}"}) for n in range(5)]
    _new_version(loaded_standards[NYS])
    after, seen, screeners = 0, [], {}
    while True:
        last, changed = services.profiles_rescreen_batch(
            after_pk=after, batch_size=2, today=TODAY, screeners=screeners
        )
        if last is None:
            break
        seen.append((last, changed))
        after = last
    assert [last for last, _ in seen] == [profiles[1].pk, profiles[3].pk, profiles[4].pk]
    assert [changed for _, changed in seen] == [2, 2, 1]
    for profile in profiles:
        profile.refresh_from_db()
        assert profile.current_determination.reason == Determination.Reason.STANDARD_CHANGED
        assert profile.current_determination.standard_labels[NYS].endswith("-ffffffff")


def test_an_unchanged_profile_gets_no_new_determination(loaded_standards):
    profile = saved_profile(CASEY)
    assert services.profiles_rescreen_batch(after_pk=0, batch_size=10, today=TODAY) == (
        profile.pk,
        0,
    )
    assert profile.determinations.count() == 1


def test_storing_a_version_queues_the_rescreen_on_commit(
    loaded_standards, monkeypatch, django_capture_on_commit_callbacks
):
    from screening import tasks

    queued = []
    monkeypatch.setattr(tasks.rescreen_all_profiles, "delay", queued.append)
    version = loaded_standards[NYS]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        new = standard_version_create(
            series=version.series, document=version.document, digest="e" * 64, created_at=NOW
        )
        assert queued == []  # not before the version is committed
    assert len(callbacks) == 1
    assert queued == [new.pk]


def _broker_url() -> str:
    broker = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER:  # embedded: no broker configured
        if IN_CI:
            pytest.fail("CI must run the Celery worker test against Redis: set REDIS_URL")
        return "memory://"
    if broker.startswith("redis"):
        try:
            redis.Redis.from_url(broker, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            pytest.fail(f"the configured broker {broker} is unreachable: {error}")
    return broker


@pytest.fixture
def worker_app():
    import screening.tasks  # noqa: F401  (registers the shared task with every app)

    app = Celery("portal-worker-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=_broker_url(),
        task_always_eager=False,
        broker_connection_retry_on_startup=False,
        broker_connection_max_retries=2,
        worker_hijack_root_logger=False,
    )
    # A queue of this test process's own: xdist workers share the broker, and a message of
    # another's (an edit in a browser test) must not reach this worker.
    queue = f"portal-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    default_queue = portal_app.conf.task_default_queue
    for sender in (app, portal_app):
        sender.conf.task_default_queue = queue
    yield app
    portal_app.conf.task_default_queue = default_queue
    portal_app.set_current()
    portal_app.set_default()


@pytest.mark.celery_worker
def test_a_real_worker_rescreens_saved_profiles_when_a_standard_changes(
    transactional_db, standard_files, worker_app
):
    from classification.services import series_load
    from tests.conftest import LOADED_AT

    versions = {
        slug: series_load(standard=standard, created_at=LOADED_AT).version
        for slug, standard in standard_files.items()
    }
    casey, robin = saved_profile(CASEY), saved_profile(ROBIN)
    done = threading.Event()

    def finished(sender=None, **kwargs):
        if sender is not None and sender.name == "screening.tasks.rescreen_all_profiles":
            done.set()

    task_postrun.connect(finished, weak=False)
    try:
        with start_worker(worker_app, perform_ping_check=False, shutdown_timeout=30):
            worker_app.control.purge()  # messages left by earlier runs on a shared broker
            done.clear()
            _new_version(versions[NYS])
            assert done.wait(timeout=60), "the worker did not run the re-screening task"
    finally:
        task_postrun.disconnect(finished)
    for profile in (casey, robin):
        profile.refresh_from_db()
        assert profile.determinations.count() == 2
        current = profile.current_determination
        assert current.reason == Determination.Reason.STANDARD_CHANGED
        assert current.standard_labels[NYS].endswith("-ffffffff")


def test_expired_sessions_and_their_unsaved_self_checks_are_cleared(db):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from screening.selfcheck import SESSION_KEY
    from screening.tasks import expired_sessions_clear

    keys = {}
    for name, expiry in (("expired", "2001-01-01"), ("live", "2999-01-01")):
        session = SessionStore()
        session[SESSION_KEY] = CASEY
        session.create()
        Session.objects.filter(pk=session.session_key).update(expire_date=f"{expiry}T00:00Z")
        keys[name] = session.session_key
    expired_sessions_clear.apply().get()
    assert list(Session.objects.values_list("pk", flat=True)) == [keys["live"]]


def test_the_beat_schedule_names_registered_tasks():
    portal_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule and all(entry["task"] in portal_app.tasks for entry in schedule.values())
