"""Screening without storing: validate a screening-profile/1 document, screen it against the
standards in force (or a given set of versions), and the bounds every way in shares."""

import dataclasses
import datetime

from django.utils import timezone

from classification.models import Level, StandardVersion
from screening.engine import (
    ProfileInvalid,
    parse_profile,
    screen_profile,
    screen_profile_jsonl,
    validate_profile,
)
from screening.selectors import screener_in_effect

# The largest profile accepted (the API, the self-check upload): far above any real one
# (a full profile of 50 + 100 + 50 entries is under 100 kB), far below a memory problem.
PROFILE_MAX_BYTES = 1_000_000


class ScreeningRefused(Exception):
    """The profile (or the request) breaks the contract; `errors` lists every problem by path."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def profile_read(stream) -> bytes:
    """A profile's raw bytes from a file-like object, refused (naming the limit) past
    PROFILE_MAX_BYTES without reading the rest."""
    raw = stream.read(PROFILE_MAX_BYTES + 1)
    if len(raw) > PROFILE_MAX_BYTES:
        message = f"the profile is larger than {PROFILE_MAX_BYTES:,} bytes"
        raise ScreeningRefused([{"path": "$", "message": message}])
    return raw


def profile_validate(*, document: dict | None = None, raw: bytes | None = None) -> None:
    """Refuse a document (decoded, or its raw JSON) that breaks the contract, every problem
    by path."""
    try:
        validate_profile(document) if raw is None else parse_profile(raw)
    except ProfileInvalid as invalid:
        raise ScreeningRefused(invalid.errors) from invalid


def known_level_ids() -> set[str]:
    """Every level id of the newest version of each series."""
    levels = Level.objects.filter(
        version__in=StandardVersion.objects.latest_per_series()
    ).values_list("version__series__slug", "slug")
    return {f"{series}/{slug}" for series, slug in levels}


def levels_check(levels: list[str] | None) -> None:
    """Refuse level ids that name no level, before any profile is read."""
    if not levels:
        return
    unknown = sorted(set(levels) - known_level_ids())
    if unknown:
        raise ScreeningRefused(
            [{"path": "levels", "message": f"no such level: {level}"} for level in unknown]
        )


def screening_run(
    *,
    raw: bytes | str | None = None,
    document: dict | None = None,
    levels: list[str] | None = None,
    as_of: datetime.date | None = None,
    today: datetime.date | None = None,
    screeners: dict | None = None,
) -> dict:
    """Screen one profile (raw JSON text, or an already decoded document); nothing is stored.

    `as_of` overrides the profile's own date; without either, the screening speaks for `today`
    (default: today in the portal's time zone). `screeners` memoises the compiled standards by
    date for a caller screening many profiles.
    """
    profile, screener, at = _prepared(raw, document, as_of, today, screeners)
    try:
        return screen_profile(profile, screener, levels=levels, default_as_of=at)
    except ValueError as error:  # a requested level is not in force on that date
        raise ScreeningRefused([{"path": "levels", "message": str(error)}]) from error


def screening_run_jsonl(
    *,
    raw: bytes | str,
    levels: list[str] | None = None,
    as_of: datetime.date | None = None,
    today: datetime.date | None = None,
    screeners: dict | None = None,
) -> bytes:
    """`screening_run` as one compact line of JSON in UTF-8, byte for byte; the bulk path of
    `screen`."""
    profile, screener, at = _prepared(raw, None, as_of, today, screeners)
    try:
        return screen_profile_jsonl(profile, screener, levels=levels, default_as_of=at)
    except ValueError as error:
        raise ScreeningRefused([{"path": "levels", "message": str(error)}]) from error


def _prepared(raw, document, as_of, today, screeners):
    """The validated profile, the screener of the standards in force, and the date."""
    try:
        profile = parse_profile(raw) if document is None else validate_profile(document)
    except ProfileInvalid as invalid:
        raise ScreeningRefused(invalid.errors) from invalid
    if as_of is not None:
        profile = dataclasses.replace(profile, as_of=as_of)
    at = profile.as_of or today or timezone.localdate()
    return profile, _screener(at, screeners), at


def _screener(at: datetime.date, screeners: dict | None):
    if screeners is None:
        return screener_in_effect(at=at)
    if at not in screeners:
        screeners[at] = screener_in_effect(at=at)
    return screeners[at]


def profile_result(*, profile) -> dict | None:
    """The result a saved profile's pages show: its latest determination's, unless a
    re-evaluation has moved its standing outcomes since; then a screening of its document
    against the standards in force (what those outcomes now say), so that the badges and
    their explanations agree with the queue and the "what changed" list."""
    determination = profile.current_determination
    if determination is None:
        return None
    moved = profile.outcome_changes.filter(
        job__isnull=False, at__gt=determination.created_at
    ).exists()
    if not moved:
        return determination.result
    return screening_run(document=profile.document)
