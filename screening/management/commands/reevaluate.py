"""Re-evaluate saved applicants against a series' standards, as a background job."""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from classification.models import Series
from screening.models import ReevaluationJob
from screening.selectors_jobs import job_summary
from screening.services import reevaluation


class Command(BaseCommand):
    help = (
        "Create a re-evaluation job for each series (or --series), all its levels or --level. "
        "With --wait, wait for the jobs and print their summary as one JSON object on the last "
        "line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--series", action="append", default=[], metavar="SLUG")
        parser.add_argument(
            "--level", action="append", default=[], metavar="LEVEL_ID", help="series/level"
        )
        parser.add_argument("--dry-run", action="store_true", help="count only; write nothing")
        parser.add_argument("--wait", action="store_true", help="wait for the jobs to finish")
        parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait at most")
        parser.add_argument(
            "--sweep",
            action="store_true",
            help="only run the periodic sweep once (start jobs whose day has come, resend "
            "lost work): for installations without Celery beat",
        )

    def handle(self, *args, series, level, dry_run, wait, timeout, sweep, **options):
        if sweep:
            self.stdout.write(json.dumps(reevaluation.sweep(), sort_keys=True))
            return
        chosen = self._series(series, level)
        with transaction.atomic():
            jobs = [
                reevaluation.job_request(
                    series=one,
                    reason=ReevaluationJob.Reason.ON_DEMAND,
                    levels=[lv for lv in level if lv.split("/", 1)[0] == one.slug] or None,
                    dry_run=dry_run,
                )
                for one in chosen
            ]
        for job in jobs:
            job.refresh_from_db()
            self.stderr.write(f"{one_line(job)}: {job.get_status_display().lower()}")
        if not wait:
            return
        jobs = self._waited(jobs, timeout)
        summaries = [job_summary(job=job) for job in jobs]
        settled = all(job.status in ("done", "superseded") for job in jobs)
        summary = summaries[0] if len(summaries) == 1 else {"jobs": summaries}
        self.stdout.write(json.dumps(summary, sort_keys=True))
        if not settled:
            raise CommandError("a job did not finish: " + ", ".join(one_line(j) for j in jobs))

    def _series(self, slugs: list[str], levels: list[str]) -> list[Series]:
        wanted = set(slugs) | {level.split("/", 1)[0] for level in levels}
        found = list(Series.objects.filter(slug__in=wanted) if wanted else Series.objects.all())
        missing = sorted(wanted - {one.slug for one in found})
        if missing:
            raise CommandError(f"no such series: {', '.join(missing)}")
        if not found:
            raise CommandError("no standard is loaded: run `manage.py load_series` first")
        return found

    def _waited(self, jobs, timeout: float):
        deadline = time.monotonic() + timeout
        while True:
            for job in jobs:
                job.refresh_from_db()
            if all(job.status not in (*ReevaluationJob.ACTIVE, "scheduled") for job in jobs):
                return jobs
            if time.monotonic() > deadline:
                return jobs
            time.sleep(0.2)


def one_line(job) -> str:
    return f"job {job.public_id} ({job.series.slug})"
