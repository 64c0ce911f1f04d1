"""Benchmark of the placement officers' queue: N imported applicants, then the queue page with
each kind of filter, timed through Django's test client (median of 5, SQL query count).

Runs on a throw-away SQLite database unless --configured-db is given (DATABASE_URL, e.g.
PostgreSQL); everything written there is rolled back at the end.

    .venv/bin/python bench/bench_queue.py [--count 10000] [--configured-db]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_import import Rollback, generate_csv, portal_setup  # noqa: E402

CHUNK = 2000
QUERIES = [
    "",
    "?level=nys-call-center-representative/1&outcome=qualified_unverified",
    "?verification=pending",
    "?level=university-call-center/manager&outcome=not_qualified&page=20",
    "?screened_from=2020-01-01&screened_to=2030-01-01",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10000)
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


def _run(count: int, connection) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.roles import PLACEMENT_OFFICER, role_grant
    from screening.importers import applicants_import

    started = time.perf_counter()
    for chunk in range(0, count, CHUNK):
        text = generate_csv(min(CHUNK, count - chunk), seed=chunk, prefix=f"Q{chunk}")
        report = applicants_import(upload=text.encode(), kind="csv", by=None)
        if not report.ok:
            raise SystemExit(f"import refused: {report.errors[:5]}")
    seconds = time.perf_counter() - started
    print(f"{count} applicants imported in {seconds:.1f} s ({connection.vendor})")

    officer = User.objects.create_user("bench-officer")
    role_grant(user=officer, role=PLACEMENT_OFFICER)
    client = Client()
    client.force_login(officer)
    for query in QUERIES:
        times = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/officer/applicants/" + query)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        median = statistics.median(times) * 1000
        print(f"{query or '(no filter)':<72} {median:7.1f} ms {len(captured):3d} queries")


if __name__ == "__main__":
    sys.exit(main())
