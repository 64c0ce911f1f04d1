"""Bulk re-evaluation: every applicant in scope screened again when a standard changes.

A job is requested in the transaction that stores (or brings into force) a version, with the
series row locked; requests arriving while a job is still queued coalesce into it, and a
running job of the same series is superseded by the new one, which inherits its scope. The
job is planned into fixed batches by applicant key; each batch is its own task, computed
outside any lock and written in one short transaction, set-based. Two guards make the result
one truth whatever the timing:

- the series row, held shared by every write and locked exclusively by every request, orders
  writes against requests: a batch of a superseded job writes nothing;
- a profile's revision: a batch computed from an older revision writes nothing for it (a
  newer screening of that profile already stands).

The batches are the outbox: the periodic sweep sends again whatever was not dispatched, or
was claimed and not finished within its lease, so a lost message or a dead worker delays a
job and never loses it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from classification.models import Series, StandardVersion
from screening import audit
from screening.engine import (
    profile_from_document,
    screen_outcomes,
)
from screening.engine import standard_rules_from_document as rules_of
from screening.models import ApplicantProfile, ReevaluationBatch, ReevaluationJob
from screening.selectors import screener_for, screener_of_rules, versions_in_effect
from screening.services.outbox import task_send
from screening.services.outcomes import (
    changes_between,
    impact_add,
    outcomes_apply,
    series_lock_shared,
    standings_read,
)
from screening.services.reevaluation_scope import (
    all_levels,
    first_effective,
    new_documents_of,
    scope_levels,
)

Job = ReevaluationJob
Batch = ReevaluationBatch


class JobNotAllowed(Exception):
    """The job cannot do that in its present state (e.g. resume a finished job)."""


# --- Requesting a job -----------------------------------------------------------------------


def job_request(
    *,
    series: Series,
    reason: str,
    version: StandardVersion | None = None,
    levels: list[str] | None = None,
    by=None,
    dry_run: bool = False,
    draft: dict | None = None,
    now: datetime.datetime | None = None,
    dispatch: bool = True,
) -> ReevaluationJob:
    """Ask for a re-evaluation of `series` (all of it, or `levels`); returns the job.

    In the caller's transaction when there is one (a version and the job that re-evaluates
    for it are stored together). A version that takes effect after today gets a second job,
    scheduled for that day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        series = Series.objects.select_for_update().get(pk=series.pk)
        pinned = _newest_number(series)
        if version is None and draft is None and not levels:  # on demand: every level
            levels = sorted(all_levels(new_documents_of(series, pinned, pinned)))
        job = None
        if reason != Job.Reason.PREVIEW and not dry_run:
            job = _coalesce(series=series, version=version, levels=levels, pinned=pinned)
        if job is None:
            job = Job.objects.create(
                series=series,
                reason=reason,
                status=Job.Status.QUEUED,
                created_at=now,
                created_by=by if getattr(by, "is_authenticated", False) else None,
                version=version,
                pinned_number=pinned,
                first_number=version.number if version is not None else pinned,
                levels_requested=sorted(levels or []),
                dry_run=dry_run,
                draft=draft,
            )
            if job.writes:
                _supersede_running(job)
        effective = version.effective_date if version is not None else None
        if reason == Job.Reason.VERSION_STORED and effective and effective > today:
            _schedule_effective(series=series, version=version, by=job.created_by, now=now)
    if dispatch:
        transaction.on_commit(lambda: job_dispatch(job_id=job.pk), robust=True)
    return job


def _newest_number(series: Series) -> int:
    numbers = StandardVersion.objects.filter(series=series).values_list("number", flat=True)
    return max(numbers, default=0)


