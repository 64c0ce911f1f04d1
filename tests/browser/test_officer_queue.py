"""A placement officer imports 1,000 applicants, verifies one applicant's diploma and job, and
sees them turn "verified qualified" for CCR 1, with both actions in the audit trail."""

import csv
import io
import time

import pytest
from playwright.sync_api import expect

from bench.bench_import import generate_csv
from screening.importers import CSV_COLUMNS
from screening.models import ApplicantProfile
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import CASEY_CSV_ROWS, officer_user

pytestmark = pytest.mark.browser


def _import_file(tmp_path):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writerows(CASEY_CSV_ROWS)  # unverified: the officer verifies
    path = tmp_path / "applicants.csv"
    path.write_text(generate_csv(999, seed=11) + out.getvalue())
    return path


def _ccr1(page):
    heading = page.get_by_role("heading", name="Call Center Representative 1", exact=True)
    return page.locator("li.result", has=heading)


def test_import_verify_and_audit(page, live_server, browsable_standards, tmp_path, eager_tasks):
    officer = officer_user()
    sign_in(page, live_server, officer.username)
    page.get_by_role("link", name="Applicants").click()
    page.get_by_role("link", name="Import applicants").click()
    assert_accessible(page, "import page")
    page.set_input_files("#id_file", str(_import_file(tmp_path)))
    started = time.monotonic()
    page.get_by_role("button", name="Import").click()
    # A file this large is imported in the background (here by the in-process worker).
    page.wait_for_url("**/officer/import/*/", timeout=120_000)
    assert time.monotonic() - started < 60
    assert page.get_by_role("status").inner_text() == "Imported"
    assert "1000" in page.locator(".facts").inner_text()
    assert_accessible(page, "import job page")
    page.get_by_role("link", name="See the applicants").click()
    expect(page.get_by_role("heading", name="Applicants", exact=True)).to_be_visible()
    assert ApplicantProfile.objects.count() == 1000
    assert_accessible(page, "queue")  # its screenshot: test_casework_queue.py

    page.select_option("#id_level", "nys-call-center-representative/1")
    page.select_option("#id_outcome", "qualified_unverified")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/officer/applicants/?*outcome=qualified_unverified*")
    assert_accessible(page, "filtered queue")

    casey = ApplicantProfile.objects.get(external_id="C-1")
    page.goto(f"{live_server.url}/officer/applicants/{casey.public_id}/")
    assert _ccr1(page).locator(".badge").inner_text() == "Qualified on the applicant's word"
    assert_accessible(page, "applicant page")

    job = page.locator("article.entry", has_text="Customer Service Representative")
    job.get_by_role("button", name="Reject").click()  # no note: refused, focus on the summary
    summary = page.locator(".error-summary")
    # expect() polls from outside the page: a string handed to wait_for_function is run with
    # eval, which the portal's CSP forbids (and a slow page made that poll happen).
    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    assert "Note: Say why the entry is rejected" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id").startswith("note-")
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    assert_accessible(page, "applicant page with a refused decision")

    diploma = page.locator("article.entry", has_text="High school diploma")
    diploma.get_by_label("Document reference").fill("Diploma, Albany HS, file 2015-0612")
    diploma.get_by_role("button", name="Verify").click()
    expect(page.locator("body")).to_contain_text("Entry verified")
    job = page.locator("article.entry", has_text="Customer Service Representative")
    job.get_by_label("Document reference").fill("DMV employment letter 2025-07")
    job.get_by_label("Note").fill("Dates and hours match the letter")
    job.get_by_role("button", name="Verify").click()

    assert _ccr1(page).locator(".badge").inner_text() == "Verified qualified"
    audit = page.locator("table.audit-table")
    diploma_line = (
        "verified “High school diploma” with document “Diploma, Albany HS, file 2015-0612”"
    )
    assert audit.get_by_text(diploma_line).is_visible()
    assert audit.get_by_text("verified “Customer Service Representative").is_visible()
    assert officer.username in audit.inner_text()
    assert_accessible(page, "applicant page after verification")
    screenshot(page, "officer-applicant-verified")


def test_two_officers_on_one_entry(browser, live_server, browsable_standards, tmp_path):
    from tests.factories import CASEY, saved_profile

    profile = saved_profile(CASEY)
    pages = []
    for _ in range(2):
        page = browser.new_context().new_page()
        sign_in(page, live_server, officer_user().username)
        page.goto(f"{live_server.url}/officer/applicants/{profile.public_id}/")
        pages.append(page)
    first, second = (p.locator("article.entry", has_text="High school diploma") for p in pages)
    first.get_by_label("Document reference").fill("DIPLOMA-1")
    first.get_by_role("button", name="Verify").click()
    second.get_by_label("Note").fill("Not readable")
    second.get_by_role("button", name="Reject").click()
    expect(pages[1].locator("body")).to_contain_text("Another officer changed this entry")
    assert_accessible(pages[1], "stale form message")
    screenshot(pages[1], "officer-stale-form")
    assert profile.education.get().verification == "verified"
    for page in pages:
        page.context.close()
