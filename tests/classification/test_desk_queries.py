"""Every page of the analyst's desk runs a fixed number of SQL queries, whatever the size of the
standard: a standard with few levels and one with many cost the same."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from classification.services import series_load
from classification.standard_file import parse_standard
from portal.roles import HR_ANALYST
from tests.classification.sizes import query_count, with_extra_levels
from tests.conftest import LOADED_AT


@pytest.fixture
def small_and_large(db, standard_files):
    """Two standards, 6 and 17 levels, each with two versions."""
    base = standard_files["nys-call-center-representative"]
    loaded = []
    for standard in (with_extra_levels(base, 1), with_extra_levels(base, 12)):
        series_load(standard=standard, created_at=LOADED_AT)
        document = standard.to_document()
        document["levels"][0]["duties"].append("A duty added in version 2.")
        edited = parse_standard(document, source="edit")
        series_load(standard=edited, created_at=LOADED_AT + datetime.timedelta(days=1))
        loaded.append(edited)
    return loaded


def _pages(standard):
    slug = standard.series
    level_ids = [f"{slug}/{level_id}" for level_id in standard.level_ids[-5:]]
    return {
        "series as of": (
            reverse("classification:series-detail", args=[slug]),
            {"as_of": "2026-12-01"},
        ),
        "compare 5": (reverse("classification:compare"), {"level": level_ids}),
        "ladder": (reverse("classification:ladder", args=[slug]), None),
        "ladder v1": (reverse("classification:ladder-version", args=[slug, 1]), None),
        "search": (reverse("classification:search"), {"q": "call center", "series": slug}),
        "history": (reverse("classification:version-history", args=[slug]), None),
        "diff": (reverse("classification:version-diff", args=[slug]), None),
        "export": (reverse("classification:version-export", args=[slug, 2]), None),
        "edit": (reverse("classification:standard-edit", args=[slug]), None),
    }


def test_desk_pages_use_a_constant_number_of_queries(client, small_and_large):
    analyst = User.objects.create_user(username="ann", password="a long test password 42")
    analyst.groups.add(Group.objects.get(name=HR_ANALYST))
    client.force_login(analyst)
    small, large = small_and_large
    counts = {}
    for standard in (small, large):
        counts[standard.series] = {
            name: query_count(client, url, data) for name, (url, data) in _pages(standard).items()
        }
    assert counts[small.series] == counts[large.series], counts
    assert max(counts[small.series].values()) <= 15, counts[small.series]


def test_comparing_two_or_five_levels_costs_the_same(client, small_and_large):
    small, large = small_and_large
    two = [f"{small.series}/{level_id}" for level_id in small.level_ids[:2]]
    five = [f"{large.series}/{level_id}" for level_id in large.level_ids[-5:]]
    url = reverse("classification:compare")
    assert query_count(client, url, {"level": two}) == query_count(client, url, {"level": five})
