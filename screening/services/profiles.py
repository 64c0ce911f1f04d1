"""Saved profiles: their document, and the one write path that stores and screens them.

A profile renders to screening-profile/1: verified entries say `"verified": true`, rejected
entries are left out (a rejected credential is not part of what the applicant is screened on),
unverified entries are sent without the flag (the format's default is false). Whatever changes
a profile (the self-check saved, an officer's import, an officer's decision) goes through
`profiles_screen`: the document re-rendered, a determination kept, changed outcomes written,
the audit trail recorded, for one profile or thousands alike.
"""

import datetime
import json

from django.db import transaction
from django.utils import timezone

from classification.models import Series
from screening import audit, signals
from screening.bulk_sql import db_datetime, rows_update
from screening.models import ENTRY_MODELS, ApplicantProfile, Determination, Verification
from screening.services.determinations import (
    determination_audit,
    determination_build,
    determinations_link_versions,
)
from screening.services.outcomes import (
    changes_between,
    outcomes_apply,
    series_lock_shared,
    standings_read,
)
from screening.services.screening import profile_validate

PROFILE_FORMAT = "screening-profile/1"


def profile_document_head(*, profile: ApplicantProfile) -> dict:
    """The document's format, date and applicant, before any entry."""
    document: dict = {"format": PROFILE_FORMAT}
    if profile.as_of:
        document["as_of"] = profile.as_of.isoformat()
    applicant = {
        key: value
        for key, value in (
            ("name", profile.name),
            ("email", profile.email),
            ("external_id", profile.external_id),
        )
        if value
    }
    if applicant:
        document["applicant"] = applicant
    return document


def profile_entries_of(*, profile: ApplicantProfile) -> list:
    return [
        entry
        for model in ENTRY_MODELS.values()
        for entry in model.objects.filter(profile=profile).order_by("order", "pk")
    ]


def profile_document(*, profile: ApplicantProfile, entries: list | None = None) -> dict:
    """The profile as screening-profile/1 (rejected entries left out)."""
    if entries is None:
        entries = profile_entries_of(profile=profile)
    document = profile_document_head(profile=profile)
    for key in ENTRY_MODELS:
        items = [
            entry.to_document()
            for entry in entries
            if entry.kind == key and entry.verification != Verification.REJECTED
        ]
        if items:
            document[key] = items
    if profile.keyboarding_wpm is not None:
        document["assessments"] = {"keyboarding_wpm": profile.keyboarding_wpm}
    return document


def profile_entries_build(
    *, profile: ApplicantProfile, document: dict, verified_by=None, at=None
) -> list:
    """Unsaved entries of `profile` from a (valid) document.

    `"verified": true` in the document is kept only when `verified_by` is given (an officer's
    import vouches for it); an applicant's own document cannot verify itself.
    """
    entries = []
    for key, model in ENTRY_MODELS.items():
        for order, item in enumerate(document.get(key) or []):
            entry = model(profile=profile, order=order, **model.fields_from_document(item))
            if item.get("verified") and verified_by is not None:
                entry.verification = Verification.VERIFIED
                entry.verified_by = verified_by
                entry.verified_at = at
                entry.document_reference = "import"
                entry.verification_note = "Marked verified in the imported file"
            entries.append(entry)
    return entries


def profile_build(*, document: dict, user, at: datetime.datetime) -> ApplicantProfile:
    applicant = document.get("applicant") or {}
    as_of = document.get("as_of")
    return ApplicantProfile(
        user=user,
        name=applicant.get("name") or "",
        email=applicant.get("email") or "",
        external_id=applicant.get("external_id") or "",
        as_of=datetime.date.fromisoformat(as_of) if as_of else None,
        keyboarding_wpm=(document.get("assessments") or {}).get("keyboarding_wpm"),
        created_at=at,
        updated_at=at,
    )


def profile_audit_build(profile, entries, *, actor, at, what: str = "profile saved") -> dict:
    counts = {key: sum(1 for e in entries if e.kind == key) for key in ENTRY_MODELS}
    verified = sum(1 for e in entries if e.verification == Verification.VERIFIED)
    return {
        "instance": profile,
        "action": audit.CREATE,
        "actor": actor,
        "changes": {
            **{f"{key} entries": [None, count] for key, count in counts.items()},
            "verified entries": [None, verified],
        },
        "at": at,
        "profile_id": str(profile.public_id),
        "what": what,
    }