def _coalesce(*, series, version, levels, pinned) -> ReevaluationJob | None:
    """The job still waiting for the queue, brought up to date with this request, if any."""
    queued = (
        Job.objects.select_for_update()
        .filter(series=series, status=Job.Status.QUEUED, dry_run=False)
        .exclude(reason=Job.Reason.PREVIEW)
        .first()
    )
    if queued is None:
        return None
    queued.pinned_number = pinned
    if version is not None:
        if queued.version is None:
            queued.first_number = version.number
        queued.version = version
    queued.levels_requested = sorted(set(queued.levels_requested) | set(levels or []))
    queued.save(update_fields=["pinned_number", "first_number", "version", "levels_requested"])
    return queued


def _supersede_running(job: ReevaluationJob) -> None:
    """Older running jobs of the series stop writing; the new one takes over their scope."""
    running = list(
        Job.objects.select_for_update()
        .filter(series=job.series, status=Job.Status.RUNNING, dry_run=False)
        .exclude(reason=Job.Reason.PREVIEW)
        .exclude(pk=job.pk)
    )
    carried = set()
    for older in running:
        carried |= set(older.levels)
        older.status, older.superseded_by = Job.Status.SUPERSEDED, job
        older.finished_at = job.created_at
        older.save(update_fields=["status", "superseded_by", "finished_at"])
    if carried:
        job.levels = sorted(carried | set(job.levels))
        job.save(update_fields=["levels"])


def _schedule_effective(*, series, version, by, now) -> None:
    Job.objects.create(
        series=series,
        reason=Job.Reason.VERSION_EFFECTIVE,
        status=Job.Status.SCHEDULED,
        created_at=now,
        created_by=by,
        version=version,
        pinned_number=version.number,
        first_number=version.number,
        run_on=version.effective_date,
    )


def job_activate(*, job_id: int, now: datetime.datetime | None = None) -> bool:
    """A scheduled job whose day has come joins the queue (as a request made today)."""
    now = now or timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != Job.Status.SCHEDULED:
            return False
        Series.objects.select_for_update().get(pk=job.series_id)
        job.status = Job.Status.QUEUED
        job.pinned_number = max(job.pinned_number, _newest_number(job.series))
        job.save(update_fields=["status", "pinned_number"])
        _supersede_running(job)
    transaction.on_commit(lambda: job_dispatch(job_id=job.pk), robust=True)
    return True


def job_dispatch(*, job_id: int) -> None:
    """Send the job's start to the workers; a broker that cannot be reached is left to the
    sweep (the job stays queued, and says so)."""
    from screening import tasks  # the tasks call these services: import at use

    if not task_send(tasks.reevaluation_job_start, job_id):
        return
    Job.objects.filter(pk=job_id, dispatched_at__isnull=True).update(dispatched_at=timezone.now())


# --- Planning: the scope and the batches ----------------------------------------------------


def job_start(*, job_id: int, now: datetime.datetime | None = None) -> list[int]:
    """Plan a queued job: its levels, its applicants in fixed batches; returns the batch ids
    to send (none when the job was already planned, cancelled or superseded)."""
    now = now or timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        if job.status != Job.Status.QUEUED:
            return []
        job.at = timezone.localdate(now)
        job.levels = sorted(set(job.levels) | set(scope_levels(job)))
        ids = list(_profiles_in_scope(job).order_by("pk").values_list("pk", flat=True))
        size = settings.REEVALUATION_BATCH_SIZE
        batches = Batch.objects.bulk_create(
            [
                Batch(
                    job=job,
                    number=number,
                    first_pk=chunk[0],
                    last_pk=chunk[-1],
                    size=len(chunk),
                    dispatched_at=now,
                )
                for number, chunk in enumerate(
                    (ids[i : i + size] for i in range(0, len(ids), size)), start=1
                )
            ]
            if job.levels
            else []
        )
        job.total = len(ids) if job.levels else 0
        job.status = Job.Status.RUNNING
        job.started_at = now
        job.save(update_fields=["at", "levels", "total", "status", "started_at"])
        if not batches:
            _job_finish_if_complete(job.pk, now=now)
    return list(Batch.objects.filter(job_id=job_id).values_list("pk", flat=True))


