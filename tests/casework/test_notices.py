"""Notices of results: issued by an officer, kept as issued, read by their applicant only."""

import datetime
import hashlib

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.models import Notice
from casework.services.notices import NoticeRefused, notice_issue
from tests.factories import (
    CASEY,
    NOW,
    ROBIN,
    analyst_user,
    applicant_user,
    entries_verified,
    officer_user,
    saved_profile,
    verified_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey(loaded_standards):
    return saved_profile(CASEY, user=applicant_user())


def _issue(profile, officer=None):
    return notice_issue(
        determination=profile.current_determination, by=officer or officer_user(), now=NOW
    )


def test_a_notice_says_each_level_screened_and_how_to_ask_for_a_review(casey, settings):
    settings.NOTICE_REVIEW_DAYS = 30
    settings.NOTICE_OFFICE_CONTACT = "the Placement Office, Room 12"
    notice = _issue(casey)
    levels = [item["level"] for item in casey.current_determination.result["results"]]
    assert [item["level"] for item in notice.content["levels"]] == levels
    ccr1 = next(i for i in notice.content["levels"] if i["level"].endswith("representative/1"))
    assert (ccr1["outcome"], ccr1["label"]) == ("qualified", "Qualified")
    assert notice.reference == f"N-2026-{notice.pk:06d}"
    assert notice.review_by == datetime.date(2026, 12, 16)
    assert "by 16 December 2026" in notice.body_html
    assert "the Placement Office, Room 12" in notice.body_html
    assert "Casey Lee" in notice.body_html and notice.reference in notice.body_html


def test_a_not_qualified_applicant_reads_why_in_the_results_page_words(loaded_standards):
    robin = saved_profile(ROBIN)
    notice = _issue(robin)
    ccr1 = next(i for i in notice.content["levels"] if i["level"].endswith("representative/1"))
    assert ccr1["label"] == "Not yet"
    # The gap as the applicant's results page words it, and every way to qualify.
    assert "You need 4 more months of customer service experience" in notice.body_html
    assert "you have 20 of the 24 needed" in notice.body_html
    assert "The 2 ways to qualify" in notice.body_html


def test_the_pdf_is_kept_with_its_checksum(casey):
    notice = _issue(casey)
    pdf = bytes(notice.pdf)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    assert notice.pdf_sha256 == hashlib.sha256(pdf).hexdigest()


def test_issuing_is_audited(casey):
    officer = officer_user()
    notice = _issue(casey, officer)
    record = LogEntry.objects.get(additional_data__what="notice_issued")
    assert record.actor == officer
    assert record.additional_data["profile"] == str(casey.public_id)
    assert record.changes == {"reference": [None, notice.reference]}
    assert "Casey" not in record.object_repr


def test_a_notice_does_not_change_after_a_later_determination(loaded_standards):
    officer = officer_user()
    casey = saved_profile(CASEY)
    notice = _issue(casey, officer)
    old_determination = casey.current_determination
    body, pdf = notice.body_html, bytes(notice.pdf)
    casey = entries_verified(casey, officer=officer)
    assert casey.current_determination != old_determination
    assert "badge-verified" in _issue(casey, officer).body_html
    notice.refresh_from_db()
    assert (notice.body_html, bytes(notice.pdf)) == (body, pdf)
    assert "badge-verified" not in notice.body_html


def test_only_the_current_determination_gets_a_notice(loaded_standards):
    officer = officer_user()
    casey = verified_profile(CASEY, officer=officer)
    older = casey.determinations.order_by("created_at", "pk").first()
    with pytest.raises(NoticeRefused):
        notice_issue(determination=older, by=officer, now=NOW)
    assert not Notice.objects.exists()


def test_the_officer_issues_a_notice_from_the_case_page(client, casey):
    officer = officer_user()
    client.force_login(officer)
    case = client.get(reverse("screening:officer-applicant", args=[casey.public_id]))
    issue_url = reverse("casework:notice-issue", args=[casey.current_determination.public_id])
    assert issue_url in case.content.decode() and "Issue notice" in case.content.decode()
    response = client.post(issue_url)
    notice = Notice.objects.get()
    assert response["Location"] == reverse("casework:notice-detail", args=[notice.public_id])
    assert (notice.issued_by, notice.profile) == (officer, casey)
    case = client.get(reverse("screening:officer-applicant", args=[casey.public_id]))
    assert notice.reference in case.content.decode()


def test_a_stale_issue_form_is_refused_with_a_message(client, loaded_standards):
    officer = officer_user()
    casey = verified_profile(CASEY, officer=officer)
    older = casey.determinations.order_by("created_at", "pk").first()
    client.force_login(officer)
    response = client.post(reverse("casework:notice-issue", args=[older.public_id]), follow=True)
    assert "screened again since" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_applicant_sees_their_notices_and_opens_page_and_pdf(client, casey):
    notice = _issue(casey)
    client.force_login(casey.user)
    profile_page = client.get(reverse("screening:my-profile", args=[casey.public_id]))
    detail_url = reverse("casework:notice-detail", args=[notice.public_id])
    pdf_url = reverse("casework:notice-pdf", args=[notice.public_id])
    html = profile_page.content.decode()
    assert detail_url in html and pdf_url in html
    page = client.get(detail_url)
    assert page.status_code == 200 and notice.body_html in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    pdf = client.get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == bytes(notice.pdf)


def test_another_applicant_gets_404_and_an_analyst_403(client, casey):
    notice = _issue(casey)
    for name in ("casework:notice-detail", "casework:notice-pdf"):
        url = reverse(name, args=[notice.public_id])
        client.force_login(applicant_user())
        assert client.get(url).status_code == 404
        client.force_login(analyst_user())
        assert client.get(url).status_code == 403


def test_an_applicant_without_notices_is_told_so(client, casey):
    client.force_login(casey.user)
    response = client.get(reverse("screening:my-profile", args=[casey.public_id]))
    assert "No notice has been sent to you yet." in response.content.decode()


def test_without_a_unicode_font_the_pdf_is_still_made(loaded_standards, settings):
    settings.NOTICE_PDF_FONT = ""
    robin = saved_profile(ROBIN, applicant={"name": "李 Zoë", "external_id": "R-1"})
    notice = _issue(robin)
    assert bytes(notice.pdf).startswith(b"%PDF-")
    assert "李 Zoë" in notice.body_html  # the page keeps every character


def test_every_opening_of_a_notice_page_or_pdf_is_audited(client, casey):
    """A notice is an applicant's record: who read it, and when, is on the trail."""
    officer = officer_user()
    notice = _issue(casey, officer)
    detail_url = reverse("casework:notice-detail", args=[notice.public_id])
    pdf_url = reverse("casework:notice-pdf", args=[notice.public_id])
    client.force_login(officer)
    client.get(detail_url)
    client.force_login(casey.user)
    client.get(detail_url)
    client.get(pdf_url)
    client.force_login(applicant_user())
    assert client.get(pdf_url).status_code == 404  # a refusal is no opening
    opened = LogEntry.objects.filter(additional_data__what="notice_viewed").order_by("pk")
    assert [(o.actor, o.additional_data["download"]) for o in opened] == [
        (officer, False),
        (casey.user, False),
        (casey.user, True),
    ]
    assert {o.additional_data["profile"] for o in opened} == {str(casey.public_id)}
    assert {o.additional_data["reference"] for o in opened} == {notice.reference}
    client.force_login(officer)
    trail = client.get(reverse("casework:audit-trail"), {"applicant": str(casey.public_id)})
    text = trail.content.decode()
    assert f"opened notice {notice.reference}" in text
    assert f"downloaded notice {notice.reference}" in text
