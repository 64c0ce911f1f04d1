"""The draft workflow's services: create, save, stale, submit (refused while invalid or warned),
approve by another analyst (publishes), send back, withdraw; every step audited."""

import copy
import datetime

import pytest
from auditlog.models import LogEntry

from classification.consistency import TextRuleWarning
from classification.models import StandardDraft, StandardVersion
from classification.services_drafts import (
    DraftNotAllowed,
    DraftNotEditable,
    DraftRefused,
    DraftStale,
    draft_approve,
    draft_check,
    draft_document_save,
    draft_is_stale,
    draft_send_back,
    draft_submit,
    draft_withdraw,
    version_in_force_now,
)
from screening.models import CurrentOutcome, ReevaluationJob
from tests.factories import (
    NOW,
    TODAY,
    analyst_user,
    draft_submitted,
    new_series_document,
    saved_profile,
    standard_draft,
    standard_store,
    standard_with_months,
)

NYS = "nys-call-center-representative"
Status = StandardDraft.Status


def _whats(draft) -> list[str]:
    records = LogEntry.objects.filter(
        object_pk=str(draft.pk), additional_data__draft=str(draft.public_id)
    )
    return [r.additional_data["what"] for r in records.order_by("timestamp", "pk")]


@pytest.fixture
def nys(loaded_standards):
    return loaded_standards[NYS]


@pytest.fixture
def stricter(nys):
    return standard_with_months(nys, level="1", old=24, new=36)


def test_a_draft_copies_the_version_and_saves_with_an_optimistic_lock(nys, stricter):
    draft = standard_draft(nys)
    assert draft.document == nys.document and draft.base_version == nys
    assert draft.status == Status.EDITING and draft.series == nys.series
    saved = draft_document_save(draft=draft, document=stricter, lock_version=0, by=draft.author)
    assert saved.lock_version == 1 and saved.document == stricter
    with pytest.raises(DraftStale):
        draft_document_save(draft=draft, document=nys.document, lock_version=0, by=draft.author)
    draft.refresh_from_db()
    assert draft.document == stricter
    assert _whats(draft) == ["draft_created", "draft_saved"]


def test_submit_is_refused_while_the_document_is_invalid(nys):
    broken = copy.deepcopy(nys.document)
    broken["levels"][1]["grade"] = "fourteen"
    draft = standard_draft(nys)
    draft_document_save(draft=draft, document=broken, lock_version=0, by=draft.author)
    with pytest.raises(DraftRefused) as refused:
        draft_submit(draft=draft, by=draft.author, change_note="x", effective_date=TODAY)
    assert refused.value.problems == ["levels[1].grade: must be an integer or null"]
    draft.refresh_from_db()
    assert draft.status == Status.EDITING and draft.submitted_at is None


def test_submit_is_refused_while_text_and_rule_disagree(nys, stricter, monkeypatch):
    warning = TextRuleWarning(level="1", route="open_competitive", message="text says 24 months")
    monkeypatch.setattr("classification.services_drafts.text_rule_warnings", lambda doc: [warning])
    draft = standard_draft(nys)
    draft_document_save(draft=draft, document=stricter, lock_version=0, by=draft.author)
    with pytest.raises(DraftRefused) as refused:
        draft_submit(draft=draft, by=draft.author, change_note="x", effective_date=TODAY)
    assert refused.value.warnings == [warning]
    assert StandardDraft.objects.get(pk=draft.pk).status == Status.EDITING


def test_submit_is_refused_when_nothing_changed(nys):
    draft = standard_draft(nys)
    date = datetime.date.fromisoformat(nys.document["effective_date"])
    with pytest.raises(DraftRefused, match="same as version 1"):
        draft_submit(draft=draft, by=draft.author, change_note="x", effective_date=date)


def test_only_the_author_submits_and_a_submitted_draft_is_not_editable(nys, stricter):
    draft = standard_draft(nys)
    with pytest.raises(DraftNotAllowed):
        draft_submit(draft=draft, by=analyst_user(), change_note="x", effective_date=TODAY)
    submitted = draft_submitted(nys, stricter, by=draft.author)
    assert submitted.status == Status.SUBMITTED and submitted.change_note == "test change"
    with pytest.raises(DraftNotEditable):
        draft_document_save(
            draft=submitted,
            document=nys.document,
            lock_version=submitted.lock_version,
            by=submitted.author,
        )


def test_the_author_cannot_approve_their_own_draft(nys, stricter):
    draft = draft_submitted(nys, stricter)
    with pytest.raises(DraftNotAllowed, match="Another analyst"):
        draft_approve(draft=draft, by=draft.author)
    assert StandardVersion.objects.filter(series=nys.series).count() == 1