def _profiles_in_scope(job: ReevaluationJob):
    """Saved applicants the job may move: those whose as-of date its versions can govern."""
    profiles = ApplicantProfile.objects.all()
    if job.reason != Job.Reason.VERSION_STORED:
        return profiles
    effective = first_effective(job)
    if effective == datetime.date.min:
        return profiles
    if effective > job.at:  # not in force yet: only profiles dated on or after its day
        return profiles.filter(as_of__gte=effective)
    return profiles.filter(Q(as_of__isnull=True) | Q(as_of__gte=effective))


# --- Running a batch ------------------------------------------------------------------------


def batch_claim(*, batch_id: int, now: datetime.datetime) -> int | None:
    """Take the batch for this run: queued, or running with its lease run out. Returns this
    run's attempt number (its token), or None when the batch is done or held."""
    lease = datetime.timedelta(seconds=settings.REEVALUATION_LEASE_SECONDS)
    with transaction.atomic():
        batch = Batch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None:
            return None
        if batch.status == Batch.Status.RUNNING and batch.lease_until and batch.lease_until > now:
            return None
        if batch.status not in (Batch.Status.QUEUED, Batch.Status.RUNNING, Batch.Status.FAILED):
            return None
        batch.status, batch.lease_until = Batch.Status.RUNNING, now + lease
        batch.attempts += 1
        batch.save(update_fields=["status", "lease_until", "attempts"])
        return batch.attempts


def batch_lease_left(*, batch_id: int, now: datetime.datetime) -> float:
    lease_until = Batch.objects.filter(pk=batch_id).values_list("lease_until", flat=True).first()
    return max(0.0, (lease_until - now).total_seconds()) if lease_until else 0.0


def batch_run(*, batch_id: int, now: datetime.datetime | None = None) -> str:
    """Claim, compute and write one batch; returns what happened ("done", "held", "skipped")."""
    started = timezone.now()
    now = now or started
    attempt = batch_claim(batch_id=batch_id, now=now)
    if attempt is None:
        status = Batch.objects.filter(pk=batch_id).values_list("status", flat=True).first()
        return "held" if status == Batch.Status.RUNNING else "done"
    batch = Batch.objects.select_related("job", "job__series", "job__version").get(pk=batch_id)
    job = batch.job
    if job.status != Job.Status.RUNNING:
        _batch_close(batch, attempt, status=Batch.Status.SKIPPED, now=now)
        return "skipped"
    rows = list(
        _profiles_in_scope(job)
        .filter(pk__gte=batch.first_pk, pk__lte=batch.last_pk)
        .values_list("pk", "revision", "as_of", "document")
    )
    computed = _standings_computed(job, rows)
    stored = standings_read(profile_ids=computed, levels=job.levels)
    changes = [
        change
        for profile_id, after in computed.items()
        for change in changes_between(
            profile_id=profile_id, before=stored.get(profile_id, {}), after=after, levels=job.levels
        )
    ]
    revisions = {pk: revision for pk, revision, _, _ in rows}
    seconds = (timezone.now() - started).total_seconds()
    with transaction.atomic():
        if job.writes:
            series_lock_shared(series_ids=[job.series_id])
            if Job.objects.filter(pk=job.pk).values_list("status", flat=True)[0] != "running":
                _batch_close(batch, attempt, status=Batch.Status.SKIPPED, now=now)
                return "skipped"
            changes = _still_current(changes, revisions)
            outcomes_apply(changes=changes, at=now, job=job)
        closed = _batch_close(
            batch,
            attempt,
            status=Batch.Status.DONE,
            now=now,
            processed=len(rows),
            changed=len({c.profile_id for c in changes}),
            impact=impact_add({}, changes),
            seconds=seconds,
        )
        if not closed:  # another run took the batch over meanwhile: its write stands
            transaction.set_rollback(True)
            return "held"
    _job_finish_if_complete(job.pk, now=timezone.now())
    return "done"


