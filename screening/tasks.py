"""Background work: thin Celery tasks that take ids and call screening's services.

Every task here is at-least-once: acknowledged late, given back to the queue when its worker
dies, and idempotent (a batch delivered twice writes once; see services.reevaluation).
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.management import call_command

from screening.services import imports, reevaluation

logger = logging.getLogger(__name__)

_AT_LEAST_ONCE = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(**_AT_LEAST_ONCE)
def reevaluation_job_start(job_id: int) -> int:
    """Plan a queued job into batches and send each; returns how many were sent."""
    batch_ids = reevaluation.job_start(job_id=job_id)
    reevaluation.batches_dispatch(batch_ids=batch_ids)
    return len(batch_ids)


@shared_task(
    bind=True,
    max_retries=settings.REEVALUATION_BATCH_RETRIES,
    soft_time_limit=settings.REEVALUATION_SOFT_TIME_LIMIT,
    time_limit=settings.REEVALUATION_TIME_LIMIT,
    **_AT_LEAST_ONCE,
)
def reevaluation_batch_run(self, batch_id: int) -> str:
    """Compute and write one batch of a job."""
    try:
        outcome = reevaluation.batch_run(batch_id=batch_id)
    except Exception as error:
        return _retried_or_failed(self, error, reevaluation.batch_fail, batch_id=batch_id)
    if outcome == "held" and not self.request.is_eager:
        # Another run holds the batch: if it died (a killed worker), its lease runs out and
        # this run takes over then; if it lives, this run will find the batch done.
        from django.utils import timezone

        left = reevaluation.batch_lease_left(batch_id=batch_id, now=timezone.now())
        if left > 0:
            raise self.retry(countdown=left + 1, max_retries=None)
    return outcome


@shared_task
def reevaluation_sweep() -> dict:
    """The safety net of the outbox: scheduled jobs due, lost messages, expired leases."""
    from django.utils import timezone

    sent = reevaluation.sweep()
    sent["imports"] = imports.import_jobs_sweep(now=timezone.now())
    return sent


@shared_task(
    bind=True,
    max_retries=settings.REEVALUATION_BATCH_RETRIES,
    soft_time_limit=settings.IMPORT_SOFT_TIME_LIMIT,
    time_limit=settings.IMPORT_SOFT_TIME_LIMIT + 60,
    **_AT_LEAST_ONCE,
)
def import_job_run(self, job_id: int) -> str:
    """Run an officer's large import (all or nothing)."""
    try:
        return imports.import_job_run(job_id=job_id)
    except Exception as error:
        return _retried_or_failed(self, error, imports.import_job_fail, job_id=job_id)


def _retried_or_failed(task, error: Exception, fail, **ids) -> str:
    """Try again later (backing off); after the last try, record the failure where the
    people concerned see it (the job's page) and say so."""
    if task.request.retries < task.max_retries:
        raise task.retry(exc=error, countdown=2**task.request.retries) from error
    fail(**ids, error=f"{type(error).__name__}: {error}")
    logger.exception("%s %s failed", task.name, ids)
    return "failed"


@shared_task
def expired_sessions_clear() -> None:
    """Delete expired sessions, and with them any unsaved self-check they carried."""
    call_command("clearsessions")