def test_approval_by_another_analyst_publishes_a_version_in_force_on_its_date(nys, stricter):
    effective = TODAY + datetime.timedelta(days=30)
    draft = draft_submitted(nys, stricter, effective_date=effective)
    reviewer = analyst_user()
    version = draft_approve(draft=draft, by=reviewer, now=NOW)

    assert version.number == 2 and version.series == nys.series
    assert version.effective_date == effective and version.change_note == "test change"
    assert version.created_by == draft.author
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_version == version
    assert draft.reviewed_by == reviewer
    in_force = StandardVersion.objects.filter(series=nys.series).in_effect
    assert in_force(at=effective - datetime.timedelta(days=1)).get() == nys
    assert in_force(at=effective).get() == version
    # The stored version is announced: screening records its re-evaluation.
    assert ReevaluationJob.objects.filter(version=version).exists()
    assert _whats(draft) == [
        "draft_created",
        "draft_saved",
        "draft_submitted",
        "draft_approved",
        "draft_published",
    ]
    published = LogEntry.objects.get(additional_data__what="draft_published")
    assert published.actor == reviewer and published.additional_data["version"] == 2


def test_sending_back_needs_a_comment_and_another_analyst(nys, stricter):
    draft = draft_submitted(nys, stricter)
    reviewer = analyst_user()
    with pytest.raises(DraftRefused):
        draft_send_back(draft=draft, by=reviewer, comment="  ")
    with pytest.raises(DraftNotAllowed):
        draft_send_back(draft=draft, by=draft.author, comment="mine")
    returned = draft_send_back(draft=draft, by=reviewer, comment="Keep 24 months for now.")
    assert (
        returned.status == Status.RETURNED and returned.review_comment == "Keep 24 months for now."
    )
    # Back with its author: editable again, and it can be sent once more.
    saved = draft_document_save(
        draft=returned, document=stricter, lock_version=returned.lock_version, by=returned.author
    )
    draft_submit(draft=saved, by=saved.author, change_note="again", effective_date=TODAY)
    assert _whats(draft)[-3:] == ["draft_returned", "draft_saved", "draft_submitted"]


def test_only_the_author_withdraws_and_a_withdrawn_draft_stays(nys, stricter):
    draft = draft_submitted(nys, stricter)
    with pytest.raises(DraftNotAllowed):
        draft_withdraw(draft=draft, by=analyst_user())
    withdrawn = draft_withdraw(draft=draft, by=draft.author)
    assert withdrawn.status == Status.WITHDRAWN
    with pytest.raises(DraftNotAllowed):
        draft_approve(draft=withdrawn, by=analyst_user())
    with pytest.raises(DraftNotAllowed):
        draft_withdraw(draft=withdrawn, by=draft.author)
    assert _whats(draft)[-1] == "draft_withdrawn"


def test_a_draft_goes_stale_when_another_version_is_published(nys, stricter):
    draft = standard_draft(nys)
    assert not draft_is_stale(draft) and version_in_force_now(draft) == nys
    newer = standard_store(nys, standard_with_months(nys, level="2", old=12, new=18))
    assert draft_is_stale(draft)
    assert version_in_force_now(draft) == newer


def test_a_new_series_is_published_under_the_slug_of_its_document(nys, loaded_standards):
    document = copy.deepcopy(nys.document)
    document["series"] = "nys-call-center-copy"
    document["title"] = "Call Center Representative (copy)"
    draft = standard_draft(document=document)
    assert draft.series is None and draft.base_version is None
    draft_submit(draft=draft, by=draft.author, change_note="new", effective_date=TODAY)
    version = draft_approve(draft=draft, by=analyst_user())
    assert version.series.slug == "nys-call-center-copy" and version.number == 1
    draft.refresh_from_db()
    assert draft.series == version.series


def test_a_new_series_built_from_a_blank_form_screens_the_stored_applicants(
    loaded_standards, eager_tasks, django_capture_on_commit_callbacks
):
    casey = saved_profile()  # 30 months of customer service, as of 2026-10-01
    document = new_series_document(months=(6, 18, 36))
    draft = draft_submitted(None, document, effective_date=datetime.date(2026, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        version = draft_approve(draft=draft, by=analyst_user())
    assert [level.level_id for level in version.levels.order_by("order")] == [
        "customer-service-representative/csr-1",
        "customer-service-representative/csr-2",
        "customer-service-representative/csr-3",
    ]
    outcomes = dict(
        CurrentOutcome.objects.filter(profile=casey, level__startswith="customer-").values_list(
            "level", "outcome"
        )
    )
    assert outcomes == {
        "customer-service-representative/csr-1": "qualified",
        "customer-service-representative/csr-2": "qualified",
        "customer-service-representative/csr-3": "not_qualified",
    }


def test_a_new_series_cannot_take_an_existing_slug(nys):
    draft = standard_draft(document=copy.deepcopy(nys.document))
    assert draft_check(draft).problems == [
        f"series: {NYS!r} is already a series; start a change from its page instead"
    ]


def test_an_edit_in_one_piece_is_a_draft_sent_for_review_or_nothing(nys, stricter):
    from classification.services_drafts import draft_propose

    author = analyst_user()
    with pytest.raises(DraftRefused):
        draft_propose(
            base=nys, document=nys.document, by=author, change_note="x", effective_date=None
        )
    assert not StandardDraft.objects.exists()
    assert LogEntry.objects.filter(additional_data__what="draft_created").count() == 0
    draft = draft_propose(
        base=nys, document=stricter, by=author, change_note="36", effective_date=TODAY
    )
    assert draft.status == Status.SUBMITTED and draft.base_version == nys
    assert StandardVersion.objects.filter(series=nys.series).count() == 1