def _still_current(changes, revisions: dict[int, int]):
    """Drop the changes of profiles whose revision moved since the batch read them; the rows
    read stay locked (shared) until the write commits."""
    ids = sorted({change.profile_id for change in changes})
    if not ids:
        return changes
    now_revisions = dict(
        ApplicantProfile.objects.select_for_update()
        .filter(pk__in=ids)
        .values_list("pk", "revision")
    )
    return [c for c in changes if now_revisions.get(c.profile_id) == revisions[c.profile_id]]


def _batch_close(batch, attempt: int, *, status: str, now, **figures) -> bool:
    """Mark the batch finished if this run still holds it (its attempt is the latest)."""
    return bool(
        Batch.objects.filter(pk=batch.pk, attempts=attempt, status=Batch.Status.RUNNING).update(
            status=status, finished_at=now, lease_until=None, **figures
        )
    )


def _standings_computed(job: ReevaluationJob, rows) -> dict[int, dict]:
    """{profile id: {level: (outcome, verified)}} for the job's levels, computed outside any
    lock, against the job's pinned versions in force on each profile's as-of date."""
    screeners: dict = {}
    computed = {}
    for pk, _revision, as_of, document in rows:
        at = as_of or job.at
        if at not in screeners:
            screeners[at] = _job_screener(job, at)
        screener, levels = screeners[at]
        if not document:  # never screened (a profile from before documents were kept)
            continue
        # Stored documents were validated when they were stored: the fast path.
        outcomes = screen_outcomes(
            profile_from_document(document), screener, levels=levels, default_as_of=job.at
        )
        computed[pk] = {level: (outcome, verified) for level, outcome, verified, _ in outcomes}
    return computed


def _job_screener(job: ReevaluationJob, at: datetime.date):
    """The screener for one as-of date, and the job's levels that exist in it."""
    versions = versions_in_effect(at=at)
    others = [v for v in versions if v.series_id != job.series_id]
    pinned = _pinned_version(job, at)
    draft_in_force = job.draft is not None and _draft_in_force(job.draft, at)
    if draft_in_force:
        rules = [rules_of(v.document, version=v.label) for v in others]
        rules.append(rules_of(job.draft, version="draft"))
        screener = screener_of_rules(rules)
    else:
        screener = screener_for(sorted([*others, *([pinned] if pinned else [])], key=_slug))
    present = set(screener.level_ids)
    return screener, [level for level in job.levels if level in present]


def _slug(version) -> str:
    return version.series.slug


def _pinned_version(job: ReevaluationJob, at: datetime.date) -> StandardVersion | None:
    return (
        StandardVersion.objects.filter(series_id=job.series_id, number__lte=job.pinned_number)
        .filter(Q(effective_date__isnull=True) | Q(effective_date__lte=at))
        .select_related("series")
        .order_by("-number")
        .first()
    )


def _draft_in_force(draft: dict, at: datetime.date) -> bool:
    effective = draft.get("effective_date")
    return not effective or datetime.date.fromisoformat(str(effective)) <= at


# --- Finishing, cancelling, resuming, the sweep ---------------------------------------------


def _job_finish_if_complete(job_id: int, *, now) -> None:
    unfinished = Batch.objects.filter(job_id=job_id).exclude(
        status__in=[Batch.Status.DONE, Batch.Status.SKIPPED]
    )
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).exclude(
        pk__in=unfinished.values("job_id")
    ).update(status=Job.Status.DONE, finished_at=now)


def job_cancel(*, job: ReevaluationJob, by=None, now=None) -> None:
    """Stop a job: batches not yet written write nothing (a written batch stays written)."""
    now = now or timezone.now()
    with transaction.atomic():
        stoppable = [*Job.ACTIVE, Job.Status.SCHEDULED]
        before = Job.objects.select_for_update().filter(pk=job.pk, status__in=stoppable).first()
        if before is None:
            raise JobNotAllowed(
                "Only a job that is scheduled, waiting or running can be cancelled."
            )
        Job.objects.filter(pk=job.pk).update(status=Job.Status.CANCELLED, finished_at=now)
        _job_audit(job, by=by, now=now, before=before.status, after=Job.Status.CANCELLED)


