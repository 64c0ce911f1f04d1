"""The whole audit trail, filtered and read a page at a time (newest first, keyset).

Two sources make the trail: django-auditlog's records (who did what) and the outcomes a
re-evaluation job moved (`OutcomeChange` rows with a job; those a determination caused are
in its record already). A page takes at most `size` of both, merged by time; the cursor is
the (time, source, pk) of the last row shown, so paging never skips or repeats a row and
never counts the table.
"""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from screening.audit_words import KINDS, TrailContext, audit_kind, audit_sentence, kind_filter
from screening.job_words import change_sentence
from screening.models import ApplicantProfile, OutcomeChange

PAGE_SIZE = 50
LOG, CHANGE = 1, 0  # the source's place in the order when two rows share a time


@dataclass(frozen=True)
class Cursor:
    at: datetime.datetime
    source: int
    pk: int

    def token(self) -> str:
        return f"{self.at.isoformat()}~{self.source}~{self.pk}"

    @classmethod
    def parse(cls, token: str | None) -> "Cursor | None":
        """The cursor in a page's link; anything else (tampered, truncated) is the first page."""
        try:
            at, source, pk = (token or "").split("~")
            cursor = cls(datetime.datetime.fromisoformat(at), int(source), int(pk))
        except (ValueError, TypeError):
            return None
        if cursor.at.tzinfo is None or cursor.source not in (LOG, CHANGE) or cursor.pk < 0:
            return None
        return cursor


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _window(field: str, filters: dict) -> Q:
    q = Q()
    if filters.get("date_from"):
        q &= Q(**{f"{field}__gte": _midnight(filters["date_from"])})
    if filters.get("date_to"):
        next_day = filters["date_to"] + datetime.timedelta(days=1)
        q &= Q(**{f"{field}__lt": _midnight(next_day)})
    return q


def _after_cursor(field: str, source: int, cursor: Cursor | None) -> Q:
    if cursor is None:
        return Q()
    if source == cursor.source:
        return Q(**{f"{field}__lt": cursor.at}) | Q(**{field: cursor.at, "pk__lt": cursor.pk})
    if source < cursor.source:
        return Q(**{f"{field}__lte": cursor.at})
    return Q(**{f"{field}__lt": cursor.at})


def _logs(filters: dict, cursor, size: int) -> list:
    action = filters.get("action")
    if action == "outcome_changed":
        return []
    query = LogEntry.objects.filter(_window("timestamp", filters))
    if action:
        query = query.filter(kind_filter(action) or Q(pk__in=[]))
    if filters.get("applicant"):
        query = query.filter(additional_data__profile=str(filters["applicant"].public_id))
    if filters.get("officer"):
        query = query.filter(actor=filters["officer"])
    query = query.filter(_after_cursor("timestamp", LOG, cursor))
    return list(query.select_related("actor", "content_type").order_by("-timestamp", "-pk")[:size])


def _changes(filters: dict, cursor, size: int) -> list:
    if filters.get("officer") or filters.get("action") not in (None, "", "outcome_changed"):
        return []  # a re-evaluation is the portal's doing, never a person's
    query = OutcomeChange.objects.filter(job__isnull=False).filter(_window("at", filters))
    if filters.get("applicant"):
        query = query.filter(profile=filters["applicant"])
    query = query.filter(_after_cursor("at", CHANGE, cursor))
    return list(query.select_related("job__version").order_by("-at", "-pk")[:size])


def trail_page(*, filters: dict, cursor: Cursor | None = None, size: int = PAGE_SIZE):
    """(lines, the next page's cursor or None): the newest `size` rows below `cursor`."""
    rows = [(r.timestamp, LOG, r.pk, r) for r in _logs(filters, cursor, size + 1)]
    rows += [(c.at, CHANGE, c.pk, c) for c in _changes(filters, cursor, size + 1)]
    rows.sort(key=lambda row: row[:3], reverse=True)
    shown = rows[:size]
    following = Cursor(*shown[-1][:3]) if len(rows) > size else None
    return trail_lines([row[3] for row in shown]), following


def trail_lines(items: list) -> list[dict]:
    """Each record or change with its sentence, who did it, its kind and its applicant."""
    logs = [item for item in items if isinstance(item, LogEntry)]
    ctx = TrailContext(logs)
    profiles = _profiles(items)
    titles = ctx.titles() if len(logs) < len(items) else {}
    lines = []
    for item in items:
        if isinstance(item, LogEntry):
            kind = audit_kind(item)
            line = {"at": item.timestamp, "who": ctx.who(item), "kind": kind}
            line["text"] = audit_sentence(item, ctx)
            line["profile"] = profiles.get((item.additional_data or {}).get("profile"))
        else:
            line = {"at": item.at, "who": _("The portal"), "kind": "outcome_changed"}
            line["text"] = change_sentence(item, titles)
            line["profile"] = profiles.get(item.profile_id)
        line["kind_words"] = KINDS.get(line["kind"], _("Other"))
        lines.append(line)
    return lines


def _profiles(items: list) -> dict:
    """{public id text or pk: profile} for the applicants the rows concern."""
    public_ids = {
        (item.additional_data or {}).get("profile") for item in items if isinstance(item, LogEntry)
    } - {None}
    pks = {item.profile_id for item in items if isinstance(item, OutcomeChange)}
    found = ApplicantProfile.objects.filter(Q(public_id__in=public_ids) | Q(pk__in=pks)).only(
        "public_id", "name", "external_id"
    )
    by_key = {}
    for profile in found:
        by_key[str(profile.public_id)] = by_key[profile.pk] = profile
    return by_key


def trail_all(*, filters: dict, limit: int, chunk: int = 1000):
    """Every line the filters select, newest first, at most `limit`, read by chunks."""
    cursor, sent = None, 0
    while sent < limit:
        lines, cursor = trail_page(filters=filters, cursor=cursor, size=min(chunk, limit - sent))
        yield from lines
        sent += len(lines)
        if cursor is None:
            return
