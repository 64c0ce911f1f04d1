"""Read queries for class standards, each with a fixed number of SQL queries."""

import datetime

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from classification.models import Level, Series, StandardVersion


def version_list_in_effect(*, at: datetime.date | None = None):
    """The version of every series in force on `at` (today), with level counts."""
    return (
        StandardVersion.objects.in_effect(at=at)
        .select_related("series")
        .annotate(level_count=Count("levels"))
        .order_by("title")
    )


def version_get(
    *,
    series_slug: str,
    number: int | None = None,
    at: datetime.date | None = None,
    full_text: bool = False,
):
    """A series' version: by number, else the one in force on `at`; its levels prefetched
    (with `full_text`, every part of every level: duties, attributes, promotions both ways)."""
    versions = StandardVersion.objects.filter(series__slug=series_slug)
    versions = versions.in_effect(at=at) if number is None else versions.filter(number=number)
    level_parts = ["routes", "promotes_to"]
    if full_text:
        level_parts += ["duties", "attributes", "promoted_from"]
    version = (
        versions.select_related("series", "created_by")
        .prefetch_related(
            "definitions",
            "parenthetics",
            Prefetch(
                "levels",
                queryset=Level.objects.select_related("parenthetic").prefetch_related(*level_parts),
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
            Prefetch(
                "version__levels",
                queryset=Level.objects.only("id", "slug", "title", "order", "version_id"),
            ),
        )
        .first()
    )
    if level is None:
        raise Http404("No such level")
    return level


def series_get(*, series_slug: str) -> Series:
    series = Series.objects.filter(slug=series_slug).first()
    if series is None:
        raise Http404("No such series")
    return series


def version_history(*, series_slug: str) -> list[StandardVersion]:
    """Every stored version of a series, newest first, with who stored it (one query)."""
    return list(
        StandardVersion.objects.filter(series__slug=series_slug)
        .select_related("series", "created_by")
        .defer("document")
        .order_by("-number")
    )


def version_documents(*, series_slug: str, numbers: list[int]) -> dict[int, StandardVersion]:
    """The versions of a series with these numbers (documents included), by number."""
    versions = StandardVersion.objects.filter(
        series__slug=series_slug, number__in=numbers
    ).select_related("series", "created_by")
    return {version.number: version for version in versions}


def version_newest(*, series_slug: str) -> StandardVersion:
    """The newest stored version of a series (the base of an edit), whatever its date."""
    version = (
        StandardVersion.objects.filter(series__slug=series_slug)
        .select_related("series")
        .order_by("-number")
        .first()
    )
    if version is None:
        raise Http404("No such standard")
    return version


def level_list_for_comparison(
    *, level_ids: list[tuple[str, str]], at: datetime.date | None = None
) -> list[Level]:
    """The levels named `(series slug, level slug)`, from the versions in force on `at`, with
    every part of their text; in the order asked, unknown ones left out (fixed query count)."""
    if not level_ids:
        return []
    wanted = Q()
    for series_slug, level_slug in level_ids:
        wanted |= Q(version__series__slug=series_slug, slug=level_slug)
    levels = (
        Level.objects.filter(wanted, version__in=StandardVersion.objects.in_effect(at=at))
        .select_related("version__series", "parenthetic")
        .prefetch_related("duties", "routes", "attributes", "promotes_to")
    )
    found = {(level.version.series.slug, level.slug): level for level in levels}
    return [found[key] for key in level_ids if key in found]


def level_choices_in_effect(*, at: datetime.date | None = None) -> list[Level]:
    """Every level in force on `at`, light (titles only), for pickers; one query."""
    return list(
        Level.objects.filter(version__in=StandardVersion.objects.in_effect(at=at))
        .select_related("version__series", "parenthetic")
        .only(
            "id",
            "slug",
            "title",
            "order",
            "grade",
            "parenthetic__code",
            "version__title",
            "version__series__slug",
            "version__series__title",
        )
        .order_by("version__title", "order")
    )


def grades_in_effect(*, at: datetime.date | None = None) -> list[int]:
    """The distinct grades of the levels in force on `at`, ascending (one query)."""
    return list(
        Level.objects.filter(
            version__in=StandardVersion.objects.in_effect(at=at), grade__isnull=False
        )
        .order_by("grade")
        .values_list("grade", flat=True)
        .distinct()
    )


def version_number_in_effect(*, series_slug: str, at: datetime.date | None = None) -> int | None:
    """The number of the series' version in force on `at` (today), or None (one query)."""
    return (
        StandardVersion.objects.filter(series__slug=series_slug)
        .in_effect(at=at)
        .values_list("number", flat=True)
        .first()
    )
