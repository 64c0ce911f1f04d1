"""Saved profiles: the document they render to, determinations, verification and its audit."""

import pytest

from screening import selectors, services
from screening.models import Determination, Verification
from screening.services.determinations import document_sha256
from tests.factories import (
    CASEY,
    NOW,
    TODAY,
    applicant_user,
    document,
    officer_user,
    saved_profile,
)

CCR1 = "nys-call-center-representative/1"


def _outcome(determination, level=CCR1):
    return next(item for item in determination.result["results"] if item["level"] == level)


def test_a_saved_profile_renders_back_to_its_document(loaded_standards):
    profile = saved_profile(CASEY)
    assert services.profile_document(profile=profile) == CASEY


def test_saving_screens_and_keeps_the_snapshot_and_versions(loaded_standards):
    profile = saved_profile(CASEY)
    determination = profile.current_determination
    assert determination.reason == Determination.Reason.SAVED
    assert determination.profile_document == CASEY
    assert determination.profile_sha256 == document_sha256(CASEY)
    assert {v.pk for v in determination.standard_versions.all()} == {
        v.pk for v in loaded_standards.values()
    }
    assert determination.standard_labels == {
        slug: version.label for slug, version in loaded_standards.items()
    }
    assert _outcome(determination)["outcome"] == "qualified"
    assert _outcome(determination)["verified"] is False
    assert profile.outcomes.count() == 10


def test_an_applicant_document_cannot_verify_itself(loaded_standards):
    claimed = document(CASEY, education=[{"credential": "high_school_diploma", "verified": True}])
    profile = saved_profile(claimed)
    assert profile.education.get().verification == Verification.UNVERIFIED


def test_an_invalid_document_is_refused_and_nothing_is_stored(loaded_standards):
    bad = document(CASEY, experience=[{**CASEY["experience"][0], "end": "2020-01"}])
    with pytest.raises(services.ScreeningRefused) as refused:
        saved_profile(bad)
    assert refused.value.errors[0]["path"] == "experience[0].end"
    assert not Determination.objects.exists()


def _decide(profile, entry, officer, decision="verified", lock_version=None):
    return services.entry_decide(
        profile=profile,
        kind=entry.kind,
        entry_id=entry.pk,
        lock_version=entry.lock_version if lock_version is None else lock_version,
        decision=decision,
        document_reference="DOC-7",
        note="Original seen",
        by=officer,
        now=NOW,
        today=TODAY,
    )


def test_verifying_diploma_and_experience_makes_ccr1_verified_qualified(loaded_standards):
    profile = saved_profile(CASEY)
    officer = officer_user()
    _decide(profile, profile.education.get(), officer)
    determination = _decide(profile, profile.experience.get(), officer)
    assert _outcome(determination) | {"routes": None} == _outcome(determination) | {
        "outcome": "qualified",
        "verified": True,
        "routes": None,
    }
    assert profile.determinations.count() == 3  # saved, then one per decision; old ones stay
    entry = profile.education.get()
    assert (entry.verification, entry.verified_by, entry.verified_at) == ("verified", officer, NOW)
    assert services.profile_document(profile=profile)["education"][0]["verified"] is True


def test_a_rejected_entry_is_left_out_of_the_document(loaded_standards):
    profile = saved_profile(CASEY)
    determination = _decide(profile, profile.experience.get(), officer_user(), "rejected")
    assert "experience" not in determination.profile_document
    assert _outcome(determination)["outcome"] == "not_qualified"


def test_a_stale_form_changes_nothing(loaded_standards):
    profile = saved_profile(CASEY)
    entry = profile.education.get()
    first, second = officer_user(), officer_user()
    _decide(profile, entry, first, "verified", lock_version=0)
    with pytest.raises(services.EntryStale):
        _decide(profile, entry, second, "rejected", lock_version=0)
    entry.refresh_from_db()
    assert (entry.verification, entry.verified_by, entry.lock_version) == ("verified", first, 1)
    assert profile.determinations.count() == 2


def test_the_audit_trail_shows_who_did_what_before_and_after(loaded_standards):
    profile = saved_profile(CASEY)
    officer = officer_user()
    _decide(profile, profile.education.get(), officer)
    trail = selectors.audit_for_profile(profile=profile)
    whats = [record.additional_data["what"] for record in trail]
    assert whats == [
        "determination: entry verified or rejected",
        "education entry verified",
        "determination: profile saved",
        "profile saved",
    ]
    verification = trail[1]
    assert verification.actor == officer
    assert verification.changes["verification"] == ["unverified", "verified"]
    assert verification.changes["document_reference"] == ["", "DOC-7"]


def test_people_on_the_record_cannot_be_deleted_only_deactivated(client, loaded_standards):
    from django.contrib.auth.models import User
    from django.db.models import ProtectedError
    from django.urls import reverse

    applicant, officer = applicant_user(), officer_user()
    profile = saved_profile(CASEY, user=applicant)
    _decide(profile, profile.education.get(), officer)
    for person in (applicant, officer):
        with pytest.raises(ProtectedError):
            person.delete()
    admin = User.objects.create_superuser("root", password="x" * 20)
    client.force_login(admin)
    page = client.get(reverse("admin:auth_user_delete", args=[officer.pk]))
    assert page.status_code == 200 and "Cannot delete user" in page.text
    client.post(reverse("admin:auth_user_delete", args=[officer.pk]), {"post": "yes"})
    assert User.objects.filter(pk=officer.pk).exists()
