"""Benchmark of the bulk re-evaluation: N applicants on PostgreSQL, real Celery workers.

A throw-away PostgreSQL database (`bench_bulk_<pid>` on the server of DATABASE_URL, dropped at
the end) is migrated and given both standards and N applicants of realistic shape (profiles
and their current outcomes inserted set-based, the outcomes computed by the engine: setup,
not timed). Two `celery worker` processes (prefork, concurrency 1) then serve a private queue
on REDIS_URL. Each scenario is timed from the publish (a version stored through
`standard_version_edit`, as an analyst stores one) until its jobs are done:

  (a) full:      every level of both series, months requirements quadrupled (a version each);
  (b) one level: one level's rule changed so that about 5% of its outcomes flip;
  (c) no-op:     a republish that changes no outcome (a note of the series added), and a
                 rule change that moves no outcome (an alternative of a rule repeated);
  (d) copy:      a bare COPY of N x 10 outcome-shaped rows into a fresh table with a primary
                 key and a unique index on (profile_id, level): the yardstick.

(a) is timed again with one worker (the months brought back). Each time is printed as a ratio
to (d), measured in the same run; the peak RSS (VmHWM) of the worker processes is sampled
throughout. The last line is the summary `bulk: applicants=N full_s=... peak_rss_mb=...`.

    .venv/bin/python bench/bench_bulk.py [--count 100000] [--batch-size 1000]
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime
import io
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_engine import make_profiles  # noqa: E402
from bench.bulk_workers import Workers  # noqa: E402

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
NYS = "nys-call-center-representative"
UNIVERSITY = "university-call-center"
# (b): CCR 1's "two years of customer service" with a diploma made five years flips about 5%
# of that level's outcomes for profiles of make_profiles' shape.
ONE_LEVEL = ("1", 24, 60)
# (a): every months requirement of both series quadrupled flips about 30% of the applicants
# (5% of all outcome rows: most outcomes of the higher levels are "not qualified" either way);
# doubled flips only 16% of the applicants.
FULL_FACTOR = 4
INERT_LEVEL = "3"
SEED = 23
PROFILE_COLUMNS = (
    "id", "public_id", "name", "email", "external_id", "as_of", "keyboarding_wpm",
    "created_at", "updated_at", "document", "document_sha256", "revision",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="applicants (default 100000)")
    parser.add_argument("--batch-size", type=int, default=None, help="REEVALUATION_BATCH_SIZE")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per scenario")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if urlsplit(server).scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL server, not {server!r}")
    # Interrupted or terminated, the workers and the database still go (the `finally`s).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench-bulk: terminated"))
    database = f"bench_bulk_{os.getpid()}"
    url = _database_url(server, database)
    _admin(server, f'CREATE DATABASE "{database}"')
    workdir = tempfile.TemporaryDirectory(prefix="bench-bulk-")
    try:
        _django_setup(url, workdir.name)
        return _bench(args, workdir.name)
    finally:
        from django.db import connections

        connections.close_all()
        _admin(server, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        workdir.cleanup()


# --- The throw-away database and Django -----------------------------------------------------


def _database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _admin(server: str, statement: str) -> None:
    """One statement on the server's `postgres` database, outside any transaction."""
    import psycopg2

    connection = psycopg2.connect(_database_url(server, "postgres"))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def _django_setup(url: str, var_dir: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["REDIS_URL"] = os.environ.get("REDIS_URL") or DEFAULT_BROKER
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["CELERY_QUEUE"] = f"bench-bulk-{os.getpid()}"
    os.environ["PORTAL_VAR_DIR"] = var_dir
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_series", verbosity=0, stdout=io.StringIO())
    _loading_jobs_run()


def _loading_jobs_run() -> None:
    """The jobs the loading asked for, run here (nobody to re-evaluate yet)."""
    from screening.models import ReevaluationJob as Job
    from screening.services import reevaluation

    for job_id in Job.objects.filter(status=Job.Status.QUEUED).values_list("pk", flat=True):
        reevaluation.job_start(job_id=job_id)


# --- Setup: applicants and their outcomes, set-based ----------------------------------------


def applicants_insert(count: int) -> None:
    """`count` profiles (document, sha256, revision) and their outcomes, by COPY."""
    from django.db import connection, transaction
    from django.utils import timezone

    from screening.models import ApplicantProfile, CurrentOutcome

    documents = make_profiles(count, seed=SEED)
    now = timezone.now()
    outcomes = _outcomes_computed(documents, today=timezone.localdate(now))
    with transaction.atomic(), connection.cursor() as cursor:
        _copy(
            cursor,
            ApplicantProfile._meta.db_table,
            PROFILE_COLUMNS,
            _profile_rows(documents, now),
        )
        _copy(
            cursor,
            CurrentOutcome._meta.db_table,
            ("profile_id", "level", "outcome", "verified", "changed_at"),
            (
                (pk, level, outcome, verified, now)
                for pk, standings in enumerate(outcomes, start=1)
                for level, (outcome, verified) in standings.items()
            ),
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
            [ApplicantProfile._meta.db_table, count],
        )
        cursor.execute("ANALYZE")


def _outcomes_computed(documents: list[dict], *, today: datetime.date) -> list[dict]:
    """Each document's {level: (outcome, verified)} under the versions in force on its date."""
    from screening.engine import screen_profile, validate_profile
    from screening.selectors import screener_for, versions_in_effect

    screeners: dict = {}
    outcomes = []
    for document in documents:
        at = datetime.date.fromisoformat(document["as_of"]) if "as_of" in document else today
        if at not in screeners:
            screeners[at] = screener_for(versions_in_effect(at=at))
        result = screen_profile(validate_profile(document), screeners[at], default_as_of=today)
        outcomes.append(
            {item["level"]: (item["outcome"], bool(item["verified"])) for item in result["results"]}
        )
    return outcomes


def _profile_rows(documents: list[dict], now):
    import uuid

    from screening.services.determinations import document_sha256

    for pk, document in enumerate(documents, start=1):
        applicant = document.get("applicant") or {}
        yield (
            pk, uuid.uuid4(), applicant.get("name") or "", "", applicant.get("external_id") or "",
            document.get("as_of"), (document.get("assessments") or {}).get("keyboarding_wpm"),
            now, now, json.dumps(document), document_sha256(document), 1,
        )  # fmt: skip


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    """COPY the rows in (CSV; None is NULL, an empty string stays empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["\\N" if value is None else value for value in row])
    buffer.seek(0)
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    cursor.cursor.copy_expert(sql, buffer)


# --- (d) the yardstick: a bare COPY ---------------------------------------------------------


def copy_timed(rows: int) -> float:
    """Seconds to COPY `rows` outcome-shaped rows into a fresh table (primary key, unique
    index on (profile_id, level)) and commit; the rows are made before the clock starts."""
    from django.db import connection, transaction

    rng = random.Random(SEED)
    levels = [f"level-{n}" for n in range(10)]
    outcomes = ("qualified", "not_qualified", "review")
    at = datetime.datetime.now(datetime.UTC).isoformat()
    text = "".join(
        f"{n // 10 + 1},{levels[n % 10]},{rng.choice(outcomes)},{rng.random() < 0.3},{at}\n"
        for n in range(rows)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_copy (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            "profile_id bigint NOT NULL, level text NOT NULL, outcome text NOT NULL, "
            "verified boolean NOT NULL, changed_at timestamptz NOT NULL)"
        )
        cursor.execute("CREATE UNIQUE INDEX bench_copy_key ON bench_copy (profile_id, level)")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY bench_copy (profile_id, level, outcome, verified, changed_at) "
            "FROM STDIN WITH (FORMAT csv)",
            io.StringIO(text),
        )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy")
    return seconds


# --- Scenarios ------------------------------------------------------------------------------


def _newest(slug: str):
    from classification.models import StandardVersion

    return StandardVersion.objects.filter(series__slug=slug).order_by("-number").first()


def _months_scaled(rule, factor: float):
    """The rule with every `months: n` made `n * factor` (at least 1)."""
    if isinstance(rule, dict):
        return {
            key: max(1, round(value * factor))
            if key == "months" and isinstance(value, int)
            else _months_scaled(value, factor)
            for key, value in rule.items()
        }
    if isinstance(rule, list):
        return [_months_scaled(item, factor) for item in rule]
    return rule


def _months_replaced(rule, old: int, new: int):
    if isinstance(rule, dict):
        return {
            key: new if key == "months" and value == old else _months_replaced(value, old, new)
            for key, value in rule.items()
        }
    if isinstance(rule, list):
        return [_months_replaced(item, old, new) for item in rule]
    return rule


def _alternative_repeated(rule):
    """The rule with its last alternative given twice: another rule, the same outcomes."""
    if isinstance(rule, dict) and "any" in rule:
        return {**rule, "any": [*rule["any"], copy.deepcopy(rule["any"][-1])]}
    return rule


def _with_routes(document: dict, change, levels: set[str] | None = None) -> dict:
    """A copy of the document with `change` applied to the rule of every route (of `levels`)."""
    changed = copy.deepcopy(document)
    for level in changed["levels"]:
        if levels is None or level["id"] in levels:
            for route in (level.get("qualifications") or {}).get("routes") or []:
                route["rule"] = change(route["rule"])
    return changed


def _publish(slug: str, document: dict, note: str):
    from django.utils import timezone

    from classification.services import standard_version_edit

    version = _newest(slug)
    return standard_version_edit(
        series=version.series,
        document=document,
        effective_date=None,
        change_note=note,
        created_by=None,
        created_at=timezone.now(),
    )


def scenario_timed(workers: Workers, publications: list[tuple[str, dict]], timeout: float):
    """Publish each (series, document); seconds until all their jobs are done, and the jobs."""
    from screening.models import ReevaluationJob as Job

    started = time.perf_counter()
    versions = [_publish(slug, document, "bench") for slug, document in publications]
    jobs = list(Job.objects.filter(version__in=versions))
    deadline = time.monotonic() + timeout
    while True:
        workers.sample()
        states = dict(Job.objects.filter(pk__in=[j.pk for j in jobs]).values_list("pk", "status"))
        if all(state == Job.Status.DONE for state in states.values()):
            break
        failed = {pk: s for pk, s in states.items() if s not in (*Job.ACTIVE, Job.Status.DONE)}
        if failed or time.monotonic() > deadline:
            raise SystemExit(f"jobs {states} did not finish:\n{workers.logs()}")
        time.sleep(0.05)
    return time.perf_counter() - started, jobs


def flipped(jobs) -> int:
    """Outcome rows the jobs changed."""
    from screening.models import OutcomeChange

    return OutcomeChange.objects.filter(job__in=jobs).count()


def computing_seconds(jobs) -> tuple[int, float]:
    """The jobs' batches, and their seconds of reading and computing (before the write)."""
    from django.db.models import Count, Sum

    from screening.models import ReevaluationBatch

    figures = ReevaluationBatch.objects.filter(job__in=jobs).aggregate(
        batches=Count("pk"), seconds=Sum("seconds")
    )
    return figures["batches"], figures["seconds"] or 0.0


def _bench(args, var_dir: str) -> int:
    count = args.count
    started = time.perf_counter()
    applicants_insert(count)
    print(f"setup: {count} applicants and their outcomes in {time.perf_counter() - started:.1f} s")
    copy_s = copy_timed(count * 10)
    workers = Workers(var_dir, args.batch_size)
    try:
        return _scenarios(args, workers, copy_s)
    finally:
        workers.stop()
        import redis
        from django.conf import settings

        broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        queue = os.environ["CELERY_QUEUE"]
        broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def _scenarios(args, workers: Workers, copy_s: float) -> int:
    count, timeout = args.count, args.timeout
    workers.start()
    workers.start()
    workers.wait_ready()
    rows = []
    level, old, new = ONE_LEVEL
    before = {slug: _newest(slug).document for slug in (NYS, UNIVERSITY)}
    one = _with_routes(before[NYS], lambda r: _months_replaced(r, old, new), {level})
    one_level_s, jobs = scenario_timed(workers, [(NYS, one)], timeout)
    rows.append((f"one level ({NYS}/{level})", one_level_s, jobs, count, 2))

    noted = copy.deepcopy(one)
    noted["notes"] = [*(noted.get("notes") or []), "Republished by the benchmark."]
    noop_s, jobs = scenario_timed(workers, [(NYS, noted)], timeout)
    rows.append(("no-op (a note added)", noop_s, jobs, count * 5, 2))

    # A rule changed that moves no outcome: what a no-op costs once a job skips the levels
    # whose rules did not change (a note alone then makes an empty job).
    inert = _with_routes(noted, _alternative_repeated, {INERT_LEVEL})
    inert_s, jobs = scenario_timed(workers, [(NYS, inert)], timeout)
    rows.append((f"no-op rule change ({NYS}/{INERT_LEVEL})", inert_s, jobs, count, 2))

    before = {slug: _newest(slug).document for slug in (NYS, UNIVERSITY)}
    scaled = {
        s: _with_routes(d, lambda r: _months_scaled(r, FULL_FACTOR)) for s, d in before.items()
    }
    full_s, jobs = scenario_timed(workers, list(scaled.items()), timeout)
    rows.append((f"full: months x{FULL_FACTOR} (2 workers)", full_s, jobs, count * 10, 2))

    workers.stop(1)
    full_one_s, jobs = scenario_timed(workers, list(before.items()), timeout)
    rows.append(("full: months back (1 worker)", full_one_s, jobs, count * 10, 1))
    workers.sample()
    _print_table(rows, copy_s, workers)
    peak_mb = max(workers.peaks.values()) / 1024
    print(
        f"bulk: applicants={count} full_s={full_s:.2f} one_level_s={one_level_s:.2f} "
        f"noop_s={noop_s:.2f} copy_s={copy_s:.2f} full_ratio={full_s / copy_s:.2f} "
        f"one_level_ratio={one_level_s / copy_s:.2f} noop_ratio={noop_s / copy_s:.2f} "
        f"peak_rss_mb={peak_mb:.0f}"
    )
    return 0


def _print_table(rows, copy_s: float, workers: Workers) -> None:
    """Each scenario: seconds, ratio to COPY, outcomes flipped, and the share of the workers'
    time spent reading and computing batches (the rest: writing, queueing, planning)."""
    print(
        f"{'scenario':<58} {'seconds':>8} {'x COPY':>7} {'outcomes flipped':>26} "
        f"{'batches':>7} {'read+compute':>12}"
    )
    for label, seconds, jobs, of, processes in rows:
        changed = flipped(jobs)
        batches, computing = computing_seconds(jobs)
        share = f"{changed:,} of {of:,} ({100 * changed / of:.1f}%)"
        print(
            f"{label:<58} {seconds:8.2f} {seconds / copy_s:7.2f} {share:>26} {batches:>7} "
            f"{100 * computing / (seconds * processes):11.0f}%"
        )
    print(f"{'COPY of outcome-shaped rows (yardstick)':<58} {copy_s:8.2f} {1:7.2f}")
    print(f"{'full: 1 worker / 2 workers':<58} {rows[-1][1] / rows[-2][1]:8.2f}")
    for (number, kind, pid), kb in sorted(workers.peaks.items()):
        print(f"worker {number} {kind:<5} (pid {pid}): peak RSS {kb / 1024:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
