"""Issue 13's "done when", end to end in a real browser: an analyst creates a third standard
(a three-level Customer Service Representative series) from a blank form, every rule built in
the rule builder with its printed text in step; another analyst approves it; the series is
listed, its level pages read the rules back, and an applicant's self-check is screened against
it. axe-core (WCAG 2.1 AA) on every page; screenshot `new-standard` of the published series."""

import datetime

import pytest
from playwright.sync_api import expect

from classification.models import Series, StandardDraft
from tests.browser.conftest import assert_accessible, screenshot, sign_in, tab_to
from tests.browser.test_applicant_selfcheck import fill_casey
from tests.factories import analyst_user

pytestmark = pytest.mark.browser

SLUG = "customer-service-representative"
TITLE = "Customer Service Representative"
TIMEOUT = 15_000
IN_STEP = "The printed text and the rule are in step."
LEVELS = {
    1: ("six months", 6, None),
    2: ("18 months", 18, None),
    3: ("30 months", 30, 12),
}


def _printed(number: int) -> str:
    words, _, supervising = LEVELS[number]
    text = f"A high school diploma or equivalency and {words} of customer service experience"
    if supervising:
        text += ", of which 12 months must have included supervision"
    return text + "."


def _saved(page) -> None:
    expect(page.locator(".messages")).to_contain_text("Saved in the draft.")


def _create_series(page) -> StandardDraft:
    """By keyboard alone: the link, the blank start (chosen already), the slug and the title."""
    tab_to(page, "a[href='/standards/new/']", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/standards/new/")
    assert_accessible(page, "new series")
    expect(page.get_by_label("A blank series")).to_be_checked()
    tab_to(page, "#id_series", limit=200)
    page.keyboard.type(SLUG)
    tab_to(page, "#id_title", limit=200)
    page.keyboard.type(TITLE)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Series facts")
    page.get_by_label("Issued by").fill("Example County Department of Personnel")
    page.get_by_role("button", name="Save", exact=True).first.click()
    _saved(page)
    assert_accessible(page, "series facts of the new series")
    return StandardDraft.objects.get(title=TITLE)


def _add_levels(page) -> None:
    page.locator(".editor-nav").get_by_role("link", name="Levels", exact=True).click()
    for number in (1, 2, 3):
        if number > 1:
            page.get_by_role("button", name="Add: Level").click()
        page.locator(f"#id_levels-{number - 1}-id").fill(f"csr-{number}")
        page.locator(f"#id_levels-{number - 1}-title").fill(f"{TITLE} {number}")
    page.get_by_role("button", name="Save", exact=True).first.click()
    _saved(page)
    assert_accessible(page, "levels of the new series")


def _fill_level(page, number: int) -> None:
    page.locator(".editor-nav").get_by_role("link", name=f"{TITLE} {number}").click()
    page.get_by_label("Grade").fill(str(7 + 2 * number))
    page.get_by_role("button", name="Add: Duty").click()
    page.locator("#id_duties-0-text").fill("Answers the public's questions by telephone and email.")
    page.get_by_role("button", name="Add: Qualifications paragraph").click()
    page.locator("#id_qualifications-0-text").fill(_printed(number))
    page.get_by_role("button", name="Add: Route").click()
    page.locator("#id_routes-0-route").select_option("open_competitive")
    page.locator("#id_routes-0-text").fill(_printed(number))
    page.get_by_role("button", name="Save", exact=True).first.click()
    _saved(page)
    assert_accessible(page, f"level {number}")


def _build_rule(page, number: int) -> None:
    _, months, supervising = LEVELS[number]
    page.get_by_role("link", name="Build the rule of route “Open competitive”").click()
    page.locator("#id_r-new").select_option("credential")
    page.get_by_role("button", name="Add this part (to the whole rule)").click()
    page.locator("#id_r-0-credential").select_option("high_school")
    page.locator("#id_r-new").select_option("experience")
    page.get_by_role("button", name="Add this part (to the whole rule)").click()
    page.locator("#id_r-1-months").fill(str(months))
    page.locator("#id_r-1-where").select_option("duty:customer_service")
    if supervising:
        page.locator("#id_r-1-of_which_months").fill(str(supervising))
        page.locator("#id_r-1-of_which_where").select_option("duty:supervision")
    page.get_by_role("button", name="Preview", exact=True).click()
    read_back = page.locator("#read-back")
    expect(read_back).to_contain_text(f"at least {months} months")
    expect(read_back).to_contain_text(IN_STEP)
    assert_accessible(page, f"rule builder of level {number}")
    page.get_by_role("button", name="Save the text and the rule").click()
    _saved(page)


def _send_for_review(page) -> None:
    page.get_by_role("link", name="The draft: its problems, send for review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(page, "the new series' draft page")
    page.get_by_role("link", name="Send for review").click()
    page.get_by_label("Change note").fill("A new series: Customer Service Representative 1-3.")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    page.get_by_label("Effective date").fill(yesterday.isoformat())
    assert_accessible(page, "submit page")
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".draft-status")).to_have_text("Waiting for review", timeout=TIMEOUT)


def _approve(page, draft) -> None:
    page.get_by_role("link", name=str(draft)).click()
    page.get_by_role("link", name="Review: approve or send back").click()
    assert_accessible(page, "review of the new series")
    tab_to(page, "form[action$='/approve/'] button", limit=200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/versions/", timeout=TIMEOUT)
    expect(page.get_by_text("Version 1 is stored.")).to_be_visible()


def _read_published(page, live_server) -> None:
    page.goto(f"{live_server.url}/standards/")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_accessible(page, "the published series")
    screenshot(page, "new-standard")
    for number, (_, months, supervising) in LEVELS.items():
        page.goto(f"{live_server.url}/standards/{SLUG}/levels/csr-{number}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{TITLE} {number}")
        expect(page.get_by_text(_printed(number)).first).to_be_visible()
        expect(page.locator("main")).to_contain_text(f"at least {months} months")
        if supervising:
            expect(page.locator("main")).to_contain_text(f"{supervising} months")
        assert_accessible(page, f"published level {number}")


def test_an_analyst_creates_a_series_another_approves_applicants_are_screened(
    browser, page, live_server, browsable_standards
):
    author, reviewer = analyst_user(), analyst_user()
    sign_in(page, live_server, author.username, "/standards/drafts/")
    draft = _create_series(page)
    _add_levels(page)
    for number in LEVELS:
        _fill_level(page, number)
        _build_rule(page, number)
    _send_for_review(page)

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        second = other.new_page()
        sign_in(second, live_server, reviewer.username, "/standards/drafts/")
        _approve(second, draft)
    finally:
        other.close()
    assert Series.objects.get(slug=SLUG).versions.count() == 1

    _read_published(page, live_server)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/check/")
    fill_casey(page)
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    page.wait_for_url("**/check/results/")
    expect(page.get_by_role("heading", level=3, name=TITLE, exact=True)).to_be_visible()
    for number, outcome in ((1, "Qualified"), (2, "Qualified"), (3, "Not yet")):
        result = page.locator(
            "li.result",
            has=page.get_by_role("heading", name=f"{TITLE} {number}", exact=True),
        )
        expect(result.locator(".badge")).to_have_text(outcome)
    assert_accessible(page, "self-check results with the new series")
