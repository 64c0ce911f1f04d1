"""One way to build an audit record (django-auditlog's LogEntry) for any app.

The apps' services write their own records (screening's applicant trail, classification's
drafts) with what their sentences need in `additional_data`; this is the part they share.
"""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType


def log_entry_build(
    *,
    instance,
    action: int,
    actor,
    changes: dict,
    at: datetime.datetime,
    data: dict | None,
) -> LogEntry:
    """An unsaved record of `instance`; `changes` maps a field to [before, after]; an anonymous
    actor is recorded as nobody."""
    return LogEntry(
        content_type=ContentType.objects.get_for_model(instance),
        object_pk=str(instance.pk),
        object_id=instance.pk,
        object_repr=str(instance),
        action=action,
        changes=changes,
        changes_text="",
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        timestamp=at,
        additional_data=data,
    )
