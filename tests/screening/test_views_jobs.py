"""The bulk re-evaluation pages: after a publish, the job page, its report and CSV, cancel and
resume, the preview of an unsaved draft, the job list, and the officer's "What changed"."""

import csv
import datetime
import io

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone

from classification.forms import document_to_yaml
from classification.models import StandardDraft, StandardVersion
from screening.models import CurrentOutcome, OutcomeChange, ReevaluationJob
from screening.services import reevaluation
from tests.factories import (
    CASEY,
    NOW,
    ROBIN,
    analyst_user,
    applicant_user,
    document,
    officer_user,
    saved_profile,
    standard_store,
    standard_with_months,
)
from tests.screening.test_reevaluation import job_run, sent  # noqa: F401 (a fixture)

NYS = "nys-call-center-representative"
CCR1 = f"{NYS}/1"
Job = ReevaluationJob


@pytest.fixture
def applicants(loaded_standards):
    evil = document(ROBIN, applicant={"name": '=HYPERLINK("http://x")', "external_id": "E-1"})
    return {
        "casey": saved_profile(CASEY),
        "robin": saved_profile(ROBIN),
        "evil": saved_profile(evil),
    }


@pytest.fixture
def analyst(client, db):
    client.force_login(analyst_user())
    return client


def _stricter(loaded_standards):
    nys = loaded_standards[NYS]
    return standard_with_months(nys, level="1", old=24, new=36)


def _published(loaded_standards) -> Job:
    """An analyst's stricter CCR 1 stored (30 months no longer enough), its job run here."""
    version = standard_store(loaded_standards[NYS], _stricter(loaded_standards))
    job = Job.objects.filter(series=version.series, version=version).get()
    return job_run(job)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


# --- After a publish --------------------------------------------------------------------------


def test_a_publish_says_a_reevaluation_started_and_links_to_its_job(
    analyst, applicants, loaded_standards
):
    edit = reverse("classification:standard-edit", args=[NYS])
    analyst.post(
        edit,
        {"document": document_to_yaml(_stricter(loaded_standards)), "change_note": "36 months"},
    )
    # Another analyst approves the draft the edit made: that publishes it.
    draft = StandardDraft.objects.get(series__slug=NYS)
    analyst.force_login(analyst_user())
    approve = reverse("classification:draft-approve", args=[draft.public_id])
    text = _text(analyst.post(approve, follow=True))
    assert "Version 2 is stored. A re-evaluation of the applicants it may move has started" in text
    link = reverse("screening:job-for-version", args=[NYS, 2])
    assert f'<a href="{link}">follow its progress</a>' in text
    job_page = analyst.get(link, follow=True)
    job = Job.objects.get(series__slug=NYS, version__number=2)
    assert job_page.redirect_chain[-1][0] == reverse("screening:job-detail", args=[job.public_id])
    # No worker took it yet (nothing runs on commit in this test): the page says so.
    assert "Waiting for the queue" in _text(job_page)
    assert '<progress id="job-progress"' in _text(job_page)


def test_the_job_page_reports_the_impact_per_level_with_the_applicants(
    analyst, applicants, loaded_standards
):
    job = _published(loaded_standards)
    response = analyst.get(reverse("screening:job-detail", args=[job.public_id]))
    text = _text(response)
    assert "Done." in text
    assert "3 of 3 applicants processed (100%)" in text
    row = next(r for r in response.context["report"] if r["level"] == CCR1)
    assert row["title"] == "Call Center Representative 1"
    # Casey (30 months) stopped being qualified; Robin and the other (20 months) never were.
    assert (row["counts"][:4], row["same"]) == ([0, 1, 0, 0], 2)
    assert '<th scope="row">Call Center Representative 1</th>' in text
    [moved] = response.context["change_rows"]
    assert (moved["profile"].name, moved["before"], moved["after"]) == (
        "Casey Lee",
        "Qualified",
        "Not yet",
    )
    assert str(moved["kind"]) == "Stopped being qualified"


