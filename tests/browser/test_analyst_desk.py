"""The HR analyst's desk in a real browser: compare, search, ladder, print, edit and diff; by
mouse and by keyboard, with axe-core (WCAG 2.1 AA) on every page visited."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from portal.roles import HR_ANALYST
from tests.browser.conftest import assert_accessible, screenshot, tab_to

pytestmark = pytest.mark.browser

NYS = "/standards/nys-call-center-representative/"
PASSWORD = "a long browser password 42"


@pytest.fixture
def analyst(browsable_standards):
    user = User.objects.create_user(username="ann", password=PASSWORD)
    user.groups.add(Group.objects.get(name=HR_ANALYST))
    return user


def _sign_in_and_edit(page, live_server) -> None:
    page.goto(live_server.url + "/accounts/login/?next=" + NYS + "edit/")
    page.get_by_label("Username").fill("ann")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/edit/")


def test_tick_three_levels_and_compare(page, live_server, browsable_standards):
    page.goto(live_server.url + NYS)
    assert_accessible(page, "series page")
    for slug in ("2", "2-hesc", "3"):
        page.locator(f"#compare-{slug}").check()
    screenshot(page, "series-tick-levels")
    page.get_by_role("button", name="Compare selected levels").click()
    page.wait_for_url("**/standards/compare/?*")
    assert "level=nys-call-center-representative%2F2-hesc" in page.url
    table = page.locator("table.compare-table")
    assert table.locator("thead th").count() == 4
    assert table.get_by_text("Customer Communications Center").first.is_visible()
    assert page.locator("#row-grade .row-status").inner_text() == "DIFFERS"
    assert_accessible(page, "compare page")
    screenshot(page, "compare")

    # Add a university level from the picker: the comparison crosses series.
    page.get_by_label("Call Center Representative II", exact=True).check()
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("table.compare-table thead th")).to_have_count(5)
    assert_accessible(page, "compare across series")


def test_compare_by_keyboard_alone(page, live_server, browsable_standards):
    page.goto(live_server.url + NYS)
    tab_to(page, "#compare-2", limit=150)
    page.keyboard.press("Space")
    tab_to(page, "#compare-2-hesc", limit=150)
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit].button", limit=150)
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/compare/?*")
    headers = page.locator("table.compare-table thead th").all_inner_texts()
    assert any("Call Center Representative 2 (HESC)" in h for h in headers)
    # the comparison table scrolls and can be focused; its links are reachable by Tab
    tab_to(page, ".compare-scroll", limit=150)
    tab_to(page, "table.compare-table a", limit=150)
    assert_accessible(page, "compare page reached by keyboard")


def test_search_for_pager_and_open_a_result(page, live_server, browsable_standards):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url("**/standards/search/")
    assert_accessible(page, "empty search page")
    page.get_by_label("Search the standards").fill("pager")
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/search/?q=pager*")
    assert page.locator("mark").first.is_visible()
    assert "2 results" in page.get_by_role("heading", level=2).first.inner_text()
    assert_accessible(page, "search results")
    screenshot(page, "search")
    page.get_by_role("link", name="Call Center Supervisor").click()
    page.wait_for_url("**/levels/supervisor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Call Center Supervisor")
    assert page.get_by_text("pager purchases").is_visible()
    assert_accessible(page, "level page from a search result")


def test_print_preview_hides_the_navigation(page, live_server, browsable_standards):
    page.goto(live_server.url + NYS + "levels/2/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator("nav.breadcrumbs").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("Minimum qualifications").first.is_visible()
    page.emulate_media(media="screen")
    assert_accessible(page, "level page")


def test_the_career_ladders(page, live_server, browsable_standards):
    page.goto(live_server.url + NYS)
    page.get_by_role("link", name="Career ladder").click()
    page.wait_for_url("**/ladder/")
    svg = page.locator("svg.ladder")
    assert svg.get_attribute("role") == "img"
    assert svg.locator("g.node").count() == 5 and svg.locator("path.edge").count() == 3
    assert page.get_by_role("img", name="Career ladder of Call Center Representative").is_visible()
    assert_accessible(page, "NYS ladder")
    screenshot(page, "ladder")
    page.goto(live_server.url + "/standards/university-call-center/ladder/")
    assert page.locator("svg.ladder path.edge-builds_on").count() == 2
    assert_accessible(page, "university ladder")
    screenshot(page, "ladder-university")


def test_an_analyst_edits_a_standard_and_reads_the_diff(page, live_server, analyst):
    _sign_in_and_edit(page, live_server)
    assert_accessible(page, "edit page")
    screenshot(page, "edit")
    textarea = page.get_by_label("The standard (YAML, class-standard/1)")
    text = textarea.input_value()
    textarea.fill(text.replace("grade: 17", "grade: 18", 1))
    page.get_by_label("Change note").fill("Regrades CCR 3 to grade 18.")
    page.get_by_label("Effective date of the new version").fill("2026-11-01")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".draft-status")).to_have_text("Waiting for review")
    # Another analyst approves the draft: that publishes it.
    reviewer = User.objects.create_user(username="bob", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name=HR_ANALYST))
    review_path = page.url.removeprefix(live_server.url) + "review/"
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/?next=" + review_path)
    page.get_by_label("Username").fill("bob")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/versions/")
    assert page.get_by_text("Regrades CCR 3 to grade 18.").is_visible()
    assert_accessible(page, "version history")
    page.get_by_role("link", name="What changed in the last edit").click()
    page.wait_for_url("**/diff/")
    assert page.locator(".diff li.added").filter(has_text="18").first.is_visible()
    assert page.locator(".diff li.removed").filter(has_text="17").first.is_visible()
    assert_accessible(page, "diff page")
    screenshot(page, "diff")


def test_a_bad_edit_shows_its_problems(page, live_server, analyst):
    _sign_in_and_edit(page, live_server)
    textarea = page.get_by_label("The standard (YAML, class-standard/1)")
    textarea.fill(textarea.input_value().replace("grade: 17", "grade: seventeen", 1))
    page.get_by_label("Change note").fill("A mistake.")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_role("alert").filter(has_text="The standard was not saved")).to_be_visible()
    expect(page.get_by_text("levels[2].grade")).to_be_visible()
    screenshot(page, "edit-with-problems")
    assert_accessible(page, "edit page with errors")


def test_as_of_browsing(page, live_server, browsable_standards):
    page.goto(live_server.url + "/standards/")
    page.get_by_label("Show the standards in force on").fill("2020-01-01")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/standards/?as_of=2020-01-01")
    expect(page.get_by_text("Showing the standards as in force on 1 January 2020")).to_be_visible()
    assert_accessible(page, "series list as of a date")
    page.get_by_role("link", name="Call Center Representative", exact=True).click()
    page.wait_for_url("**/nys-call-center-representative/?as_of=2020-01-01")
    assert_accessible(page, "series page as of a date")
    page.goto(live_server.url + "/standards/?as_of=2020-02-31")
    expect(page.get_by_text("is not a valid date")).to_be_visible()
    assert_accessible(page, "series list with a bad date")
    page.goto(live_server.url + NYS + "?as_of=2001-01-01")
    expect(page.get_by_text("No version of this standard was in force")).to_be_visible()
    assert_accessible(page, "not in force")
