"""The one write path of applicants' standing outcomes: compare, then write only what changed.

Every screening that stores anything (a saved or imported profile, an officer's decision, a
re-evaluation job) ends here with the outcomes it computed. A row is written only when the
outcome or its `verified` flag changes; each change is also kept as an immutable
`OutcomeChange` naming its cause (a determination or a job), which is what the impact report,
the officer's "what changed" and the audit trail read.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from screening.bulk_sql import db_datetime, rows_insert
from screening.models import CurrentOutcome, Outcome, OutcomeChange

# (outcome, verified) of one level; None: not screened (or the level is gone).
Standing = tuple[str, bool]


@dataclass(frozen=True)
class Change:
    profile_id: int
    level: str
    before: Standing | None
    after: Standing | None


IMPACT_KINDS = ("became_qualified", "stopped_qualified", "to_review", "from_review", "same", "new")


def standings_read(
    *, profile_ids: Iterable[int], levels: Iterable[str] | None = None
) -> dict[int, dict[str, Standing]]:
    """{profile id: {level: (outcome, verified)}} of the stored outcomes, in one query."""
    rows = CurrentOutcome.objects.filter(profile_id__in=list(profile_ids))
    if levels is not None:
        rows = rows.filter(level__in=list(levels))
    standings: dict[int, dict[str, Standing]] = {}
    for profile_id, level, outcome, verified in rows.values_list(
        "profile_id", "level", "outcome", "verified"
    ):
        standings.setdefault(profile_id, {})[level] = (outcome, verified)
    return standings


def changes_between(
    *,
    profile_id: int,
    before: dict[str, Standing],
    after: dict[str, Standing],
    levels: Iterable[str] | None = None,
) -> list[Change]:
    """What differs between the stored and the computed standings (within `levels`, if given:
    a level in scope that the computation no longer has is gone)."""
    scope = set(after) | set(before) if levels is None else set(levels)
    return [
        Change(profile_id, level, before.get(level), after.get(level))
        for level in sorted(scope)
        if before.get(level) != after.get(level)
    ]


def impact_kind(before: Standing | None, after: Standing | None) -> str:
    """How one level's outcome moved, in the impact report's words."""
    if before is None:
        return "new"
    was, now = before[0], after[0] if after else ""
    if was == now:
        return "same"
    if now == Outcome.QUALIFIED:
        return "became_qualified"
    if was == Outcome.QUALIFIED:
        return "stopped_qualified"
    if now == Outcome.REVIEW:
        return "to_review"
    return "from_review"


def impact_add(impact: dict, changes: Iterable[Change]) -> dict:
    """Count changes into {level: {kind: n}} (only levels that moved; "same" is derived)."""
    for change in changes:
        kind = impact_kind(change.before, change.after)
        if kind == "same":  # only `verified` moved
            kind = "verified_changed"
        counts = impact.setdefault(change.level, {})
        counts[kind] = counts.get(kind, 0) + 1
    return impact


def outcomes_apply(
    *,
    changes: list[Change],
    at: datetime.datetime,
    determinations: dict | None = None,
    job=None,
) -> int:
    """Write the changed outcomes (upsert, delete the gone) and their history, set-based.

    Runs inside the caller's transaction; `determinations` maps a profile id to the
    determination that caused its changes, `job` names the job that did. Returns the number of
    changed rows.
    """
    if not changes:
        return 0
    determinations = determinations or {}
    job_id = job.pk if job is not None else None
    at = db_datetime(at)

    def cause(profile_id):
        determination = determinations.get(profile_id)
        return determination.pk if determination is not None else None

    rows_insert(
        CurrentOutcome._meta.db_table,
        ("profile_id", "level", "outcome", "verified", "changed_at", "determination_id", "job_id"),
        [
            (c.profile_id, c.level, c.after[0], c.after[1], at, cause(c.profile_id), job_id)
            for c in changes
            if c.after is not None
        ],
        conflict=("profile_id", "level"),
        update=("outcome", "verified", "changed_at", "determination_id", "job_id"),
    )
    gone = [c for c in changes if c.after is None]
    if gone:
        condition = Q()
        for change in gone:
            condition |= Q(profile_id=change.profile_id, level=change.level)
        CurrentOutcome.objects.filter(condition).delete()
    rows_insert(
        OutcomeChange._meta.db_table,
        (
            "profile_id", "level", "before", "before_verified", "after", "after_verified",
            "at", "determination_id", "job_id",
        ),
        [
            (
                c.profile_id,
                c.level,
                c.before[0] if c.before else "",
                bool(c.before and c.before[1]),
                c.after[0] if c.after else "",
                bool(c.after and c.after[1]),
                at,
                cause(c.profile_id),
                job_id,
            )
            for c in changes
        ],
    )  # fmt: skip
    return len(changes)


def series_lock_shared(*, series_ids: Iterable[int]) -> None:
    """Hold the series rows shared until the transaction ends: a job requested for one of
    them (which locks its row exclusively) waits until this write is in, and every write
    computed before that request is refused after it (see reevaluation)."""
    ids = sorted(set(series_ids))
    if not ids or connection.vendor != "postgresql":
        return  # SQLite serialises every write anyway
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM classification_series WHERE id = ANY(%s) ORDER BY id FOR SHARE", [ids]
        )
