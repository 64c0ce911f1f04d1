"""Read queries for class standards, each with a fixed number of SQL queries."""

import datetime

from django.db.models import Count, Prefetch
from django.http import Http404

from classification.models import Level, StandardVersion


def version_list_in_effect(*, at: datetime.date | None = None):
    """The version of every series in force on `at` (today), with level counts."""
    return (
        StandardVersion.objects.in_effect(at=at)
        .select_related("series")
        .annotate(level_count=Count("levels"))
        .order_by("title")
    )


def version_get(*, series_slug: str, number: int | None = None, at: datetime.date | None = None):
    """A series' version: by number, else the one in force on `at`; its levels prefetched."""
    versions = StandardVersion.objects.filter(series__slug=series_slug)
    if number is None:
        versions = versions.in_effect(at=at)
    else:
        versions = versions.filter(number=number)
    version = (
        versions.select_related("series", "created_by")
        .prefetch_related(
            "definitions",
            "parenthetics",
            Prefetch(
                "levels",
                queryset=Level.objects.select_related("parenthetic").prefetch_related(
                    "routes", "promotes_to"
                ),
            ),
        )
        .first()
    )
    if version is None:
        raise Http404("No such standard or version")
    return version


def version_numbers(*, series_slug: str) -> list[tuple[int, datetime.date | None]]:
    return list(
        StandardVersion.objects.filter(series__slug=series_slug)
        .order_by("-number")
        .values_list("number", "effective_date")
    )


def level_get(
    *, series_slug: str, level_slug: str, number: int | None = None, at: datetime.date | None = None
) -> Level:
    """One level with every part of its text, from the version by number or in force on `at`."""
    versions = StandardVersion.objects.filter(series__slug=series_slug)
    versions = versions.in_effect(at=at) if number is None else versions.filter(number=number)
    level = (
        Level.objects.filter(version__in=versions, slug=level_slug)
        .select_related("version__series", "parenthetic")
        .prefetch_related(
            "duties",
            "routes",
            "attributes",
            "promotes_to",
            "promoted_from",
            "version__definitions",
            Prefetch("version__levels", queryset=Level.objects.only("id", "slug", "title", "order", "version_id")),
        )
        .first()
    )
    if level is None:
        raise Http404("No such level")
    return level
