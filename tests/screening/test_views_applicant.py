"""The applicant's self-check: the form, inline errors, results, download, upload and saving."""

import json

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from screening.models import ApplicantProfile
from screening.selfcheck import SESSION_KEY
from tests.factories import (
    CASEY,
    PASSWORD,
    applicant_user,
    document,
    officer_user,
    saved_profile,
)


def _management(key: str, total: int) -> dict:
    return {
        f"{key}-TOTAL_FORMS": str(total),
        f"{key}-INITIAL_FORMS": "0",
        f"{key}-MIN_NUM_FORMS": "0",
        f"{key}-MAX_NUM_FORMS": "100",
    }


def _signup(username: str) -> dict:
    return {
        "username": username,
        "password1": "a-long-enough-passphrase-91",
        "password2": "a-long-enough-passphrase-91",
        "name": "",
        "email": "",
    }


def _casey_form(**overrides) -> dict:
    data = {
        **_management("education", 1),
        **_management("experience", 1),
        **_management("civil_service", 0),
        "education-0-credential": "high_school_diploma",
        "education-0-country": "US",
        "education-0-completed": "2015-06",
        "experience-0-title": "Customer Service Representative",
        "experience-0-employer": "NYS Department of Motor Vehicles",
        "experience-0-employer_type": "government",
        "experience-0-government_level": "state",
        "experience-0-occupation": "customer_service_representative",
        "experience-0-start": "2023-01",
        "experience-0-end": "2025-06",
        "experience-0-hours_per_week": "37.5",
        "experience-0-settings": ["call_center"],
        "experience-0-duties": ["customer_service", "telephone_answering"],
        "keyboarding_wpm": "30",
        "as_of": "2026-10-01",
    }
    data.update(overrides)
    return data


def test_the_form_is_served_without_an_account_and_never_cached(client, loaded_standards):
    response = client.get(reverse("screening:selfcheck"))
    assert response.status_code == 200
    assert 'type="month"' in response.text
    assert "no-store" in response["Cache-Control"]


def test_a_filled_form_shows_results_for_all_ten_levels_and_stores_nothing(
    client, loaded_standards
):
    response = client.post(reverse("screening:selfcheck"), _casey_form())
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:selfcheck-results")
    expected = document(CASEY)
    del expected["applicant"]
    assert client.session[SESSION_KEY] == expected
    results = client.get(response["Location"])
    assert results.text.count('class="result ') == 10
    assert "Call Center Representative 1" in results.text
    assert "Not yet" in results.text and "Qualified" in results.text
    assert not ApplicantProfile.objects.exists()


def test_an_engine_error_is_shown_next_to_its_field(client, loaded_standards):
    response = client.post(
        reverse("screening:selfcheck"), _casey_form(**{"experience-0-end": "2020-01"})
    )
    assert response.status_code == 400
    form = response.context["formsets"]["experience"].forms[0]
    assert form.errors["end"] == ["the end month is before the start month"]
    assert 'href="#id_experience-0-end"' in response.text


def test_a_typed_month_that_is_not_one_is_refused_inline(client, loaded_standards):
    response = client.post(
        reverse("screening:selfcheck"), _casey_form(**{"experience-0-start": "2023-13"})
    )
    assert response.status_code == 400
    assert response.context["formsets"]["experience"].forms[0].errors["start"]


def test_the_error_summary_names_row_and_field_in_page_order(client, loaded_standards):
    data = _casey_form(**{"experience-0-start": "2021-13", "keyboarding_wpm": "999"})
    response = client.post(reverse("screening:selfcheck"), data)
    assert response.status_code == 400
    assert "<title>Error: Check your qualifications" in response.text
    messages = [item["message"] for item in response.context["summary"]]
    assert messages == [
        "Job 1: enter “Started (month)” as a month YYYY-MM, e.g. 2021-03",
        "Typing speed: enter a number of words per minute of 250 or less",
    ]
    ids = [item["id"] for item in response.context["summary"]]
    assert ids == ["id_experience-0-start", "id_keyboarding_wpm"]


def test_the_add_button_works_without_script(client, loaded_standards):
    response = client.post(reverse("screening:selfcheck"), {**_casey_form(), "add": "experience"})
    assert response.status_code == 200
    assert len(response.context["formsets"]["experience"].forms) == 2


def test_a_tampered_row_count_is_refused_not_a_crash(client, loaded_standards):
    for total in ("abc", "1.5", " ", "-3", "99999999999999999999"):
        data = {**_casey_form(), "add": "education", "education-TOTAL_FORMS": total}
        response = client.post(reverse("screening:selfcheck"), data)
        assert response.status_code == 200, total
        assert len(response.context["formsets"]["education"].forms) <= 50


def test_more_rows_than_a_profile_may_have_are_refused_with_a_message(client, loaded_standards):
    data = {**_casey_form(), "education-TOTAL_FORMS": "99999999999999999999"}
    response = client.post(reverse("screening:selfcheck"), data)
    assert response.status_code == 400
    assert len(response.context["formsets"]["education"].forms) == 50
    assert "Education: add at most 50 entries of this kind" in response.text


