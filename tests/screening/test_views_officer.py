"""The placement officer's pages: queue, applicant, verify/reject, stale forms, re-screening."""

import pytest
from django.urls import reverse

from screening.models import Determination
from tests.factories import CASEY, ROBIN, officer_user, saved_profile

CCR1 = "nys-call-center-representative/1"


@pytest.fixture
def officer_client(client, db):
    officer = officer_user()
    client.force_login(officer)
    client.officer = officer
    return client


def _decide(client, profile, entry, decision="verified", **extra):
    data = {
        "kind": entry.kind,
        "entry": entry.pk,
        "lock_version": entry.lock_version,
        "decision": decision,
        "document_reference": "DIPLOMA-1",
        "note": "",
        **extra,
    }
    url = reverse("screening:officer-decide", args=[profile.public_id])
    return client.post(url, data)


def test_the_queue_lists_and_filters_applicants(officer_client, loaded_standards):
    casey, robin = saved_profile(CASEY), saved_profile(ROBIN)
    response = officer_client.get(reverse("screening:officer-queue"))
    assert response.status_code == 200
    assert "Casey Lee" in response.text and "Robin Park" in response.text
    assert "no-store" in response["Cache-Control"]
    filtered = officer_client.get(
        reverse("screening:officer-queue"), {"level": CCR1, "outcome": "not_qualified"}
    )
    assert "Robin Park" in filtered.text and "Casey Lee" not in filtered.text
    assert str(casey.public_id) not in filtered.text
    assert str(robin.public_id) in filtered.text


def test_a_backwards_date_range_is_refused_next_to_its_field(officer_client, loaded_standards):
    saved_profile(CASEY)
    dates = {"screened_from": "2030-01-01", "screened_to": "2020-01-01"}
    response = officer_client.get(reverse("screening:officer-queue"), dates)
    assert "Must be on or after the “Screened from” date." in response.text
    assert 'id="id_screened_to_error"' in response.text
    assert "Casey Lee" in response.text  # an invalid filter filters nothing


def test_the_queue_is_paginated(officer_client, loaded_standards):
    for number in range(27):
        saved_profile(CASEY, applicant={"external_id": f"P-{number}"})
    first = officer_client.get(reverse("screening:officer-queue"))
    assert "Page 1 of 2" in first.text
    second = officer_client.get(reverse("screening:officer-queue"), {"page": 2})
    assert second.text.count('scope="row"') == 2


def test_verifying_diploma_and_job_turns_casey_verified_qualified(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    page = officer_client.get(reverse("screening:officer-applicant", args=[profile.public_id]))
    assert "Qualified on the applicant's word" in page.text
    assert _decide(officer_client, profile, profile.education.get()).status_code == 302
    response = _decide(officer_client, profile, profile.experience.get())
    page = officer_client.get(response["Location"])
    assert "Verified qualified" in page.text
    # The audit trail in words: who verified which entry, from what document.
    assert "verified “High school diploma” with document “DIPLOMA-1”" in page.text
    assert "verified “Customer Service Representative" in page.text
    assert profile.determinations.count() == 3


def test_verifying_needs_a_document_reference(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    response = _decide(officer_client, profile, profile.education.get(), document_reference="")
    assert response.status_code == 400
    assert "Name the document you checked." in response.text
    assert profile.determinations.count() == 1


def test_a_stale_form_gets_a_clear_message_and_changes_nothing(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    entry = profile.education.get()
    _decide(officer_client, profile, entry)  # the first officer's verification
    response = _decide(officer_client, profile, entry, decision="rejected", note="Forged")
    page = officer_client.get(response["Location"])
    assert "Another officer changed this entry" in page.text
    entry.refresh_from_db()
    assert entry.verification == "verified"


def test_rescreen_makes_a_new_determination(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    officer_client.post(reverse("screening:officer-rescreen", args=[profile.public_id]))
    assert profile.determinations.count() == 2
    assert profile.determinations.first().reason == Determination.Reason.RESCREEN


def test_an_unknown_applicant_is_a_404(officer_client, loaded_standards):
    url = reverse("screening:officer-applicant", args=["00000000-0000-0000-0000-000000000000"])
    assert officer_client.get(url).status_code == 404


def test_the_report_shows_counts_only(officer_client, loaded_standards):
    saved_profile(CASEY)
    response = officer_client.get(reverse("screening:reports"))
    assert response.status_code == 200
    assert "Casey" not in response.text
    assert "Call Center Representative 1" in response.text


def test_an_entry_of_another_applicant_is_a_404(officer_client, loaded_standards):
    casey, robin = saved_profile(CASEY), saved_profile(ROBIN)
    response = _decide(officer_client, casey, robin.education.get())
    assert response.status_code == 404
    assert robin.education.get().verification == "unverified"
