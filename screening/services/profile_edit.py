"""An applicant changing a saved profile: new entries and answers, a new determination.

Entries a placement officer verified or rejected are the officer's record: the applicant
cannot change or remove them (only add new ones). Unchanged entries are kept as they are (an
officer may be looking at them); changed ones are replaced. Everything then goes through
`profiles_screen`, the one write path of a profile's screening.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from screening import audit
from screening.models import ENTRY_MODELS, ApplicantProfile, Determination, Verification
from screening.services.profiles import (
    profile_document_head,
    profile_entries_build,
    profile_entries_of,
    profiles_screen,
)
from screening.services.screening import profile_validate


class ProfileStale(Exception):
    """The profile changed since the applicant opened it: nothing was changed."""


def profile_editable_document(*, profile: ApplicantProfile, entries: list | None = None) -> dict:
    """What the applicant may change: the profile's answers and its unverified entries."""
    entries = profile_entries_of(profile=profile) if entries is None else entries
    document = profile_document_head(profile=profile)
    for key in ENTRY_MODELS:
        items = [
            e.to_document()
            for e in entries
            if e.kind == key and e.verification == Verification.UNVERIFIED
        ]
        if items:
            document[key] = items
    if profile.keyboarding_wpm is not None:
        document["assessments"] = {"keyboarding_wpm": profile.keyboarding_wpm}
    return document


def profile_entries_change(
    *,
    profile: ApplicantProfile,
    document: dict,
    revision: int,
    by,
    entry_ids: dict | None = None,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> Determination:
    """Make the profile's unverified entries and answers those of `document` (the applicant's
    own: any "verified" flag is ignored), keep the decided entries, screen again.
    `entry_ids` ({kind: [entry id or None per item]}) names the saved entry each item changes.

    `revision` is the profile's revision the page was rendered with: `ProfileStale` if it
    changed since (another tab, an officer's decision); ScreeningRefused if the whole profile
    would be invalid. All or nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        profile = ApplicantProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.revision != revision:
            raise ProfileStale(
                gettext(
                    "This profile changed since you opened it (in another tab or window, or "
                    "a placement officer checked an entry). Nothing was saved: here it is as "
                    "it is now; make your changes again."
                )
            )
        entries = profile_entries_of(profile=profile)
        decided = [e for e in entries if e.verification != Verification.UNVERIFIED]
        _whole_validate(profile, decided, document)
        changes = _entries_replace(profile, entries, document, entry_ids or {})
        changes.update(_answers_set(profile, document, now))
        audit.audit_record(
            instance=profile,
            action=audit.UPDATE,
            actor=by,
            changes=changes,
            at=now,
            profile_id=str(profile.public_id),
            what="profile changed by the applicant",
        )
        [determination] = profiles_screen(
            profiles=[profile], reason=Determination.Reason.EDITED, by=by, now=now, today=today
        )
    return determination


def _whole_validate(profile, decided: list, document: dict) -> None:
    """The profile as it would be screened (decided entries and the new ones) must be valid."""
    whole = dict(document)
    for key in ENTRY_MODELS:
        kept = [
            e.to_document()
            for e in decided
            if e.kind == key and e.verification == Verification.VERIFIED
        ]
        if kept or document.get(key):
            whole[key] = kept + list(document.get(key) or [])
    profile_validate(document=whole)


def _entries_replace(profile, entries: list, document: dict, entry_ids: dict) -> dict:
    """The applicant's entries made those of the document: an item naming one of them (by
    `entry_ids`) changes it in place (its documents and trail stay with it), an unnamed item
    equal to one keeps it, others are added; the rest are removed. {what: [before, after]}."""
    built = profile_entries_build(profile=profile, document=document)
    changes = {}
    for key, model in ENTRY_MODELS.items():
        mine = {
            e.pk: e for e in entries if e.kind == key and e.verification == Verification.UNVERIFIED
        }
        wanted = [e for e in built if e.kind == key]
        ids = list(entry_ids.get(key) or []) + [None] * len(wanted)
        order = max((e.order for e in entries if e.kind == key), default=-1) + 1
        added, changed = [], []
        for entry, entry_id in zip(wanted, ids, strict=False):
            same = mine.pop(entry_id, None) or _equal(mine, entry)
            if same is None:
                entry.order, order = order, order + 1
                added.append(entry)
            elif same.to_document() != entry.to_document():
                _copy_into(model, same, entry)
                changed.append(same)
        model.objects.filter(pk__in=list(mine)).delete()
        model.objects.bulk_create(added)
        for count, what in (
            (len(mine), "removed"),
            (len(added), "added"),
            (len(changed), "changed"),
        ):
            if count:
                changes[f"{key} entries {what}"] = [None, count]
    return changes


def _equal(mine: dict, entry):
    """An unnamed item that is one of the applicant's entries as it stands keeps that entry."""
    found = next((pk for pk, m in mine.items() if m.to_document() == entry.to_document()), None)
    return mine.pop(found) if found is not None else None


def _copy_into(model, saved, entry) -> None:
    """Change a saved entry in place; its lock version moves, so an officer's open page on it
    is told it changed."""
    fields = model.fields_from_document(entry.to_document())
    for name, value in fields.items():
        setattr(saved, name, value)
    saved.lock_version += 1
    saved.save(update_fields=[*fields, "lock_version"])


def _answers_set(profile, document: dict, now) -> dict:
    as_of = document.get("as_of")
    after = {
        "as_of": datetime.date.fromisoformat(as_of) if as_of else None,
        "keyboarding_wpm": (document.get("assessments") or {}).get("keyboarding_wpm"),
    }
    changes = {}
    for field, value in after.items():
        before = getattr(profile, field)
        if before != value:
            changes[field] = [_shown(before), _shown(value)]
            setattr(profile, field, value)
    profile.updated_at = now
    profile.save(update_fields=[*after, "updated_at"])
    return changes


def _shown(value) -> str | None:
    return None if value is None else str(value)
