"""Eligible lists: establishing one (a snapshot, written at once) and certifying it."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import EligibleList, EligibleListEntry, ListOrder
from screening.audit import CREATE, UPDATE, audit_record
from screening.engine.dates import date_in_window
from screening.models import CurrentOutcome

# Each ordering rule as database ordering; ties always go by the applicant's key (stable).
ORDERINGS = {
    ListOrder.APPLICATION_DATE: (F("profile__created_at").asc(), "profile__pk"),
    ListOrder.NAME: (Lower("profile__name").asc(), "profile__pk"),
    ListOrder.EXTERNAL_ID: (F("profile__external_id").asc(), "profile__pk"),
}


class ListRefused(ValueError):
    """The list cannot be established or certified; `field` names the input at fault."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def list_dates_check(*, established_on: datetime.date, expires_on: datetime.date) -> None:
    """Both dates in the portal's window, expiry after establishment and within the limit."""
    for field, day in (("established_on", established_on), ("expires_on", expires_on)):
        if not date_in_window(day):
            raise ListRefused(_("The date is outside the portal's window."), field=field)
    if expires_on <= established_on:
        raise ListRefused(
            _("The expiry date must come after the established date."), field="expires_on"
        )
    if (expires_on - established_on).days > settings.ELIGIBLE_LIST_MAX_DAYS:
        raise ListRefused(
            _("A list stands at most %(days)s days.") % {"days": settings.ELIGIBLE_LIST_MAX_DAYS},
            field="expires_on",
        )


def _qualified(level: str, order: str):
    return (
        CurrentOutcome.objects.filter(level=level, outcome="qualified")
        .select_related("profile")
        .only(
            "verified",
            "profile__id",
            "profile__name",
            "profile__external_id",
            "profile__created_at",
            "profile__public_id",
        )
        .order_by(*ORDERINGS[order])
    )


def _entries(eligible_list: EligibleList) -> list[EligibleListEntry]:
    """The snapshot: verified qualified ranked 1..n, qualified on their word apart, unranked."""
    entries, rank = [], 0
    for outcome in _qualified(eligible_list.level, eligible_list.order):
        profile = outcome.profile
        rank += outcome.verified
        entries.append(
            EligibleListEntry(
                eligible_list=eligible_list,
                profile=profile,
                rank=rank if outcome.verified else None,
                verified=outcome.verified,
                name=profile.display_name,
                external_id=profile.external_id,
                applied_on=timezone.localdate(profile.created_at),
            )
        )
    return entries


def eligible_list_establish(
    *,
    level: str,
    level_title: str,
    established_on: datetime.date,
    expires_on: datetime.date,
    order: str,
    by,
    now: datetime.datetime | None = None,
) -> EligibleList:
    """Establish the level's list from the standing outcomes, all in one transaction; the
    level's list in force until now is marked superseded by it."""
    if order not in ListOrder.values:
        raise ListRefused(_("Choose an ordering rule from the list."), field="order")
    list_dates_check(established_on=established_on, expires_on=expires_on)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            new, previous, entries = _list_replace(
                level=level,
                level_title=level_title,
                established_on=established_on,
                expires_on=expires_on,
                order=order,
                by=by,
                now=now,
            )
            _establish_audit(new, previous, entries, by=by, now=now)
    except IntegrityError:  # another officer's list for the level committed meanwhile
        raise ListRefused(
            _("Another list for this level was just established: see the level's lists."),
            field="level",
        ) from None
    return new


def _list_replace(*, level, by, now, **fields):
    """The new list and its entries; the level's list in force marked superseded by it."""
    # Marked first (one list in force per level is a constraint), then pointed at the new one.
    previous = list(
        EligibleList.objects.select_for_update().filter(level=level, superseded_at=None)
    )
    EligibleList.objects.filter(pk__in=[old.pk for old in previous]).update(superseded_at=now)
    new = EligibleList.objects.create(level=level, established_by=by, established_at=now, **fields)
    entries = EligibleListEntry.objects.bulk_create(_entries(new), batch_size=1000)
    EligibleList.objects.filter(pk__in=[old.pk for old in previous]).update(superseded_by=new)
    return new, previous, entries


def _establish_audit(new, previous, entries, *, by, now) -> None:
    ranked = sum(entry.verified for entry in entries)
    audit_record(
        instance=new,
        action=CREATE,
        actor=by,
        changes={
            "level": [None, new.level],
            "established_on": [None, new.established_on.isoformat()],
            "expires_on": [None, new.expires_on.isoformat()],
            "order": [None, new.order],
            "ranked": [None, ranked],
            "claimed_only": [None, len(entries) - ranked],
            "supersedes": [None, [str(old.public_id) for old in previous]],
        },
        at=now,
        what="list_established",
    )


def eligible_list_certify(
    *, eligible_list: EligibleList, by, now: datetime.datetime | None = None
) -> EligibleList:
    """Certify a list: a second officer's step, once, while the list is in force."""
    now = now or timezone.now()
    if eligible_list.established_by_id == by.pk:
        raise ListRefused(_("Another officer must certify the list you established."))
    if timezone.localdate(now) > eligible_list.expires_on:
        raise ListRefused(_("The list has expired: establish a new one."))
    with transaction.atomic():
        # Guarded: certified once, and never a list a newer one has superseded meanwhile.
        done = EligibleList.objects.filter(
            pk=eligible_list.pk, certified_at=None, superseded_at=None
        ).update(certified_by=by, certified_at=now)
        if not done:
            raise ListRefused(_("The list is already certified or a newer list replaced it."))
        eligible_list.refresh_from_db()
        audit_record(
            instance=eligible_list,
            action=UPDATE,
            actor=by,
            changes={"certified_at": [None, now.isoformat()]},
            at=now,
            what="list_certified",
        )
    return eligible_list
