"""Bulk re-evaluation with real Celery worker processes on the real broker and database.

Each test commits its data (transactional), starts `celery worker` processes as an operator
would (with beat, so the sweep runs), and checks the invariant once every job has settled.
The workers need a database they can reach from another process: PostgreSQL. In CI
(CI=true) a missing PostgreSQL or Redis fails these tests; on a laptop without them they are
skipped.
"""

import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import kombu.pools
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from bench.bench_engine import make_profiles
from portal.celery import app as portal_app
from screening.models import (
    CurrentOutcome,
    OutcomeChange,
    ReevaluationBatch,
    ReevaluationJob,
)
from screening.services import profiles_create
from tests.factories import officer_user, standard_store, standard_with_months
from tests.screening.invariants import assert_one_truth

pytestmark = [pytest.mark.celery_worker, pytest.mark.slow]
IN_CI = os.environ.get("CI") == "true"
ROOT = Path(__file__).resolve().parents[2]
NYS = "nys-call-center-representative"
Job = ReevaluationJob


def _services_or_skip() -> None:
    problems = []
    if connection.vendor != "postgresql":
        problems.append("worker processes need PostgreSQL (set DATABASE_URL)")
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        problems.append("worker processes need Redis (set REDIS_URL)")
    else:
        try:
            redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            problems.append(f"Redis is unreachable: {error}")
    if problems and IN_CI:
        pytest.fail("; ".join(problems))
    if problems:
        pytest.skip("; ".join(problems))


@pytest.fixture
def queue():
    """A queue of this test's own on the shared broker; publishing goes there too."""
    _services_or_skip()
    name = f"test-{uuid.uuid4().hex[:12]}"
    before = portal_app.conf.task_default_queue
    portal_app.conf.task_default_queue = name
    yield name
    portal_app.conf.task_default_queue = before
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(name)


class Workers:
    """`celery worker` processes started as an operator starts them, killed with signals."""

    def __init__(self, queue: str, tmp_path: Path):
        self.queue, self.tmp_path, self.processes = queue, tmp_path, []
        database = connection.settings_dict
        self.env = {
            **os.environ,
            "DATABASE_URL": (
                f"postgres://{database['USER'] or 'postgres'}@{database['HOST'] or '127.0.0.1'}"
                f":{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "CELERY_QUEUE": queue,
            # Batches long enough (a tenth of a second or so) to be killed in the middle of.
            "REEVALUATION_BATCH_SIZE": "100",
            "REEVALUATION_LEASE_SECONDS": "4",
            "REEVALUATION_SWEEP_SECONDS": "1",
            "PORTAL_VAR_DIR": str(tmp_path),
            "LOG_LEVEL": "WARNING",
        }

    def start(self, *, beat: bool = True, concurrency: int = 2) -> subprocess.Popen:
        number = len(self.processes)
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker",
            "-Q", self.queue, "-n", f"{self.queue}-{number}@%h",
            f"--concurrency={concurrency}", "--pool=prefork", "--loglevel=WARNING",
            "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        if beat:
            command += ["--beat", "--schedule", str(self.tmp_path / f"beat-{number}")]
        log = open(self.tmp_path / f"worker-{number}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def children(self, process) -> list[int]:
        found = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(process.pid)], capture_output=True, text=True
        )
        return [int(pid) for pid in found.stdout.split()]

    def stop(self) -> None:
        for process in self.processes:
            for pid in self.children(process):
                _kill(pid, signal.SIGKILL)
            _kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.tmp_path.glob("*.log"))


def _kill(pid: int, sig) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


@pytest.fixture
def workers(queue, tmp_path):
    started = Workers(queue, tmp_path)
    yield started
    started.stop()


@pytest.fixture
def standards(queue, transactional_loaded_standards):
    """The standards, loaded once this test's queue is in place, no job left to run."""
    assert not Job.objects.filter(status__in=Job.ACTIVE).exists()
    return transactional_loaded_standards


def _applicants(count: int) -> int:
    """Applicants of realistic shape, committed, screened under version 1."""
    officer = officer_user()
    documents = make_profiles(count, seed=11)
    profiles_create(documents=documents, by=officer, verified_by=officer, reason="imported")
    return count


@pytest.fixture
def applicants(standards):
    """Thousands: enough that a job is still running when a worker is killed."""
    return _applicants(2000)


@pytest.fixture
def some_applicants(standards):
    return _applicants(300)


def _stricter(version, new: int = 36):
    """CCR 1 (and CCR 1 HESC): a diploma needs `new` months instead of 24."""
    document = standard_with_months(version, level="1", old=24, new=new)
    for item in document["levels"]:
        if item["id"] == "1-hesc":
            for route in item["qualifications"]["routes"]:
                route["rule"] = standard_with_months(version, level="1", old=24, new=new)["levels"][
                    0
                ]["qualifications"]["routes"][0]["rule"]
    return document


