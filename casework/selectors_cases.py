"""Reads for casework: the officers' queue (keyset pages), its counts, a case, the officers.

The queue pages by keyset, never by OFFSET: a page is "the next 25 after this case" in the
order chosen (received, due date, name), ties broken by the primary key, so a page deep in
100,000 cases costs what the first one does. The cursor in the URL is the public id of the
case's applicant (no name, no key), looked up in one query.
"""

import datetime
import functools
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.utils import timezone

from casework.models import Case, CaseStatus
from portal import compiled_sql
from screening.models import ENTRY_MODELS, ApplicantProfile, CurrentOutcome, Verification
from screening.selectors import OUTCOME_FILTERS, level_choices, newest_levels

PAGE_SIZE = 25
# sort name -> the case's field it orders by (then the primary key).
SORT_KEYS = {"received": "received_at", "due": "due_date", "name": "profile__name"}


@dataclass(frozen=True)
class QueueQuery:
    """What the officer asked the queue for (all of it from the query string)."""

    user: object
    assigned: str = ""  # "mine", "unassigned" or "" (anyone's)
    status: str = ""  # a CaseStatus, "open" (not determined) or ""
    level: str = ""
    outcome: str = ""
    verification: str = ""
    screened_from: datetime.date | None = None
    screened_to: datetime.date | None = None
    sort: str = "received"
    descending: bool = False
    after: uuid.UUID | None = None
    before: uuid.UUID | None = None


@dataclass
class QueuePage:
    rows: list
    has_next: bool
    has_previous: bool
    first_id: uuid.UUID | None = None
    last_id: uuid.UUID | None = None
    levels: list = field(default_factory=list)


def _filtered(query: QueueQuery):
    cases = Case.objects.all()
    if query.assigned == "mine":
        cases = cases.filter(assignee=query.user)
    elif query.assigned == "unassigned":
        cases = cases.filter(assignee__isnull=True)
    if query.status == "open":
        cases = cases.exclude(status=CaseStatus.DETERMINED)
    elif query.status:
        cases = cases.filter(status=query.status)
    if query.level or query.outcome:
        outcomes = CurrentOutcome.objects.filter(
            profile=OuterRef("profile_id"), **OUTCOME_FILTERS.get(query.outcome, {})
        )
        if query.level:
            outcomes = outcomes.filter(level=query.level)
        cases = cases.filter(Exists(outcomes))
    return _by_entries(_by_dates(cases, query), query.verification)


def _entry_exists(**filters) -> Q:
    combined = Q()
    for model in ENTRY_MODELS.values():
        combined |= Q(Exists(model.objects.filter(profile=OuterRef("profile_id"), **filters)))
    return combined


def _by_entries(cases, verification: str):
    if verification == "pending":
        return cases.filter(_entry_exists(verification=Verification.UNVERIFIED))
    if verification == "rejected":
        return cases.filter(_entry_exists(verification=Verification.REJECTED))
    if verification == "verified":
        cases = cases.filter(_entry_exists(verification=Verification.VERIFIED))
        return cases.exclude(_entry_exists(verification=Verification.UNVERIFIED))
    return cases


