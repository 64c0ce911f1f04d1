"""Bulk re-evaluation in a real browser: an analyst publishes a stricter rule, follows the job
live (script on) and by the Refresh link (script off), reads the impact report, previews a
draft; an officer reads what changed. axe-core (WCAG 2.1 AA) on every page visited.

The workers are this test: every message to them is held, and the test runs the job's steps
itself, so each state of the page (waiting, running, done) is seen whatever the broker.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classification.forms import document_to_yaml
from classification.models import StandardVersion
from screening.models import ReevaluationBatch, ReevaluationJob
from screening.services import reevaluation
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import (
    CASEY,
    ROBIN,
    analyst_user,
    document,
    officer_user,
    saved_profile,
    standard_store,
    standard_with_months,
)

pytestmark = pytest.mark.browser

NYS = "nys-call-center-representative"
Job = ReevaluationJob
TIMEOUT = 15_000


@pytest.fixture
def applicants(browsable_standards):
    """Six saved applicants: three with 30 months (qualified for CCR 1), three with 20."""
    people = []
    for n in range(3):
        people.append(saved_profile(document(CASEY, applicant={"name": f"Casey {n + 1}"})))
        people.append(saved_profile(document(ROBIN, applicant={"name": f"Robin {n + 1}"})))
    return people


def _stricter_yaml() -> str:
    nys = StandardVersion.objects.filter(series__slug=NYS).order_by("-number").first()
    return document_to_yaml(standard_with_months(nys, level="1", old=24, new=36))


def _publish(page, live_server) -> Job:
    """The analyst sends the stricter CCR 1 for review, another approves it and follows the
    link to its job."""
    sign_in(page, live_server, analyst_user().username, f"/standards/{NYS}/edit/")
    page.get_by_label("The standard (YAML, class-standard/1)").fill(_stricter_yaml())
    page.get_by_label("Change note").fill("CCR 1 needs 36 months of customer service.")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/standards/drafts/*/")
    review = page.url.removeprefix(live_server.url) + "review/"
    page.context.clear_cookies()
    sign_in(page, live_server, analyst_user().username, review)
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/versions/")
    expect(
        page.get_by_text("A re-evaluation of the applicants it may move has started")
    ).to_be_visible()
    page.get_by_role("link", name="follow its progress").click()
    page.wait_for_url("**/jobs/*/")
    return Job.objects.get(series__slug=NYS, version__number=2)


def _run_batches(job: Job, how_many: int | None = None) -> None:
    batches = ReevaluationBatch.objects.filter(job=job, status="queued").order_by("number")
    for batch_id in list(batches.values_list("pk", flat=True))[:how_many]:
        reevaluation.batch_run(batch_id=batch_id)


def test_the_analyst_follows_a_job_live_and_reads_its_impact(
    held_queue, page, live_server, applicants
):
    job = _publish(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Re-evaluation for Call Center Representative"
    )
    expect(page.get_by_role("status").filter(has_text="Waiting for the queue")).to_be_visible()
    assert_accessible(page, "job page, waiting for the queue")

    reevaluation.job_start(job_id=job.pk)
    _run_batches(job, 1)
    # The page's script polls: the figures move without a reload.
    expect(page.locator("#job-progress-text")).to_contain_text(
        "2 of 6 applicants processed (33%)", timeout=TIMEOUT
    )
    expect(page.locator("#job-status-text")).to_contain_text("Running")
    assert page.locator("#job-progress").get_attribute("value") == "2"
    expect(page.get_by_role("link", name="Refresh")).to_be_hidden()
    assert_accessible(page, "job page, running")
    screenshot(page, "job-page")

    _run_batches(job)
    impact = page.get_by_role("heading", name="Impact, level by level")
    expect(impact).to_be_visible(timeout=TIMEOUT)  # the page reloaded itself when done
    expect(page.locator("#job-status-text")).to_contain_text("Done")
    table = page.get_by_role("table", name="Applicants per level, by how their outcome moved")
    ccr1 = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Call Center Representative 1", exact=True)
    )
    # Became, stopped, to review, from review, first screened, stayed the same.
    expect(ccr1.get_by_role("cell")).to_have_text(["0", "3", "0", "0", "0", "3"])
    moved = page.get_by_role("table", name="Each applicant whose outcome moved, by level")
    expect(moved.get_by_role("rowheader")).to_have_text(["Casey 1", "Casey 2", "Casey 3"])
    expect(page.get_by_role("link", name="Download the applicants moved (CSV)")).to_be_visible()
    assert_accessible(page, "job page, done")
    screenshot(page, "impact-report")

    page.get_by_role("link", name="Re-evaluation jobs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Re-evaluation jobs")
    assert_accessible(page, "job list")
    page.get_by_label("Status").select_option("done")
    page.get_by_role("button", name="Filter").click()
    # Only finished jobs are listed: this one, and the standards' loading jobs (settled).
    done = ReevaluationJob.objects.filter(status=ReevaluationJob.Status.DONE).count()
    expect(page.get_by_role("status")).to_have_text(f"{done} job{'s' if done != 1 else ''}.")
    statuses = page.get_by_role("table").get_by_role("row").locator("td:nth-child(4)")
    expect(statuses).to_have_text(["Done"] * done)
    assert_accessible(page, "job list, filtered")


def test_without_scripts_the_refresh_link_shows_the_latest(
    held_queue, browser, page, live_server, applicants
):
    version = StandardVersion.objects.get(series__slug=NYS, number=1)
    job = reevaluation.job_request(
        series=version.series, reason=Job.Reason.ON_DEMAND, levels=[f"{NYS}/1"]
    )
    reevaluation.job_start(job_id=job.pk)
    _run_batches(job, 1)
    officer = officer_user()
    job_path = f"/jobs/{job.public_id}/"
    # axe needs scripts, so it checks the same page with only the page's own script blocked:
    # the document a browser without scripts gets.
    page.route("**/js/job-progress.js", lambda route: route.abort())
    sign_in(page, live_server, officer.username, job_path)
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    assert_accessible(page, "job page, running, without its script")

    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    no_script = context.new_page()
    try:
        sign_in(no_script, live_server, officer.username, job_path)
        expect(no_script.locator("#job-progress-text")).to_contain_text(
            "2 of 6 applicants processed"
        )
        refresh = no_script.get_by_role("link", name="Refresh")
        expect(refresh).to_be_visible()
        _run_batches(job)
        refresh.click()
        expect(no_script.locator("#job-status-text")).to_contain_text("Done")
        expect(no_script.get_by_role("heading", name="Impact, level by level")).to_be_visible()
        expect(no_script.get_by_role("link", name="Refresh")).to_have_count(0)
    finally:
        context.close()
    page.reload()
    expect(page.get_by_role("heading", name="Impact, level by level")).to_be_visible()
    assert_accessible(page, "job page, done, without its script")


def test_the_analyst_previews_a_draft_and_nothing_is_stored(
    held_queue, page, live_server, applicants
):
    sign_in(page, live_server, analyst_user().username, f"/standards/{NYS}/edit/")
    page.get_by_label("The standard (YAML, class-standard/1)").fill(_stricter_yaml())
    page.get_by_role("button", name="Preview impact").click()
    page.wait_for_url("**/jobs/*/")
    job = Job.objects.get(reason=Job.Reason.PREVIEW)
    reevaluation.job_start(job_id=job.pk)
    _run_batches(job)
    heading = page.get_by_role("heading", name="How many applicants this change would move")
    expect(heading).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", level=1)).to_contain_text("What the draft of")
    expect(page.get_by_text("A preview writes nothing, so it names no applicant")).to_be_visible()
    assert_accessible(page, "preview result")
    assert StandardVersion.objects.filter(series__slug=NYS).count() == 1

    page.go_back()
    textarea = page.get_by_label("The standard (YAML, class-standard/1)")
    textarea.fill(textarea.input_value().replace("grade: 17", "grade: seventeen", 1))
    page.get_by_role("button", name="Preview impact").click()
    expect(
        page.get_by_role("alert").filter(has_text="The impact was not previewed")
    ).to_be_visible()
    assert_accessible(page, "preview refused")


def test_the_officer_reads_what_changed_on_an_applicant(held_queue, page, live_server, applicants):
    nys = StandardVersion.objects.get(series__slug=NYS, number=1)
    standard_store(nys, standard_with_months(nys, level="1", old=24, new=36), at=timezone.now())
    job = Job.objects.get(series__slug=NYS, version__number=2)
    reevaluation.job_start(job_id=job.pk)
    _run_batches(job)
    sign_in(
        page,
        live_server,
        officer_user().username,
        f"/officer/applicants/{applicants[0].public_id}/",
    )
    section = page.locator("ul.what-changed")
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(section.get_by_role("listitem").first).to_contain_text(
        "No longer qualified for Call Center Representative 1 since version 2 was published on"
    )
    expect(section).to_contain_text("after the profile was saved on")
    assert_accessible(page, "officer applicant page with what changed")
