"""An applicant checks their qualifications by keyboard alone, understands the results, saves.

Every page is checked with axe-core (WCAG 2.1 AA); screenshots go to docs/screenshots/.
"""

import time

import pytest

from screening.models import ApplicantProfile
from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser

THREE_MINUTES = 180


def tab_to(page, selector: str, *, limit: int = 200) -> None:
    """Press Tab (only Tab) until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def type_month(page, selector: str, month: str) -> None:
    """A month picker by keyboard: the month's digits, Tab to the year part, the year's."""
    year, number = month.split("-")
    tab_to(page, selector)
    page.keyboard.type(number)
    page.keyboard.press("Tab")
    page.keyboard.type(year)
    assert page.eval_on_selector(selector, "e => e.value") == month


def choose(page, selector: str, label: str) -> None:
    """Pick an option of a focused select by typing its first letters (type-ahead)."""
    tab_to(page, selector)
    page.keyboard.type(label)
    value = page.eval_on_selector(selector, "e => e.options[e.selectedIndex].text")
    assert value.startswith(label), f"{selector}: {value!r}"


def tick(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.eval_on_selector(selector, "e => e.checked")


def fill_casey(page) -> None:
    choose(page, "#id_education-0-credential", "High school diploma")
    type_month(page, "#id_education-0-completed", "2015-06")
    type_into(page, "#id_experience-0-title", "Customer Service Representative")
    type_into(page, "#id_experience-0-employer", "NYS Department of Motor Vehicles")
    choose(page, "#id_experience-0-employer_type", "A government agency")
    choose(page, "#id_experience-0-government_level", "State")
    choose(page, "#id_experience-0-occupation", "Customer service representative")
    type_month(page, "#id_experience-0-start", "2023-01")
    type_month(page, "#id_experience-0-end", "2025-06")
    type_into(page, "#id_experience-0-hours_per_week", "37.5")
    tick(page, "#id_experience-0-settings_0")  # a call center
    tick(page, "#id_experience-0-duties_1")  # customer service
    tick(page, "#id_experience-0-duties_2")  # answering calls


def test_a_realistic_history_by_keyboard_alone_in_under_three_minutes(
    page, live_server, browsable_standards
):
    started = time.monotonic()
    page.goto(live_server.url + "/")
    tab_to(page, "a[href='/check/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/")
    assert_accessible(page, "self-check form")
    screenshot(page, "selfcheck-form")

    fill_casey(page)
    # A second, earlier job: added with the keyboard, then removed again.
    tab_to(page, "[data-formset='experience'] [data-formset-add]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_experience-1-title"
    assert page.get_by_role("status").filter(has_text="Job 2 added").count() == 1
    page.keyboard.type("Cashier")
    tab_to(page, "#experience-1-row [data-formset-remove]")
    page.keyboard.press("Enter")
    assert page.locator("#experience-1-row").is_hidden()
    assert page.get_by_role("status").filter(has_text="Job 2 removed").count() == 1
    type_into(page, "#id_keyboarding_wpm", "30")
    tab_to(page, "#selfcheck-form button[type=submit]:not([name])")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/results/")

    elapsed = time.monotonic() - started
    assert elapsed < THREE_MINUTES
    assert page.get_by_role("heading", level=1).inner_text() == "Your results"
    assert page.locator("li.result").count() == 10
    for series in ("Call Center Representative", "Call Center Representative Series"):
        assert page.get_by_role("heading", level=3, name=series, exact=True).is_visible()
    ccr1 = page.locator(
        "li.result",
        has=page.get_by_role("heading", name="Call Center Representative 1", exact=True),
    )
    assert ccr1.locator(".badge").inner_text() == "Qualified"
    assert "You meet this" in ccr1.inner_text()
    manager = page.locator("li.result", has=page.get_by_role("heading", name="Call Center Manager"))
    assert manager.locator(".badge").inner_text() == "Not yet"
    assert "What is still missing" in manager.inner_text()
    assert_accessible(page, "results")
    screenshot(page, "selfcheck-results")
    assert not ApplicantProfile.objects.exists()  # nothing stored until the applicant saves

    with page.expect_download() as download:
        tab_to(page, "a[href='/check/results/profile.json']")
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "screening-profile.json"

    tab_to(page, "a[href='/check/save/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/check/save/")
    assert_accessible(page, "save page")
    type_into(page, "#id_username", "casey")
    type_into(page, "#id_password1", "a-long-enough-passphrase-91")
    type_into(page, "#id_password2", "a-long-enough-passphrase-91")
    type_into(page, "#id_name", "Casey Lee")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/profiles/*/")
    assert "Your profile is saved" in page.content()
    assert_accessible(page, "my profile")
    screenshot(page, "applicant-my-profile")
    assert ApplicantProfile.objects.get().name == "Casey Lee"
    assert "casey" not in page.url.lower()


def test_mistakes_are_shown_next_to_the_field(page, live_server, browsable_standards):
    page.goto(live_server.url + "/check/")
    fill_casey(page)
    page.fill("#id_experience-0-end", "2022-01")  # before the start
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    error = page.locator("#id_experience-0-end_error")
    assert "The end month is before the start month" in error.inner_text()
    assert "Job 1: the end month is before the start month" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_experience-0-end"
    assert_accessible(page, "form with errors")
    screenshot(page, "selfcheck-errors")


def test_a_downloaded_profile_can_be_uploaded(page, live_server, browsable_standards, tmp_path):
    page.goto(live_server.url + "/check/")
    fill_casey(page)
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my profile (JSON)").click()
    saved = tmp_path / "profile.json"
    download.value.save_as(saved)
    page.context.clear_cookies()
    page.goto(live_server.url + "/check/")
    page.set_input_files("#id_profile", str(saved))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/check/results/")
    assert page.locator("li.result").count() == 10


def test_a_saved_profile_is_changed_and_screened_again(page, live_server, browsable_standards):
    from tests.factories import CASEY, PASSWORD, applicant_user, saved_profile

    profile = saved_profile(CASEY, user=applicant_user(username="casey"))
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", "casey")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + f"/my/profiles/{profile.public_id}/")
    tab_to(page, f"a[href='/my/profiles/{profile.public_id}/edit/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit/")
    assert_accessible(page, "profile edit form")
    page.fill("#id_experience-0-end", "2022-01")  # before the start: refused, in words
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert (
        "Job 1: the end month is before the start month"
        in page.locator("#error-summary").inner_text()
    )
    assert_accessible(page, "profile edit form with errors")
    page.fill("#id_experience-0-end", "2023-06")
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    page.wait_for_url(f"**/my/profiles/{profile.public_id}/")
    assert "Your changes are saved" in page.content()
    profile.refresh_from_db()
    assert profile.current_determination.reason == "edited"
