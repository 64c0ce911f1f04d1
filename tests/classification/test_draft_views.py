"""The draft pages: list, start, the draft page with its problems in words, submit, review
(diff, impact preview, approve / send back), withdraw, import a YAML file."""

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from classification.forms import document_to_yaml
from classification.models import StandardDraft, StandardVersion
from classification.services_drafts import draft_document_save
from screening.models import ReevaluationJob
from tests.factories import (
    analyst_user,
    draft_submitted,
    officer_user,
    standard_draft,
    standard_store,
    standard_with_months,
)

NYS = "nys-call-center-representative"
Status = StandardDraft.Status


@pytest.fixture
def nys(loaded_standards):
    return loaded_standards[NYS]


@pytest.fixture
def stricter(nys):
    return standard_with_months(nys, level="1", old=24, new=36)


@pytest.fixture
def author(client):
    user = analyst_user()
    client.force_login(user)
    return user


def _url(name, draft):
    return reverse(f"classification:{name}", args=[draft.public_id])


def _text(response) -> str:
    return response.content.decode()


def _broken(nys) -> dict:
    broken = copy.deepcopy(nys.document)
    broken["levels"][1]["qualifications"]["routes"][0]["rule"]["any"][0]["all"][1]["experience"][
        "months"
    ] = "twelve"
    return broken


def test_the_list_shows_every_analysts_drafts_to_analysts_only(client, nys, stricter, author):
    mine = standard_draft(nys, by=author)
    theirs = draft_submitted(nys, stricter)
    page = _text(client.get(reverse("classification:draft-list")))
    assert _url("draft-detail", mine) in page and _url("draft-detail", theirs) in page
    assert "Waiting for review" in page and "Being edited" in page
    assert theirs.author.username in page
    filtered = _text(client.get(reverse("classification:draft-list") + "?status=submitted"))
    assert _url("draft-detail", theirs) in filtered and _url("draft-detail", mine) not in filtered
    client.force_login(officer_user())
    assert client.get(reverse("classification:draft-list")).status_code == 403


def test_the_list_offers_a_new_series(client, db, author):
    page = _text(client.get(reverse("classification:draft-list")))
    assert f'href="{reverse("classification:editor-new")}">Start a new series</a>' in page


def test_change_this_standard_starts_a_draft_from_the_version_in_force(client, nys, author):
    series_page = _text(client.get(reverse("classification:series-detail", args=[NYS])))
    start = reverse("classification:draft-start", args=[NYS])
    assert f'href="{start}"' in series_page and "Change this standard" in series_page
    assert "Start a new draft" in _text(client.get(start))
    response = client.post(start)
    draft = StandardDraft.objects.get(author=author)
    assert response["Location"] == _url("draft-detail", draft)
    assert draft.base_version == nys and draft.document == nys.document
    # Resuming: the start page lists the open draft.
    assert _url("draft-detail", draft) in _text(client.get(start))


def test_the_draft_page_lists_problems_in_words(client, nys, author):
    draft = standard_draft(nys, by=author)
    draft_document_save(draft=draft, document=_broken(nys), lock_version=0, by=author)
    page = _text(client.get(_url("draft-detail", draft)))
    assert (
        "Level “Call Center Representative 2”, qualification route “Open competitive”, "
        "its rule: months must be a positive number"
    ) in page
    assert _url("draft-yaml", draft) in page and _url("draft-submit", draft) in page
    assert _url("draft-withdraw", draft) in page
    assert f"— Draft started, {author.username}" in page and f"— Saved, {author.username}" in page


def test_submit_is_refused_with_the_problems_listed(client, nys, author):
    draft = standard_draft(nys, by=author)
    draft_document_save(draft=draft, document=_broken(nys), lock_version=0, by=author)
    data = {"change_note": "CCR 2 wording", "effective_date": "2027-01-01"}
    response = client.post(_url("draft-submit", draft), data)
    assert response.status_code == 400
    page = _text(response)
    assert "The draft was not sent for review" in page
    assert "its rule: months must be a positive number" in page
    draft.refresh_from_db()
    assert draft.status == Status.EDITING