def profiles_create(
    *,
    documents: list[dict],
    user=None,
    by=None,
    reason: str = Determination.Reason.SAVED,
    verified_by=None,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> list[ApplicantProfile]:
    """Store new profiles from valid screening-profile/1 documents and screen them (bulk).

    `user` owns them (an applicant's own save); `verified_by` vouches for entries marked
    verified (an officer's import). All or nothing.
    """
    now = now or timezone.now()
    actor = by or user
    what = "profile imported" if reason == Determination.Reason.IMPORTED else "profile saved"
    with transaction.atomic():
        profiles = ApplicantProfile.objects.bulk_create(
            [profile_build(document=document, user=user, at=now) for document in documents],
            batch_size=500,
        )
        _ids_ensure(profiles, at=now)
        entries_of = {}
        records = []
        for document, profile in zip(documents, profiles, strict=True):
            built = profile_entries_build(
                profile=profile, document=document, verified_by=verified_by, at=now
            )
            entries_of[profile.pk] = built
            records.append(
                audit.audit_entry_build(
                    **profile_audit_build(profile, built, actor=actor, at=now, what=what)
                )
            )
        for model in ENTRY_MODELS.values():
            model.objects.bulk_create(
                [e for built in entries_of.values() for e in built if isinstance(e, model)],
                batch_size=1000,
            )
        audit.audit_records_bulk(records)
        signals.profiles_created.send(sender=ApplicantProfile, profiles=profiles, at=now)
        profiles_screen(
            profiles=profiles, entries_of=entries_of, reason=reason, by=actor, now=now, today=today
        )
    return profiles


def _ids_ensure(profiles: list[ApplicantProfile], *, at) -> None:
    """Primary keys for bulk-created profiles on a backend without RETURNING."""
    if all(profile.pk is not None for profile in profiles):
        return
    ids = dict(ApplicantProfile.objects.filter(created_at=at).values_list("public_id", "pk"))
    for profile in profiles:
        profile.pk = ids[profile.public_id]


def profile_create(
    *,
    document: dict,
    user=None,
    by=None,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> ApplicantProfile:
    """Save an applicant's profile from a screening-profile/1 document and screen it."""
    profile_validate(document=document)
    [profile] = profiles_create(documents=[document], user=user, by=by, now=now, today=today)
    return profile


def profiles_screen(
    *,
    profiles: list[ApplicantProfile],
    reason: str,
    by=None,
    entries_of: dict | None = None,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> list[Determination]:
    """Screen profiles as they now stand: the one write path of a profile's screening.

    Each profile's document is rendered again (its revision bumped), screened against the
    standards in force, kept as an immutable determination; changed outcomes are written and
    everything is audited, in one transaction.
    """
    now = now or timezone.now()
    entries_of = entries_of or {}
    screeners: dict = {}
    with transaction.atomic():
        series_lock_shared(series_ids=Series.objects.values_list("pk", flat=True))
        determinations, computed = [], {}
        for profile in profiles:
            document = profile_document(profile=profile, entries=entries_of.get(profile.pk))
            determination = determination_build(
                profile=profile,
                by=by,
                reason=reason,
                now=now,
                today=today,
                screeners=screeners,
                document=document,
            )
            determinations.append(determination)
            profile.document, profile.document_sha256 = document, determination.profile_sha256
            profile.revision += 1
            profile.updated_at = now
            computed[profile.pk] = {
                item["level"]: (item["outcome"], bool(item.get("verified")))
                for item in determination.result["results"]
            }
        Determination.objects.bulk_create(determinations, batch_size=500)
        determinations_link_versions(determinations)
        before = standings_read(profile_ids=computed)
        changes = [
            change
            for profile_id, after in computed.items()
            for change in changes_between(
                profile_id=profile_id, before=before.get(profile_id, {}), after=after
            )
        ]
        by_profile = {d.profile_id: d for d in determinations}
        outcomes_apply(changes=changes, at=now, determinations=by_profile)
        for profile, determination in zip(profiles, determinations, strict=True):
            profile.current_determination = determination
        rows_update(
            ApplicantProfile._meta.db_table,
            "id",
            ("document", "document_sha256", "revision", "updated_at", "current_determination_id"),
            [
                (
                    p.pk,
                    json.dumps(p.document),
                    p.document_sha256,
                    p.revision,
                    db_datetime(now),
                    p.current_determination.pk,
                )
                for p in profiles
            ],
        )
        audit.audit_records_bulk(
            [
                determination_audit(determination=d, before=before.get(d.profile_id, {}), actor=by)
                for d in determinations
            ]
        )
    return determinations
