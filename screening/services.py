"""Screening: validate a screening-profile/1 document, screen it against the standards in force."""

import dataclasses
import datetime
import hashlib
import json

from django.db import transaction
from django.utils import timezone

from classification.models import Level, StandardVersion
from screening import audit
from screening.engine import (
    ProfileInvalid,
    parse_profile,
    screen_profile,
    screen_profile_json,
    validate_profile,
)
from screening.models import (
    ENTRY_MODELS,
    ApplicantProfile,
    Determination,
    EducationEntry,
    ExperienceEntry,
    LevelOutcome,
    Verification,
)
from screening.selectors import screener_in_effect

# The largest profile accepted (the API, the self-check upload): far above any real one
# (a full profile of 50 + 100 + 50 entries is under 100 kB), far below a memory problem.
PROFILE_MAX_BYTES = 1_000_000


class ScreeningRefused(Exception):
    """The profile (or the request) breaks the contract; `errors` lists every problem by path."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


def profile_read(stream) -> bytes:
    """A profile's raw bytes from a file-like object, refused (naming the limit) past
    PROFILE_MAX_BYTES without reading the rest."""
    raw = stream.read(PROFILE_MAX_BYTES + 1)
    if len(raw) > PROFILE_MAX_BYTES:
        message = f"the profile is larger than {PROFILE_MAX_BYTES:,} bytes"
        raise ScreeningRefused([{"path": "$", "message": message}])
    return raw


def known_level_ids() -> set[str]:
    """Every level id of the newest version of each series."""
    levels = Level.objects.filter(
        version__in=StandardVersion.objects.latest_per_series()
    ).values_list("version__series__slug", "slug")
    return {f"{series}/{slug}" for series, slug in levels}


def levels_check(levels: list[str] | None) -> None:
    """Refuse level ids that name no level, before any profile is read."""
    if not levels:
        return
    unknown = sorted(set(levels) - known_level_ids())
    if unknown:
        raise ScreeningRefused(
            [{"path": "levels", "message": f"no such level: {level}"} for level in unknown]
        )


def screening_run(
    *,
    raw: bytes | str | None = None,
    document: dict | None = None,
    levels: list[str] | None = None,
    as_of: datetime.date | None = None,
    today: datetime.date | None = None,
    screeners: dict | None = None,
) -> dict:
    """Screen one profile (raw JSON text, or an already decoded document); nothing is stored.

    `as_of` overrides the profile's own date; without either, the screening speaks for `today`
    (default: today in the portal's time zone). `screeners` memoises the compiled standards by
    date for a caller screening many profiles.
    """
    profile, screener, at = _prepared(raw, document, as_of, today, screeners)
    try:
        return screen_profile(profile, screener, levels=levels, default_as_of=at)
    except ValueError as error:  # a requested level is not in force on that date
        raise ScreeningRefused([{"path": "levels", "message": str(error)}]) from error


def screening_run_jsonl(
    *,
    raw: bytes | str,
    levels: list[str] | None = None,
    as_of: datetime.date | None = None,
    screeners: dict | None = None,
) -> str:
    """`screening_run` as one compact line of JSON, byte for byte; the bulk path of `screen`."""
    profile, screener, at = _prepared(raw, None, as_of, None, screeners)
    try:
        return screen_profile_json(profile, screener, levels=levels, default_as_of=at, compact=True)
    except ValueError as error:
        raise ScreeningRefused([{"path": "levels", "message": str(error)}]) from error


def _prepared(raw, document, as_of, today, screeners):
    """The validated profile, the screener of the standards in force, and the date."""
    try:
        profile = parse_profile(raw) if document is None else validate_profile(document)
    except ProfileInvalid as invalid:
        raise ScreeningRefused(invalid.errors) from invalid
    if as_of is not None:
        profile = dataclasses.replace(profile, as_of=as_of)
    at = profile.as_of or today or timezone.localdate()
    return profile, _screener(at, screeners), at


def _screener(at: datetime.date, screeners: dict | None):
    if screeners is None:
        return screener_in_effect(at=at)
    if at not in screeners:
        screeners[at] = screener_in_effect(at=at)
    return screeners[at]


# --- Saved profiles -------------------------------------------------------------------------
# A profile renders to screening-profile/1: verified entries say `"verified": true`, rejected
# entries are left out (a rejected credential is not part of what the applicant is screened on),
# unverified entries are sent without the flag (the format's default is false).

PROFILE_FORMAT = "screening-profile/1"


class EntryStale(Exception):
    """The entry changed since the form was shown: nothing was changed."""


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


def profile_document(*, profile: ApplicantProfile, entries: list | None = None) -> dict:
    """The profile as screening-profile/1 (rejected entries left out)."""
    if entries is None:
        entries = [
            entry
            for model in ENTRY_MODELS.values()
            for entry in model.objects.filter(profile=profile).order_by("order", "pk")
        ]
    document = profile_document_head(profile=profile)
    for key in ENTRY_MODELS:
        items = [
            entry_document(entry)
            for entry in entries
            if entry.kind == key and entry.verification != Verification.REJECTED
        ]
        if items:
            document[key] = items
    if profile.keyboarding_wpm is not None:
        document["assessments"] = {"keyboarding_wpm": profile.keyboarding_wpm}
    return document


def _number(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def entry_document(entry) -> dict:
    """One entry as the profile format writes it (empty optional fields left out)."""
    if isinstance(entry, EducationEntry):
        item = {
            "credential": entry.credential,
            "semester_hours": _number(entry.semester_hours),
            "quarter_hours": _number(entry.quarter_hours),
            "field": entry.field,
            "cip": entry.cip,
            "institution": entry.institution,
            "country": entry.country if entry.country != "US" else None,
            "completed": entry.completed,
        }
    elif isinstance(entry, ExperienceEntry):
        item = {
            "title": entry.title,
            "employer": entry.employer,
            "employer_type": entry.employer_type,
            "government_level": entry.government_level,
            "occupation": entry.occupation,
            "start": entry.start,
            "end": entry.end,
            "hours_per_week": _number(entry.hours_per_week),
            "paid": None if entry.paid else False,
            "settings": list(entry.settings),
            "duties": list(entry.duties),
            "disciplines_scheduled": entry.disciplines_scheduled or None,
        }
    else:
        item = {
            "title": entry.title,
            "class_code": entry.class_code,
            "parenthetic": entry.parenthetic,
            "status": entry.status,
            "jurisdiction": entry.jurisdiction if entry.jurisdiction != "competitive" else None,
            "start": entry.start,
            "end": entry.end,
        }
    item = {key: value for key, value in item.items() if value not in (None, "", [])}
    if entry.verification == Verification.VERIFIED:
        item["verified"] = True
    return item


def profile_validate(*, document: dict | None = None, raw: bytes | None = None) -> None:
    """Refuse a document (decoded, or its raw JSON) that breaks the contract, every problem
    by path."""
    try:
        validate_profile(document) if raw is None else parse_profile(raw)
    except ProfileInvalid as invalid:
        raise ScreeningRefused(invalid.errors) from invalid


def profile_sha256(document: dict) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
            entry = model(profile=profile, order=order, **_entry_fields(key, item))
            if item.get("verified") and verified_by is not None:
                entry.verification = Verification.VERIFIED
                entry.verified_by = verified_by
                entry.verified_at = at
                entry.document_reference = "import"
                entry.verification_note = "Marked verified in the imported file"
            entries.append(entry)
    return entries


def _entry_fields(key: str, item: dict) -> dict:
    if key == "education":
        return {
            "credential": item["credential"],
            "semester_hours": item.get("semester_hours"),
            "quarter_hours": item.get("quarter_hours"),
            "field": item.get("field") or "",
            "cip": item.get("cip") or "",
            "institution": item.get("institution") or "",
            "country": item.get("country") or "US",
            "completed": item.get("completed") or "",
        }
    if key == "experience":
        return {
            "title": item["title"],
            "employer": item.get("employer") or "",
            "employer_type": item["employer_type"],
            "government_level": item.get("government_level") or "",
            "occupation": item.get("occupation") or "",
            "start": item["start"],
            "end": item.get("end") or "",
            "hours_per_week": item.get("hours_per_week"),
            "paid": item.get("paid", True),
            "settings": list(item.get("settings") or []),
            "duties": list(item.get("duties") or []),
            "disciplines_scheduled": item.get("disciplines_scheduled") or 0,
        }
    return {
        "title": item.get("title") or "",
        "class_code": item["class_code"],
        "parenthetic": item.get("parenthetic"),
        "status": item["status"],
        "jurisdiction": item.get("jurisdiction") or "competitive",
        "start": item["start"],
        "end": item.get("end") or "",
    }


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


def _entries_save(entries: list) -> None:
    for model in ENTRY_MODELS.values():
        model.objects.bulk_create([entry for entry in entries if isinstance(entry, model)])


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
    now = now or timezone.now()
    with transaction.atomic():
        profile = profile_build(document=document, user=user, at=now)
        profile.save()
        entries = profile_entries_build(profile=profile, document=document)
        _entries_save(entries)
        audit.audit_record(**profile_audit_build(profile, entries, actor=by or user, at=now))
        determination_create(
            profile=profile, by=by or user, reason=Determination.Reason.SAVED, now=now, today=today
        )
    return profile


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


# --- Determinations -------------------------------------------------------------------------


def determination_build(
    *,
    profile: ApplicantProfile,
    by=None,
    reason: str,
    now: datetime.datetime,
    today: datetime.date | None = None,
    screeners: dict | None = None,
    document: dict | None = None,
) -> tuple[Determination, list[LevelOutcome]]:
    """Screen the profile as it stands; the determination and its outcomes, unsaved."""
    document = document if document is not None else profile_document(profile=profile)
    result = screening_run(document=document, today=today, screeners=screeners)
    determination = Determination(
        profile=profile,
        created_at=now,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        as_of=datetime.date.fromisoformat(result["as_of"]),
        profile_document=document,
        profile_sha256=profile_sha256(document),
        result=result,
        standard_labels=result.get("standards") or {},
    )
    outcomes = [
        LevelOutcome(
            determination=determination,
            level=item["level"],
            title=item.get("title") or "",
            outcome=item["outcome"],
            verified=bool(item.get("verified")),
            routes={route["route"]: route["outcome"] for route in item.get("routes") or []},
        )
        for item in result["results"]
    ]
    return determination, outcomes


def standard_versions_of(labels: dict) -> list[StandardVersion]:
    wanted = set(labels.items())
    candidates = StandardVersion.objects.filter(series__slug__in=labels).select_related("series")
    return [v for v in candidates if (v.series.slug, v.label) in wanted]


def outcome_summary(determination: Determination | None) -> dict[str, str]:
    """{level: "qualified (verified)" | "qualified" | "review" | "not_qualified"}."""
    if determination is None:
        return {}
    return {
        item["level"]: item["outcome"]
        + (" (verified)" if item["outcome"] == "qualified" and item.get("verified") else "")
        for item in determination.result.get("results", [])
    }


def determination_audit(
    *, determination: Determination, previous: Determination | None, actor
) -> audit.LogEntry:
    before, after = outcome_summary(previous), outcome_summary(determination)
    changes = {
        level: [before.get(level), outcome]
        for level, outcome in after.items()
        if before.get(level) != outcome
    }
    changes["standards"] = [
        previous.standard_labels if previous else None,
        determination.standard_labels,
    ]
    return audit.audit_entry_build(
        instance=determination,
        action=audit.CREATE,
        actor=actor,
        changes=changes,
        at=determination.created_at,
        profile_id=str(determination.profile.public_id),
        what=f"determination: {determination.get_reason_display().lower()}",
    )


def determination_create(
    *,
    profile: ApplicantProfile,
    by=None,
    reason: str,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
    screeners: dict | None = None,
) -> Determination:
    """Screen the profile and keep the outcome; earlier determinations stay as they were."""
    now = now or timezone.now()
    determination, outcomes = determination_build(
        profile=profile, by=by, reason=reason, now=now, today=today, screeners=screeners
    )
    return _determination_save(determination, outcomes, previous=profile.current_determination)


def _determination_save(determination, outcomes, *, previous) -> Determination:
    profile = determination.profile
    with transaction.atomic():
        determination.save()
        determination.standard_versions.set(standard_versions_of(determination.standard_labels))
        LevelOutcome.objects.bulk_create(outcomes)
        actor = determination.created_by
        determination_audit(determination=determination, previous=previous, actor=actor).save()
        profile.current_determination = determination
        profile.updated_at = determination.created_at
        profile.save(update_fields=["current_determination", "updated_at"])
    return determination


# --- Verification ---------------------------------------------------------------------------

_AUDITED_FIELDS = ("verification", "document_reference", "verification_note")


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
    """Verify or reject one entry against a document, then re-screen the profile.

    `lock_version` is the counter the officer's form was rendered with: if another officer
    acted on the entry since, `EntryStale` is raised and nothing changes.
    """
    if decision not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValueError(f"unknown decision {decision!r}")
    model = ENTRY_MODELS[kind]
    now = now or timezone.now()
    with transaction.atomic():
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
        return determination_create(
            profile=profile, by=by, reason=Determination.Reason.VERIFICATION, now=now, today=today
        )


def entry_verify(**kwargs) -> Determination:
    return entry_decide(decision=Verification.VERIFIED, **kwargs)


def entry_reject(**kwargs) -> Determination:
    return entry_decide(decision=Verification.REJECTED, **kwargs)


# --- Background re-screening ----------------------------------------------------------------


def profiles_rescreen_batch(
    *,
    after_pk: int,
    batch_size: int,
    today: datetime.date | None = None,
    screeners: dict | None = None,
    now: datetime.datetime | None = None,
) -> tuple[int | None, int]:
    """Re-screen the next batch of saved profiles (by primary key after `after_pk`).

    The batch is claimed in one transaction (rows locked, skipping rows another worker holds),
    and a profile whose document, date and standards are unchanged gets no new determination.
    Returns (the last primary key of the batch, or None when there was none; how many changed).
    """
    now = now or timezone.now()
    changed = 0
    with transaction.atomic():
        batch = list(
            ApplicantProfile.objects.select_for_update(skip_locked=True)
            .filter(pk__gt=after_pk)
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return None, 0
        current = {
            d.pk: d
            for d in Determination.objects.filter(
                pk__in=[p.current_determination_id for p in batch if p.current_determination_id]
            )
        }
        for profile in batch:
            document = profile_document(profile=profile)
            determination, outcomes = determination_build(
                profile=profile,
                reason=Determination.Reason.STANDARD_CHANGED,
                now=now,
                today=today,
                screeners=screeners,
                document=document,
            )
            previous = current.get(profile.current_determination_id)
            if previous is not None and (
                previous.profile_sha256,
                previous.as_of,
                previous.standard_labels,
            ) == (determination.profile_sha256, determination.as_of, determination.standard_labels):
                continue
            _determination_save(determination, outcomes, previous=previous)
            changed += 1
    return batch[-1].pk, changed
