"""A placement officer works the queue of cases: filters it, assigns cases in bulk by
keyboard alone (with the confirmation page between), then opens one case."""

import pytest
from playwright.sync_api import expect

from casework.models import Case
from casework.services.cases import case_assign, case_status_set
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import CASEY, ROBIN, officer_user, saved_profile, saved_profiles

pytestmark = pytest.mark.browser


def _cases(officer, colleague):
    casey = saved_profile(CASEY)
    robin = saved_profile(ROBIN)
    saved_profiles(8, prefix="Applicant")
    case_assign(profile_ids=[casey.pk], assignee=officer, by=officer)
    case_assign(profile_ids=[robin.pk], assignee=colleague, by=officer)
    case_status_set(profile_ids=[robin.pk], status="waiting_documents", by=officer)
    Case.objects.filter(pk=robin.pk).update(due_date="2026-11-20")  # overdue
    return casey


def test_queue_bulk_assign_by_keyboard_and_the_case(page, live_server, browsable_standards):
    officer = officer_user(first_name="Ana", last_name="Officer", username="ana")
    colleague = officer_user(first_name="Ben", last_name="Colleague", username="ben")
    casey = _cases(officer, colleague)
    sign_in(page, live_server, officer.username)
    page.goto(live_server.url + "/officer/applicants/")
    expect(page.get_by_role("heading", name="Applicants", exact=True)).to_be_visible()
    assert "entries left to check" in page.locator(".left-to-check").inner_text()
    assert_accessible(page, "queue")
    screenshot(page, "officer-queue")

    page.select_option("#id_assigned", "unassigned")
    page.get_by_role("button", name="Filter").click()
    # The click returns once the navigation starts; wait for the filtered page itself.
    page.wait_for_url("**/officer/applicants/?assigned=unassigned*")
    expect(page.locator("tbody tr")).to_have_count(8)
    page.get_by_role("link", name="Applicant", exact=True).click()  # sort by name
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Applicant")
    assert_accessible(page, "filtered and sorted queue")

    # Keyboard only: tick two cases, choose the officer, review, apply.
    page.locator("tbody input[type=checkbox]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the applicant's link
    page.keyboard.press("Tab")  # the next row's checkbox
    page.keyboard.press("Space")
    page.locator("#id_assignee").focus()
    page.keyboard.type("Ben")
    page.locator("button", has_text="Review the changes").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check the changes")).to_be_visible()
    assert page.locator("tbody tr").count() == 2
    assert_accessible(page, "bulk confirmation")
    page.get_by_role("button", name="Apply these changes").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("2 cases assigned.")
    assert "assigned=unassigned" in page.url  # back where the officer was
    assert Case.objects.filter(assignee=colleague).count() == 3

    page.goto(f"{live_server.url}/officer/applicants/{casey.public_id}/")
    expect(page.get_by_role("heading", name="Case", exact=True)).to_be_visible()
    page.select_option("#id_status", "in_review")
    page.get_by_role("button", name="Save the case").click()
    expect(page.locator(".messages")).to_contain_text("Case updated.")
    assert Case.objects.get(pk=casey.pk).status == "in_review"
    assert_accessible(page, "case page")
    screenshot(page, "officer-case")
