"""Cases' writes: opened with their profile, assigned, moved between statuses, many at once.

Each write is set-based (one UPDATE for all the cases it changes, in one transaction) and
audited per case through `screening.audit`, with `additional_data["what"]` a code the audit
page turns into words (`case_assigned`, `case_status_changed`).
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from casework.models import Case, CaseStatus
from casework.selectors_cases import counts_key
from screening import audit
from screening.models import ApplicantProfile

# At most this many cases (or applicants) in one bulk action: a page of the queue is 25 to
# 100, and one transaction stays short.
BULK_MAX = 500


class TooMany(ValueError):
    """More cases than one bulk action may change: nothing was changed."""


def case_due_date(*, received_at: datetime.datetime) -> datetime.date:
    """The day a case is due: `CASE_DUE_DAYS` calendar days after it was received."""
    received = timezone.localtime(received_at).date()
    return received + datetime.timedelta(days=settings.CASE_DUE_DAYS)


def cases_open(*, profiles: list[ApplicantProfile], at: datetime.datetime) -> None:
    """A new case for each new profile (bulk; profiles that have one keep it)."""
    Case.objects.bulk_create(
        [
            Case(
                profile_id=profile.pk,
                received_at=profile.created_at,
                due_date=case_due_date(received_at=profile.created_at),
                updated_at=at,
            )
            for profile in profiles
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    _counts_forget()


def cases_open_on_profiles_created(sender, *, profiles, at, **kwargs) -> None:
    """Screening announced new profiles: open their cases in the same transaction."""
    cases_open(profiles=profiles, at=at)


def _bounded(profile_ids) -> list[int]:
    ids = sorted(set(profile_ids))
    if len(ids) > BULK_MAX:
        raise TooMany(f"At most {BULK_MAX} applicants at once; {len(ids)} were chosen.")
    return ids


def _locked(ids: list[int]) -> list[Case]:
    return list(
        Case.objects.select_for_update(of=("self",))
        .filter(profile_id__in=ids)
        .select_related("profile")
        .only("status", "assignee", "due_date", "profile__public_id")
        .order_by("profile_id")
    )


def _counts_forget() -> None:
    """The queue's counts across all cases are stale once this transaction commits."""
    transaction.on_commit(lambda: cache.delete(counts_key(timezone.localdate())))


def _audit(cases: list[Case], *, by, now, what: str, changes_of) -> None:
    if cases:
        _counts_forget()
    audit.audit_records_bulk(
        [
            audit.audit_entry_build(
                instance=case,
                action=audit.UPDATE,
                actor=by,
                changes=changes_of(case),
                at=now,
                profile_id=str(case.profile.public_id),
                what=what,
            )
            for case in cases
        ]
    )


def case_assign(
    *, profile_ids: list[int], assignee, by, now: datetime.datetime | None = None
) -> int:
    """Give these cases to `assignee` (None: unassigned); how many changed hands."""
    ids, now = _bounded(profile_ids), now or timezone.now()
    assignee_id = assignee.pk if assignee is not None else None
    with transaction.atomic():
        changed = [case for case in _locked(ids) if case.assignee_id != assignee_id]
        Case.objects.filter(profile_id__in=[c.profile_id for c in changed]).update(
            assignee=assignee, updated_at=now
        )

        # The officers by user id: the audit trail names them as they are called now.
        def changes_of(case):
            return {"assigned_to": [case.assignee_id, assignee_id]}

        _audit(changed, by=by, now=now, what="case_assigned", changes_of=changes_of)
    return len(changed)


def case_status_set(
    *, profile_ids: list[int], status: str, by, now: datetime.datetime | None = None
) -> int:
    """Move these cases to `status`; how many moved (those already there are left alone)."""
    if status not in CaseStatus.values:
        raise ValueError(f"unknown case status {status!r}")
    ids, now = _bounded(profile_ids), now or timezone.now()
    with transaction.atomic():
        changed = [case for case in _locked(ids) if case.status != status]
        Case.objects.filter(profile_id__in=[c.profile_id for c in changed]).update(
            status=status, updated_at=now
        )
        _audit(
            changed,
            by=by,
            now=now,
            what="case_status_changed",
            changes_of=lambda case: {"status": [case.status, status]},
        )
    return len(changed)


def case_due_date_set(
    *, profile_id: int, due_date: datetime.date, by, now: datetime.datetime | None = None
) -> bool:
    """Move one case's due date; False when it already was that day."""
    now = now or timezone.now()
    with transaction.atomic():
        [case] = _locked([profile_id])
        if case.due_date == due_date:
            return False
        Case.objects.filter(pk=case.pk).update(due_date=due_date, updated_at=now)
        _audit(
            [case],
            by=by,
            now=now,
            what="case_due_date_changed",
            changes_of=lambda c: {"due_date": [c.due_date.isoformat(), due_date.isoformat()]},
        )
    return True
