"""Placement officers' decisions on entries: verified or rejected against a document."""

import datetime

from django.db import transaction
from django.utils import timezone

from screening import audit
from screening.models import ENTRY_MODELS, ApplicantProfile, Determination, Verification
from screening.services.profiles import profiles_screen

_AUDITED_FIELDS = ("verification", "document_reference", "verification_note")


class EntryStale(Exception):
    """The entry changed since the form was shown: nothing was changed."""


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
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> Determination:
    """Verify or reject one entry against a document, then screen the profile again.

    `lock_version` is the counter the officer's form was rendered with: if another officer
    acted on the entry since, `EntryStale` is raised and nothing changes.
    """
    if decision not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValueError(f"unknown decision {decision!r}")
    model = ENTRY_MODELS[kind]
    now = now or timezone.now()
    with transaction.atomic():
        profile = ApplicantProfile.objects.select_for_update().get(pk=profile.pk)
        entry = model.objects.select_for_update().get(pk=entry_id, profile=profile)
        before = {field: getattr(entry, field) for field in _AUDITED_FIELDS}
        updated = model.objects.filter(pk=entry.pk, lock_version=lock_version).update(
            verification=decision,
            verified_by=by,
            verified_at=now,
            document_reference=document_reference,
            verification_note=note,
            lock_version=lock_version + 1,
        )
        if not updated:
            raise EntryStale(
                "Another officer changed this entry after you opened the page. "
                "Nothing was changed: review the entry as it is now and act again."
            )
        entry.refresh_from_db()
        after = {field: getattr(entry, field) for field in _AUDITED_FIELDS}
        audit.audit_record(
            instance=entry,
            action=audit.UPDATE,
            actor=by,
            changes={f: [before[f], after[f]] for f in _AUDITED_FIELDS if before[f] != after[f]},
            at=now,
            profile_id=str(profile.public_id),
            what=f"{entry.kind.replace('_', ' ')} entry {decision}",
        )
        return profile_rescreen(
            profile=profile, by=by, reason=Determination.Reason.VERIFICATION, now=now, today=today
        )


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