def _job_audit(job: ReevaluationJob, *, by, now, before: str, after: str) -> None:
    """An analyst's action on a job, in the audit trail."""
    audit.audit_record(
        instance=job,
        action=audit.UPDATE,
        actor=by,
        changes={"status": [before, after]},
        at=now,
        what=f"re-evaluation job {after}",
    )


def job_resume(*, job: ReevaluationJob, by=None, now=None) -> None:
    """Carry on a cancelled or failed job from the batches it has not written."""
    now = now or timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status not in (Job.Status.CANCELLED, Job.Status.FAILED):
            raise JobNotAllowed("Only a cancelled or failed job can be resumed.")
        if Job.objects.filter(
            series=job.series, status__in=Job.ACTIVE, pk__gt=job.pk, dry_run=False
        ).exists():
            raise JobNotAllowed("A newer job of this standard has taken over its work.")
        planned = job.started_at is not None
        before = job.status
        job.status = Job.Status.RUNNING if planned else Job.Status.QUEUED
        job.finished_at, job.error = None, ""
        job.save(update_fields=["status", "finished_at", "error"])
        Batch.objects.filter(
            job=job, status__in=[Batch.Status.SKIPPED, Batch.Status.FAILED]
        ).update(status=Batch.Status.QUEUED, dispatched_at=None)
        _job_audit(job, by=by, now=now, before=before, after=job.status)
    sweep(now=now)


def batch_fail(*, batch_id: int, error: str, now=None) -> None:
    """A batch that kept failing fails its job (resumable once the cause is mended)."""
    now = now or timezone.now()
    batch = Batch.objects.filter(pk=batch_id).first()
    if batch is None:
        return
    Batch.objects.filter(pk=batch_id).update(status=Batch.Status.FAILED, error=error[:2000])
    Job.objects.filter(pk=batch.job_id, status=Job.Status.RUNNING).update(
        status=Job.Status.FAILED, error=error[:2000], finished_at=now
    )


def sweep(*, now: datetime.datetime | None = None) -> dict:
    """The periodic safety net: start scheduled jobs whose day has come, and send again every
    job or batch that was never dispatched or whose lease ran out. Returns what it sent."""
    from screening import tasks

    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.REEVALUATION_LEASE_SECONDS)
    today = timezone.localdate(now)
    sent = {"activated": 0, "jobs": 0, "batches": 0}
    for job_id in Job.objects.filter(status=Job.Status.SCHEDULED, run_on__lte=today).values_list(
        "pk", flat=True
    ):
        sent["activated"] += job_activate(job_id=job_id, now=now)
    stale = Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - lease)
    for job_id in Job.objects.filter(stale, status=Job.Status.QUEUED).values_list("pk", flat=True):
        if task_send(tasks.reevaluation_job_start, job_id):
            Job.objects.filter(pk=job_id).update(dispatched_at=now)
            sent["jobs"] += 1
    overdue = Batch.objects.filter(job__status=Job.Status.RUNNING).filter(
        (Q(status=Batch.Status.QUEUED) & stale)
        | Q(status=Batch.Status.RUNNING, lease_until__lt=now)
    )
    for batch_id in overdue.values_list("pk", flat=True):
        if task_send(tasks.reevaluation_batch_run, batch_id):
            Batch.objects.filter(pk=batch_id).update(dispatched_at=now)
            sent["batches"] += 1
    for job_id in Job.objects.filter(status=Job.Status.RUNNING).values_list("pk", flat=True):
        _job_finish_if_complete(job_id, now=now)
    return sent


def batches_dispatch(*, batch_ids: list[int]) -> None:
    """Send each batch as its own task, so that every worker shares the job."""
    from screening import tasks

    for batch_id in batch_ids:
        if not task_send(tasks.reevaluation_batch_run, batch_id):
            return  # the sweep sends the rest