def midnight(day: datetime.date) -> datetime.datetime:
    """The day's start in the portal's time zone: a range the index serves, not `__date`."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _by_dates(cases, query: QueueQuery):
    if query.screened_from:
        start = midnight(query.screened_from)
        cases = cases.filter(profile__current_determination__created_at__gte=start)
    if query.screened_to and query.screened_to < datetime.date.max:
        end = midnight(query.screened_to + datetime.timedelta(days=1))
        cases = cases.filter(profile__current_determination__created_at__lt=end)
    return cases


def _cursor(public_id, key: str):
    """(sort key value, primary key) of the case named in the URL; None if there is none."""
    if public_id is None:
        return None
    row = Case.objects.filter(profile__public_id=public_id).values_list(key, "pk").first()
    return row


def _after(cases, key: str, cursor, *, descending: bool):
    """The cases after the cursor in (key, pk) order. The leading range on the key alone lets
    an index on (key, pk) serve it; the disjunction only breaks ties."""
    value, pk = cursor
    if descending:
        return cases.filter(Q(**{f"{key}__lte": value}), Q(**{f"{key}__lt": value}) | Q(pk__lt=pk))
    return cases.filter(Q(**{f"{key}__gte": value}), Q(**{f"{key}__gt": value}) | Q(pk__gt=pk))


def queue_page(query: QueueQuery, *, size: int = PAGE_SIZE, levels=None) -> QueuePage:
    """One page of the queue: a constant number of queries, whatever the page and filters."""
    key = SORT_KEYS.get(query.sort, SORT_KEYS["received"])
    backwards = query.before is not None and query.after is None
    descending = query.descending != backwards  # a page before this one: walk the other way
    cursor = _cursor(query.before if backwards else query.after, key)
    order = [f"-{key}", "-pk"] if descending else [key, "pk"]
    if cursor is None and unfiltered(query):  # a plain first (or last) page
        rows = _rows(_plain_rows(order, size + 1))
    else:
        cases = _filtered(query)
        if cursor is not None:
            cases = _after(cases, key, cursor, descending=descending)
        rows = _rows(cases.order_by(*order).values_list(*ROW_COLUMNS)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    page = QueuePage(
        rows=rows,
        has_next=(cursor is not None) if backwards else more,
        has_previous=more if backwards else cursor is not None,
    )
    if rows:
        page.first_id, page.last_id = rows[0].profile.public_id, rows[-1].profile.public_id
    _outcomes_attach(rows, levels=level_choices() if levels is None else levels)
    return page


# What `_filtered` filters by: a query with none of them set is the whole queue.
FILTERS = (
    "assigned",
    "status",
    "level",
    "outcome",
    "verification",
    "screened_from",
    "screened_to",
)


def unfiltered(query: QueueQuery) -> bool:
    return not any(getattr(query, name) for name in FILTERS)


def _plain_rows(order: list[str], limit: int) -> list[tuple]:
    """The first `limit` rows of the whole queue in this order, from SQL compiled once a
    process (the page officers open most; its query has no parameter)."""
    return compiled_sql.rows(
        f"queue-rows:{','.join(order)}:{limit}",
        lambda: Case.objects.order_by(*order).values_list(*ROW_COLUMNS)[:limit],
    )


# The columns a queue row shows, read as values: 26 rows of three models each took longer to
# instantiate than the query took to run.
ROW_COLUMNS = (
    "pk",
    "status",
    "received_at",
    "due_date",
    "assignee_id",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
    "profile__public_id",
    "profile__name",
    "profile__external_id",
)


STATUS_LABELS = dict(CaseStatus.choices)


@dataclass
class RowProfile:
    public_id: uuid.UUID
    name: str
    external_id: str

    # The model's own rule, read from these three fields.
    display_name = ApplicantProfile.display_name


@dataclass
class RowOfficer:
    pk: int
    username: str
    first_name: str
    last_name: str

    USERNAME_FIELD = "username"
    get_full_name = AbstractUser.get_full_name
    get_username = AbstractUser.get_username


@dataclass
class QueueRow:
    """A case as the queue shows it (what the row template read of `Case`)."""

    pk: int
    status: str
    received_at: datetime.datetime
    due_date: datetime.date
    assignee: RowOfficer | None
    profile: RowProfile
    unverified: int = 0
    outcomes: list = field(default_factory=list)
    age_days: int = 0
    overdue: bool = False

    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)  # as Django's, a stray value as is


def _rows(cases) -> list[QueueRow]:
    rows = []
    for pk, status, received, due, officer_id, *officer, public_id, name, external in cases:
        assignee = RowOfficer(officer_id, *officer) if officer_id is not None else None
        profile = RowProfile(public_id, name, external)
        rows.append(QueueRow(pk, status, received, due, assignee, profile))
    return rows


def _outcomes_attach(rows, *, levels) -> None:
    """Each row's standing outcomes (qualified or in review), in the standards' order, and
    its applicant's entries left to check: one query for the page's 25 applicants (the
    counts were three correlated subqueries of the page's query, slow to build)."""
    if not rows:
        return
    titles = dict(levels)
    order = {level: index for index, level in enumerate(titles)}
    found: dict[int, list] = {}
    unverified: dict[int, int] = {}
    ids = [row.pk for row in rows]
    params = [*ids, "qualified", "review", *[*ids, Verification.UNVERIFIED] * len(ENTRY_MODELS)]
    with connection.cursor() as cursor:
        cursor.execute(_standing_sql(connection.vendor, len(ids)), params)
        for kind, profile_id, level, outcome, verified, count in cursor.fetchall():
            if kind == 1:
                unverified[profile_id] = unverified.get(profile_id, 0) + count
                continue
            found.setdefault(profile_id, []).append(
                {
                    "level": level,
                    "title": titles.get(level, level),
                    "outcome": outcome,
                    "verified": bool(verified),
                }
            )
    for row in rows:
        row.outcomes = sorted(found.get(row.pk, []), key=lambda o: order.get(o["level"], 999))
        row.unverified = unverified.get(row.pk, 0)


@functools.cache
def _standing_sql(vendor: str, count: int) -> str:
    """Standing outcomes of `count` profiles (kind 0), then their unverified entries counted
    per kind of entry (kind 1); `vendor` keys the quoting."""
    qn = connection.ops.quote_name
    among = ", ".join(["%s"] * count)

    def column(meta, name):
        return f"{qn(meta.db_table)}.{qn(meta.get_field(name).column)}"

    outcome = CurrentOutcome._meta
    parts = [
        f"SELECT 0, {column(outcome, 'profile')}, {column(outcome, 'level')}, "
        f"{column(outcome, 'outcome')}, {column(outcome, 'verified')}, 0 "
        f"FROM {qn(outcome.db_table)} WHERE {column(outcome, 'profile')} IN ({among}) "
        f"AND {column(outcome, 'outcome')} IN (%s, %s)"
    ]
    for model in ENTRY_MODELS.values():
        entry = model._meta
        parts.append(
            f"SELECT 1, {column(entry, 'profile')}, '', '', NULL, COUNT(*) "
            f"FROM {qn(entry.db_table)} WHERE {column(entry, 'profile')} IN ({among}) "
            f"AND {column(entry, 'verification')} = %s GROUP BY {column(entry, 'profile')}"
        )
    return " UNION ALL ".join(parts)


def level_choices_light() -> list[tuple[str, str]]:
    """`screening.selectors.level_choices` from SQL compiled once a process (the queue asks
    on every page)."""
    levels = compiled_sql.rows("newest-levels", newest_levels)
    return [(f"{series}/{slug}", title) for series, slug, title in levels]


OPEN = [CaseStatus.NEW, CaseStatus.IN_REVIEW, CaseStatus.WAITING]


# The counts across everyone's cases are kept this long (a count over 100,000 cases costs
# more than the rest of the page); an officer's own open cases are always counted afresh.
COUNTS_SECONDS = 30


def counts_key(today: datetime.date) -> str:
    return f"casework:queue-counts:{today.isoformat()}"


def queue_counts(*, user, today: datetime.date) -> dict:
    """What is left to check: open, unassigned and overdue cases and unverified entries
    (kept up to COUNTS_SECONDS, dropped when a case changes), and the officer's own."""
    counts = cache.get(counts_key(today))
    if counts is None:
        counts = _counts_everyone(today=today)
        cache.set(counts_key(today), counts, COUNTS_SECONDS)
    return {**counts, "mine": _open_of(user) if user else 0}


def _open_of(user) -> int:
    """The officer's open cases, read from the (assignee, status) index (hand-written: the
    ORM's count is built anew each request)."""
    with connection.cursor() as cursor:
        cursor.execute(_open_of_sql(connection.vendor), [user.pk, *OPEN])
        return cursor.fetchone()[0]


@functools.cache
def _open_of_sql(vendor: str) -> str:
    qn, case = connection.ops.quote_name, Case._meta
    among = ", ".join(["%s"] * len(OPEN))
    return (
        f"SELECT COUNT(*) FROM {qn(case.db_table)} "
        f"WHERE {qn(case.get_field('assignee').column)} = %s "
        f"AND {qn(case.get_field('status').column)} IN ({among})"
    )


def _counts_everyone(*, today: datetime.date) -> dict:
    """One query of counts, each read from an index alone where the database can (open cases
    are all cases less the determined; the others list the open statuses, not "not
    determined", so that an index serves them)."""
    still_open = Case.objects.filter(status__in=OPEN)
    unverified = [
        model.objects.filter(verification=Verification.UNVERIFIED)
        for model in ENTRY_MODELS.values()
    ]
    parts = {  # name -> (sign of each count, querysets)
        "open": ("-", [Case.objects.all(), Case.objects.filter(status=CaseStatus.DETERMINED)]),
        "unassigned": ("+", [still_open.filter(assignee__isnull=True)]),
        "overdue": ("+", [still_open.filter(due_date__lt=today)]),
        "unverified": ("+", unverified),
    }
    selects, params = [], []
    for sign, querysets in parts.values():
        counts = []
        for queryset in querysets:
            sql, more = queryset.order_by().values("pk").query.sql_with_params()
            counts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")
            params.extend(more)
        selects.append(f" {sign} ".join(counts))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        return dict(zip(parts, cursor.fetchone(), strict=True))


def officers():
    """Active users who may work cases (hold `casework.change_case`), by user name."""
    sql, params = compiled_sql.compiled("officers", _officers)
    return get_user_model().objects.raw(sql, params)


def officer_rows() -> list[RowOfficer]:
    """`officers()` as the queue's rows of them (their names only): read as values, as the
    queue's rows are (instantiating users cost more than the query)."""
    rows = compiled_sql.rows("officer-rows", lambda: _officers().values_list(*OFFICER_COLUMNS))
    return [RowOfficer(*row) for row in rows]


OFFICER_COLUMNS = ("pk", "username", "first_name", "last_name")


def _officers():
    permission = Permission.objects.filter(
        content_type__app_label="casework", codename="change_case"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
            | Q(is_superuser=True)
        )
        .distinct()
        .order_by("username")
        .only("username", "first_name", "last_name")
    )


def case_of(*, profile) -> Case:
    return Case.objects.select_related("assignee").get(profile=profile)
