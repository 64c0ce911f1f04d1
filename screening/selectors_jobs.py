"""Reads for the bulk re-evaluation pages: jobs, their impact per level, the applicants moved."""

import datetime

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from screening.models import OutcomeChange, ReevaluationBatch, ReevaluationJob
from screening.selectors import level_choices
from screening.services.outcomes import impact_kind

Job = ReevaluationJob
# The impact report's columns, in the order the page and the CSV show them.
IMPACT_COLUMNS = ("became_qualified", "stopped_qualified", "to_review", "from_review", "new")


def job_list(*, status: str = ""):
    """Every job, newest first; only those in `status` when given."""
    jobs = (
        Job.objects.select_related("series", "version", "created_by")
        .defer("draft", "levels", "levels_requested", "version__document")
        .annotate(n_processed=_done_sum("processed"), n_changed=_done_sum("changed"))
    )
    if status:
        jobs = jobs.filter(status=status)
    return jobs.order_by("-created_at", "-pk")


def _done_sum(field: str):
    """The sum of `field` over the job's finished batches (a subquery: one query per page)."""
    done = (
        ReevaluationBatch.objects.filter(job=OuterRef("pk"), status=ReevaluationBatch.Status.DONE)
        .order_by()
        .values("job")
        .annotate(n=Sum(field))
        .values("n")
    )
    return Coalesce(Subquery(done), 0)


def job_get(*, public_id) -> ReevaluationJob:
    return get_object_or_404(
        Job.objects.select_related("series", "version", "created_by"), public_id=public_id
    )


def job_for_version(*, series_slug: str, number: int) -> ReevaluationJob:
    """The job that re-evaluates for a stored version: its own, or the newer job that took its
    request over (a request coalesced into a waiting job, or a running job superseded)."""
    jobs = Job.objects.filter(series__slug=series_slug).exclude(
        reason__in=[Job.Reason.PREVIEW, Job.Reason.VERSION_EFFECTIVE]
    )
    own = jobs.filter(version__number=number).order_by("-created_at", "-pk").first()
    if own is not None and own.status != Job.Status.SUPERSEDED:
        return own
    newer = jobs.filter(pinned_number__gte=number).order_by("-created_at", "-pk").first()
    if newer is None:
        raise Http404("No re-evaluation for this version")
    return newer


def level_titles(job: ReevaluationJob | None = None) -> dict[str, str]:
    """{level id: title}: the newest stored titles, a preview's draft titles over them."""
    titles = dict(level_choices())
    draft = job.draft if job is not None else None
    if draft:
        for level in draft.get("levels") or []:
            titles[f"{draft['series']}/{level['id']}"] = level.get("title") or level["id"]
    return titles


def job_report(*, job: ReevaluationJob) -> list[dict]:
    """The impact report: per level its title and how many moved each way or stayed."""
    titles = level_titles(job)
    return [
        {
            "level": row["level"],
            "title": titles.get(row["level"], row["level"]),
            "counts": [row.get(kind, 0) for kind in IMPACT_COLUMNS],
            "same": row["same"],
            "moved": sum(row.get(kind, 0) for kind in IMPACT_COLUMNS),
        }
        for row in job_impact(job=job)
    ]


def job_changes(*, job: ReevaluationJob, level: str = ""):
    """The outcome changes the job wrote (a preview writes none), by level then applicant."""
    changes = OutcomeChange.objects.filter(job=job).select_related("profile")
    if level:
        changes = changes.filter(level=level)
    return changes.only(
        "level", "before", "before_verified", "after", "after_verified", "at",
        "profile__public_id", "profile__name", "profile__email", "profile__external_id",
    ).order_by("level", "profile__pk")  # fmt: skip


def change_kind(change: OutcomeChange) -> str:
    """How one change moved, in the impact report's words (verified_changed: only the flag)."""
    before = (change.before, change.before_verified) if change.before else None
    after = (change.after, change.after_verified) if change.after else None
    kind = impact_kind(before, after)
    return "verified_changed" if kind == "same" else kind


def _batches_done(job: ReevaluationJob):
    return ReevaluationBatch.objects.filter(job=job, status=ReevaluationBatch.Status.DONE)


def job_progress(*, job: ReevaluationJob, now: datetime.datetime | None = None) -> dict:
    """Processed of total, changed, the rate and the time left."""
    now = now or timezone.now()
    figures = ReevaluationBatch.objects.filter(
        job=job, status=ReevaluationBatch.Status.DONE
    ).aggregate(processed=Sum("processed"), changed=Sum("changed"))
    processed, changed = figures["processed"] or 0, figures["changed"] or 0
    end = job.finished_at or now
    elapsed = (end - job.started_at).total_seconds() if job.started_at else 0.0
    rate = processed / elapsed if elapsed > 0 else 0.0
    remaining = max(job.total - processed, 0)
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "total": job.total,
        "processed": processed,
        "changed": changed,
        "percent": round(100 * processed / job.total) if job.total else 100,
        "rate": round(rate, 1),
        "seconds_left": round(remaining / rate) if rate and job.status == "running" else None,
        "elapsed": round(elapsed, 1),
    }


def job_impact(*, job: ReevaluationJob) -> list[dict]:
    """Per level: how many became qualified, stopped being qualified, moved to or from review,
    and stayed the same (the rest of the applicants screened)."""
    totals: dict[str, dict[str, int]] = {}
    processed = 0
    for impact, count in ReevaluationBatch.objects.filter(
        job=job, status=ReevaluationBatch.Status.DONE
    ).values_list("impact", "processed"):
        processed += count
        for level, counts in impact.items():
            level_totals = totals.setdefault(level, {})
            for kind, n in counts.items():
                level_totals[kind] = level_totals.get(kind, 0) + n
    rows = []
    for level in job.levels:
        counts = totals.get(level, {})
        moved = sum(n for kind, n in counts.items() if kind != "verified_changed")
        rows.append({"level": level, **counts, "same": processed - moved})
    return rows


def job_summary(*, job: ReevaluationJob) -> dict:
    """The job in one plain object: what the command prints and the API could return."""
    progress = job_progress(job=job)
    return {
        "job": str(job.public_id),
        "series": job.series.slug,
        "reason": job.reason,
        "status": job.status,
        "dry_run": not job.writes,
        "levels": job.levels,
        "total": job.total,
        "processed": progress["processed"],
        "changed": progress["changed"],
        "seconds": progress["elapsed"],
        "impact": {row.pop("level"): row for row in job_impact(job=job)},
    }
