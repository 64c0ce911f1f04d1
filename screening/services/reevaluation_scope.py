"""Which levels a re-evaluation job must evaluate: those whose rules its versions (or its
draft) change, by the engine's fingerprints, against the versions in force before them."""

import datetime

from django.db.models import Q

from classification.models import StandardVersion
from screening.engine import RuleError, level_rule_fingerprints
from screening.engine import standard_rules_from_document as rules_of
from screening.models import ReevaluationJob


def scope_levels(job: ReevaluationJob) -> list[str]:
    """The levels asked for, and those whose outcomes the job's versions (or draft) may move:
    whose rules differ, by fingerprint, from the versions in force before them (see the
    engine's `level_rule_fingerprints`)."""
    scope = set(job.levels_requested)
    if job.version_id is None and job.draft is None:
        return sorted(scope)
    before = _documents_before(job)
    for document in _new_documents(job):
        scope |= _changed_levels(document, before)
    return sorted(scope)


def _new_documents(job: ReevaluationJob) -> list[dict]:
    if job.draft is not None:
        return [job.draft]
    return new_documents_of(job.series, job.first_number, job.pinned_number)


def new_documents_of(series, first: int, last: int) -> list[dict]:
    return list(
        StandardVersion.objects.filter(
            series=series, number__gte=first, number__lte=last
        ).values_list("document", flat=True)
    )


def _documents_before(job: ReevaluationJob) -> list[dict]:
    """The earlier versions whose outcomes the new ones may replace: the one in force when the
    first new version takes effect, and any earlier one dated after that day."""
    first = job.first_number if job.draft is None else job.pinned_number + 1
    earlier = StandardVersion.objects.filter(series=job.series, number__lt=first)
    effective = first_effective(job)
    in_force = earlier.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=effective))
    chosen = set(in_force.order_by("-number").values_list("pk", flat=True)[:1])
    chosen |= set(earlier.filter(effective_date__gt=effective).values_list("pk", flat=True))
    return list(StandardVersion.objects.filter(pk__in=chosen).values_list("document", flat=True))


def first_effective(job: ReevaluationJob) -> datetime.date:
    """The earliest day one of the job's versions (or its draft) governs."""
    if job.draft is not None:
        dates = [job.draft.get("effective_date")]
    else:
        dates = StandardVersion.objects.filter(
            series=job.series, number__gte=job.first_number, number__lte=job.pinned_number
        ).values_list("effective_date", flat=True)
    known = [datetime.date.fromisoformat(str(d)) if d else datetime.date.min for d in dates]
    return min(known, default=datetime.date.min)


def _changed_levels(document: dict, before: list[dict]) -> set[str]:
    """Levels of `document` whose fingerprint differs from that in any of `before` (or that
    they lack), and levels of `before` that `document` no longer has."""
    try:
        new = level_rule_fingerprints(rules_of(document, version="new"))
        olds = [level_rule_fingerprints(rules_of(old, version="old")) for old in before]
    except RuleError:  # a reference beyond this series: every level may move
        return all_levels([document, *before])
    if not olds:
        return set(new)
    changed = set()
    for old in olds:
        changed |= {level for level, digest in new.items() if old.get(level) != digest}
        changed |= set(old) - set(new)
    return changed


def all_levels(documents: list[dict]) -> set[str]:
    return {
        f"{document['series']}/{level['id']}"
        for document in documents
        for level in document.get("levels") or []
    }
