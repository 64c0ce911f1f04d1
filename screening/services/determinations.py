"""Determinations: one screening of a profile, kept as it was computed (never edited)."""

import datetime
import hashlib
import json

from classification.models import StandardVersion
from screening import audit
from screening.models import ApplicantProfile, Determination
from screening.services.screening import screening_run


def determination_build(
    *,
    profile: ApplicantProfile,
    document: dict,
    reason: str,
    now: datetime.datetime,
    by=None,
    today: datetime.date | None = None,
    screeners: dict | None = None,
) -> Determination:
    """Screen the document; the determination, unsaved."""
    result = screening_run(document=document, today=today, screeners=screeners)
    return Determination(
        profile=profile,
        created_at=now,
        created_by=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        as_of=datetime.date.fromisoformat(result["as_of"]),
        profile_document=document,
        profile_sha256=document_sha256(document),
        result=result,
        standard_labels=result.get("standards") or {},
    )


def document_sha256(document: dict) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def standard_versions_of(labels: dict) -> list[StandardVersion]:
    wanted = set(labels.items())
    candidates = StandardVersion.objects.filter(series__slug__in=labels).select_related("series")
    return [v for v in candidates if (v.series.slug, v.label) in wanted]


def determinations_link_versions(determinations: list[Determination]) -> None:
    """Each determination names the standard versions it was computed from (bulk)."""
    through = Determination.standard_versions.through
    found: dict[tuple, list] = {}
    links = []
    for determination in determinations:
        key = tuple(sorted(determination.standard_labels.items()))
        if key not in found:
            found[key] = standard_versions_of(determination.standard_labels)
        links.extend(
            through(determination_id=determination.pk, standardversion_id=version.pk)
            for version in found[key]
        )
    through.objects.bulk_create(links, batch_size=2000)


def _standing_words(standing) -> str | None:
    if standing is None:
        return None
    outcome, verified = standing
    return outcome + (" (verified)" if outcome == "qualified" and verified else "")


def determination_audit(*, determination: Determination, before: dict, actor) -> audit.LogEntry:
    """The audit record of a determination: each level whose outcome moved, before → after."""
    after = {
        item["level"]: (item["outcome"], bool(item.get("verified")))
        for item in determination.result.get("results", [])
    }
    changes = {
        level: [_standing_words(before.get(level)), _standing_words(standing)]
        for level, standing in after.items()
        if before.get(level) != standing
    }
    return audit.audit_entry_build(
        instance=determination,
        action=audit.CREATE,
        actor=actor,
        changes=changes,
        at=determination.created_at,
        profile_id=str(determination.profile.public_id),
        what=f"determination: {determination.get_reason_display().lower()}",
    )
