"""The drafts' trail: django-auditlog's LogEntry, written by the draft services (actor passed in).

Every record names its step in `additional_data["what"]` (`draft_created`, `draft_saved`,
`draft_submitted`, `draft_approved`, `draft_returned`, `draft_withdrawn`, `draft_published`)
and the draft's public id in `additional_data["draft"]`; nothing personal beyond the actor.
"""

import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from portal.audit import log_entry_build

# Each step's code, as the draft page says it.
STEP_WORDS = {
    "draft_created": _("Draft started"),
    "draft_saved": _("Saved"),
    "draft_submitted": _("Sent for review"),
    "draft_returned": _("Sent back to the author"),
    "draft_approved": _("Approved"),
    "draft_published": _("Published as a new version"),
    "draft_withdrawn": _("Withdrawn"),
}

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
    entry = log_entry_build(
        instance=draft,
        action=action,
        actor=actor,
        changes=changes or {},
        at=at,
        data={"what": what, "draft": str(draft.public_id), **data},
    )
    entry.save()
    return entry


def draft_trail(draft):
    """The draft's records, oldest first."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(draft), object_pk=str(draft.pk)
    ).order_by("timestamp", "pk")


def draft_trail_words(draft) -> list[dict]:
    """The draft's trail for its page: when, what (in words), who."""
    return [
        {
            "at": entry.timestamp,
            "what": STEP_WORDS.get((entry.additional_data or {}).get("what"), entry.object_repr),
            "actor": entry.actor,
        }
        for entry in draft_trail(draft).select_related("actor")
    ]
