"""An officer puts a records letter on file for Casey's diploma from the case page, verifies
the diploma beside it in the viewer, and finds who verified it, from what, and when, in the
audit trail; an applicant puts a document on their own entry. axe-core on every page."""

import pytest
from playwright.sync_api import expect

from casework.models import SupportingDocument
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import (
    CASEY,
    applicant_user,
    letter_png,
    officer_user,
    pdf_bytes,
    saved_profile,
)

pytestmark = pytest.mark.browser

LETTER = [
    "Albany High School - Office of Records",
    "Records letter 2231",
    "",
    "This certifies that Casey Lee was awarded a",
    "High School Diploma in June 2015.",
    "",
    "Registrar, 12 March 2026",
]


def _officer_puts_a_scan_on_caseys_diploma(page, live_server, tmp_path, title: str) -> None:
    """Officer Lee Park signs in and puts a scanned letter on file for Casey's diploma, from
    the applicant's page (which leads to the document's viewer)."""
    casey = saved_profile(CASEY, user=applicant_user())
    officer = officer_user(username="lee", first_name="Lee", last_name="Park")
    scan = tmp_path / "diploma-scan.png"
    scan.write_bytes(letter_png(LETTER))
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/officer/applicants/{casey.public_id}/")
    diploma = page.locator("article.entry", has_text="High school diploma")
    diploma.get_by_label("Title or reference").fill(title)
    diploma.get_by_label("Document", exact=True).set_input_files(str(scan))
    diploma.get_by_role("button", name="Put on file").click()


def test_officer_verifies_beside_the_document_and_reads_the_trail(
    page, live_server, browsable_standards, documents_dir, tmp_path
):
    _officer_puts_a_scan_on_caseys_diploma(page, live_server, tmp_path, "Records letter 2231")

    expect(page.get_by_role("heading", level=1)).to_have_text("High school diploma")
    image = page.get_by_role("img", name="Records letter 2231")
    expect(image).to_be_visible()
    # Visible is not loaded: wait until the audited file response has been decoded. A
    # locator's property poll, not wait_for_function, whose string eval the CSP refuses.
    expect(image).to_have_js_property("naturalWidth", 640)
    assert page.get_by_label("Document reference").input_value() == "Records letter 2231"
    assert_accessible(page, "document viewer")

    page.get_by_role("button", name="Reject").click()  # no note: refused, focus on the summary
    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    page.locator(".error-summary").get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "decision-note"
    assert page.get_by_label("Note").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "document viewer with a refused decision")

    page.get_by_role("button", name="Verify").click()
    expect(page.locator(".badge").first).to_have_text("Verified")
    screenshot(page, "document-viewer")

    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Applicant").fill("C-1")
    page.get_by_role("button", name="Filter").click()
    trail = page.locator("table.audit-lines")
    expect(
        trail.get_by_text(
            "Officer Lee Park verified “High school diploma” with document “Records letter 2231”."
        )
    ).to_be_visible()
    expect(
        trail.get_by_text("Officer Lee Park viewed document “Records letter 2231”").first
    ).to_be_visible()
    assert_accessible(page, "audit trail")
    screenshot(page, "audit-trail")

    page.get_by_label("From").fill("2026-02-01")
    page.get_by_label("To").fill("2026-01-01")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    assert "“To” must not be before “From”" in page.locator(".error-summary").inner_text()
    assert_accessible(page, "audit trail with a refused filter")


def test_an_applicant_puts_a_pdf_on_their_own_entry(
    page, live_server, browsable_standards, documents_dir, tmp_path
):
    owner = applicant_user()
    casey = saved_profile(CASEY, user=owner)
    pdf = tmp_path / "transcript.pdf"
    pdf.write_bytes(pdf_bytes())
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a photo at all")
    sign_in(page, live_server, owner.username)
    page.goto(f"{live_server.url}/my/profiles/{casey.public_id}/")
    assert_accessible(page, "my profile with documents")
    entry = page.locator("li", has_text="High school diploma")
    entry.get_by_label("Title or reference").fill("Photo of my diploma")
    entry.get_by_label("Document", exact=True).set_input_files(str(fake))
    entry.get_by_role("button", name="Put on file").click()

    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    assert "not a PDF, JPEG or PNG" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Document", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(page, "refused upload")
    page.get_by_label("Title or reference").fill("Transcript")
    page.get_by_label("Document", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="Put on file").click()
    expect(page.get_by_role("link", name="Transcript", exact=True)).to_be_visible()
    assert SupportingDocument.objects.get().content_type == "application/pdf"


def test_officer_takes_a_document_put_on_the_wrong_applicant_off_file(
    page, live_server, browsable_standards, documents_dir, tmp_path
):
    _officer_puts_a_scan_on_caseys_diploma(page, live_server, tmp_path, "Diploma of Robin Roe")
    expect(page.get_by_role("img", name="Diploma of Robin Roe")).to_be_visible()

    page.get_by_role("link", name="Remove this document").click()
    expect(page.get_by_role("heading", level=2, name="Diploma of Robin Roe")).to_be_visible()
    assert_accessible(page, "remove a document")
    page.get_by_role("button", name="Remove the document").click()  # no reason: refused
    expect(page.locator(".error-summary")).to_be_focused(timeout=5000)
    assert "Say why the document is removed." in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Reason").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "remove a document, refused")
    assert SupportingDocument.objects.count() == 1

    page.get_by_label("Reason").fill("Put on the wrong applicant")
    page.get_by_role("button", name="Remove the document").click()
    expect(page.locator(".messages")).to_contain_text("The document was removed.")
    expect(page.get_by_text("No document is on file for this entry yet.")).to_be_visible()
    assert not SupportingDocument.objects.exists()
    assert not any(p.is_file() for p in documents_dir.rglob("*"))