def _settled(workers, *, timeout: float = 120) -> list[ReevaluationJob]:
    """Wait until no job is queued or running; the jobs, newest first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Job.objects.filter(status__in=Job.ACTIVE).exists():
            return list(Job.objects.order_by("-pk"))
        time.sleep(0.25)
    states = list(Job.objects.values_list("pk", "status", "total"))
    batches = list(ReevaluationBatch.objects.values_list("status", "attempts")[:50])
    pytest.fail(f"jobs did not settle: {states} {batches}\n{workers.logs()}")


def _processed(job) -> int:
    return sum(
        ReevaluationBatch.objects.filter(job=job, status="done").values_list("processed", flat=True)
    )


def _mid_job(job, workers, *, share: float = 0.1, timeout: float = 60) -> None:
    """Wait until the job has written some of its batches, but not all, and a worker is in
    the middle of one (claimed, its lease running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        busy = ReevaluationBatch.objects.filter(
            job=job, status=ReevaluationBatch.Status.RUNNING, lease_until__gt=timezone.now()
        ).exists()
        if job.total and _processed(job) >= share * job.total and busy:
            assert job.status == Job.Status.RUNNING, "the job ended before it could be interrupted"
            return
        time.sleep(0.01)
    pytest.fail(f"the job did not get going: {job.status}\n{workers.logs()}")


def _connections_renewed() -> None:
    """Publish through fresh connections to whatever broker the configuration now names."""
    portal_app.pool.force_close_all()
    kombu.pools.reset()
    portal_app._pool = None
    portal_app.amqp._producer_pool = None


def _today() -> datetime.date:
    return timezone.localdate()


def test_a_job_over_thousands_of_applicants_completes_with_one_truth(
    applicants, workers, standards
):
    workers.start()
    workers.start(beat=False)
    nys = standards[NYS]
    standard_store(nys, _stricter(nys), at=timezone.now())
    [job, *_] = _settled(workers)
    assert (job.status, job.total) == (Job.Status.DONE, applicants)
    assert _processed(job) == applicants
    assert OutcomeChange.objects.filter(job=job).exists()
    assert assert_one_truth(_today()) == applicants * 10


def _published_and_under_way(standards, workers, *, months: int = 36) -> ReevaluationJob:
    """A stricter CCR 1 published, its job running (some batches written, not all)."""
    nys = standards[NYS]
    standard_store(nys, _stricter(nys, new=months), at=timezone.now())
    job = Job.objects.filter(series=nys.series).order_by("-pk").first()
    _mid_job(job, workers)
    return job


def test_killing_a_busy_pool_child_loses_nothing(applicants, workers, standards):
    main = workers.start()
    # A kill lands in the middle of a batch nearly always; when the batch has just ended it
    # tests nothing new, so the publish and the kill are tried again (up to three times).
    for months in (36, 30, 48):
        _published_and_under_way(standards, workers, months=months)
        children = workers.children(main)
        assert children, "no pool child to kill"
        for pid in children:  # as an out-of-memory kill would
            _kill(pid, signal.SIGKILL)
        [job, *_] = _settled(workers)
        assert job.status == Job.Status.DONE, workers.logs()
        assert _processed(job) == applicants
        assert_one_truth(_today())
        if ReevaluationBatch.objects.filter(job=job, attempts__gt=1).exists():
            return  # the killed child's batch was taken over and written once
    pytest.fail("no kill landed in the middle of a batch in three tries")


def test_killing_the_main_worker_then_starting_a_fresh_one_completes_the_job(
    applicants, workers, standards
):
    main = workers.start()
    job = _published_and_under_way(standards, workers)
    children = workers.children(main)
    _kill(main.pid, signal.SIGKILL)
    for pid in children:
        _kill(pid, signal.SIGKILL)
    main.wait(timeout=30)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    workers.start()  # a fresh worker: its sweep sends what the dead one held
    [job, *_] = _settled(workers)
    assert job.status == Job.Status.DONE, workers.logs()
    assert _processed(job) == applicants
    assert_one_truth(_today())


def test_a_broker_unreachable_at_publish_delays_the_job_and_loses_nothing(
    some_applicants, workers, standards
):
    nys = standards[NYS]
    working_broker = portal_app.conf.broker_url
    # Nothing listens on port 9 of this machine: the publish cannot reach a broker.
    portal_app.conf.broker_url = "redis://127.0.0.1:9/0"
    _connections_renewed()
    try:
        version = standard_store(nys, _stricter(nys), at=timezone.now())
    finally:
        portal_app.conf.broker_url = working_broker
        _connections_renewed()
    job = Job.objects.get(version=version)
    assert (job.status, job.dispatched_at) == (Job.Status.QUEUED, None)
    workers.start()  # the broker is back: the sweep sends the job
    [job, *_] = _settled(workers)
    assert job.status == Job.Status.DONE, workers.logs()
    assert_one_truth(_today())


def test_two_publishes_seconds_apart_the_newest_wins_everywhere(
    some_applicants, workers, standards
):
    workers.start()
    workers.start(beat=False)
    nys = standards[NYS]
    v2 = standard_store(nys, _stricter(nys, new=36), at=timezone.now())
    time.sleep(1)
    v3 = standard_store(v2, _stricter(nys, new=30), at=timezone.now())
    jobs = _settled(workers)
    newest = next(job for job in jobs if job.pinned_number == v3.number)
    assert newest.status == Job.Status.DONE
    assert all(job.status in ("done", "superseded") for job in jobs)
    assert_one_truth(_today())  # against v3, in force now


def test_a_batch_delivered_twice_writes_nothing_new(some_applicants, workers, standards):
    from screening.tasks import reevaluation_batch_run

    workers.start()
    nys = standards[NYS]
    standard_store(nys, _stricter(nys), at=timezone.now())
    [job, *_] = _settled(workers)
    written = (OutcomeChange.objects.count(), CurrentOutcome.objects.count())
    batch = ReevaluationBatch.objects.filter(job=job).first()
    for _ in range(2):
        reevaluation_batch_run.delay(batch.pk)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(
        workers.queue
    ):
        time.sleep(0.2)
    time.sleep(1)
    assert (OutcomeChange.objects.count(), CurrentOutcome.objects.count()) == written
    batch.refresh_from_db()
    assert batch.attempts == 1
