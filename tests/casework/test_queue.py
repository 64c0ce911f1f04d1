"""The officers' queue: cases with their status, officer, due date and what is left to check;
filters, sorting and keyset pages in a constant number of queries."""

import datetime
import re
from dataclasses import fields

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import Case
from casework.selectors_cases import FILTERS, ROW_COLUMNS, QueueQuery, _plain_rows, unfiltered
from casework.services.cases import case_assign, case_status_set
from casework.views_cases import _with
from tests.factories import CASEY, NOW, ROBIN, TODAY, officer_user, saved_profile, saved_profiles

CCR1 = "nys-call-center-representative/1"
QUEUE = "/officer/applicants/"


@pytest.fixture
def officer_client(client, db):
    officer = officer_user()
    client.force_login(officer)
    client.officer = officer
    return client


def _names(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.text)


def _row(text: str, public_id) -> str:
    """The queue's table row of one applicant."""
    return next(row for row in text.split("<tr") if f'value="{public_id}"' in row)


def test_the_queue_is_the_casework_queue_at_the_same_address():
    assert reverse("casework:queue") == QUEUE


def test_each_case_shows_status_officer_due_date_and_entries_left(officer_client, loaded_standards):
    casey = saved_profile(CASEY)
    saved_profile(ROBIN)
    case_assign(profile_ids=[casey.pk], assignee=officer_client.officer, by=officer_client.officer)
    response = officer_client.get(QUEUE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    row = _row(response.text, casey.public_id)
    assert "New" in row and officer_client.officer.username in row
    assert "2026-12-06" in row  # received 2026-11-16, due 20 calendar days later
    assert "<td>2</td>" in row  # the diploma and the job, neither checked yet
    assert "Call Center Representative 1: claimed" in row
    assert "entries left to check" in response.text


def test_a_case_past_its_due_date_is_marked_overdue(officer_client, loaded_standards):
    saved_profile(CASEY)  # received 2026-11-16: due 2026-12-06, long past by now
    Case.objects.update(due_date="2020-01-01")
    response = officer_client.get(QUEUE)
    assert 'class="overdue"' in response.text and "Overdue" in response.text


def test_filters_mine_unassigned_and_status(officer_client, loaded_standards):
    casey, robin = saved_profile(CASEY), saved_profile(ROBIN)
    officer = officer_client.officer
    case_assign(profile_ids=[casey.pk], assignee=officer, by=officer)
    case_status_set(profile_ids=[robin.pk], status="waiting_documents", by=officer)
    assert _names(officer_client.get(QUEUE, {"assigned": "mine"})) == ["Casey Lee"]
    assert _names(officer_client.get(QUEUE, {"assigned": "unassigned"})) == ["Robin Park"]
    assert _names(officer_client.get(QUEUE, {"status": "waiting_documents"})) == ["Robin Park"]
    filtered = officer_client.get(QUEUE, {"level": CCR1, "outcome": "not_qualified"})
    assert _names(filtered) == ["Robin Park"]


def test_a_backwards_date_range_is_refused_next_to_its_field(officer_client, loaded_standards):
    saved_profile(CASEY)
    dates = {"screened_from": "2030-01-01", "screened_to": "2020-01-01"}
    response = officer_client.get(QUEUE, dates)
    assert "Must be on or after the “Screened from” date." in response.text
    assert 'id="id_screened_to_error"' in response.text
    assert "Casey Lee" in response.text  # an invalid filter filters nothing


def test_sorting_by_name_announces_it(officer_client, loaded_standards):
    saved_profile(ROBIN), saved_profile(CASEY)
    response = officer_client.get(QUEUE, {"sort": "name", "dir": "desc"})
    assert _names(response) == ["Robin Park", "Casey Lee"]
    assert 'aria-sort="descending"' in response.text
    assert "sorted by applicant, descending" in response.text
    assert _names(officer_client.get(QUEUE, {"sort": "name"})) == ["Casey Lee", "Robin Park"]


def test_the_sort_is_announced_in_the_pages_language(officer_client, loaded_standards):
    saved_profile(ROBIN)
    response = officer_client.get("/es" + QUEUE, {"sort": "name", "dir": "desc"})
    assert 'aria-sort="descending"' in response.text  # a token for assistive technology
    assert "ordenado por solicitante, descendente" in response.text


def _follow(client, response, rel: str):
    link = re.search(rf'<a href="\?([^"]+)" rel="{rel}">', response.text)
    return client.get(QUEUE + "?" + link.group(1).replace("&amp;", "&")) if link else None


@pytest.mark.parametrize("sort", ["received", "due", "name"])
def test_keyset_pages_walk_every_case_once_despite_ties(officer_client, loaded_standards, sort):
    saved_profiles(60)  # all received at the same instant: ties broken by the primary key
    seen, response = [], officer_client.get(QUEUE, {"sort": sort})
    while response is not None:
        seen += _names(response)
        response = _follow(officer_client, response, "next")
    assert len(seen) == 60 and len(set(seen)) == 60
    if sort == "name":
        assert seen == sorted(seen)


def test_previous_page_returns_the_page_before(officer_client, loaded_standards):
    saved_profiles(60)
    first = officer_client.get(QUEUE)
    second = _follow(officer_client, first, "next")
    back = _follow(officer_client, second, "prev")
    assert _names(back) == _names(first)
    assert "page=" not in first.text and "OFFSET" not in first.text


def test_the_queue_runs_the_same_queries_for_any_page_and_any_rows(
    officer_client, loaded_standards
):
    saved_profiles(3, prefix="A")
    officer_client.get(QUEUE)  # warm: the session and the permissions
    with CaptureQueriesContext(connection) as few:
        officer_client.get(QUEUE)
    saved_profiles(57, prefix="B")
    with CaptureQueriesContext(connection) as many:
        first = officer_client.get(QUEUE, {"assigned": "unassigned"})
    with CaptureQueriesContext(connection) as deep:
        _follow(officer_client, first, "next")
    assert len(few) == len(many)
    assert len(deep) == len(many) + 1  # the cursor's case, looked up by its public id
    assert not any("OFFSET" in q["sql"].upper() for q in deep.captured_queries)


ORDERS = [["received_at", "pk"], ["-due_date", "-pk"], ["profile__name", "pk"]]


@pytest.mark.parametrize("order", ORDERS)
def test_the_plain_pages_compiled_once_read_what_the_orm_reads(loaded_standards, order):
    profiles = saved_profiles(4)
    case_assign(profile_ids=[profiles[1].pk], assignee=officer_user(first_name="Ana"), by=None)
    expected = list(Case.objects.order_by(*order).values_list(*ROW_COLUMNS)[:3])
    for _ in range(2):  # compiled, then from what was kept
        assert _plain_rows(order, 3) == expected
    assert expected[0][2].tzinfo is not None  # the ORM's conversions: an aware datetime


def test_only_a_query_without_filters_is_a_plain_page():
    paging = {"user", "sort", "descending", "after", "before"}
    assert set(FILTERS) == {field.name for field in fields(QueueQuery)} - paging
    assert unfiltered(QueueQuery(user=None, sort="due", descending=True))
    for name in FILTERS:
        value = TODAY if name.startswith("screened") else "open"
        assert not unfiltered(QueueQuery(user=None, **{name: value}))


def test_an_unknown_cursor_starts_at_the_first_page(officer_client, loaded_standards):
    saved_profile(CASEY)
    response = officer_client.get(QUEUE, {"after": "00000000-0000-0000-0000-000000000000"})
    assert _names(response) == ["Casey Lee"]
    mine = officer_client.get(QUEUE, {"after": "not-a-uuid", "assigned": "mine"})
    assert mine.status_code == 200 and _names(mine) == []  # the filter still holds


def _ids(**filters) -> set[int]:
    from casework.selectors_cases import QueueQuery, queue_page

    return {case.pk for case in queue_page(QueueQuery(user=None, **filters), size=100).rows}


def test_the_queue_filters_by_level_outcome_and_verification(loaded_standards):
    from screening.services import entry_decide

    casey, robin = saved_profile(CASEY), saved_profile(ROBIN)
    assert _ids(level=CCR1, outcome="qualified") == {casey.pk}
    assert _ids(level=CCR1, outcome="not_qualified") == {robin.pk}
    assert _ids(verification="pending") == {casey.pk, robin.pk}
    officer = officer_user()
    for entry in (casey.education.get(), casey.experience.get()):
        entry_decide(
            profile=casey,
            kind=entry.kind,
            entry_id=entry.pk,
            lock_version=0,
            decision="verified",
            document_reference="DOC-7",
            note="",
            by=officer,
            now=NOW,
            today=TODAY,
        )
    assert _ids(verification="verified") == {casey.pk}
    assert _ids(level=CCR1, outcome="verified_qualified") == {casey.pk}
    assert _ids(screened_from=TODAY, screened_to=TODAY) == {casey.pk, robin.pk}
    assert _ids(screened_from=TODAY + datetime.timedelta(days=1)) == set()
    assert _ids(screened_to=TODAY - datetime.timedelta(days=1)) == set()
    assert _ids(screened_to=datetime.date.max) == {casey.pk, robin.pk}


def test_screened_dates_are_days_in_the_portals_time_zone(loaded_standards, settings):
    from screening import services

    late = datetime.datetime(2026, 11, 17, 4, 30, tzinfo=datetime.UTC)  # 23:30 on the 16th, NY
    profile = services.profile_create(document=CASEY, now=late, today=TODAY)
    on_the_16th = datetime.date(2026, 11, 16)
    assert settings.TIME_ZONE == "America/New_York"
    assert _ids(screened_from=on_the_16th, screened_to=on_the_16th) == {profile.pk}
    assert _ids(screened_from=on_the_16th + datetime.timedelta(days=1)) == set()


def test_the_counts_are_kept_and_dropped_when_a_case_changes(
    officer_client, loaded_standards, django_capture_on_commit_callbacks
):
    profiles = saved_profiles(2)

    def unassigned(response) -> str:
        return re.search(r"<strong>(\d+)</strong> open, unassigned", response.text).group(1)

    assert unassigned(officer_client.get(QUEUE)) == "2"
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(
            profile_ids=[profiles[0].pk], assignee=officer_client.officer, by=officer_client.officer
        )
    response = officer_client.get(QUEUE)
    assert unassigned(response) == "1"
    assert re.search(r"<strong>1</strong> open and mine", response.text)


def test_after_a_bulk_action_the_page_returned_to_has_nothing_ticked(
    officer_client, loaded_standards
):
    """ "Select all on this page" ticks this page's cases only: the page the action returns to
    holds other cases (the next unassigned ones), which must not come back already ticked."""
    casey = saved_profile(CASEY)
    response = officer_client.get(QUEUE, {"assigned": "unassigned", "select": "all"})
    assert re.search(rf'value="{casey.public_id}"[^>]* checked', response.text)
    bulk_form = response.text.split('id="bulk-form"', 1)[1]
    back = re.search(r'name="next" value="([^"]+)"', bulk_form).group(1)
    assert "assigned=unassigned" in back and "select" not in back
    response = officer_client.post(
        "/officer/applicants/bulk/",
        {
            "case": [str(casey.public_id)],
            "action": "assign",
            "assignee": str(officer_client.officer.pk),
            "confirmed": "on",
            "next": back.replace("&amp;", "&"),
        },
    )
    assert response.status_code == 302 and "select" not in response["Location"]
    assert Case.objects.get(pk=casey.pk).assignee == officer_client.officer


@pytest.mark.parametrize(
    "query",
    ["", "sort=name&dir=desc", "status=open&status=new&q=Zoë+%26+<1>", "after=x&level=a%2Fb"],
)
def test_the_pages_links_keep_the_query_as_querydict_encodes_it(query):
    def reference(params, **values):
        copied = params.copy()
        for name, value in values.items():
            if value:
                copied[name] = str(value)
        return copied.urlencode()

    params = QueryDict(query)
    for values in ({}, {"after": "ü/1"}, {"status": "open", "select": "all"}, {"after": None}):
        assert _with(params, **values) == reference(params, **values)
