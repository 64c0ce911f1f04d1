"""The standard editor in a real browser: every editor page (and an error state) checked by
axe-core, and by keyboard alone: CCR 1 raised from two to three years of experience in the rule
builder, warned about until the printed text says three years too, sent for review, approved by
a second analyst, in force, and its impact on the applicants read on the job page."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from classification.models import StandardDraft, StandardVersion
from portal.roles import HR_ANALYST
from screening.models import ReevaluationBatch, ReevaluationJob
from screening.services import reevaluation
from tests.browser.conftest import assert_accessible, screenshot, sign_in, tab_to
from tests.factories import CASEY, ROBIN, analyst_user, document, saved_profile, standard_draft

pytestmark = pytest.mark.browser

S = "nys-call-center-representative"
PASSWORD = "a long browser password 42"
WARNING = "the text says two years (24 months) but the rule asks for 36 months"


@pytest.fixture
def draft(browsable_standards):
    user = User.objects.create_user(username="ann", password=PASSWORD)
    user.groups.add(Group.objects.get(name=HR_ANALYST))
    return standard_draft(browsable_standards[S], by=user)


def test_every_editor_page_is_accessible(page, live_server, draft):
    base = f"/standards/drafts/{draft.public_id}/edit/"
    sign_in(page, live_server, "ann", base, PASSWORD)
    assert_accessible(page, "series facts")
    page.goto(live_server.url + base + "levels/")
    expect(page.get_by_role("link", name="Call Center Representative 1 (HESC)")).to_be_visible()
    assert_accessible(page, "levels")
    screenshot(page, "editor")
    page.goto(live_server.url + base + "levels/1/")
    assert_accessible(page, "level")
    page.goto(live_server.url + base + "levels/1/routes/1/")
    assert_accessible(page, "rule builder")
    page.goto(live_server.url + "/standards/new/")
    assert_accessible(page, "new series")
    # An error state: the title left empty, the summary has the focus and links to the field.
    page.goto(live_server.url + base)
    page.locator("#id_title").fill("")
    page.get_by_role("button", name="Save").first.click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Title: Enter the title.")
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "series facts with an error")


def test_raise_ccr1_to_three_years_by_keyboard(page, live_server, draft, held_queue):
    # Casey (30 months of customer service, screened as of whichever day it is) qualifies for
    # CCR 1 with two years, not with three.
    undated = document(CASEY, applicant={**CASEY["applicant"], "name": "Casey Moved"})
    undated.pop("as_of")
    casey = saved_profile(undated)
    saved_profile(ROBIN)
    path = f"/standards/drafts/{draft.public_id}/edit/levels/1/routes/1/"
    sign_in(page, live_server, "ann", path, PASSWORD)
    read_back = page.locator("#read-back")
    expect(read_back).to_contain_text("The printed text and the rule are in step.")

    tab_to(page, "#id_r-1-1-months")
    page.keyboard.press("Control+A")
    page.keyboard.type("36")
    page.keyboard.press("Tab")  # the change reads the rule back, live
    expect(read_back).to_contain_text("at least 36 months")
    expect(read_back).to_contain_text(WARNING)
    screenshot(page, "rule-builder")

    tab_to(page, "#id_text")
    text = page.locator("#id_text").input_value().replace("two years", "three years")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    expect(read_back).to_contain_text("The printed text and the rule are in step.")
    expect(read_back).not_to_contain_text(WARNING)

    tab_to(page, "button[value=save]")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Saved in the draft.")
    route = StandardDraft.objects.get(pk=draft.pk).document["levels"][0]["qualifications"]
    route = route["routes"][0]
    assert route["rule"]["any"][1]["all"][1]["experience"]["months"] == 36
    assert "three years of work experience" in route["text"]
    assert_accessible(page, "rule builder after saving")

    # Sent for review from the draft page, by keyboard (the date typed into its own field).
    tab_to(page, f"a[href$='/standards/drafts/{draft.public_id}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/standards/drafts/{draft.public_id}/")
    tab_to(page, "a[href$='/submit/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/submit/")
    tab_to(page, "#id_change_note")
    page.keyboard.type("CCR 1: three years of customer service with a diploma.")
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    page.get_by_label("Effective date").fill(yesterday.isoformat())
    tab_to(page, "form button[type=submit]:not(.link-button)")
    page.keyboard.press("Enter")
    expect(page.locator(".draft-status")).to_have_text("Waiting for review")

    # A second analyst approves, by keyboard; the new version is in force today.
    reviewer = analyst_user()
    review = f"/standards/drafts/{draft.public_id}/review/"
    sign_in(page, live_server, reviewer.username, review)
    tab_to(page, "form[action$='/approve/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/versions/")
    expect(page.get_by_text("Version 2 is stored.")).to_be_visible()
    expect(page.get_by_role("row", name="Version 2 in force today")).to_be_visible()
    assert StandardVersion.objects.filter(series__slug=S).count() == 2

    # The re-evaluation it started: run its steps here, then read its impact on the job page.
    job = ReevaluationJob.objects.filter(series__slug=S).latest("pk")
    reevaluation.job_start(job_id=job.pk)
    for batch_id in ReevaluationBatch.objects.filter(job=job).values_list("pk", flat=True):
        reevaluation.batch_run(batch_id=batch_id)
    page.get_by_role("link", name="follow its progress").click()
    expect(page.get_by_role("heading", name="Impact, level by level")).to_be_visible()
    moved = page.get_by_role("table", name="Each applicant whose outcome moved, by level")
    expect(moved.get_by_role("rowheader", name=casey.name)).to_be_visible()
    assert_accessible(page, "the job page of the approved change")
