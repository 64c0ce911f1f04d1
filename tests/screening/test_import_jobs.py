"""Large imports run as background jobs: the page returns at once, all or nothing stays."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from screening.models import ApplicantProfile, ImportJob
from screening.services import imports
from tests.factories import CASEY_CSV_ROWS, officer_user
from tests.screening.test_import_export import _csv


def _rows(count: int) -> str:
    return _csv(
        *(
            {**row, "applicant_id": f"C-{n}", "name": f"Casey {n}"}
            for n in range(count)
            for row in CASEY_CSV_ROWS
        )
    )


def _upload(client, text: str):
    upload = SimpleUploadedFile("applicants.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("screening:officer-import"), {"file": upload, "format": "csv"})


def test_a_large_upload_is_queued_and_the_page_returns_at_once(
    client, loaded_standards, settings, django_capture_on_commit_callbacks, eager_tasks
):
    settings.IMPORT_INLINE_MAX_BYTES = 1000
    client.force_login(officer_user())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(client, _rows(30))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("screening:officer-import-job", args=[job.public_id])
    assert (job.status, ApplicantProfile.objects.count()) == (ImportJob.Status.QUEUED, 0)
    page = client.get(response.url)
    assert "waiting for the queue" in page.content.decode()
    for callback in callbacks:  # the transaction commits: the (eager) worker runs it
        callback()
    job.refresh_from_db()
    assert (job.status, job.created, job.text) == (ImportJob.Status.DONE, 30, "")
    assert ApplicantProfile.objects.count() == 30
    assert "Applicants imported" in client.get(response.url).content.decode()


def test_a_bad_row_in_a_large_upload_stores_nothing_and_names_the_line(
    client, loaded_standards, settings, django_capture_on_commit_callbacks, eager_tasks
):
    settings.IMPORT_INLINE_MAX_BYTES = 1000
    client.force_login(officer_user())
    text = _rows(30).replace("high_school_diploma", "diploma_of_sorts", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, text)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    assert ApplicantProfile.objects.count() == 0
    [error] = job.errors
    assert (error["line"], error["column"]) == (2, "credential")
    page = client.get(response.url).content.decode()
    assert "nothing was imported" in page and "credential" in page


def test_an_import_job_runs_once_however_often_it_is_delivered(loaded_standards):
    job = imports.import_job_create(text=_rows(3), kind="csv", by=officer_user())
    assert imports.import_job_run(job_id=job.pk) == "done"
    assert imports.import_job_run(job_id=job.pk) == "ended"
    assert ApplicantProfile.objects.count() == 3


def test_an_import_whose_worker_died_is_taken_over_after_its_lease(loaded_standards, settings):
    job = imports.import_job_create(text=_rows(3), kind="csv", by=officer_user())
    now = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, attempts=1, lease_until=now + datetime.timedelta(hours=1)
    )
    assert imports.import_job_run(job_id=job.pk, now=now) == "held"
    later = now + datetime.timedelta(hours=2)
    assert imports.import_job_run(job_id=job.pk, now=later) == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts) == (ImportJob.Status.DONE, 2)


def test_the_import_page_is_for_officers_only(client, loaded_standards):
    job = imports.import_job_create(text=_rows(1), kind="csv", by=officer_user())
    url = reverse("screening:officer-import-job", args=[job.public_id])
    assert client.get(url).status_code == 302  # sign in first
