"""Every standards page runs a fixed number of SQL queries, whatever the size of the standard
(levels and versions): a standard with few and one with many cost the same, on a first visit
and on the next one, when what the page derives from a version is kept; no page but the diff
(the two versions compared), the export and the editor loads a version's document."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classification.services import series_load
from classification.standard_file import parse_standard
from portal.roles import HR_ANALYST
from tests.classification.sizes import query_count, with_extra_levels
from tests.conftest import LOADED_AT
from tests.kept import forget_kept


def _with_versions(standard, count: int):
    """`standard` stored `count` times, each version with one more duty; the last returned."""
    document = standard.to_document()
    edited = standard
    for number in range(count):
        if number:
            document["levels"][0]["duties"].append(f"A duty added in version {number + 1}.")
            edited = parse_standard(document, source="edit")
        series_load(standard=edited, created_at=LOADED_AT + datetime.timedelta(days=number))
    return edited


@pytest.fixture
def small_and_large(db, standard_files):
    """Two standards: 6 levels in 2 versions, and 17 levels in 5 versions."""
    base = standard_files["nys-call-center-representative"]
    return [
        _with_versions(with_extra_levels(base, 1), 2),
        _with_versions(with_extra_levels(base, 12), 5),
    ]


def _pages(standard):
    slug = standard.series
    level_ids = [f"{slug}/{level_id}" for level_id in standard.level_ids[-5:]]
    return {
        "list": (reverse("classification:series-list"), None),
        "series": (reverse("classification:series-detail", args=[slug]), None),
        "series as of": (
            reverse("classification:series-detail", args=[slug]),
            {"as_of": "2026-12-01"},
        ),
        "series v1": (reverse("classification:series-version", args=[slug, 1]), None),
        "full text": (reverse("classification:full-text", args=[slug]), None),
        "level": (reverse("classification:level-detail", args=[slug, "1"]), None),
        "level v1": (reverse("classification:level-version", args=[slug, 1, "2"]), None),
        "compare 5": (reverse("classification:compare"), {"level": level_ids}),
        "ladder": (reverse("classification:ladder", args=[slug]), None),
        "ladder v1": (reverse("classification:ladder-version", args=[slug, 1]), None),
        "search": (reverse("classification:search"), {"q": "call center", "series": slug}),
        "history": (reverse("classification:version-history", args=[slug]), None),
        "diff": (reverse("classification:version-diff", args=[slug]), None),
        "diff 2 to 1": (reverse("classification:version-diff", args=[slug]), {"from": 2, "to": 1}),
    }


DESK_PAGES = {
    "export": lambda slug: (reverse("classification:version-export", args=[slug, 2]), None),
    "edit": lambda slug: (reverse("classification:standard-edit", args=[slug]), None),
}


def _counts(client, standard, pages) -> tuple[dict, dict]:
    """Each page's queries on a first visit (nothing kept) and on the visit after."""
    first, next_ = {}, {}
    forget_kept()
    for name, (url, data) in pages.items():
        first[name] = query_count(client, url, data)
        next_[name] = query_count(client, url, data)
    return first, next_


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "analyst"])
def test_standards_pages_use_a_constant_number_of_queries(client, small_and_large, signed_in):
    if signed_in:
        analyst = User.objects.create_user(username="ann", password="a long test password 42")
        analyst.groups.add(Group.objects.get(name=HR_ANALYST))
        client.force_login(analyst)
    small, large = small_and_large
    small_first, small_next = _counts(client, small, _pages(small))
    large_first, large_next = _counts(client, large, _pages(large))
    assert small_first == large_first, (small_first, large_first)
    assert small_next == large_next, (small_next, large_next)
    # A signed-in user's session, account, and roles with permissions (the user's own and
    # their groups', portal.access's one query) are 3 more queries on every page.
    extra = 3 if signed_in else 0
    assert max(small_first.values()) <= 11 + extra, small_first
    # The next time only the versions are looked up (one light query).
    assert set(small_next.values()) == {1 + extra}, small_next


def test_desk_pages_use_a_constant_number_of_queries(client, small_and_large):
    analyst = User.objects.create_user(username="ann", password="a long test password 42")
    analyst.groups.add(Group.objects.get(name=HR_ANALYST))
    client.force_login(analyst)
    counts = {
        standard.series: {
            name: query_count(client, *page(standard.series)) for name, page in DESK_PAGES.items()
        }
        for standard in small_and_large
    }
    small, large = counts.values()
    assert small == large and max(small.values()) <= 15, counts


def test_comparing_two_or_five_levels_costs_the_same(client, small_and_large):
    small, large = small_and_large
    two = [f"{small.series}/{level_id}" for level_id in small.level_ids[:2]]
    five = [f"{large.series}/{level_id}" for level_id in large.level_ids[-5:]]
    url = reverse("classification:compare")
    assert query_count(client, url, {"level": two}) == query_count(client, url, {"level": five})


def test_no_page_but_the_diff_loads_a_document(client, small_and_large):
    large = small_and_large[1]
    forget_kept()
    for name, (url, data) in _pages(large).items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, data).status_code == 200
        loading = [q["sql"] for q in captured if '."document"' in q["sql"]]
        if name.startswith("diff"):  # the two versions compared, the first time only
            assert len(loading) == 1 and loading[0].count('."document"') == 1, loading
        else:
            assert not loading, (name, loading)


def test_a_new_version_is_shown_at_once(client, small_and_large):
    small = small_and_large[0]
    url = reverse("classification:series-detail", args=[small.series])
    assert "A duty added in version 3." not in client.get(url).content.decode()
    document = small.to_document()
    document["levels"][0]["duties"].append("A duty added in version 3.")
    series_load(
        standard=parse_standard(document, source="edit"),
        created_at=LOADED_AT + datetime.timedelta(days=9),
    )
    full_text = reverse("classification:full-text", args=[small.series])
    assert "A duty added in version 3." in client.get(full_text).content.decode()
    assert ">3</a>" in client.get(url).content.decode()  # the list of versions