def test_the_csv_lists_the_applicants_moved_with_formula_cells_made_safe(
    analyst, applicants, loaded_standards
):
    nys = loaded_standards[NYS]
    # A laxer rule makes Robin and the formula-named applicant qualified.
    version = standard_store(nys, standard_with_months(nys, level="1", old=24, new=12))
    job = job_run(Job.objects.get(series=version.series, version=version))
    response = analyst.get(reverse("screening:job-changes-csv", args=[job.public_id]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    names = sorted(row["name"] for row in rows if row["level"] == CCR1)
    assert names == ['\'=HYPERLINK("http://x")', "Robin Park"]
    robin = next(row for row in rows if row["name"] == "Robin Park" and row["level"] == CCR1)
    assert (robin["change"], robin["before"], robin["after"], robin["level_title"]) == (
        "became_qualified",
        "not_qualified",
        "qualified",
        "Call Center Representative 1",
    )
    assert "no-store" in response["Cache-Control"]


def test_progress_is_served_as_json_for_the_page_script(analyst, applicants, loaded_standards):
    version = standard_store(loaded_standards[NYS], _stricter(loaded_standards))
    job = Job.objects.get(series=version.series, version=version)
    url = reverse("screening:job-progress", args=[job.public_id])
    waiting = analyst.get(url).json()
    assert (waiting["status"], waiting["live"], waiting["processed"]) == ("queued", True, 0)
    assert waiting["status_text"].startswith("Waiting for the queue")
    [first, *_] = reevaluation.job_start(job_id=job.pk, now=NOW)
    assert analyst.get(url).json()["status"] == "running"
    reevaluation.batch_run(batch_id=first, now=NOW)
    done = analyst.get(url).json()
    assert (done["status"], done["live"], done["processed"], done["total"]) == (
        "done",
        False,
        3,
        3,
    )
    assert done["text"].startswith("3 of 3 applicants processed (100%)")


# --- Cancel and resume ------------------------------------------------------------------------


def test_an_analyst_cancels_and_resumes_a_running_job(
    analyst,
    applicants,
    loaded_standards,
    sent,  # noqa: F811
):
    version = standard_store(loaded_standards[NYS], _stricter(loaded_standards))
    job = Job.objects.get(series=version.series, version=version)
    reevaluation.job_start(job_id=job.pk, now=NOW)
    page = reverse("screening:job-detail", args=[job.public_id])
    assert "Cancel the job" in _text(analyst.get(page))

    response = analyst.post(reverse("screening:job-cancel", args=[job.public_id]), follow=True)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert "The job is cancelled" in _text(response)
    assert "Resume the job" in _text(response)
    assert not OutcomeChange.objects.filter(job=job).exists()

    response = analyst.post(reverse("screening:job-resume", args=[job.public_id]), follow=True)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING
    assert "carries on" in _text(response)
    assert sent  # the sweep sent its batches again

    # Resuming a running job is refused in words, not with an error page.
    again = analyst.post(reverse("screening:job-resume", args=[job.public_id]), follow=True)
    assert "Only a cancelled or failed job can be resumed." in _text(again)


def test_only_analysts_cancel_and_only_by_post(client, applicants, loaded_standards):
    version = standard_store(loaded_standards[NYS], _stricter(loaded_standards))
    job = Job.objects.get(series=version.series, version=version)
    cancel = reverse("screening:job-cancel", args=[job.public_id])
    client.force_login(officer_user())
    assert client.post(cancel).status_code == 403
    assert "Cancel the job" not in _text(
        client.get(reverse("screening:job-detail", args=[job.public_id]))
    )
    client.force_login(analyst_user())
    assert client.get(cancel).status_code == 405
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED


def test_applicants_see_no_job_and_no_name(client, applicants, loaded_standards):
    job = _published(loaded_standards)
    client.force_login(applicant_user())
    for name in ("job-detail", "job-changes-csv", "job-progress"):
        response = client.get(reverse(f"screening:{name}", args=[job.public_id]))
        assert response.status_code == 403
        assert b"Casey" not in response.content


# --- Preview before publishing ---------------------------------------------------------------


def _preview(client, text: str, **fields):
    url = reverse("screening:job-preview", args=[NYS])
    return client.post(url, {"document": text, "effective_date": "", **fields})


def test_a_preview_counts_what_the_draft_would_move_and_writes_nothing(
    analyst, applicants, loaded_standards, django_capture_on_commit_callbacks
):
    before = list(CurrentOutcome.objects.order_by("pk").values())
    changes_before = OutcomeChange.objects.count()
    with django_capture_on_commit_callbacks(execute=False):
        response = _preview(analyst, document_to_yaml(_stricter(loaded_standards)))
    job = Job.objects.get(reason=Job.Reason.PREVIEW)
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:job-detail", args=[job.public_id])
    assert job.draft["levels"][0]["id"] == "1"
    job = job_run(job)
    page = analyst.get(response["Location"])
    text = _text(page)
    assert "How many applicants this change would move, level by level" in text
    row = next(r for r in page.context["report"] if r["level"] == CCR1)
    assert (row["counts"][1], row["same"]) == (1, 2)
    assert "A preview writes nothing, so it names no applicant" in text
    assert list(CurrentOutcome.objects.order_by("pk").values()) == before
    assert OutcomeChange.objects.count() == changes_before
    assert StandardVersion.objects.filter(series__slug=NYS).count() == 1


def test_a_draft_with_problems_is_refused_like_the_edit_and_nothing_is_requested(
    analyst, loaded_standards
):
    draft = dict(loaded_standards[NYS].document, levels="not a list")
    response = _preview(analyst, yaml.safe_dump(draft))
    assert response.status_code == 400
    text = _text(response)
    assert "The impact was not previewed" in text
    assert response.context["form"].errors["document"]
    assert "levels" in " ".join(response.context["form"].errors["document"])
    broken = _preview(analyst, "series: [unclosed")
    assert broken.status_code == 400
    assert not Job.objects.filter(reason=Job.Reason.PREVIEW).exists()


def test_a_preview_of_another_series_is_refused(analyst, loaded_standards):
    other = document_to_yaml(loaded_standards["university-call-center"].document)
    response = _preview(analyst, other)
    assert response.status_code == 400
    assert "must stay" in " ".join(response.context["form"].errors["document"])


def test_the_edit_page_offers_a_preview(analyst, loaded_standards):
    page = _text(analyst.get(reverse("classification:standard-edit", args=[NYS])))
    action = reverse("screening:job-preview", args=[NYS])
    assert f'formaction="{action}">Preview impact</button>' in page


# --- The job list -----------------------------------------------------------------------------


def test_the_job_list_is_newest_first_filtered_by_status_and_paginated(client, loaded_standards):
    nys = loaded_standards[NYS]
    for day in range(25):
        Job.objects.create(
            series=nys.series,
            reason=Job.Reason.ON_DEMAND,
            status=Job.Status.DONE if day % 2 else Job.Status.FAILED,
            created_at=NOW + datetime.timedelta(days=day),
        )
    client.force_login(officer_user())
    url = reverse("screening:job-list")
    first = client.get(url)
    jobs = list(first.context["page"].object_list)
    assert [job.created_at for job in jobs] == sorted((j.created_at for j in jobs), reverse=True)
    assert jobs[0].created_at == NOW + datetime.timedelta(days=24)
    assert first.context["page"].paginator.count == 27  # and the two jobs of the loading
    assert "Page 1 of 2" in _text(first)
    failed = client.get(url, {"status": "failed"})
    assert {job.status for job in failed.context["page"].object_list} == {"failed"}
    assert failed.context["page"].paginator.count == 13
    assert "status=failed&amp;page=2" not in _text(failed)  # 13 fit on one page
    nonsense = client.get(url, {"status": "<script>"})
    assert nonsense.status_code == 200
    assert nonsense.context["status"] == ""


# --- What the officer sees on an applicant -----------------------------------------------------


def _officer_page(client, profile) -> str:
    client.force_login(officer_user())
    return _text(client.get(reverse("screening:officer-applicant", args=[profile.public_id])))


def test_the_officer_reads_that_a_published_version_moved_the_applicant(
    client, applicants, loaded_standards
):
    _published(loaded_standards)
    published_on = timezone.localdate(NOW).strftime("%-d %B %Y")
    text = _officer_page(client, applicants["casey"])
    assert (
        "No longer qualified for Call Center Representative 1 since version 2 was published "
        f"on {published_on} (now: Not yet)." in text
    )


def test_the_officer_reads_that_a_version_took_effect(
    client,
    applicants,
    loaded_standards,
    sent,  # noqa: F811
):
    undated = {k: v for k, v in document(CASEY, applicant={"name": "Dana"}).items() if k != "as_of"}
    dana = saved_profile(undated)
    effective = datetime.date(2027, 1, 1)
    standard_store(loaded_standards[NYS], _stricter(loaded_standards), effective_date=effective)
    job_run(Job.objects.get(reason=Job.Reason.VERSION_STORED, version__number=2))
    on_the_day = timezone.make_aware(datetime.datetime.combine(effective, datetime.time(1)))
    reevaluation.sweep(now=on_the_day)
    job_run(Job.objects.get(reason=Job.Reason.VERSION_EFFECTIVE), now=on_the_day)
    text = _officer_page(client, dana)
    assert (
        "No longer qualified for Call Center Representative 1 since version 2 took effect on "
        "1 January 2027 (now: Not yet)." in text
    )


def test_the_officer_reads_what_a_save_did(client, applicants):
    text = _officer_page(client, applicants["casey"])
    saved_on = timezone.localdate(NOW).strftime("%-d %B %Y")
    assert "What changed" in text
    assert (
        f"Qualified for Call Center Representative 1 after the profile was saved on {saved_on} "
        "(first screening)." in text
    )


def test_a_job_scheduled_for_the_effective_day_says_so_and_can_be_cancelled(
    analyst, applicants, loaded_standards
):
    effective = datetime.date(2027, 1, 1)
    standard_store(loaded_standards[NYS], _stricter(loaded_standards), effective_date=effective)
    job = Job.objects.get(reason=Job.Reason.VERSION_EFFECTIVE)
    page = reverse("screening:job-detail", args=[job.public_id])
    text = _text(analyst.get(page))
    assert "Scheduled: it starts on 1 January 2027, the day the version takes effect." in text
    assert 'data-live="false"' in text  # nothing to poll for weeks
    assert (
        analyst.get(reverse("screening:job-progress", args=[job.public_id])).json()["live"] is False
    )
    analyst.post(reverse("screening:job-cancel", args=[job.public_id]))
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
