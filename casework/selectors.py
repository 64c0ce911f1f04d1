"""Reads for casework: notices one may open, eligible lists and their entries."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from casework.models import EligibleList, EligibleListEntry, Notice


def notices_of_profile(*, profile):
    return (
        Notice.objects.filter(profile=profile)
        .select_related("issued_by")
        .defer("pdf", "body_html", "content")
    )


def notice_for(*, user, public_id, fields=()) -> Notice:
    """A notice the user may open: officers any, applicants their own (anyone else's: 404)."""
    queryset = Notice.objects.select_related("profile")
    if fields:
        queryset = queryset.only(
            "public_id", "reference", "profile__user", "profile__public_id", *fields
        )
    if user.has_perm("casework.view_notice"):
        return get_object_or_404(queryset, public_id=public_id)
    if user.has_perm("screening.screen_own_profile"):
        return get_object_or_404(queryset, public_id=public_id, profile__user=user)
    raise PermissionDenied


def lists_by_level(*, level: str = ""):
    queryset = EligibleList.objects.select_related("established_by", "certified_by")
    if level:
        queryset = queryset.filter(level=level)
    return queryset.order_by("level", "-established_at", "-pk")


def list_get(*, public_id) -> EligibleList:
    return get_object_or_404(
        EligibleList.objects.select_related("established_by", "certified_by", "superseded_by"),
        public_id=public_id,
    )


def list_entries(*, eligible_list) -> tuple[list, list]:
    """(ranked verified-qualified entries, unranked claimed-only entries)."""
    entries = list(
        EligibleListEntry.objects.filter(eligible_list=eligible_list)
        .select_related("profile")
        .only("rank", "verified", "name", "external_id", "applied_on", "profile__public_id")
        .order_by("rank", "pk")
    )
    return [e for e in entries if e.verified], [e for e in entries if not e.verified]
