"""The screeners a process keeps: the last few used, whatever number of versions it sees."""

import copy

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
