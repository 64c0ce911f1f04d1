"""The audit trail: django-auditlog's LogEntry, written explicitly by the services.

Entries are recorded by the service that makes the change (with its actor passed in), not by
model signals: verifications use a guarded update, imports use bulk writes, and both bypass
signals. Every record names the profile it concerns in `additional_data["profile"]`, so an
applicant's trail is one query. Class standards are registered with auditlog (signals), since
their versions are created by ordinary saves wherever they come from.
"""

import datetime

from auditlog.models import LogEntry

from portal.audit import log_entry_build

CREATE = LogEntry.Action.CREATE
UPDATE = LogEntry.Action.UPDATE
ACCESS = LogEntry.Action.ACCESS
DELETE = LogEntry.Action.DELETE


def audit_entry_build(
    *,
    instance,
    action: int,
    actor,
    changes: dict,
    at: datetime.datetime,
    profile_id: str | None = None,
    what: str = "",
    data: dict | None = None,
) -> LogEntry:
    """An unsaved record; `changes` maps a field to [before, after]; `data` adds to
    `additional_data` what the trail's sentence needs (e.g. the entry a document belongs to)."""
    data = {**(data or {}), **({"what": what} if what else {})}
    if profile_id:
        data["profile"] = profile_id
    return log_entry_build(
        instance=instance, action=action, actor=actor, changes=changes, at=at, data=data or None
    )


def audit_record(**kwargs) -> LogEntry:
    entry = audit_entry_build(**kwargs)
    entry.save()
    return entry


def audit_records_bulk(entries: list[LogEntry], *, batch_size: int = 500) -> None:
    """Bulk writes bypass signals: the import records its own trail in the same transaction."""
    LogEntry.objects.bulk_create(entries, batch_size=batch_size)
