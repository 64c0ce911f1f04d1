"""Benchmark of the placement officers' queue at 100,000 applicants: the first page, a page
deep in the queue (keyset), the filters "mine" and "unassigned", sorts by due date and name,
each timed through Django's test client and divided by a reference measured in the same run,
the two taking turns (nine pairs; the median of the pairs' ratios): a signed-in officer's
page that reads no applicant (the eligible-list form: the same middleware, session,
permission check and base template).

The applicants are written in bulk (profiles, their cases, an education entry each and their
standing outcomes) rather than imported: screening 100,000 would take minutes and the queue
reads only these rows. Runs on a throw-away SQLite database unless --configured-db is given
(DATABASE_URL, e.g. PostgreSQL); everything written there is rolled back at the end.

    .venv/bin/python bench/bench_queue.py [--count 100000] [--configured-db]
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_import import Rollback, portal_setup  # noqa: E402

CHUNK = 5000
OFFICERS = 10
REPEAT = 9
LEVELS = [
    "nys-call-center-representative/1",
    "nys-call-center-representative/2",
    "university-call-center/operator",
    "university-call-center/representative-i",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--configured-db", action="store_true")
    args = parser.parse_args()
    workdir = portal_setup(configured_db=args.configured_db, name="queue")
    from django.db import connection, transaction

    try:
        with transaction.atomic():
            _run(args.count, connection)
            if args.configured_db:
                raise Rollback
    except Rollback:
        pass
    workdir.cleanup()
    return 0


def _officers():
    from django.contrib.auth.models import User

    from portal.roles import PLACEMENT_OFFICER, role_grant

    officers = []
    for number in range(OFFICERS):
        officer = User.objects.create_user(f"bench-officer-{number}")
        role_grant(user=officer, role=PLACEMENT_OFFICER)
        officers.append(officer)
    return officers


def _applicants(count: int, officers, connection) -> None:
    """`count` profiles received over 200 days, each with a case, a diploma and outcomes."""
    from casework.models import Case, CaseStatus
    from screening.models import ApplicantProfile, CurrentOutcome, EducationEntry

    rng = random.Random(14)
    now = datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC)
    statuses = [CaseStatus.NEW] * 5 + [CaseStatus.IN_REVIEW] * 3 + [CaseStatus.DETERMINED] * 2
    started = time.perf_counter()
    for first in range(0, count, CHUNK):
        size = min(CHUNK, count - first)
        received = [
            now - datetime.timedelta(minutes=rng.randrange(200 * 24 * 60)) for _ in range(size)
        ]
        profiles = ApplicantProfile.objects.bulk_create(
            ApplicantProfile(
                public_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                name=f"{rng.choice('ABCDEFGHKLMNPRST')}{rng.randrange(10**6):06d} Bench",
                external_id=f"B-{first + n}",
                created_at=at,
                updated_at=at,
            )
            for n, at in enumerate(received)
        )
        if profiles[0].pk is None:  # SQLite before RETURNING: read the keys back
            ids = ApplicantProfile.objects.filter(external_id__startswith="B-").order_by("-pk")
            keys = dict(ids.values_list("external_id", "pk")[:size])
            for profile in profiles:
                profile.pk = keys[profile.external_id]
        Case.objects.bulk_create(
            Case(
                profile_id=p.pk,
                status=rng.choice(statuses),
                assignee=rng.choice([*officers, None, None, None]),
                received_at=p.created_at,
                due_date=(p.created_at + datetime.timedelta(days=20)).date(),
                updated_at=p.created_at,
            )
            for p in profiles
        )
        EducationEntry.objects.bulk_create(
            EducationEntry(
                profile_id=p.pk,
                credential="high_school_diploma",
                verification=rng.choice(["unverified", "unverified", "verified"]),
            )
            for p in profiles
        )
        CurrentOutcome.objects.bulk_create(
            CurrentOutcome(
                profile_id=p.pk,
                level=level,
                outcome=rng.choice(["qualified", "review", "not_qualified"]),
                verified=rng.random() < 0.3,
                changed_at=p.created_at,
            )
            for p in profiles
            for level in LEVELS
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{count} applicants written in {time.perf_counter() - started:.1f} s ({connection.vendor})"
    )


def _once(client, url: str, connection) -> tuple[float, int]:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(captured)


def _paired(client, url: str, reference_url: str, connection) -> tuple[float, float, float, int]:
    """The page and the reference, taking turns: (page ms, reference ms, ratio, queries), each
    the median over the runs, the ratio the median of each run's page over its reference."""
    client.get(url), client.get(reference_url)  # warm
    pages, references, ratios = [], [], []
    for _ in range(REPEAT):
        reference, _queries = _once(client, reference_url, connection)
        page, queries = _once(client, url, connection)
        pages.append(page), references.append(reference), ratios.append(page / reference)
    median = statistics.median
    return median(pages) * 1000, median(references) * 1000, median(ratios), queries


def _run(count: int, connection) -> None:
    from django.test import Client

    from casework.models import Case

    officers = _officers()
    _applicants(count, officers, connection)
    client = Client()
    client.force_login(officers[0])
    deep = Case.objects.order_by("received_at", "pk").values_list("profile__public_id", flat=True)
    deep_id = deep[int(count * 0.9)]
    pages = {
        "first": "",
        "deep": f"?after={deep_id}",
        "mine": "?assigned=mine",
        "unassigned": "?assigned=unassigned",
        "mine_due": "?assigned=mine&sort=due",
        "open_name": "?status=open&sort=name",
    }
    reference_url = "/officer/eligible/"
    results = {}
    for name, query in pages.items():
        results[name] = _paired(client, "/officer/applicants/" + query, reference_url, connection)
        ms, reference, ratio, queries = results[name]
        print(
            f"{name:<12} {query or '(no filter)':<52} {ms:7.1f} ms {queries:3d} queries, "
            f"reference {reference:6.1f} ms, ratio {ratio:5.2f}"
        )
    figures = " ".join(f"{name}_ms={r[0]:.1f}" for name, r in results.items())
    ratios = " ".join(f"{name}_ratio={r[2]:.2f}" for name, r in results.items())
    reference = statistics.median(r[1] for r in results.values())
    queries = sorted({r[3] for r in results.values()})
    print(
        f"queue: applicants={count} reference_ms={reference:.1f} {figures} {ratios} "
        f"queries={'/'.join(map(str, queries))}"
    )


if __name__ == "__main__":
    sys.exit(main())
