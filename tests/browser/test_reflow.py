"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide nothing but a data table scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD, officer_user

pytestmark = pytest.mark.browser

COMPARE = (
    "/standards/compare/?level=university-call-center/operator"
    "&level=university-call-center/representative-1&level=nys-call-center-representative/2"
)
PAGES = [
    "/",
    "/standards/nys-call-center-representative/full-text/",
    "/standards/university-call-center/levels/manager/",
    "/standards/compare/",
    COMPARE,
    "/standards/search/?q=telephone",
    "/check/",
]

# What overflows the page, if anything, ignoring data tables (exempt: two-dimensional).
OVERFLOWING = """() => [...document.querySelectorAll("body *")]
    .filter(el => !el.closest("table") && el.getBoundingClientRect().right > innerWidth + 1)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className)"""


WITH_TABLES = [
    "/standards/",
    "/standards/nys-call-center-representative/",
    "/standards/nys-call-center-representative/versions/",
]


@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


@pytest.mark.parametrize("path", PAGES)
def test_pages_reflow_at_320_pixels(narrow, live_server, browsable_standards, path):
    narrow.goto(live_server.url + path)
    assert narrow.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("path", WITH_TABLES)
def test_a_wide_table_scrolls_in_its_own_region_not_the_page(
    narrow, live_server, browsable_standards, path
):
    narrow.goto(live_server.url + path)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    region = narrow.locator(".table-scroll").first
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # the table does scroll
    assert_accessible(narrow, f"{path} at 320 pixels")


def test_the_officer_import_page_reflows(narrow, live_server, browsable_standards):
    officer = officer_user()
    narrow.goto(live_server.url + "/accounts/login/")
    narrow.fill("#id_username", officer.username)
    narrow.fill("#id_password", PASSWORD)
    narrow.get_by_role("button", name="Sign in").click()
    narrow.goto(live_server.url + "/officer/import/")
    assert narrow.evaluate(OVERFLOWING) == []


def test_a_refused_sign_up_puts_focus_on_its_problems(page, live_server, browsable_standards):
    page.goto(live_server.url + "/check/")
    page.select_option("#id_education-0-credential", "high_school_diploma")
    page.locator("#selfcheck-form button[type=submit]:not([name])").click()
    page.goto(live_server.url + "/check/save/")
    page.fill("#id_username", "casey")
    page.fill("#id_password1", "a-long-enough-passphrase-91")
    page.fill("#id_password2", "not the same passphrase")
    page.get_by_role("button", name="Create account and save").click()
    # expect() polls from outside the page: a string handed to wait_for_function is run with
    # eval, which the portal's CSP forbids (and a slow page made that poll happen).
    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    assert_accessible(page, "sign-up with problems")


def test_the_profile_edit_page_reflows_at_320_pixels(narrow, live_server, browsable_standards):
    from screening import services
    from tests.factories import CASEY, NOW, TODAY, applicant_user, saved_profile

    profile = saved_profile(CASEY, user=applicant_user(username="casey"))
    diploma = profile.education.get()
    services.entry_decide(
        profile=profile,
        kind="education",
        entry_id=diploma.pk,
        lock_version=diploma.lock_version,
        decision="verified",
        document_reference="DOC-1",
        note="",
        by=officer_user(),
        now=NOW,
        today=TODAY,
    )
    narrow.goto(live_server.url + "/accounts/login/")
    narrow.fill("#id_username", "casey")
    narrow.fill("#id_password", PASSWORD)
    narrow.get_by_role("button", name="Sign in").click()
    narrow.goto(live_server.url + f"/my/profiles/{profile.public_id}/edit/")
    expect(
        narrow.get_by_role("heading", name="Entries a placement officer has checked")
    ).to_be_visible()
    assert narrow.evaluate(OVERFLOWING) == []
    assert_accessible(narrow, "profile edit page at 320 pixels")
