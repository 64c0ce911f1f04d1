"""Verifying the same kind of entry for many applicants against one document.

E.g. every high school diploma confirmed by one records office letter. The plan (what would
change) is shown to the officer first; applying it verifies each entry through screening's
one write path of decisions (`entries_decide`: each entry guarded, kept in the history and
audited; each applicant screened again once).
"""

import datetime
from dataclasses import dataclass

from screening.models import ENTRY_MODELS, ApplicantProfile, Verification
from screening.services import DecisionNeedsReason, EntryChoice, EntryStale, entries_decide

__all__ = ["DecisionNeedsReason", "EntryStale"]  # what applying may raise, besides PlanChanged

VERIFY = "verify"  # the entry will be verified
UNCHANGED = "unchanged"  # it already says exactly this
SKIPPED = "skipped"  # decided otherwise before: change it on its own page, with a reason


class PlanChanged(Exception):
    """The entries to verify are not those the officer confirmed: nothing was changed."""


@dataclass(frozen=True)
class PlanItem:
    profile: ApplicantProfile
    entry: object
    effect: str

    @property
    def token(self) -> str:
        """The entry as the confirmation form carries it: kind, id and counter."""
        return f"{self.entry.kind}:{self.entry.pk}:{self.entry.lock_version}"


def _matching(kind: str, *, credential: str, class_code: str) -> dict:
    if kind == "education":
        return {"credential": credential}
    if kind == "civil_service":
        return {"class_code": class_code}
    raise ValueError(f"entries of kind {kind!r} are not verified in bulk")


def bulk_verify_plan(
    *,
    profiles: list[ApplicantProfile],
    kind: str,
    document_reference: str,
    note: str,
    credential: str = "",
    class_code: str = "",
) -> list[PlanItem]:
    """Each matching entry of these applicants and what verifying it would do."""
    by_pk = {profile.pk: profile for profile in profiles}
    entries = (
        ENTRY_MODELS[kind]
        .objects.filter(
            profile_id__in=by_pk, **_matching(kind, credential=credential, class_code=class_code)
        )
        .order_by("profile_id", "order", "pk")
    )
    plan = []
    for entry in entries:
        if (entry.verification, entry.document_reference, entry.verification_note) == (
            Verification.VERIFIED,
            document_reference,
            note,
        ):
            effect = UNCHANGED
        elif entry.verification == Verification.UNVERIFIED:
            effect = VERIFY
        else:
            effect = SKIPPED
        plan.append(PlanItem(profile=by_pk[entry.profile_id], entry=entry, effect=effect))
    return plan


def bulk_verify_apply(
    *,
    plan: list[PlanItem],
    confirmed_tokens: list[str],
    document_reference: str,
    note: str,
    by,
    now: datetime.datetime | None = None,
) -> int:
    """Verify the plan's entries, if they are exactly those confirmed; how many changed."""
    to_verify = [item for item in plan if item.effect == VERIFY]
    if sorted(item.token for item in to_verify) != sorted(confirmed_tokens):
        raise PlanChanged(
            "The entries changed since you confirmed (another officer acted on some of them). "
            "Nothing was changed: check the list again."
        )
    choices = [
        EntryChoice(
            kind=item.entry.kind, entry_id=item.entry.pk, lock_version=item.entry.lock_version
        )
        for item in to_verify
    ]
    if not choices:
        return 0
    return entries_decide(
        choices=choices,
        decision=Verification.VERIFIED,
        document_reference=document_reference,
        note=note,
        by=by,
        now=now,
    )
