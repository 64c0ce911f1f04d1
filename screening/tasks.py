"""Background re-screening: thin Celery tasks over screening.services."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from screening.services import profiles_rescreen_batch

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def rescreen_all_profiles(version_id: int | None = None) -> int:
    """Re-screen every saved profile in fixed batches ordered by primary key.

    `version_id` names the standard version whose storing queued this run (for the log only):
    each profile is screened against whatever is in force, so a stale message is harmless.
    Returns how many profiles got a new determination.
    """
    after_pk, changed, screeners = 0, 0, {}
    while True:
        last_pk, batch_changed = profiles_rescreen_batch(
            after_pk=after_pk, batch_size=settings.RESCREEN_BATCH_SIZE, screeners=screeners
        )
        if last_pk is None:
            break
        after_pk, changed = last_pk, changed + batch_changed
    logger.info("re-screened after standard version %s: %d changed", version_id, changed)
    return changed


def rescreen_queue(*, version_id: int) -> None:
    """Queue the re-screening once the transaction storing a standard version commits."""
    transaction.on_commit(lambda: rescreen_all_profiles.delay(version_id), robust=True)


@shared_task
def expired_sessions_clear() -> None:
    """Delete expired sessions, and with them any unsaved self-check they carried."""
    call_command("clearsessions")
