"""An applicant switches to Spanish and completes a self-check by keyboard alone (Tab, typing,
Enter, Space, arrow keys: no clicks), every page passing axe; then switches back to English.

Screenshots: docs/screenshots/results-es.png and results-en.png (the same profile).
"""

import pytest

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_applicant_selfcheck import tab_to, tick, type_into, type_month

pytestmark = pytest.mark.browser


def choose_value(page, selector: str, value: str) -> None:
    """Pick a select's option with the arrow keys (whatever the language of its labels)."""
    tab_to(page, selector)
    page.keyboard.press("Home")
    for _ in range(50):
        if page.eval_on_selector(selector, "e => e.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector}: no option {value!r} reached with the arrow keys")


def fill_casey(page) -> None:
    choose_value(page, "#id_education-0-credential", "high_school_diploma")
    type_month(page, "#id_education-0-completed", "2015-06")
    type_into(page, "#id_experience-0-title", "Representante de atención al cliente")
    type_into(page, "#id_experience-0-employer", "NYS Department of Motor Vehicles")
    choose_value(page, "#id_experience-0-employer_type", "government")
    choose_value(page, "#id_experience-0-government_level", "state")
    choose_value(page, "#id_experience-0-occupation", "customer_service_representative")
    type_month(page, "#id_experience-0-start", "2023-01")
    type_month(page, "#id_experience-0-end", "2025-06")
    type_into(page, "#id_experience-0-hours_per_week", "37.5")
    tick(page, "#id_experience-0-settings_0")  # a call center
    tick(page, "#id_experience-0-duties_1")  # customer service
    tick(page, "#id_experience-0-duties_2")  # answering calls
    type_into(page, "#id_keyboarding_wpm", "30")


def switch_to(page, code: str) -> None:
    tab_to(page, f"button[name='language'][value='{code}']")
    page.keyboard.press("Enter")


def test_a_self_check_in_spanish_by_keyboard_alone(page, live_server, browsable_standards):
    page.goto(live_server.url + "/")
    assert page.get_attribute("html", "lang") == "en"
    switch_to(page, "es")
    page.wait_for_url("**/es/")
    assert page.get_attribute("html", "lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Clasificación de puestos y evaluación de requisitos"
    )
    assert page.locator("button[name='language'][value='en']").get_attribute("lang") == "en"
    assert_accessible(page, "home in Spanish")

    tab_to(page, "nav a[href='/es/check/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/check/")
    assert page.get_attribute("html", "lang") == "es"
    assert_accessible(page, "self-check form in Spanish")
    fill_casey(page)
    tab_to(page, "#selfcheck-form button[type=submit]:not([name])")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/check/results/")

    assert page.get_by_role("heading", level=1).inner_text() == "Sus resultados"
    assert page.locator("li.result").count() == 10
    ccr1 = page.locator(
        "li.result",
        has=page.get_by_role("heading", name="Call Center Representative 1", exact=True),
    )
    assert ccr1.locator(".badge").inner_text() == "Cumple los requisitos"
    assert ccr1.locator("h4").get_attribute("lang") == "en"  # the official title
    assert "versión del 1 de octubre de 2015" in page.locator(".standards-checked").inner_text()
    assert_accessible(page, "results in Spanish")
    screenshot(page, "results-es")

    switch_to(page, "en")
    page.wait_for_url(live_server.url + "/check/results/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Your results"
    assert "version of 1 October 2015" in page.locator(".standards-checked").inner_text()
    assert_accessible(page, "results in English")
    screenshot(page, "results-en")
