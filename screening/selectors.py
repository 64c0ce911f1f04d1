"""Reads for screening: the screener built from the standards in force on a date."""

import datetime

from classification.models import StandardVersion
from screening.engine import build_screener, standard_rules_from_document

_compiled: dict[tuple, object] = {}


def versions_in_effect(*, at: datetime.date) -> list[StandardVersion]:
    return list(StandardVersion.objects.in_effect(at=at).select_related("series").order_by("series__slug"))


def screener_for(versions: list[StandardVersion]):
    """The compiled screener of these versions; compiled once per process (versions never change)."""
    # Keyed by content, not by primary key: a stored version never changes.
    key = tuple((version.series.slug, version.label, version.digest) for version in versions)
    screener = _compiled.get(key)
    if screener is None:
        screener = build_screener(
            [
                standard_rules_from_document(version.document, version=version.label)
                for version in versions
            ]
        )
        _compiled[key] = screener
    return screener


def screener_in_effect(*, at: datetime.date):
    return screener_for(versions_in_effect(at=at))
