"""Benchmark of the bulk import: N generated applicants from CSV (one row per entry).

Runs against a throw-away SQLite database in a temporary directory (migrated, both standards
loaded), unless --configured-db is given, in which case DATABASE_URL is used as configured
(the import is then rolled back at the end). Prints the seconds the import took.

    .venv/bin/python bench/bench_import.py [--count 1000] [--seed 5] [--configured-db]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TITLES = ["Customer Service Representative", "Call Center Agent", "Receptionist", "Cashier"]
DUTIES = ["customer_service", "telephone_answering", "public_contact", "appointment_scheduling"]


def generate_csv(count: int, seed: int, prefix: str = "B") -> str:
    """`count` applicants, two to four entries each, with realistic dates and duties; their
    external ids are `<prefix>-00000`, `<prefix>-00001`, …"""
    from screening.importers import CSV_COLUMNS

    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number in range(count):
        key = f"{prefix}-{number:05d}"
        writer.writerow(
            {
                "applicant_id": key,
                "name": f"Applicant {number}",
                "as_of": "2026-10-01",
                "keyboarding_wpm": rng.choice(["", "18", "25", "40"]),
                "entry": "education",
                "credential": rng.choice(["high_school_diploma", "high_school_equivalency"]),
                "verified": rng.choice(["true", "false"]),
            }
        )
        if rng.random() < 0.3:
            writer.writerow(
                {
                    "applicant_id": key,
                    "entry": "education",
                    "credential": "college_credit",
                    "semester_hours": str(rng.choice([15, 30, 45, 60, 75])),
                }
            )
        for _ in range(rng.randint(1, 2)):
            start_year = rng.randint(2012, 2024)
            writer.writerow(
                {
                    "applicant_id": key,
                    "entry": "experience",
                    "title": rng.choice(TITLES),
                    "employer_type": rng.choice(["government", "private", "nonprofit"]),
                    "start": f"{start_year}-{rng.randint(1, 12):02d}",
                    "end": rng.choice(["", f"{min(start_year + rng.randint(1, 4), 2026)}-06"]),
                    "hours_per_week": rng.choice(["", "20", "37.5"]),
                    "settings": rng.choice(["", "call_center", "medical"]),
                    "duties": ";".join(rng.sample(DUTIES, rng.randint(1, 3))),
                }
            )
    return out.getvalue()


class Rollback(Exception):
    """Raised to undo what a benchmark wrote to a configured (real) database."""


def portal_setup(*, configured_db: bool, name: str) -> tempfile.TemporaryDirectory:
    """Django set up on a throw-away SQLite database (or the configured one), migrated, both
    standards loaded, tasks in-process; returns the temporary directory to clean up."""
    workdir = tempfile.TemporaryDirectory(prefix=f"bench-{name}-")
    if not configured_db:
        os.environ.pop("DATABASE_URL", None)
        os.environ["PORTAL_VAR_DIR"] = workdir.name
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)  # re-screening runs in-process
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_series", verbosity=0, stdout=io.StringIO())
    return workdir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--configured-db", action="store_true")
    args = parser.parse_args()

    workdir = portal_setup(configured_db=args.configured_db, name="import")
    from django.db import transaction

    from screening.importers import applicants_import

    text = generate_csv(args.count, args.seed)
    rows = text.count("\n") - 1

    started = time.perf_counter()
    try:
        with transaction.atomic():
            report = applicants_import(upload=text.encode(), kind="csv", by=None)
            elapsed = time.perf_counter() - started
            if args.configured_db:
                raise Rollback
    except Rollback:
        pass
    if not report.ok:
        print(f"import refused: {report.errors[:5]}", file=sys.stderr)
        return 1
    print(
        f"imported {report.created} applicants ({rows} CSV rows) in {elapsed:.2f} s "
        f"({report.created / elapsed:.0f} applicants/s)"
    )
    workdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