def test_removed_rows_are_left_out(client, loaded_standards):
    data = _casey_form(**{"experience-0-DELETE": "on"})
    client.post(reverse("screening:selfcheck"), data)
    assert "experience" not in client.session[SESSION_KEY]


def test_download_and_upload_round_trip(client, loaded_standards):
    client.post(reverse("screening:selfcheck"), _casey_form())
    downloaded = client.get(reverse("screening:selfcheck-download"))
    assert downloaded["Content-Disposition"].startswith("attachment")
    body = json.loads(downloaded.content)
    assert body["format"] == "screening-profile/1"
    other = client.__class__()
    upload = SimpleUploadedFile("p.json", downloaded.content, "application/json")
    response = other.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert response.status_code == 302
    assert other.session[SESSION_KEY] == body


def test_an_uploaded_file_cannot_claim_verification(client, loaded_standards):
    claimed = document(CASEY, education=[{"credential": "high_school_diploma", "verified": True}])
    upload = SimpleUploadedFile("p.json", json.dumps(claimed).encode(), "application/json")
    client.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert "verified" not in client.session[SESSION_KEY]["education"][0]


def test_an_uploaded_file_cannot_claim_an_external_id(client, loaded_standards):
    officer_import = document(CASEY, applicant={"name": "Casey Lee", "external_id": "C-1"})
    saved_profile(officer_import)  # the office's applicant C-1
    upload = SimpleUploadedFile("p.json", json.dumps(officer_import).encode(), "application/json")
    client.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert "external_id" not in client.session[SESSION_KEY]["applicant"]
    response = client.post(reverse("screening:selfcheck-save"), _signup("mallory"))
    assert response.status_code == 302
    mine = ApplicantProfile.objects.get(user__username="mallory")
    assert mine.external_id == ""
    assert ApplicantProfile.objects.filter(external_id="C-1").count() == 1


def test_signing_up_stores_the_account_and_profile_together_or_neither(
    client, loaded_standards, monkeypatch
):
    client.post(reverse("screening:selfcheck"), _casey_form())

    def fail(**kwargs):
        raise IntegrityError("the user name was taken meanwhile")

    monkeypatch.setattr("screening.services.profile_create", fail)
    response = client.post(reverse("screening:selfcheck-save"), _signup("casey"))
    assert response.status_code == 400 and "just taken" in response.text
    assert not User.objects.filter(username="casey").exists()
    assert "_auth_user_id" not in client.session and SESSION_KEY in client.session


def test_an_upload_past_the_size_limit_is_refused(client, loaded_standards):
    upload = SimpleUploadedFile("p.json", b" " * 1_000_001, "application/json")
    response = client.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert response.status_code == 400
    assert "larger than 1,000,000 bytes" in response.text
    assert SESSION_KEY not in client.session


def test_a_bad_upload_lists_every_problem(client, loaded_standards):
    upload = SimpleUploadedFile("p.json", b'{"format": "nope", "colour": 1}', "application/json")
    response = client.post(reverse("screening:selfcheck-upload"), {"profile": upload})
    assert response.status_code == 400
    assert "colour" in response.text and "format" in response.text


def test_saving_creates_an_account_and_keeps_the_profile(client, loaded_standards):
    client.post(reverse("screening:selfcheck"), _casey_form())
    response = client.post(
        reverse("screening:selfcheck-save"),
        {
            "username": "casey",
            "password1": "a-long-enough-passphrase-91",
            "password2": "a-long-enough-passphrase-91",
            "name": "Casey Lee",
            "email": "",
        },
    )
    profile = ApplicantProfile.objects.get()
    assert response["Location"] == reverse("screening:my-profile", args=[profile.public_id])
    assert profile.user.username == "casey" and profile.name == "Casey Lee"
    assert profile.user.groups.filter(name="Applicant").exists()
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]


def test_signing_in_to_save_keeps_the_unsaved_self_check(client, loaded_standards):
    applicant = applicant_user()
    client.post(reverse("screening:selfcheck"), _casey_form())
    save = reverse("screening:selfcheck-save")
    login = {"username": applicant.username, "password": PASSWORD, "next": save}
    assert client.post(reverse("login"), login)["Location"] == save
    client.post(save)
    assert ApplicantProfile.objects.get().user == applicant


def test_another_sign_in_on_the_same_browser_drops_the_unsaved_self_check(client, loaded_standards):
    client.post(reverse("screening:selfcheck"), _casey_form())
    officer = officer_user()
    client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(officer.pk)
    assert SESSION_KEY not in client.session


def test_a_signed_in_applicant_saves_to_their_account(client, loaded_standards):
    applicant = applicant_user()
    client.force_login(applicant)
    client.post(reverse("screening:selfcheck"), _casey_form())
    client.post(reverse("screening:selfcheck-save"))
    assert ApplicantProfile.objects.get().user == applicant


def test_an_applicant_sees_only_their_own_profile(client, loaded_standards):
    from tests.factories import saved_profile

    owner, other = applicant_user(), applicant_user()
    profile = saved_profile(CASEY, user=owner)
    client.force_login(other)
    assert client.get(reverse("screening:my-profile", args=[profile.public_id])).status_code == 404
    url = reverse("screening:my-profile-download", args=[profile.public_id])
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("screening:my-profile", args=[profile.public_id])).status_code == 200
