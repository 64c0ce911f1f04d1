"""Bulk actions from the queue: a confirmation page listing what changes, then one write;
bounded; verifying one kind of entry for many applicants through the one write path."""

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.models import Case
from casework.services.cases import BULK_MAX
from screening.models import EntryDecision
from tests.factories import CASEY, ROBIN, officer_user, saved_profile, saved_profiles

BULK = "/officer/applicants/bulk/"


@pytest.fixture
def officer_client(client, db):
    officer = officer_user()
    client.force_login(officer)
    client.officer = officer
    return client


def _confirm_fields(response) -> list[tuple[str, str]]:
    """The hidden fields the confirmation page posts back."""
    return re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', response.text)


def _post_fields(client, fields):
    data: dict[str, list[str]] = {}
    for name, value in fields:
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value.replace("&amp;", "&"))
    return client.post(BULK, data)


def test_bulk_assign_shows_what_changes_then_applies(officer_client, loaded_standards):
    profiles = saved_profiles(3)
    officer = officer_client.officer
    choose = {
        "case": [str(p.public_id) for p in profiles],
        "action": "assign",
        "assignee": str(officer.pk),
        "next": "/officer/applicants/?status=open",
    }
    confirm = officer_client.post(BULK, choose)
    assert confirm.status_code == 200
    assert "Check the changes" in confirm.text
    assert confirm.text.count("Unassigned") == 3 and "P 002" in confirm.text
    assert not Case.objects.filter(assignee=officer).exists()  # nothing yet
    applied = _post_fields(officer_client, _confirm_fields(confirm))
    assert applied.status_code == 302
    assert applied["Location"] == "/officer/applicants/?status=open"
    assert Case.objects.filter(assignee=officer).count() == 3
    assert LogEntry.objects.filter(additional_data__what="case_assigned").count() == 3


def test_bulk_status_needs_a_status_named_in_the_error(officer_client, loaded_standards):
    [profile] = saved_profiles(1)
    response = officer_client.post(BULK, {"case": [str(profile.public_id)], "action": "status"})
    assert response.status_code == 400
    assert "New status: Choose the new status." in response.text
    assert 'aria-invalid="true"' in response.text


def test_choosing_nobody_is_refused(officer_client, loaded_standards):
    response = officer_client.post(BULK, {"action": "status", "status": "in_review"})
    assert response.status_code == 400
    assert "Choose at least one applicant." in response.text


def test_more_than_the_bound_is_refused_before_anything_is_read(officer_client, loaded_standards):
    ids = [f"00000000-0000-0000-0000-{n:012d}" for n in range(BULK_MAX + 1)]
    response = officer_client.post(BULK, {"case": ids, "action": "status", "status": "new"})
    assert response.status_code == 400
    assert f"Choose at most {BULK_MAX} applicants at once" in response.text


def test_an_unknown_applicant_is_a_404(officer_client, loaded_standards):
    data = {"case": ["00000000-0000-0000-0000-000000000001"], "action": "status"}
    data["status"] = "in_review"
    assert officer_client.post(BULK, data).status_code == 404


def test_the_return_address_stays_on_the_queue(officer_client, loaded_standards):
    [profile] = saved_profiles(1)
    data = {"case": [str(profile.public_id)], "action": "status", "status": "in_review"}
    data.update(confirmed="on", next="https://evil.example/officer/applicants/")
    response = officer_client.post(BULK, data)
    assert response["Location"] == reverse("casework:queue")


def test_an_applicant_cannot_act_in_bulk(client, loaded_standards):
    from tests.factories import applicant_user

    client.force_login(applicant_user())
    assert client.post(BULK, {"action": "status"}).status_code == 403


def test_bulk_verify_confirms_every_diploma_with_one_letter(officer_client, loaded_standards):
    casey_like = saved_profiles(3)
    robin = saved_profile(ROBIN)
    verified_before = saved_profile(CASEY, applicant={"external_id": "C-9", "name": "Cleo"})
    diploma = verified_before.education.get()
    from screening.services import entry_decide

    entry_decide(
        profile=verified_before,
        kind="education",
        entry_id=diploma.pk,
        lock_version=0,
        decision="verified",
        document_reference="OTHER",
        note="",
        by=officer_client.officer,
    )
    chosen = [*casey_like, robin, verified_before]
    choose = {
        "case": [str(p.public_id) for p in chosen],
        "action": "verify",
        "kind": "education",
        "credential": "high_school_diploma",
        "document_reference": "RECORDS-LETTER-7",
        "note": "One letter for the class of 2015",
    }
    confirm = officer_client.post(BULK, choose)
    assert confirm.status_code == 200
    assert confirm.text.count("<strong>will be verified</strong>") == 4  # Robin has one too
    assert "left alone: decided before" in confirm.text  # Cleo's, verified otherwise
    verifying = [*casey_like, robin]
    determinations_before = {p.pk: p.determinations.count() for p in verifying}
    applied = _post_fields(officer_client, _confirm_fields(confirm))
    assert applied.status_code == 302
    for profile in verifying:
        entry = profile.education.get()
        assert (entry.verification, entry.document_reference) == ("verified", "RECORDS-LETTER-7")
        assert profile.determinations.count() == determinations_before[profile.pk] + 1
        assert EntryDecision.objects.filter(profile=profile).count() == 1
    diploma.refresh_from_db()
    assert diploma.document_reference == "OTHER"
    records = LogEntry.objects.filter(additional_data__what="education entry verified")
    assert records.count() == 4 + 1  # each entry audited, and Cleo's earlier one


def test_bulk_verify_refuses_when_the_entries_changed_since_confirming(
    officer_client, loaded_standards
):
    profiles = saved_profiles(2)
    choose = {
        "case": [str(p.public_id) for p in profiles],
        "action": "verify",
        "kind": "education",
        "credential": "high_school_diploma",
        "document_reference": "LETTER",
    }
    confirm = officer_client.post(BULK, choose)
    from screening.services import entry_decide

    entry = profiles[0].education.get()
    entry_decide(
        profile=profiles[0],
        kind="education",
        entry_id=entry.pk,
        lock_version=0,
        decision="rejected",
        document_reference="",
        note="Forged",
        by=officer_user(),
    )
    response = _post_fields(officer_client, _confirm_fields(confirm))
    assert response.status_code == 409
    assert "Nothing was changed" in response.text
    assert profiles[1].education.get().verification == "unverified"


def test_bulk_verify_needs_the_credential_and_the_document(officer_client, loaded_standards):
    [profile] = saved_profiles(1)
    response = officer_client.post(
        BULK, {"case": [str(profile.public_id)], "action": "verify", "kind": "education"}
    )
    assert response.status_code == 400
    assert "Credential (education): Choose the credential the document confirms." in response.text
    assert "Document reference: Name the document you checked." in response.text
