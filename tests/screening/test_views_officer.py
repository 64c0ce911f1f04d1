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


# --- Guarded decisions: an entry already decided changes only with a reason ---------------


def test_verifying_again_with_the_same_values_changes_nothing(officer_client, loaded_standards):
    from screening.models import EntryDecision

    profile = saved_profile(CASEY)
    _decide(officer_client, profile, profile.education.get())
    entry = profile.education.get()
    response = _decide(officer_client, profile, entry)
    assert response.status_code == 302
    page = officer_client.get(response["Location"]).text
    assert "Nothing changed: the entry already says this." in page
    entry.refresh_from_db()
    assert entry.lock_version == 1 and entry.document_reference == "DIPLOMA-1"
    assert EntryDecision.objects.filter(profile=profile).count() == 1
    assert profile.determinations.count() == 2  # saved, then the one verification


def test_re_verifying_with_another_document_asks_for_confirmation(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    _decide(officer_client, profile, profile.education.get())
    entry = profile.education.get()
    response = _decide(officer_client, profile, entry, document_reference="LETTER-9")
    assert response.status_code == 200
    assert "Change an earlier decision" in response.text
    assert "DIPLOMA-1" in response.text and "LETTER-9" in response.text
    entry.refresh_from_db()
    assert entry.document_reference == "DIPLOMA-1"  # nothing silently replaced


def test_confirming_without_a_reason_is_refused_next_to_the_field(officer_client, loaded_standards):
    profile = saved_profile(CASEY)
    _decide(officer_client, profile, profile.education.get())
    entry = profile.education.get()
    response = _decide(
        officer_client, profile, entry, document_reference="LETTER-9", confirmed="on", reason=" "
    )
    assert response.status_code == 400
    assert "Say why the earlier decision changes." in response.text
    assert 'aria-invalid="true"' in response.text and 'id="id_reason_error"' in response.text
    entry.refresh_from_db()
    assert entry.document_reference == "DIPLOMA-1"


def test_a_changed_decision_keeps_the_earlier_one_in_the_history(officer_client, loaded_standards):
    from auditlog.models import LogEntry

    profile = saved_profile(CASEY)
    _decide(officer_client, profile, profile.education.get())
    entry = profile.education.get()
    response = _decide(
        officer_client,
        profile,
        entry,
        decision="rejected",
        note="Forged seal",
        confirmed="on",
        reason="The school says it never issued it",
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.verification == "rejected"
    history = list(profile.entry_decisions.order_by("at", "pk"))
    assert [(h.decision, h.reason) for h in history] == [
        ("verified", ""),
        ("rejected", "The school says it never issued it"),
    ]
    page = officer_client.get(response["Location"]).text
    assert "Earlier decisions" in page and "The school says it never issued it" in page
    record = LogEntry.objects.filter(object_id=entry.pk, changes__has_key="reason").get()
    assert record.changes["reason"] == ["", "The school says it never issued it"]


def test_the_service_refuses_a_change_without_a_reason(loaded_standards):
    from screening import services

    officer = officer_user()
    profile = saved_profile(CASEY)
    entry = profile.education.get()
    args = {"profile": profile, "kind": "education", "entry_id": entry.pk, "by": officer}
    services.entry_decide(
        **args, lock_version=0, decision="verified", document_reference="D-1", note=""
    )
    with pytest.raises(services.DecisionNeedsReason):
        services.entry_decide(
            **args, lock_version=1, decision="rejected", document_reference="D-1", note="no"
        )
    assert (
        services.entry_decide(
            **args, lock_version=1, decision="verified", document_reference="D-1", note=""
        )
        is None
    )
