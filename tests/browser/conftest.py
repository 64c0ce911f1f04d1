"""Browser tests: Playwright driving Debian's Chromium (headless), axe-core on every page."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from screening import tasks
from tests.conftest import standards_load
from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures and
# tests are still plain synchronous calls, so Django's async guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium is not installed: apt-get install chromium (see .ci/run)")
    return path


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browsable_standards(transactional_db):
    """Both standards, committed where the live server's thread can see them."""
    return standards_load()


_axe = Axe()


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core on the page; fail on any WCAG 2.1 A/AA violation, listing them."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
    violations = results.response["violations"]
    summary = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )
    assert not violations, f"axe found WCAG 2.1 AA violations on {context or page.url}:\n{summary}"


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, live_server, username: str, next_path: str = "/", password=PASSWORD) -> None:
    """Sign in through the form as `username` (anyone signed in before is signed out) and wait
    for the page it leads to: a navigation started before it lands would cut the sign-in short."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has the focus (keyboard-only tests)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.fixture
def held_queue(monkeypatch, settings):
    """Messages to the workers are kept here (the test runs a job's steps itself); small
    batches, so a job has several steps."""
    sent = []
    for task in (tasks.reevaluation_job_start, tasks.reevaluation_batch_run):
        monkeypatch.setattr(task, "delay", lambda object_id, task=task: sent.append(object_id))
    settings.REEVALUATION_BATCH_SIZE = 2
    return sent
