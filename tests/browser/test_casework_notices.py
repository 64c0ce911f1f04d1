"""An officer issues a notice of results that the applicant then reads; another officer
establishes an eligible list, which a second officer certifies. axe on every page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import (
    CASEY,
    NOW,
    ROBIN,
    applicant_named,
    applicant_user,
    officer_user,
    saved_profile,
    verified_profile,
)

pytestmark = pytest.mark.browser

LEVEL = "nys-call-center-representative/1"


def test_notice_issued_and_read_by_the_applicant(page, live_server, browsable_standards):
    officer, applicant = officer_user(), applicant_user()
    robin = saved_profile(ROBIN, user=applicant)
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/officer/applicants/{robin.public_id}/")
    page.get_by_role("button", name="Issue notice").click()
    expect(page.get_by_role("heading", name="Notice of results", level=1)).to_be_visible()
    assert "you have 20 of the 24 needed" in page.locator("article.notice").inner_text()
    assert "How to ask for a review" in page.locator("article.notice").inner_text()
    assert_accessible(page, "notice page (officer)")

    sign_in(page, live_server, applicant.username)
    page.goto(f"{live_server.url}/my/profiles/{robin.public_id}/")
    assert_accessible(page, "my profile with a notice")
    page.get_by_role("link", name="Notice of results").click()
    expect(page.get_by_role("heading", name="Notice of results", level=1)).to_be_visible()
    assert_accessible(page, "notice page (applicant)")
    screenshot(page, "notice")
    href = page.get_by_role("link", name="Download the notice (PDF)").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Download the notice (PDF)")).to_be_hidden()


def test_eligible_list_established_and_certified(page, live_server, browsable_standards):
    establishing, certifying = officer_user(), officer_user()
    for name, number in (("Dana Ortiz", "D-4"), ("Lee Wu", "L-3")):
        verified_profile(CASEY, officer=establishing, applicant=applicant_named(name, number))
    saved_profile(CASEY, now=NOW)
    sign_in(page, live_server, establishing.username)
    page.goto(f"{live_server.url}/officer/eligible-lists/")
    assert_accessible(page, "eligible lists (none yet)")
    page.get_by_role("link", name="Establish a list").click()
    page.select_option("#id_level", LEVEL)
    page.fill("#id_expires_on", "2001-01-01")
    page.get_by_role("button", name="Establish the list").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused(timeout=5000)
    assert "Expires on:" in summary.inner_text()
    assert_accessible(page, "establish form with a problem")
    page.fill("#id_expires_on", "")
    page.select_option("#id_order", "name")
    page.get_by_role("button", name="Establish the list").click()
    expect(
        page.get_by_role("heading", name="Certified list: verified qualified, ranked")
    ).to_be_visible()
    ranked = page.locator("table").nth(1).inner_text()
    assert ranked.index("Dana Ortiz") < ranked.index("Lee Wu")
    assert "Casey Lee" in page.locator("table").nth(2).inner_text()

    sign_in(page, live_server, certifying.username)
    page.goto(f"{live_server.url}/officer/eligible-lists/")
    page.get_by_role("link", name="Call Center Representative 1").first.click()
    page.get_by_role("button", name="Certify this list").click()
    expect(page.get_by_text("The eligible list is certified.")).to_be_visible()
    assert_accessible(page, "certified eligible list")
    screenshot(page, "eligible-list")
    page.keyboard.press("Tab")  # keyboard alone reaches the page's links
    expect(page.locator(":focus")).to_have_text("Skip to main content")
