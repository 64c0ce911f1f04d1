"""The API's browsable documentation (Swagger UI, served locally) meets WCAG 2.1 AA too."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_api_docs_are_accessible_closed_and_open(page, live_server, db):
    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-control")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert_accessible(page, "API docs")
    page.locator(".opblock-summary-control").first.click()
    page.wait_for_selector(".highlight-code > pre[tabindex='0']")
    page.wait_for_selector(".examples-select-element[aria-label]")
    assert_accessible(page, "API docs with the operation open")
