"""Sending work to the queue, where the database row is the outbox: a message that cannot be
sent is not an error here; the row stays undispatched and the periodic sweep sends it later."""

import logging

logger = logging.getLogger(__name__)


def task_send(task, object_id: int) -> bool:
    """Queue `task(object_id)`; False (logged, no personal data) when the broker is out of
    reach (kombu raises several kinds of error; the sweep retries whatever happened)."""
    try:
        task.delay(object_id)
    except Exception:
        logger.warning(
            "%s %s: the queue is unreachable; the sweep will retry", task.name, object_id
        )
        return False
    return True
