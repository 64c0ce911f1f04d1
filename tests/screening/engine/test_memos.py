"""The memos of the bulk path: bounded, shared by identical levels without changing a result,
and what they give back always equal to a result built from nothing (cold screener)."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given

from screening.engine import (
    build_screener,
    compiled,
    evaluate,
    levels,
    predicates,
    screen_profile,
    screen_profile_json,
    validate_profile,
    ways,
)

from .conftest import AS_OF, load_standards
from .test_properties import PROFILES, SETTINGS_

STANDARDS = load_standards()
WARM = build_screener(STANDARDS)  # kept across examples: its memos fill up and get cleared
TWINS = ("nys-call-center-representative/1", "nys-call-center-representative/1-hesc")


def cold_json(profile, *, compact: bool) -> str:
    """The result from a new screener (nothing memoized), dumped by json.dumps."""
    result = screen_profile(profile, build_screener(STANDARDS), default_as_of=AS_OF)
    if compact:
        return json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(result)


def varied_profiles(count: int, seed: int = 3) -> list:
    """Profiles whose months, hours and credentials vary widely (many distinct outcomes)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        experience = []
        for _ in range(rng.randint(0, 4)):
            start = rng.randint(2008 * 12, 2026 * 12)
            end = start + rng.randint(0, 90)
            experience.append(
                {
                    "title": "Job",
                    "employer_type": rng.choice(["government", "private", "nonprofit"]),
                    "start": f"{start // 12:04d}-{start % 12 + 1:02d}",
                    "end": f"{end // 12:04d}-{end % 12 + 1:02d}",
                    "hours_per_week": rng.choice([40, 37.5, 30, 20, 15.5, 10]),
                    "settings": rng.sample(["call_center", "medical"], rng.randint(0, 2)),
                    "duties": rng.sample(
                        ["public_contact", "telephone_answering", "supervision", "lead_work"],
                        rng.randint(0, 3),
                    ),
                    "verified": rng.random() < 0.3,
                }
            )
        education = [
            {"credential": "college_credit", "semester_hours": rng.randint(0, 130)}
            for _ in range(rng.randint(0, 1))
        ] + [{"credential": rng.choice(["high_school_diploma", "associate", "bachelor"])}] * (
            rng.random() < 0.7
        )
        document = {
            "format": "screening-profile/1",
            "education": education,
            "experience": experience,
        }
        if rng.random() < 0.4:
            document["assessments"] = {"keyboarding_wpm": rng.randint(5, 80)}
        out.append(validate_profile(document))
    return out


def _nodes(screener) -> list:
    seen: dict[int, object] = {}

    def walk(node) -> None:
        if id(node) not in seen:
            seen[id(node)] = node
            for part in getattr(node, "parts", ()):
                walk(part)

    for level in screener.levels:
        for node in level.routes:
            walk(node)
    return list(seen.values())


@pytest.fixture
def small_limit(monkeypatch):
    limit = 6
    for module in (compiled, evaluate, levels, predicates, ways):
        monkeypatch.setattr(module, "CACHE_LIMIT", limit)
    return limit


def test_every_memo_stays_within_its_limit_and_results_stay_exact(small_limit):
    screener = build_screener(STANDARDS)
    nodes = _nodes(screener)
    for profile in varied_profiles(150):
        got = screen_profile_json(profile, screener, default_as_of=AS_OF, compact=True)
        assert got == cold_json(profile, compact=True)
        for level in screener.levels:
            assert len(level.outcomes) <= small_limit
            assert len(level.cache) <= small_limit
            assert len(level.branch_cache) <= small_limit
            # Cleared before each level's own entries (a head, attributes, a few routes).
            assert len(level.json_cache) <= small_limit + 2 + len(level.routes)
        for node in nodes:
            assert len(node.cache) <= small_limit
        assert len(screener.classify.masks) <= small_limit


def test_memos_fill_without_the_limit_and_are_reused():
    screener = build_screener(STANDARDS)
    profiles = varied_profiles(60)
    first = [screen_profile_json(p, screener, default_as_of=AS_OF) for p in profiles]
    sizes = [len(level.outcomes) for level in screener.levels]
    again = [screen_profile_json(p, screener, default_as_of=AS_OF) for p in profiles]
    assert again == first
    assert [len(level.outcomes) for level in screener.levels] == sizes  # all found again
    assert max(sizes) > 10


def test_identical_levels_share_one_memo_of_outcomes():
    screener = build_screener(STANDARDS)
    one, hesc = (screener.by_id[level_id] for level_id in TWINS)
    assert one.routes == hesc.routes and one.route_names == hesc.route_names
    assert one.outcomes is hesc.outcomes
    different = [level for level in screener.levels if level.routes != one.routes]
    assert all(level.outcomes is not one.outcomes for level in different)


def test_shared_levels_give_what_unshared_levels_give():
    shared = build_screener(STANDARDS)
    unshared = build_screener(STANDARDS)
    for level in unshared.levels:  # each its own memos, as before they were shared
        level.outcomes, level.cache = {}, {}
    for profile in varied_profiles(120, seed=11):
        for compact in (False, True):
            a = screen_profile_json(profile, shared, default_as_of=AS_OF, compact=compact)
            b = screen_profile_json(profile, unshared, default_as_of=AS_OF, compact=compact)
            assert a == b
        results = {
            r["level"]: r for r in screen_profile(profile, shared, default_as_of=AS_OF)["results"]
        }
        one, hesc = (dict(results[level_id]) for level_id in TWINS)
        for result in (one, hesc):
            del result["level"], result["title"]
        assert one == hesc


@SETTINGS_
@given(profile=PROFILES)
def test_memoized_text_equals_the_full_build(profile):
    parsed = validate_profile({"format": "screening-profile/1", **profile})
    for compact in (False, True):
        expected = cold_json(parsed, compact=compact)
        for _ in range(2):  # the first may fill the memos, the second reads them
            got = screen_profile_json(parsed, WARM, default_as_of=AS_OF, compact=compact)
            assert got == expected
