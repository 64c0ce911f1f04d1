"""Reads for screening: the screener built from the standards in force on a date."""

import datetime
import threading
from collections import OrderedDict

from auditlog.models import LogEntry
from django.db.models import Count
from django.shortcuts import get_object_or_404

from classification import selectors as standards
from classification.models import Level, StandardVersion
from screening.engine import build_screener, standard_rules_from_document
from screening.models import ENTRY_MODELS, ApplicantProfile, CurrentOutcome

# The screeners compiled last, most recent last. A screener's caches grow to tens of MB over a
# large job and each stored version makes a new one: a long-running worker keeps only a few
# (compiling one again takes a couple of milliseconds).
SCREENERS_KEPT = 2
_compiled: OrderedDict[tuple, object] = OrderedDict()
_compiled_lock = threading.Lock()


def versions_in_effect(*, at: datetime.date) -> list[StandardVersion]:
    return list(
        StandardVersion.objects.in_effect(at=at).select_related("series").order_by("series__slug")
    )


def versions_in_effect_light(*, at: datetime.date) -> list[standards.VersionKey]:
    """The versions in force on `at`, by series slug (as `versions_in_effect`), without their
    documents: one light query; a screener or hints kept for their digests need no more."""
    return standards.version_keys_in_force(at=at)


def screener_for(versions: list):
    """The compiled screener of these versions (stored, or light: their documents are then
    read only when it is compiled), kept while it is among the last used."""
    # Keyed by content, not by primary key: a stored version never changes.
    key = tuple((version.series.slug, version.number, version.digest) for version in versions)
    with _compiled_lock:
        screener = _compiled.get(key)
        if screener is not None:
            _compiled.move_to_end(key)
            return screener
    screener = build_screener(version_rules(versions))
    with _compiled_lock:
        _compiled[key] = screener
        while len(_compiled) > SCREENERS_KEPT:
            _compiled.popitem(last=False)
    return screener


def version_rules(versions: list) -> list:
    """The rules of each version, its document read (one query) if it was not loaded."""
    light = [v.pk for v in versions if not isinstance(v, StandardVersion)]
    documents = dict(StandardVersion.objects.filter(pk__in=light).values_list("pk", "document"))
    return [
        standard_rules_from_document(
            v.document if isinstance(v, StandardVersion) else documents[v.pk],
            version=v.label,
        )
        for v in versions
    ]


def screener_of_rules(rules: list):
    """A screener of rules not stored as a version (a draft's), compiled each time."""
    return build_screener(rules)


def screener_in_effect(*, at: datetime.date):
    return screener_for(versions_in_effect_light(at=at))


# --- Applicant profiles, the officer's queue, eligible lists and the audit trail -------------

OUTCOME_FILTERS = {
    "verified_qualified": {"outcome": "qualified", "verified": True},
    "qualified_unverified": {"outcome": "qualified", "verified": False},
    "qualified": {"outcome": "qualified"},
    "review": {"outcome": "review"},
    "not_qualified": {"outcome": "not_qualified"},
}


def profile_get_own(*, user, public_id) -> "ApplicantProfile":
    """The applicant's own profile; anyone else's is a 404, as if it did not exist."""
    return get_object_or_404(ApplicantProfile, public_id=public_id, user=user)


def profile_get(*, public_id) -> "ApplicantProfile":
    return get_object_or_404(
        ApplicantProfile.objects.select_related("current_determination"), public_id=public_id
    )


def profiles_of(*, user):
    return ApplicantProfile.objects.filter(user=user).select_related("current_determination")


def profile_entries(*, profile) -> dict[str, list]:
    return {
        key: list(model.objects.filter(profile=profile).select_related("verified_by"))
        for key, model in ENTRY_MODELS.items()
    }


def level_choices() -> list[tuple[str, str]]:
    """(level id, title) of the newest version of each series, in the standards' order."""
    return [(f"{series}/{slug}", title) for series, slug, title in newest_levels()]


def newest_levels():
    """(series slug, level slug, title) of the newest versions' levels: three columns, no
    version's document read (the choices of every officer's filter and export form)."""
    return (
        Level.objects.filter(version__in=StandardVersion.objects.latest_per_series())
        .order_by("version__series__slug", "order")
        .values_list("version__series__slug", "slug", "title")
    )


def eligible_list(*, level: str, include_review: bool = False):
    """Each applicant's current outcome for one level, qualified first, for the export."""
    outcomes = ["qualified", "review"] if include_review else ["qualified"]
    return (
        CurrentOutcome.objects.filter(level=level, outcome__in=outcomes)
        .select_related("profile__current_determination")
        .order_by("outcome", "-verified", "profile__pk")
    )


def outcome_counts() -> list[dict]:
    """Applicants per level and outcome (standing outcomes): no personal data."""
    titles = dict(level_choices())
    rows = list(
        CurrentOutcome.objects.values("level", "outcome", "verified")
        .annotate(count=Count("pk"))
        .order_by("level", "outcome", "verified")
    )
    for row in rows:
        row["title"] = titles.get(row["level"], row["level"])
    return rows


def audit_for_profile(*, profile) -> list[LogEntry]:
    """Every verification, rejection, determination and save of one applicant, newest first."""
    return list(
        LogEntry.objects.filter(additional_data__profile=str(profile.public_id))
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def outcome_changes_for_profile(*, profile, limit: int = 20):
    """What moved this applicant's outcomes lately, newest first, with what caused it."""
    return list(
        profile.outcome_changes.select_related("job__version", "determination").order_by(
            "-at", "-pk"
        )[:limit]
    )


def profile_standings(*, profile) -> dict[str, tuple[str, bool]]:
    return {
        level: (outcome, verified)
        for level, outcome, verified in profile.outcomes.values_list("level", "outcome", "verified")
    }


def audit_for_series(*, series_slug: str) -> list[LogEntry]:
    """The audit trail of one class standard: each stored version, who stored it and when."""
    versions = StandardVersion.objects.filter(series__slug=series_slug).values_list("pk", flat=True)
    return list(
        LogEntry.objects.get_for_model(StandardVersion)
        .filter(object_id__in=list(versions))
        .select_related("actor")
        .order_by("-timestamp", "-pk")
    )


def entry_decisions_for_profile(*, profile) -> list:
    """Every decision on this applicant's entries, the earlier ones kept, newest first."""
    return list(profile.entry_decisions.select_related("by").order_by("-at", "-pk"))
