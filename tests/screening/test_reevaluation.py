"""Bulk re-evaluation, service by service, in one process (the workers' tests run real ones)."""

import datetime

import pytest
from django.utils import timezone

from screening.models import (
    ApplicantProfile,
    CurrentOutcome,
    OutcomeChange,
    ReevaluationBatch,
    ReevaluationJob,
)
from screening.selectors_jobs import job_impact
from screening.services import reevaluation
from screening.services.verification import profile_rescreen
from tests.factories import (
    CASEY,
    NOW,
    ROBIN,
    document,
    saved_profile,
    standard_store,
    standard_with_months,
)
from tests.screening.invariants import assert_one_truth, standings

NYS = "nys-call-center-representative"
CCR1 = f"{NYS}/1"
LATER = NOW + datetime.timedelta(hours=1)
Job = ReevaluationJob
UNDATED = {k: v for k, v in document(CASEY, applicant={"name": "Dana"}).items() if k != "as_of"}


def job_run(job, *, now=LATER) -> ReevaluationJob:
    """Plan the job and run each of its batches here, as the workers would."""
    for batch_id in reevaluation.job_start(job_id=job.pk, now=now):
        reevaluation.batch_run(batch_id=batch_id, now=now)
    job.refresh_from_db()
    return job


def newest_job(**filters) -> ReevaluationJob:
    return Job.objects.filter(**filters).order_by("-pk").first()


@pytest.fixture
def sent(monkeypatch) -> list:
    """What would be sent to the workers (the tests here run each step themselves)."""
    from screening import tasks

    messages = []
    for task in (tasks.reevaluation_job_start, tasks.reevaluation_batch_run):
        monkeypatch.setattr(
            task,
            "delay",
            lambda object_id, task=task: messages.append((task.name.rsplit(".", 1)[-1], object_id)),
        )
    return messages


@pytest.fixture
def applicants(loaded_standards):
    for job in Job.objects.filter(status=Job.Status.QUEUED):  # the loading's (nobody yet)
        job_run(job)
    return {
        "casey": saved_profile(CASEY),
        "robin": saved_profile(ROBIN),
        # Undated: screened as of the day of each screening.
        "dana": saved_profile(UNDATED),
    }


