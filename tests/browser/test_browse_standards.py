"""An HR analyst browses the standards in a real browser, by mouse and by keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_browse_from_home_to_a_level(page, live_server, browsable_standards):
    page.goto(live_server.url + "/")
    assert_accessible(page, "home")
    screenshot(page, "home")

    page.get_by_role("link", name="Browse class standards").click()
    page.get_by_role("link", name="Call Center Representative").first.click()
    assert page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page, "series page")

    page.goto(live_server.url + "/standards/nys-call-center-representative/")
    screenshot(page, "series-nys")
    page.get_by_role("link", name="Call Center Representative 2 (HESC)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Call Center Representative 2 (HESC)"
    )
    assert page.get_by_text("Promotion", exact=True).first.is_visible()
    assert_accessible(page, "level page")
    screenshot(page, "level-ccr2-hesc")


def test_university_level_page_is_accessible_and_shows_not_stated(
    page, live_server, browsable_standards
):
    page.goto(live_server.url + "/standards/university-call-center/levels/manager/")
    assert page.get_by_text("Not stated").first.is_visible()
    page.get_by_text("How the portal reads this route").click()
    assert page.locator(".rule-plain").first.is_visible()
    assert_accessible(page, "manager level page")
    screenshot(page, "level-university-manager")


def test_keyboard_alone_reaches_the_content(page, live_server, browsable_standards):
    page.goto(live_server.url + "/standards/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_full_text_prints_every_level(page, live_server, browsable_standards):
    page.goto(live_server.url + "/standards/nys-call-center-representative/")
    page.get_by_role("link", name="Full text (every level)").click()
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert "Call Center Representative 3" in headings
    assert any("Call Center Representative 2 (HESC)" in h for h in headings)
    assert_accessible(page, "full text")
    page.get_by_role("link", name="Call Center Representative 3").first.click()
    assert page.evaluate("location.hash") == "#level-3"
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Contents").is_visible()
    assert page.locator("#level-3-duties").is_visible()
    screenshot(page, "full-text-print")


def test_the_not_found_page_is_accessible(page, live_server, browsable_standards):
    response = page.goto(live_server.url + "/standards/no-such-series/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page, "not found page")
