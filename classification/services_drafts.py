"""Drafts of standards: the one write path for a draft's content and its review.

A draft holds a class-standard/1 document being edited. Only `standard_version_edit` /
`standard_version_create` publish; a draft is published by approval (another analyst).
"""

import copy
import datetime

from django.db import transaction
from django.utils import timezone

from classification.models import StandardDraft, StandardVersion


class DraftStale(Exception):
    """The draft changed since the page was shown: nothing was saved."""


class DraftNotEditable(Exception):
    """The draft is waiting for review or already published: it cannot be changed."""


EDITABLE = (StandardDraft.Status.EDITING, StandardDraft.Status.RETURNED)


def draft_create(
    *,
    by,
    from_version: StandardVersion | None = None,
    document: dict | None = None,
    now: datetime.datetime | None = None,
) -> StandardDraft:
    """A new draft: a copy of `from_version`'s document, or `document` (blank or imported)."""
    now = now or timezone.now()
    if from_version is not None and document is None:
        document = copy.deepcopy(from_version.document)
    document = document or {}
    return StandardDraft.objects.create(
        series=from_version.series if from_version is not None else None,
        base_version=from_version,
        title=str(document.get("title") or "")[:200],
        document=document,
        author=by,
        created_at=now,
        updated_at=now,
    )


def draft_document_save(
    *,
    draft: StandardDraft,
    document: dict,
    lock_version: int,
    by,
    now: datetime.datetime | None = None,
) -> StandardDraft:
    """Replace the draft's document (a whole, possibly still invalid, standard document).

    `lock_version` is the counter the editing page was rendered with: a save from a stale page
    raises DraftStale and changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        current = StandardDraft.objects.select_for_update().get(pk=draft.pk)
        if current.status not in EDITABLE:
            raise DraftNotEditable(current.get_status_display())
        updated = StandardDraft.objects.filter(pk=draft.pk, lock_version=lock_version).update(
            document=document,
            title=str(document.get("title") or "")[:200],
            updated_at=now,
            lock_version=lock_version + 1,
        )
        if not updated:
            raise DraftStale(
                "Another save reached this draft after you opened the page. "
                "Nothing was saved: reload the draft and make your change again."
            )
    draft.refresh_from_db()
    return draft
