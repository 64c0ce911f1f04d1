"""The draft workflow in a real browser: an analyst starts a draft from the series page, sees
its problems in words, sends it for review; another analyst reviews (diff, impact preview) and
sends back, then approves. axe-core (WCAG 2.1 AA) on the drafts list, the draft page with
problems, the submit page with errors and the review page (screenshot `approval`)."""

import copy

import pytest
from playwright.sync_api import expect

from classification.models import StandardDraft, StandardVersion
from classification.services_drafts import draft_document_save
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import analyst_user, standard_with_months

pytestmark = pytest.mark.browser

NYS = "nys-call-center-representative"
TIMEOUT = 15_000


def _broken(document: dict) -> dict:
    broken = copy.deepcopy(document)
    broken["levels"][1]["grade"] = "fourteen"
    return broken


def test_a_draft_is_written_reviewed_and_approved(page, live_server, browsable_standards):
    nys = browsable_standards[NYS]
    author, reviewer = analyst_user(), analyst_user()

    sign_in(page, live_server, author.username, f"/standards/{NYS}/")
    page.get_by_role("link", name="Change this standard").click()
    page.get_by_role("button", name="Start a new draft").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Draft: Call Center Representative"
    )
    draft = StandardDraft.objects.get(author=author)

    # The editor (another page) saves a grade in words: the draft page says where, in words.
    draft_document_save(draft=draft, document=_broken(nys.document), lock_version=0, by=author)
    page.reload()
    expect(
        page.get_by_text(
            "Level “Call Center Representative 2”: grade must be a whole number, or left empty"
        )
    ).to_be_visible()
    assert_accessible(page, "draft page with problems")

    page.get_by_role("link", name="Send for review").click()
    page.get_by_role("button", name="Send for review").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=TIMEOUT)
    expect(summary).to_contain_text("Write a change note")
    assert_accessible(page, "submit page with errors")

    draft.refresh_from_db()
    stricter = standard_with_months(nys, level="1", old=24, new=36)
    draft_document_save(draft=draft, document=stricter, lock_version=draft.lock_version, by=author)
    page.get_by_label("Change note").fill("CCR 1 needs 36 months of customer service.")
    page.get_by_label("Effective date").fill("2027-01-01")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".draft-status")).to_have_text("Waiting for review")

    page.goto(f"{live_server.url}/standards/drafts/")
    expect(page.get_by_role("cell", name="Waiting for review")).to_be_visible()
    assert_accessible(page, "drafts list")

    sign_in(page, live_server, reviewer.username, f"/standards/drafts/{draft.public_id}/review/")
    expect(
        page.get_by_role("heading", name="What changes against version 1, in force now")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Preview the impact")).to_be_visible()
    assert_accessible(page, "review page")
    screenshot(page, "approval")

    page.get_by_role("button", name="Send back to the author").click()
    expect(page.locator(".error-summary")).to_be_focused(timeout=TIMEOUT)
    assert_accessible(page, "review page, send back without a comment")

    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/versions/")
    expect(page.get_by_text("Version 2 is stored.")).to_be_visible()
    assert StandardVersion.objects.filter(series=nys.series).count() == 2
