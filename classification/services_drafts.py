"""Drafts of standards: the one write path for a draft's content and its review.

A draft holds a class-standard/1 document being edited. Only `standard_version_edit` /
`series_load` publish; a draft is published by approval (another analyst than its author).
Every step is recorded in the audit trail (`classification/audit.py`).
"""

import copy
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from classification.audit import CREATE, draft_audit
from classification.consistency import TextRuleWarning, text_rule_warnings
from classification.models import Series, StandardDraft, StandardVersion
from classification.services import (
    StandardUnchanged,
    series_load,
    standard_version_edit,
)
from classification.standard_file import StandardFileError, parse_standard

Status = StandardDraft.Status


class DraftStale(Exception):
    """The draft changed since the page was shown: nothing was saved."""


class DraftNotEditable(Exception):
    """The draft is waiting for review or already published: it cannot be changed."""


class DraftNotAllowed(Exception):
    """This step is not open to this person or in the draft's status (the message says why)."""


class DraftRefused(Exception):
    """The draft cannot go on as it is: `.problems` and `.warnings` say what to fix."""

    def __init__(self, message: str, *, problems=(), warnings=()):
        super().__init__(message)
        self.problems = list(problems)
        self.warnings = list(warnings)


EDITABLE = (Status.EDITING, Status.RETURNED)
OPEN = (Status.EDITING, Status.RETURNED, Status.SUBMITTED)


@dataclass(frozen=True)
class DraftCheck:
    """What stands between a draft and review: problems (by path) and text/rule warnings."""

    problems: list[str] = field(default_factory=list)
    warnings: list[TextRuleWarning] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems and not self.warnings


def draft_check(draft: StandardDraft, *, effective_date: datetime.date | None = None) -> DraftCheck:
    """The draft's document checked as it would be published (with `effective_date`)."""
    document = _with_date(draft.document, effective_date)
    problems = _series_problems(draft, document)
    try:
        parse_standard(document, source="")
    except StandardFileError as exc:
        problems += exc.problems
    if problems:
        return DraftCheck(problems=problems)
    return DraftCheck(warnings=list(text_rule_warnings(document)))


def _with_date(document: dict, effective_date: datetime.date | None) -> dict:
    if effective_date is None or not isinstance(document, dict):
        return document
    return {**document, "effective_date": effective_date.isoformat()}


def _series_problems(draft: StandardDraft, document) -> list[str]:
    """A change stays in its series; a new series takes a slug no series has yet."""
    if not isinstance(document, dict):
        return []
    slug = document.get("series")
    if draft.series_id is not None:
        if slug != draft.series.slug:
            return [f"series: must stay {draft.series.slug!r} (the series being changed)"]
        return []
    if isinstance(slug, str) and Series.objects.filter(slug=slug).exists():
        return [f"series: {slug!r} is already a series; start a change from its page instead"]
    return []


def version_in_force_now(draft: StandardDraft) -> StandardVersion | None:
    """What the draft is compared with: the series' version in force today (None: new series)."""
    if draft.series_id is None:
        return None
    return StandardVersion.objects.filter(series_id=draft.series_id).in_effect().first()


def draft_is_stale(draft: StandardDraft) -> bool:
    """Another version of the series was stored since the draft started from its base."""
    if draft.base_version_id is None:
        return False
    newer = StandardVersion.objects.filter(
        series_id=draft.series_id, number__gt=draft.base_version.number
    )
    return newer.exists()


def draft_create(
    *,
    by,
    from_version: StandardVersion | None = None,
    document: dict | None = None,
    now: datetime.datetime | None = None,
    how: str = "",
) -> StandardDraft:
    """A new draft: a copy of `from_version`'s document, or `document` (blank or imported)."""
    now = now or timezone.now()
    if from_version is not None and document is None:
        document = copy.deepcopy(from_version.document)
    document = document or {}
    with transaction.atomic():
        draft = StandardDraft.objects.create(
            series=from_version.series if from_version is not None else None,
            base_version=from_version,
            title=str(document.get("title") or "")[:200],
            document=document,
            author=by,
            created_at=now,
            updated_at=now,
        )
        base = from_version.number if from_version is not None else None
        draft_audit(
            draft=draft, what="draft_created", actor=by, at=now, action=CREATE, base=base, how=how
        )
    return draft


def draft_document_save(
    *,
    draft: StandardDraft,
    document: dict,
    lock_version: int,
    by,
    now: datetime.datetime | None = None,
) -> StandardDraft:
    """Replace the draft's document (a whole, possibly still invalid, standard document).

    `lock_version` is the counter the editing page was rendered with: a save from a stale page
    raises DraftStale and changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        current = StandardDraft.objects.select_for_update().get(pk=draft.pk)
        if current.status not in EDITABLE:
            raise DraftNotEditable(current.get_status_display())
        updated = StandardDraft.objects.filter(pk=draft.pk, lock_version=lock_version).update(
            document=document,
            title=str(document.get("title") or "")[:200],
            updated_at=now,
            lock_version=lock_version + 1,
        )
        if not updated:
            raise DraftStale(
                "Another save reached this draft after you opened the page. "
                "Nothing was saved: reload the draft and make your change again."
            )
        draft_audit(draft=current, what="draft_saved", actor=by, at=now)
    draft.refresh_from_db()
    return draft


def _locked(draft: StandardDraft) -> StandardDraft:
    return (
        StandardDraft.objects.select_for_update(of=("self",))
        .select_related("series")
        .get(pk=draft.pk)
    )


def draft_submit(
    *,
    draft: StandardDraft,
    by,
    change_note: str,
    effective_date: datetime.date | None,
    now: datetime.datetime | None = None,
) -> StandardDraft:
    """Ask another analyst to review the draft; refused while it has problems or warnings."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(draft)
        if current.status not in EDITABLE:
            raise DraftNotEditable(current.get_status_display())
        if current.author_id != by.pk:
            raise DraftNotAllowed(_("Only the draft's author can send it for review."))
        check = draft_check(current, effective_date=effective_date)
        if not check.ready:
            raise DraftRefused(
                _("The draft was not sent for review: fix what is listed first."),
                problems=check.problems,
                warnings=check.warnings,
            )
        _refuse_unchanged(current, effective_date)
        before = current.status
        current.status = Status.SUBMITTED
        current.change_note = change_note
        current.effective_date = effective_date
        current.submitted_at = now
        current.updated_at = now
        current.save()
        changes = {"status": [before, current.status]}
        draft_audit(draft=current, what="draft_submitted", actor=by, at=now, changes=changes)
    return current