def test_storing_a_version_stores_its_job_in_the_same_transaction(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    version = standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    assert (job.reason, job.status, job.version, job.pinned_number) == (
        Job.Reason.VERSION_STORED,
        Job.Status.QUEUED,
        version,
        2,
    )


def test_a_stricter_rule_moves_exactly_the_applicants_it_should(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    assert standings(applicants["casey"])[CCR1] == ("qualified", False)
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = job_run(newest_job(series=nys.series))
    assert job.status == Job.Status.DONE
    assert job.total == 3
    # Casey has 30 months: no longer enough; Robin (20) was not qualified and still is not.
    assert standings(applicants["casey"])[CCR1] == ("not_qualified", False)
    change = OutcomeChange.objects.get(profile=applicants["casey"], level=CCR1, job=job)
    assert (change.before, change.after) == ("qualified", "not_qualified")
    impact = {row["level"]: row for row in job_impact(job=job)}
    assert impact[CCR1]["stopped_qualified"] == 2  # Casey and Dana
    assert impact[CCR1]["same"] == 1
    assert_one_truth(timezone.localdate(LATER))


def test_an_unchanged_outcome_is_not_rewritten(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    before = dict(CurrentOutcome.objects.values_list("pk", "changed_at"))
    standard_store(nys, {**nys.document, "notes": [*nys.document.get("notes", []), "A note."]})
    job = job_run(newest_job(series=nys.series))
    assert job.status == Job.Status.DONE
    assert dict(CurrentOutcome.objects.values_list("pk", "changed_at")) == before
    assert not OutcomeChange.objects.filter(job=job).exists()


def test_a_batch_delivered_twice_writes_nothing_new(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    [batch_id] = reevaluation.job_start(job_id=job.pk, now=LATER)
    assert reevaluation.batch_run(batch_id=batch_id, now=LATER) == "done"
    written = (OutcomeChange.objects.count(), list(CurrentOutcome.objects.values()))
    assert reevaluation.batch_run(batch_id=batch_id, now=LATER) == "done"
    assert (OutcomeChange.objects.count(), list(CurrentOutcome.objects.values())) == written


def test_a_batch_computed_before_a_profile_changed_writes_nothing_for_it(
    applicants, loaded_standards, monkeypatch
):
    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    computed = reevaluation._standings_computed

    def computed_then_profile_saved(job, rows):
        result = computed(job, rows)
        # Meanwhile an officer's action screens Casey again (a newer revision).
        profile_rescreen(profile=ApplicantProfile.objects.get(pk=applicants["casey"].pk))
        return result

    monkeypatch.setattr(reevaluation, "_standings_computed", computed_then_profile_saved)
    job_run(job)
    assert not OutcomeChange.objects.filter(job=job, profile=applicants["casey"]).exists()
    assert OutcomeChange.objects.filter(job=job, profile=applicants["dana"]).exists()
    assert_one_truth(timezone.localdate(LATER))


def test_a_newer_job_supersedes_a_running_one_which_then_writes_nothing(
    applicants, loaded_standards
):
    nys = loaded_standards[NYS]
    v2 = standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    older = newest_job(series=nys.series)
    [older_batch] = reevaluation.job_start(job_id=older.pk, now=LATER)
    # The older job is running (planned, its batch not yet written) when v3 is stored.
    standard_store(v2, standard_with_months(nys, level="1", old=24, new=30))
    newer = newest_job(series=nys.series)
    older.refresh_from_db()
    assert (older.status, older.superseded_by) == (Job.Status.SUPERSEDED, newer)
    assert set(older.levels) <= set(newer.levels)
    assert reevaluation.batch_run(batch_id=older_batch, now=LATER) == "skipped"
    assert not OutcomeChange.objects.filter(job=older).exists()
    job_run(newer)
    # 30 months with a diploma: Casey (30) qualifies under v3 as she did under v1.
    assert standings(applicants["casey"])[CCR1] == ("qualified", False)
    assert_one_truth(timezone.localdate(LATER))


def test_requests_while_a_job_is_queued_coalesce_into_it(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    v2 = standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    first = newest_job(series=nys.series)
    v3 = standard_store(v2, standard_with_months(nys, level="1", old=24, new=30))
    assert newest_job(series=nys.series) == first
    first.refresh_from_db()
    assert (first.version, first.first_number, first.pinned_number) == (v3, 2, 3)
    job_run(first)
    assert standings(applicants["casey"])[CCR1] == ("qualified", False)  # 30 of 30 months
    assert_one_truth(timezone.localdate(LATER))


def test_only_the_levels_whose_rules_changed_are_evaluated(applicants, loaded_standards):
    uni = loaded_standards["university-call-center"]
    changed = standard_with_months(uni, level="representative-1", old=6, new=9)
    standard_store(uni, changed)
    job = job_run(newest_job(series=uni.series))
    # Representative I changed; II and the Supervisor include it by reference.
    assert job.levels == [
        "university-call-center/representative-1",
        "university-call-center/representative-2",
        "university-call-center/supervisor",
    ]


def test_a_version_taking_effect_later_moves_undated_applicants_on_its_day(
    applicants, loaded_standards, sent
):
    nys = loaded_standards[NYS]
    today = timezone.localdate(NOW)
    effective = today + datetime.timedelta(days=30)
    standard_store(
        nys, standard_with_months(nys, level="1", old=24, new=36), effective_date=effective
    )
    stored = newest_job(series=nys.series, reason=Job.Reason.VERSION_STORED)
    scheduled = newest_job(series=nys.series, reason=Job.Reason.VERSION_EFFECTIVE)
    assert (scheduled.status, scheduled.run_on) == (Job.Status.SCHEDULED, effective)
    job_run(stored)
    assert stored.total == 0  # nobody is dated on or after that day
    assert standings(applicants["dana"])[CCR1] == ("qualified", False)  # the old rule holds
    assert reevaluation.sweep(now=NOW)["activated"] == 0
    on_the_day = timezone.make_aware(datetime.datetime.combine(effective, datetime.time(1)))
    assert reevaluation.sweep(now=on_the_day)["activated"] == 1
    job_run(scheduled, now=on_the_day)
    assert standings(applicants["dana"])[CCR1] == ("not_qualified", False)
    assert standings(applicants["casey"])[CCR1] == ("qualified", False)  # dated before it
    assert_one_truth(effective)


def test_a_broker_down_at_publish_delays_the_job_and_the_sweep_sends_it(
    applicants, loaded_standards, monkeypatch, django_capture_on_commit_callbacks
):
    from screening import tasks

    def unreachable(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    nys = loaded_standards[NYS]
    monkeypatch.setattr(tasks.reevaluation_job_start, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    assert (job.status, job.dispatched_at) == (Job.Status.QUEUED, None)
    sent = []
    monkeypatch.setattr(tasks.reevaluation_job_start, "delay", sent.append)
    reevaluation.sweep(now=LATER)
    assert job.pk in sent


def test_a_batch_whose_worker_died_is_taken_over_after_its_lease(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    [batch_id] = reevaluation.job_start(job_id=job.pk, now=LATER)
    assert reevaluation.batch_claim(batch_id=batch_id, now=LATER) == 1  # then the worker died
    assert reevaluation.batch_run(batch_id=batch_id, now=LATER) == "held"
    after_lease = LATER + datetime.timedelta(seconds=3600)
    assert reevaluation.batch_run(batch_id=batch_id, now=after_lease) == "done"
    batch = ReevaluationBatch.objects.get(pk=batch_id)
    assert (batch.status, batch.attempts) == (ReevaluationBatch.Status.DONE, 2)
    assert_one_truth(timezone.localdate(LATER))


def test_a_preview_counts_the_impact_and_writes_nothing(applicants, loaded_standards):
    nys = loaded_standards[NYS]
    before = list(CurrentOutcome.objects.values())
    draft = standard_with_months(nys, level="1", old=24, new=36)
    job = reevaluation.job_request(
        series=nys.series, reason=Job.Reason.PREVIEW, draft=draft, dispatch=False
    )
    job = job_run(job)
    assert list(CurrentOutcome.objects.values()) == before
    impact = {row["level"]: row for row in job_impact(job=job)}
    assert impact[CCR1]["stopped_qualified"] == 2
    assert not OutcomeChange.objects.exists() or not OutcomeChange.objects.filter(job=job)


def test_cancel_then_resume_finishes_the_job(applicants, loaded_standards, sent):
    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job = newest_job(series=nys.series)
    [batch_id] = reevaluation.job_start(job_id=job.pk, now=LATER)
    reevaluation.job_cancel(job=job)
    assert reevaluation.batch_run(batch_id=batch_id, now=LATER) == "skipped"
    with pytest.raises(reevaluation.JobNotAllowed):
        reevaluation.job_cancel(job=job)
    reevaluation.job_resume(job=job, now=LATER)
    assert ("reevaluation_batch_run", batch_id) in sent
    from auditlog.models import LogEntry

    trail = LogEntry.objects.get_for_object(job).order_by("pk")
    assert [entry.changes_dict["status"] for entry in trail] == [
        ["running", "cancelled"],
        ["cancelled", "running"],
    ]
    assert reevaluation.batch_run(batch_id=batch_id, now=LATER) == "done"
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert_one_truth(timezone.localdate(LATER))


def test_a_batch_runs_a_constant_number_of_queries_whatever_its_size(loaded_standards, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.bench_engine import make_profiles
    from screening.services import profiles_create

    profiles_create(documents=make_profiles(120, seed=5))
    nys = loaded_standards[NYS]
    counts = {}
    for size in (20, 120):
        settings.REEVALUATION_BATCH_SIZE = size
        new = 36 if size == 20 else 30
        standard_store(nys, standard_with_months(nys, level="1", old=24, new=new))
        job = newest_job(series=nys.series)
        batch_id = reevaluation.job_start(job_id=job.pk, now=LATER)[0]
        with CaptureQueriesContext(connection) as captured:
            reevaluation.batch_run(batch_id=batch_id, now=LATER)
        counts[size] = len(captured)
    assert counts[20] == counts[120] <= 20, counts


def test_the_pages_show_what_a_job_moved_not_the_older_determination(
    client, applicants, loaded_standards
):
    from django.urls import reverse

    from tests.factories import officer_user

    nys = loaded_standards[NYS]
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36))
    job_run(newest_job(series=nys.series))
    casey = ApplicantProfile.objects.get(pk=applicants["casey"].pk)
    # The determination of her save still says qualified; the job moved her since.
    saved = casey.current_determination.result["results"]
    assert next(i for i in saved if i["level"] == CCR1)["outcome"] == "qualified"
    client.force_login(officer_user())
    page = client.get(reverse("screening:officer-applicant", args=[casey.public_id]))
    ccr1 = next(
        level for group in page.context["series"] for level in group.levels if level.level == CCR1
    )
    assert (ccr1.outcome, standings(casey)[CCR1][0]) == ("not_qualified", "not_qualified")
