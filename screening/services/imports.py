"""Officers' imports that are too large for a web request: run as background jobs.

The import itself is `screening.importers.applicants_import` (all or nothing); here it is
queued, claimed under a lease, and run once: its result and the applicants are committed
together, so a second delivery finds the job ended and does nothing.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from screening.importers import applicants_import
from screening.models import ImportJob
from screening.services.outbox import task_send


def import_job_create(
    *, text: str, kind: str, by, now: datetime.datetime | None = None
) -> ImportJob:
    """Queue an import; it is dispatched when the transaction commits."""
    job = ImportJob.objects.create(
        created_by=by,
        created_at=now or timezone.now(),
        kind=kind,
        status=ImportJob.Status.QUEUED,
        text=text,
        size=len(text.encode("utf-8")),
    )
    transaction.on_commit(lambda: import_job_dispatch(job_id=job.pk), robust=True)
    return job


def import_job_dispatch(*, job_id: int) -> bool:
    from screening import tasks

    if not task_send(tasks.import_job_run, job_id):
        return False
    ImportJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


def import_job_run(*, job_id: int, now: datetime.datetime | None = None) -> str:
    """Claim the job (queued, or held past its lease by a worker that died) and run it."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.IMPORT_LEASE_SECONDS)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING):
            return "ended"
        if job.status == ImportJob.Status.RUNNING and job.lease_until and job.lease_until > now:
            return "held"
        job.status, job.lease_until = ImportJob.Status.RUNNING, now + lease
        job.attempts += 1
        job.started_at = job.started_at or now
        job.save(update_fields=["status", "lease_until", "attempts", "started_at"])
    attempt = job.attempts
    with transaction.atomic():
        report = applicants_import(upload=job.text, kind=job.kind, by=job.created_by)
        ended = ImportJob.objects.filter(pk=job.pk, attempts=attempt).update(
            status=ImportJob.Status.DONE if report.ok else ImportJob.Status.REFUSED,
            created=report.created,
            errors=[dataclasses.asdict(error) for error in report.errors],
            text="",
            lease_until=None,
            finished_at=timezone.now(),
        )
        if not ended:  # another run took the job over: its result stands
            transaction.set_rollback(True)
            return "held"
    return "done" if report.ok else "refused"


def import_job_fail(*, job_id: int, error: str) -> None:
    ImportJob.objects.filter(pk=job_id).exclude(status=ImportJob.Status.DONE).update(
        status=ImportJob.Status.FAILED,
        errors=[{"line": 0, "column": "", "message": error[:500]}],
        text="",
        finished_at=timezone.now(),
    )


def import_jobs_sweep(*, now: datetime.datetime) -> int:
    """Send again the imports never dispatched, or held past their lease."""
    lease = datetime.timedelta(seconds=settings.IMPORT_LEASE_SECONDS)
    stale = ImportJob.objects.filter(status=ImportJob.Status.QUEUED).filter(
        dispatched_at__isnull=True
    ) | ImportJob.objects.filter(status=ImportJob.Status.QUEUED, dispatched_at__lt=now - lease)
    expired = ImportJob.objects.filter(status=ImportJob.Status.RUNNING, lease_until__lt=now)
    sent = 0
    for job_id in (stale | expired).values_list("pk", flat=True):
        sent += import_job_dispatch(job_id=job_id)
    return sent