def draft_propose(
    *,
    base: StandardVersion,
    document: dict,
    by,
    change_note: str,
    effective_date: datetime.date | None,
    now: datetime.datetime | None = None,
) -> StandardDraft:
    """A change written in one piece (the "Edit as YAML" page): a draft of `base` sent for
    review at once. DraftRefused stores nothing (neither the draft nor its submission)."""
    now = now or timezone.now()
    with transaction.atomic():
        draft = draft_create(by=by, from_version=base, document=document, now=now, how="yaml_edit")
        return draft_submit(
            draft=draft, by=by, change_note=change_note, effective_date=effective_date, now=now
        )


def _refuse_unchanged(draft: StandardDraft, effective_date) -> None:
    """A change of an existing series must differ from its newest version."""
    if draft.series_id is None:
        return
    newest = draft.series.versions.order_by("-number").first()
    document = _with_date(draft.document, effective_date)
    if newest is not None and parse_standard(document).digest == newest.digest:
        raise DraftRefused(
            _("The draft is the same as version %(number)d: there is nothing to publish.")
            % {"number": newest.number}
        )


def _review_allowed(current: StandardDraft, by) -> None:
    if current.status != Status.SUBMITTED:
        raise DraftNotAllowed(
            _("The draft is not waiting for review (it is “%(status)s”).")
            % {"status": current.get_status_display()}
        )
    if current.author_id == by.pk:
        raise DraftNotAllowed(_("Another analyst must review a draft: you wrote this one."))
    if not by.has_perm("classification.approve_standarddraft"):
        raise DraftNotAllowed(_("Only HR analysts may review drafts."))


def draft_approve(
    *, draft: StandardDraft, by, now: datetime.datetime | None = None
) -> StandardVersion:
    """Another analyst approves: the draft is published as the series' next version."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(draft)
        _review_allowed(current, by)
        check = draft_check(current, effective_date=current.effective_date)
        if check.problems:  # e.g. a new series whose slug was taken meanwhile
            raise DraftRefused(_("The draft can no longer be published."), problems=check.problems)
        version = _publish(current, now)
        current.status = Status.PUBLISHED
        current.reviewed_by = by
        current.reviewed_at = now
        current.published_version = version
        current.series = version.series
        current.updated_at = now
        current.save()
        changes = {"status": [Status.SUBMITTED, Status.PUBLISHED]}
        draft_audit(draft=current, what="draft_approved", actor=by, at=now, changes=changes)
        draft_audit(
            draft=current,
            what="draft_published",
            actor=by,
            at=now,
            series=version.series.slug,
            version=version.number,
        )
    return version


def _publish(draft: StandardDraft, now: datetime.datetime) -> StandardVersion:
    """The existing write path: a new version of the series, or a new series' first version."""
    if draft.series_id is not None:
        try:
            return standard_version_edit(
                series=draft.series,
                document=draft.document,
                effective_date=draft.effective_date,
                change_note=draft.change_note,
                created_by=draft.author,
                created_at=now,
            )
        except StandardUnchanged as exc:
            raise DraftRefused(
                _("The draft is the same as the newest version: there is nothing to publish.")
            ) from exc
    standard = parse_standard(_with_date(draft.document, draft.effective_date), source="")
    outcome = series_load(
        standard=standard, created_at=now, created_by=draft.author, change_note=draft.change_note
    )
    return outcome.version


def draft_send_back(
    *, draft: StandardDraft, by, comment: str, now: datetime.datetime | None = None
) -> StandardDraft:
    """Another analyst returns the draft to its author with a comment (required)."""
    now = now or timezone.now()
    comment = comment.strip()
    if not comment:
        raise DraftRefused(_("Say what should change: a comment is required to send it back."))
    with transaction.atomic():
        current = _locked(draft)
        _review_allowed(current, by)
        current.status = Status.RETURNED
        current.reviewed_by = by
        current.reviewed_at = now
        current.review_comment = comment
        current.updated_at = now
        current.save()
        changes = {"status": [Status.SUBMITTED, Status.RETURNED]}
        draft_audit(draft=current, what="draft_returned", actor=by, at=now, changes=changes)
    return current


def draft_withdraw(
    *, draft: StandardDraft, by, now: datetime.datetime | None = None
) -> StandardDraft:
    """The author gives the draft up (while it is not published); it stays readable."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _locked(draft)
        if current.author_id != by.pk:
            raise DraftNotAllowed(_("Only the draft's author can withdraw it."))
        if current.status not in OPEN:
            raise DraftNotAllowed(
                _("The draft is “%(status)s”: it can no longer be withdrawn.")
                % {"status": current.get_status_display()}
            )
        before = current.status
        current.status = Status.WITHDRAWN
        current.updated_at = now
        current.save()
        changes = {"status": [before, Status.WITHDRAWN]}
        draft_audit(draft=current, what="draft_withdrawn", actor=by, at=now, changes=changes)
    return current
