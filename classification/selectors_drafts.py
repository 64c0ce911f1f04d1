"""Reads of the draft workflow: the drafts list and one draft by its public id."""

from django.http import Http404

from classification.models import StandardDraft

LIST_LIMIT = 200


def draft_list(*, status: str = "") -> list[StandardDraft]:
    """Drafts, most recently changed first (at most LIST_LIMIT), with author and series."""
    drafts = StandardDraft.objects.select_related("author", "series", "base_version")
    if status:
        drafts = drafts.filter(status=status)
    return list(drafts.order_by("-updated_at", "-pk")[:LIST_LIMIT])


def draft_get(*, public_id) -> StandardDraft:
    draft = (
        StandardDraft.objects.select_related(
            "author", "series", "base_version", "reviewed_by", "published_version"
        )
        .filter(public_id=public_id)
        .first()
    )
    if draft is None:
        raise Http404("No such draft")
    return draft
