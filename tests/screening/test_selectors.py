"""The screeners a process keeps: the last few used, whatever number of versions it sees."""

import copy
import datetime

from django.utils import timezone

from screening import selectors
from tests.factories import standard_store

NYS = "nys-call-center-representative"


def _version_sets(loaded_standards, count: int) -> list[list]:
    """The versions in force after each of `count` stored versions of CCR (a note added)."""
    sets = []
    for number in range(count):
        newest = loaded_standards[NYS].series.versions.order_by("-number").first()
        document = copy.deepcopy(newest.document)
        document["notes"] = [*(document.get("notes") or []), f"Note {number}."]
        standard_store(newest, document, at=timezone.now())
        sets.append(selectors.versions_in_effect(at=timezone.localdate()))
    return sets


def test_a_process_keeps_only_the_screeners_used_last(loaded_standards):
    selectors._compiled.clear()
    version_sets = _version_sets(loaded_standards, selectors.SCREENERS_KEPT + 2)
    screeners = [selectors.screener_for(versions) for versions in version_sets]
    assert len(selectors._compiled) == selectors.SCREENERS_KEPT
    assert selectors.screener_for(version_sets[-1]) is screeners[-1]  # used last: kept
    again = selectors.screener_for(version_sets[0])  # dropped: compiled again, same levels
    assert again is not screeners[0]
    assert again.level_ids == screeners[0].level_ids
    assert len(selectors._compiled) == selectors.SCREENERS_KEPT


def _named(versions) -> list[tuple]:
    return [(v.pk, v.number, v.digest, v.series.slug) for v in versions]


def test_the_light_versions_in_force_are_those_the_full_query_finds(loaded_standards):
    today = timezone.localdate()
    later = today + datetime.timedelta(days=30)
    newest = loaded_standards[NYS]
    document = copy.deepcopy(newest.document)
    document["notes"] = [*(document.get("notes") or []), "In force next month."]
    standard_store(newest, document, effective_date=later, at=timezone.now())
    for at in (datetime.date(1900, 1, 1), today, later):
        full = selectors.versions_in_effect(at=at)
        assert _named(selectors.versions_in_effect_light(at=at)) == _named(full)
    assert _named(selectors.versions_in_effect_light(at=later))[0][1] == 2  # NYS, sorted first


def test_a_kept_screener_costs_one_query_without_documents(
    loaded_standards, django_assert_num_queries
):
    at = timezone.localdate()
    screener = selectors.screener_in_effect(at=at)
    with django_assert_num_queries(1) as captured:
        assert selectors.screener_in_effect(at=at) is screener
    assert "document" not in captured.captured_queries[0]["sql"]
    assert (
        screener.level_ids == selectors.screener_for(selectors.versions_in_effect(at=at)).level_ids
    )
