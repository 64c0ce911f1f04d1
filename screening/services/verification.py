"""Placement officers' decisions on entries: verified or rejected against a document.

Every decision goes through `_decision_write` (one entry) whether an officer acts on one entry
or on many at once (`entries_decide`): a guarded update, a row of history (`EntryDecision`)
and an audit record each; the profiles are screened again once, after all their entries.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from screening import audit
from screening.models import (
    ENTRY_MODELS,
    ApplicantProfile,
    Determination,
    EntryDecision,
    Verification,
)
from screening.services.profiles import profiles_screen

_AUDITED_FIELDS = ("verification", "document_reference", "verification_note")


STALE = (
    "Another officer changed this entry after you opened the page. "
    "Nothing was changed: review the entry as it is now and act again."
)


class EntryStale(Exception):
    """The entry changed since the form was shown: nothing was changed."""


class DecisionNeedsReason(Exception):
    """Changing an earlier verification or rejection needs a reason: nothing was changed."""


@dataclass(frozen=True)
class EntryChoice:
    """One entry an officer decides on, with the counter the page showed it with."""

    kind: str
    entry_id: int
    lock_version: int


def decision_is_unchanged(entry, *, decision: str, document_reference: str, note: str) -> bool:
    """The entry already says exactly this: deciding again changes nothing."""
    return (entry.verification, entry.document_reference, entry.verification_note) == (
        decision,
        document_reference,
        note,
    )


def decision_needs_reason(entry, *, decision: str, document_reference: str, note: str) -> bool:
    """An earlier decision would change: the officer must confirm and say why."""
    return entry.verification != Verification.UNVERIFIED and not decision_is_unchanged(
        entry, decision=decision, document_reference=document_reference, note=note
    )


def _decision_write(
    *, profile, entry, lock_version, decision, document_reference, note, reason, by, now
):
    """Apply one decision to a locked entry; (history row, audit record), or None if no-op."""
    if entry.lock_version != lock_version:
        raise EntryStale(STALE)
    if decision_is_unchanged(
        entry, decision=decision, document_reference=document_reference, note=note
    ):
        return None
    if entry.verification != Verification.UNVERIFIED and not reason.strip():
        raise DecisionNeedsReason(
            "This entry was already decided. Say why the earlier decision changes; nothing was "
            "changed."
        )
    before = {field: getattr(entry, field) for field in _AUDITED_FIELDS}
    updated = (
        type(entry)
        .objects.filter(pk=entry.pk, lock_version=lock_version)
        .update(
            verification=decision,
            verified_by=by,
            verified_at=now,
            document_reference=document_reference,
            verification_note=note,
            lock_version=lock_version + 1,
        )
    )
    if not updated:
        raise EntryStale(STALE)
    after = {"verification": decision, "document_reference": document_reference}
    after["verification_note"] = note
    changes = {f: [before[f], after[f]] for f in _AUDITED_FIELDS if before[f] != after[f]}
    if reason:
        changes["reason"] = ["", reason]
    history = EntryDecision(
        profile=profile,
        entry_kind=entry.kind,
        entry_id=entry.pk,
        decision=decision,
        document_reference=document_reference,
        note=note,
        reason=reason,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=now,
    )
    record = audit.audit_entry_build(
        instance=entry,
        action=audit.UPDATE,
        actor=by,
        changes=changes,
        at=now,
        profile_id=str(profile.public_id),
        what=f"{entry.kind.replace('_', ' ')} entry {decision}",
    )
    return history, record


def _written_keep(written: list) -> None:
    EntryDecision.objects.bulk_create([history for history, _ in written])
    audit.audit_records_bulk([record for _, record in written])


def entry_decide(
    *,
    profile: ApplicantProfile,
    kind: str,
    entry_id: int,
    lock_version: int,
    decision: str,
    document_reference: str,
    note: str,
    by,
    reason: str = "",
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> Determination | None:
    """Verify or reject one entry against a document, then screen the profile again.

    `lock_version` is the counter the officer's form was rendered with: if another officer
    acted on the entry since, `EntryStale` is raised and nothing changes. Changing an entry
    already verified or rejected needs a `reason` (`DecisionNeedsReason`); deciding again
    exactly what the entry says changes nothing and returns None.
    """
    if decision not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValueError(f"unknown decision {decision!r}")
    model = ENTRY_MODELS[kind]
    now = now or timezone.now()
    with transaction.atomic():
        profile = ApplicantProfile.objects.select_for_update().get(pk=profile.pk)
        entry = model.objects.select_for_update().get(pk=entry_id, profile=profile)
        written = _decision_write(
            profile=profile,
            entry=entry,
            lock_version=lock_version,
            decision=decision,
            document_reference=document_reference,
            note=note,
            reason=reason,
            by=by,
            now=now,
        )
        if written is None:
            return None
        _written_keep([written])
        return profile_rescreen(
            profile=profile, by=by, reason=Determination.Reason.VERIFICATION, now=now, today=today
        )


def entries_decide(
    *,
    choices: list[EntryChoice],
    decision: str,
    document_reference: str,
    note: str,
    by,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> int:
    """One decision on many entries (of many applicants) against one document, all or
    nothing: each entry as `entry_decide` would, each profile screened again once.

    Entries already decided otherwise are refused (`DecisionNeedsReason`: change those one
    at a time, with a reason); entries that already say this are left alone. The number of
    entries changed is returned.
    """
    if decision not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValueError(f"unknown decision {decision!r}")
    now = now or timezone.now()
    with transaction.atomic():
        entries = _entries_locked(choices)
        profile_ids = sorted({entry.profile_id for entry in entries.values()})
        profiles = {
            p.pk: p for p in ApplicantProfile.objects.select_for_update().filter(pk__in=profile_ids)
        }
        written = []
        for choice in choices:
            entry = entries[(choice.kind, choice.entry_id)]
            result = _decision_write(
                profile=profiles[entry.profile_id],
                entry=entry,
                lock_version=choice.lock_version,
                decision=decision,
                document_reference=document_reference,
                note=note,
                reason="",
                by=by,
                now=now,
            )
            if result is not None:
                written.append(result)
        _written_keep(written)
        changed = sorted({history.profile_id for history, _ in written})
        if changed:
            profiles_screen(
                profiles=[profiles[pk] for pk in changed],
                reason=Determination.Reason.VERIFICATION,
                by=by,
                now=now,
                today=today,
            )
    return len(written)


def _entries_locked(choices: list[EntryChoice]) -> dict:
    """The chosen entries, locked, by (kind, id); a missing one raises DoesNotExist."""
    found = {}
    for kind, model in ENTRY_MODELS.items():
        ids = [choice.entry_id for choice in choices if choice.kind == kind]
        if ids:
            for entry in model.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
                found[(kind, entry.pk)] = entry
    for choice in choices:
        if (choice.kind, choice.entry_id) not in found:
            raise ENTRY_MODELS[choice.kind].DoesNotExist(f"no {choice.kind} entry")
    return found


def profile_rescreen(
    *,
    profile: ApplicantProfile,
    reason: str = Determination.Reason.RESCREEN,
    by=None,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> Determination:
    """Screen one saved profile again as it stands (an officer's request, or after a change)."""
    [determination] = profiles_screen(
        profiles=[profile], reason=reason, by=by, now=now, today=today
    )
    return determination