def test_submit_needs_a_note_and_a_date_in_the_window(client, nys, stricter, author):
    draft = standard_draft(nys, by=author)
    draft_document_save(draft=draft, document=stricter, lock_version=0, by=author)
    response = client.post(
        _url("draft-submit", draft), {"change_note": "", "effective_date": "0001-01-01"}
    )
    assert response.status_code == 400
    page = _text(response)
    assert "Write a change note" in page
    assert "“Effective date” must be between 1900-01-01 and 2100-12-31." in page
    assert 'aria-invalid="true"' in page
    response = client.post(
        _url("draft-submit", draft), {"change_note": "36 months", "effective_date": "2027-01-01"}
    )
    assert response["Location"] == _url("draft-detail", draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and str(draft.effective_date) == "2027-01-01"


def test_the_review_page_shows_the_diff_the_preview_and_the_decision(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    client.force_login(analyst_user())
    page = _text(client.get(_url("draft-review", draft)))
    assert "What changes against version 1, in force now" in page
    assert "months: 36" in page and "months: 24" in page
    preview = reverse("screening:job-preview-draft", args=[draft.public_id])
    assert f'action="{preview}"' in page
    assert _url("draft-approve", draft) in page and _url("draft-send-back", draft) in page
    assert "Another version was published" not in page


def test_the_author_cannot_approve_their_own_draft(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    client.force_login(draft.author)
    page = _text(client.get(_url("draft-review", draft)))
    assert "You wrote this draft: another analyst must approve it" in page
    assert _url("draft-approve", draft) not in page
    assert client.post(_url("draft-approve", draft)).status_code == 403
    assert StandardVersion.objects.filter(series=nys.series).count() == 1


def test_another_analyst_approves_and_the_version_is_published(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    client.force_login(analyst_user())
    response = client.post(_url("draft-approve", draft))
    assert response["Location"] == reverse("classification:version-history", args=[NYS])
    version = StandardVersion.objects.get(series=nys.series, number=2)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_version == version


def test_sending_back_needs_a_comment(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    client.force_login(analyst_user())
    response = client.post(_url("draft-send-back", draft), {"comment": ""})
    assert response.status_code == 400
    assert "Write a comment: say what the author should change." in _text(response)
    response = client.post(_url("draft-send-back", draft), {"comment": "Keep 24 months."})
    assert response["Location"] == _url("draft-detail", draft)
    client.force_login(draft.author)
    page = _text(client.get(_url("draft-detail", draft)))
    assert "Sent back by the reviewer" in page and "Keep 24 months." in page


def test_a_stale_draft_is_compared_with_the_version_in_force_now(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    standard_store(nys, standard_with_months(nys, level="2", old=12, new=18))
    client.force_login(analyst_user())
    page = _text(client.get(_url("draft-review", draft)))
    assert "Another version was published since this draft started." in page
    assert "What changes against version 2, in force now" in page


def test_the_author_withdraws(client, nys, author):
    draft = standard_draft(nys, by=author)
    response = client.post(_url("draft-withdraw", draft))
    assert response["Location"] == _url("draft-detail", draft)
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN


def test_the_impact_preview_runs_on_the_draft(client, nys, stricter):
    draft = draft_submitted(nys, stricter)
    client.force_login(analyst_user())
    response = client.post(reverse("screening:job-preview-draft", args=[draft.public_id]))
    job = ReevaluationJob.objects.get(reason=ReevaluationJob.Reason.PREVIEW)
    assert response["Location"] == reverse("screening:job-detail", args=[job.public_id])
    assert job.draft["levels"][0]["qualifications"] == stricter["levels"][0]["qualifications"]
    assert job.draft["effective_date"] == draft.effective_date.isoformat()


def _import(client, text: str):
    upload = SimpleUploadedFile("nys.yaml", text.encode(), content_type="application/yaml")
    return client.post(reverse("classification:draft-import"), {"file": upload})


def test_an_import_with_problems_names_the_field_and_the_line(client, nys, author):
    text = document_to_yaml(nys.document).replace("grade: 14", "grade: fourteen", 1)
    line = text.splitlines().index("  grade: fourteen") + 1
    response = _import(client, text)
    assert response.status_code == 400
    page = _text(response)
    assert (
        f"line {line} — Level “Call Center Representative 2”: grade must be a whole number, "
        "or left empty"
    ) in page
    assert "The file has 1 problem, listed above." in page
    assert not StandardDraft.objects.exists()


def test_an_import_that_is_not_yaml_or_too_big_is_refused(client, db, author):
    response = _import(client, "levels: [\n")
    assert response.status_code == 400 and "YAML syntax error" in _text(response)
    response = _import(client, "x" * (512 * 1024 + 1))
    assert "larger than 512 KB" in _text(response)
    assert not StandardDraft.objects.exists()


def test_edit_as_yaml_names_a_problem_in_words_with_its_line(client, nys, author):
    text = document_to_yaml(_broken(nys))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip() == "months: twelve")
    response = client.post(
        reverse("classification:standard-edit", args=[NYS]),
        {"document": text, "change_note": "x", "effective_date": ""},
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["document"]
    assert error.startswith(
        f"line {line} — Level “Call Center Representative 2”, qualification route "
        "“Open competitive”, its rule: months must be a positive number (levels[1]."
    )
    assert not StandardDraft.objects.exists()


def test_an_invalid_draft_is_not_previewed(client, nys, author):
    draft = standard_draft(nys, by=author)
    draft_document_save(draft=draft, document=_broken(nys), lock_version=0, by=author)
    response = client.post(reverse("screening:job-preview-draft", args=[draft.public_id]))
    assert response["Location"] == _url("draft-detail", draft)
    assert not ReevaluationJob.objects.filter(reason=ReevaluationJob.Reason.PREVIEW).exists()
    page = _text(client.get(response["Location"]))
    assert "Only a valid change of a stored series can be previewed." in page
