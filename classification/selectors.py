"""Read queries for class standards, each with a fixed number of SQL queries.

No query here loads a version's `document` except `version_documents`, which loads the few
asked for by number: a huge document costs only the page that needs it.
"""

import datetime
import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from classification.models import Level, Series, StandardVersion, version_label

# Parts of a version never needed to list or choose it, and possibly large.
HEAVY_FIELDS = ("document", "narrative", "notes")


@dataclass(frozen=True)
class SeriesRef:
    pk: int
    slug: str
    title: str


@dataclass(frozen=True)
class UserRef:
    username: str

    def get_username(self) -> str:
        return self.username


@dataclass
class VersionRef:
    """What a page needs of a version to choose it, key what is kept of it, head the page and
    list it among the series' versions."""

    pk: int
    number: int
    digest: str
    title: str
    issuer: str
    document_type: str
    effective_date: datetime.date | None
    effective_date_as_printed: str
    created_at: datetime.datetime
    change_note: str
    series: SeriesRef
    created_by: UserRef | None

    @property
    def series_id(self) -> int:
        return self.series.pk


_REF_COLUMNS = (
    "id",
    "number",
    "digest",
    "title",
    "issuer",
    "document_type",
    "effective_date",
    "effective_date_as_printed",
    "created_at",
    "change_note",
)


def versions_light(*, series_slug: str | None = None) -> list[VersionRef]:
    """Every stored version (of one series, or of all), newest first, with only what choosing
    one needs: no document, narrative or notes. One plain query, written out because every
    page runs it and the ORM would spend longer building it than the database answering."""
    with connection.cursor() as cursor:
        cursor.execute(
            _versions_sql(connection.vendor, one_series=series_slug is not None),
            [] if series_slug is None else [series_slug],
        )
        rows = cursor.fetchall()
    series: dict[int, SeriesRef] = {}
    refs = []
    for *version, created_at, change_note, series_pk, slug, title, username in rows:
        if timezone.is_naive(created_at):  # SQLite keeps UTC without saying so
            created_at = timezone.make_aware(created_at, datetime.UTC)
        owner = series.setdefault(series_pk, SeriesRef(pk=series_pk, slug=slug, title=title))
        refs.append(
            VersionRef(
                *version,
                created_at=created_at,
                change_note=change_note,
                series=owner,
                created_by=None if username is None else UserRef(username),
            )
        )
    return refs


@functools.cache
def _versions_sql(vendor: str, *, one_series: bool) -> str:
    """The SQL of `versions_light` (written once per database vendor)."""
    quote = connection.ops.quote_name
    user = get_user_model()
    return _version_rows_sql(
        _REF_COLUMNS,
        creator=f", u.{quote(user.USERNAME_FIELD)}",
        joins=(
            f" LEFT JOIN {quote(user._meta.db_table)} u "
            f"ON u.{quote(user._meta.pk.column)} = v.{quote('created_by_id')}"
        ),
        where=f" WHERE s.{quote('slug')} = %s" if one_series else "",
    )


def _version_rows_sql(columns, *, creator: str = "", joins: str = "", where: str = "") -> str:
    """Versions' `columns` with their series' id, slug and title (then `creator`), newest
    first within each series: the one shape both version readers select."""
    quote = connection.ops.quote_name
    selected = ", ".join(f"v.{quote(name)}" for name in columns)
    return (
        f"SELECT {selected}, s.{quote('id')}, s.{quote('slug')}, s.{quote('title')}{creator} "
        f"FROM {quote(StandardVersion._meta.db_table)} v "
        f"JOIN {quote(Series._meta.db_table)} s ON s.{quote('id')} = v.{quote('series_id')}"
        f"{joins}{where} ORDER BY s.{quote('id')}, v.{quote('number')} DESC"
    )


def version_in_force(
    versions: list[VersionRef], *, at: datetime.date | None = None
) -> VersionRef | None:
    """Of one series' versions, the one in force on `at` (today): the newest whose effective
    date is not after it, an unstated date counting as in force from the start (as
    `StandardVersionQuerySet.in_effect`)."""
    at = at or timezone.localdate()
    eligible = [v for v in versions if v.effective_date is None or v.effective_date <= at]
    return max(eligible, key=lambda version: version.number, default=None)


def versions_in_force(
    versions: list[VersionRef], *, at: datetime.date | None = None
) -> list[VersionRef]:
    """The version in force on `at` of every series among `versions`, by title."""
    by_series: dict[int, list[VersionRef]] = {}
    for version in versions:
        by_series.setdefault(version.series_id, []).append(version)
    chosen = [version_in_force(group, at=at) for group in by_series.values()]
    return sorted((v for v in chosen if v is not None), key=lambda v: (v.title, v.pk))


@dataclass(frozen=True)
class VersionKey:
    """A version as what is derived from it is kept: its series, number and content digest."""

    pk: int
    number: int
    digest: str
    effective_date: datetime.date | None
    series: SeriesRef

    @property
    def label(self) -> str:
        return version_label(self.number, self.digest)


def version_keys_in_force(*, at: datetime.date | None = None) -> list[VersionKey]:
    """The version in force on `at` (today) of every series, by series slug: one query of
    the few columns that name a version (as `version_in_force` chooses), for pages and
    screeners kept by the versions' digests."""
    at = at or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(_version_keys_sql(connection.vendor))
        rows = cursor.fetchall()
    by_series: dict[int, list[VersionKey]] = {}
    for pk, number, digest, effective_date, series_pk, slug, title in rows:
        series = SeriesRef(pk=series_pk, slug=slug, title=title)
        version = VersionKey(pk, number, digest, effective_date, series)
        by_series.setdefault(series_pk, []).append(version)
    chosen = (version_in_force(versions, at=at) for versions in by_series.values())
    return sorted((v for v in chosen if v is not None), key=lambda v: v.series.slug)


@functools.cache
def _version_keys_sql(vendor: str) -> str:
    """The SQL of `version_keys_in_force` (written once per database vendor)."""
    return _version_rows_sql(("id", "number", "digest", "effective_date"))


def level_counts(*, version_ids: list[int]) -> dict[int, int]:
    """The number of levels of each version (one query)."""
    rows = (
        Level.objects.filter(version_id__in=version_ids)
        .values("version_id")
        .annotate(count=Count("id"))
        .values_list("version_id", "count")
    )
    return dict(rows)


def version_list_in_effect(*, at: datetime.date | None = None):
    """The version of every series in force on `at` (today), with level counts."""
    return (
        StandardVersion.objects.in_effect(at=at)
        .select_related("series")
        .defer(*HEAVY_FIELDS)
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
        .defer("document")
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
        .defer("version__document")
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


def series_slug_taken(*, series_slug: str) -> bool:
    """A series with this slug is stored (published, in force or not yet)."""
    return Series.objects.filter(slug=series_slug).exists()


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
        .defer(*HEAVY_FIELDS)
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
        .defer("narrative", "notes")
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
        .defer(*(f"version__{name}" for name in HEAVY_FIELDS))
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
