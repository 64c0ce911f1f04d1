"""Screening: validate a screening-profile/1 document and screen it against the standards in force."""

import dataclasses
import datetime

from django.utils import timezone

from classification.models import Level, StandardVersion
from screening.engine import ProfileInvalid, parse_profile, screen_profile, validate_profile
from screening.selectors import screener_in_effect


class ScreeningRefused(Exception):
    """The profile (or the request) breaks the contract; `errors` lists every problem by path."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


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
    try:
        profile = parse_profile(raw) if document is None else validate_profile(document)
    except ProfileInvalid as invalid:
        raise ScreeningRefused(invalid.errors) from invalid
    if as_of is not None:
        profile = dataclasses.replace(profile, as_of=as_of)
    at = profile.as_of or today or timezone.localdate()
    screener = _screener(at, screeners)
    try:
        return screen_profile(profile, screener, levels=levels, default_as_of=at)
    except ValueError as error:  # a requested level is not in force on that date
        raise ScreeningRefused([{"path": "levels", "message": str(error)}]) from error


def _screener(at: datetime.date, screeners: dict | None):
    if screeners is None:
        return screener_in_effect(at=at)
    if at not in screeners:
        screeners[at] = screener_in_effect(at=at)
    return screeners[at]
