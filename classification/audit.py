"""The drafts' trail: django-auditlog's LogEntry, written by the draft services (actor passed in).

Every record names its step in `additional_data["what"]` (`draft_created`, `draft_saved`,
`draft_submitted`, `draft_approved`, `draft_returned`, `draft_withdrawn`, `draft_published`)
and the draft's public id in `additional_data["draft"]`; nothing personal beyond the actor.
"""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

CREATE = LogEntry.Action.CREATE
UPDATE = LogEntry.Action.UPDATE


def draft_audit(
    *,
    draft,
    what: str,
    actor,
    at: datetime.datetime,
    changes: dict | None = None,
    action: int = UPDATE,
    **data,
) -> LogEntry:
    """Record one step of a draft; `changes` maps a field to [before, after]."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(draft),
        object_pk=str(draft.pk),
        object_id=draft.pk,
        object_repr=str(draft)[:200],
        action=action,
        changes=changes or {},
        changes_text="",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        timestamp=at,
        additional_data={"what": what, "draft": str(draft.public_id), **data},
    )


def draft_trail(draft):
    """The draft's records, oldest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(draft), object_pk=str(draft.pk)
    ).order_by("timestamp", "pk")
