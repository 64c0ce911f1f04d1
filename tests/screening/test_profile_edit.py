"""An applicant changing a saved profile: a new determination, decided entries locked, stale
tabs refused, audited."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from screening import services
from screening.models import Determination, Verification
from tests.factories import CASEY, NOW, TODAY, applicant_user, officer_user, saved_profile
from tests.screening.test_views_applicant import _casey_form, _management

CCR1 = "nys-call-center-representative/1"


@pytest.fixture
def owned(client, loaded_standards):
    user = applicant_user(username="casey")
    profile = saved_profile(CASEY, user=user)
    client.force_login(user)
    return profile


def _url(profile) -> str:
    return reverse("screening:my-profile-edit", args=[profile.public_id])


def _edit(client, profile, **overrides):
    profile.refresh_from_db()
    data = {**_casey_form(), "revision": str(profile.revision), **overrides}
    return client.post(_url(profile), data)


def _outcome(determination, level=CCR1) -> str:
    return next(i for i in determination.result["results"] if i["level"] == level)["outcome"]


def test_the_edit_page_shows_the_saved_entries_in_the_form(client, owned):
    response = client.get(_url(owned))
    assert response.status_code == 200
    assert 'value="NYS Department of Motor Vehicles"' in response.text
    assert f'name="revision" value="{owned.revision}"' in response.text
    assert "no-store" in response["Cache-Control"]


def test_a_change_is_a_new_determination_through_the_one_write_path(client, owned):
    first = owned.current_determination
    education_pk = owned.education.get().pk
    response = _edit(client, owned, **{"experience-0-end": "2023-06"})  # 6 months: too few
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:my-profile", args=[owned.public_id])
    owned.refresh_from_db()
    latest = owned.current_determination
    assert latest.pk != first.pk
    assert latest.reason == Determination.Reason.EDITED
    assert latest.profile_document["experience"][0]["end"] == "2023-06"
    assert (_outcome(first), _outcome(latest)) == ("qualified", "not_qualified")
    assert owned.experience.get().end == "2023-06"
    assert owned.education.get().pk == education_pk  # unchanged entries are kept as they are
    record = LogEntry.objects.get(additional_data__what="profile changed by the applicant")
    assert record.additional_data["profile"] == str(owned.public_id)
    assert record.changes == {
        "experience entries removed": [None, 1],
        "experience entries added": [None, 1],
    }
    assert record.actor == owned.user


def test_an_unverified_entry_can_be_removed_and_one_added(client, owned):
    response = _edit(
        client,
        owned,
        **_management("civil_service", 1),
        **{
            "experience-0-DELETE": "on",
            "civil_service-0-class_code": "2546100",
            "civil_service-0-status": "permanent",
            "civil_service-0-jurisdiction": "competitive",
            "civil_service-0-start": "2024-01",
        },
    )
    assert response.status_code == 302
    assert not owned.experience.exists()
    assert owned.civil_service.get().class_code == "2546100"


def test_an_entry_an_officer_verified_is_read_only_and_kept(client, owned):
    diploma = owned.education.get()
    services.entry_decide(
        profile=owned,
        kind="education",
        entry_id=diploma.pk,
        lock_version=diploma.lock_version,
        decision=Verification.VERIFIED,
        document_reference="DOC-1",
        note="",
        by=officer_user(),
        now=NOW,
        today=TODAY,
    )
    page = client.get(_url(owned)).text
    assert "Entries a placement officer has checked" in page
    assert 'name="education-0-credential"' in page  # an empty row to add one, not the diploma
    assert 'name="education-INITIAL_FORMS" value="0"' in page
    # The form carries only the applicant's own entries: posting none leaves the diploma.
    response = _edit(
        client,
        owned,
        **{
            "education-0-credential": "associate",
            "education-0-completed": "2019-05",
        },
    )
    assert response.status_code == 302
    diplomas = {e.credential: e for e in owned.education.all()}
    assert set(diplomas) == {"high_school_diploma", "associate"}
    assert diplomas["high_school_diploma"].pk == diploma.pk
    assert diplomas["high_school_diploma"].verification == Verification.VERIFIED
    assert diplomas["associate"].verification == Verification.UNVERIFIED


def test_a_second_tab_saving_later_is_told_and_nothing_changes(client, owned):
    owned.refresh_from_db()
    opened = owned.revision
    assert _edit(client, owned).status_code == 302  # the first tab
    before = Determination.objects.count()
    data = {**_casey_form(**{"experience-0-end": "2023-06"}), "revision": str(opened)}
    response = client.post(_url(owned), data)
    assert response.status_code == 409
    assert "changed since you opened it" in response.text
    assert Determination.objects.count() == before
    assert owned.experience.get().end == "2025-06"


def test_an_officer_decision_meanwhile_makes_the_page_stale(client, owned):
    owned.refresh_from_db()
    opened = owned.revision
    services.profile_rescreen(profile=owned, now=NOW, today=TODAY)
    data = {**_casey_form(), "revision": str(opened)}
    assert client.post(_url(owned), data).status_code == 409


def test_bad_input_is_shown_in_words_and_nothing_is_stored(client, owned):
    before = Determination.objects.count()
    response = _edit(client, owned, **{"experience-0-end": "2020-01", "revision": "x"})
    assert response.status_code == 400
    assert [i["message"] for i in response.context["summary"]] == [
        "Job 1: the end month is before the start month"
    ]
    assert Determination.objects.count() == before


def test_another_applicant_cannot_edit_the_profile(client, owned):
    client.force_login(applicant_user(username="mallory"))
    assert _edit(client, owned).status_code == 404
    assert owned.experience.get().end == "2025-06"


def _page_data(response) -> dict:
    """What a browser posts back from the edit page as rendered (nothing changed)."""
    data = {"revision": str(response.context["profile"].revision)}
    forms = [response.context["profile_form"]]
    for formset in response.context["formsets"].values():
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False or value in ("", []):
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def test_saving_the_page_unchanged_keeps_every_entry(client, owned):
    entries = {e.pk for e in [*owned.education.all(), *owned.experience.all()]}
    response = client.get(_url(owned))
    assert client.post(_url(owned), _page_data(response)).status_code == 302
    assert {e.pk for e in [*owned.education.all(), *owned.experience.all()]} == entries
    owned.refresh_from_db()
    assert owned.current_determination.profile_document == CASEY


def _verify_diploma(profile):
    diploma = profile.education.get()
    services.entry_decide(
        profile=profile,
        kind="education",
        entry_id=diploma.pk,
        lock_version=diploma.lock_version,
        decision=Verification.VERIFIED,
        document_reference="DOC-1",
        note="",
        by=officer_user(),
        now=NOW,
        today=TODAY,
    )


def test_all_own_entries_may_go_when_a_checked_one_stays(client, owned):
    _verify_diploma(owned)
    response = _edit(
        client,
        owned,
        **{"education-0-credential": "", "education-0-completed": "", "experience-0-DELETE": "on"},
    )
    assert response.status_code == 302
    assert not owned.experience.exists()
    assert owned.education.get().verification == Verification.VERIFIED


def test_removing_every_entry_is_refused_in_words(client, owned):
    response = _edit(
        client,
        owned,
        **{"education-0-DELETE": "on", "experience-0-DELETE": "on"},
    )
    assert response.status_code == 400
    [message] = [i["message"] for i in response.context["summary"]]
    assert message.startswith("Add at least one school, job or civil service title")
    assert owned.experience.exists()


def test_the_opened_revision_survives_adding_a_row(client, owned):
    owned.refresh_from_db()
    opened = owned.revision
    services.profile_rescreen(profile=owned, now=NOW, today=TODAY)  # meanwhile, elsewhere
    data = {**_casey_form(), "revision": str(opened), "add": "experience"}
    response = client.post(_url(owned), data)
    assert response.status_code == 200
    assert f'name="revision" value="{opened}"' in response.text
    assert client.post(_url(owned), {**_casey_form(), "revision": str(opened)}).status_code == 409


def test_a_changed_entry_is_changed_in_place(client, owned):
    job = owned.experience.get()
    data = _page_data(client.get(_url(owned)))
    assert data["experience-0-entry"] == job.pk
    data["experience-0-end"] = "2024-06"
    assert client.post(_url(owned), data).status_code == 302
    changed = owned.experience.get()
    assert (changed.pk, changed.end, changed.lock_version) == (job.pk, "2024-06", 1)
    record = LogEntry.objects.get(additional_data__what="profile changed by the applicant")
    assert record.changes == {"experience entries changed": [None, 1]}


def test_a_row_naming_a_checked_entry_cannot_change_it(client, owned):
    _verify_diploma(owned)
    diploma = owned.education.get()
    data = {
        **_casey_form(),
        "revision": str(owned.__class__.objects.get(pk=owned.pk).revision),
        "education-0-entry": str(diploma.pk),
        "education-0-credential": "doctorate",
    }
    assert client.post(_url(owned), data).status_code == 302
    diploma.refresh_from_db()
    assert (diploma.credential, diploma.verification) == ("high_school_diploma", "verified")
    assert owned.education.filter(credential="doctorate", verification="unverified").exists()
