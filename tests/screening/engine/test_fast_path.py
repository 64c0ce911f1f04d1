"""The bulk fast path: profiles from stored documents, outcomes only, rule fingerprints."""

from __future__ import annotations

import copy
import importlib.util
import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.engine import (
    RuleError,
    level_rule_fingerprints,
    profile_from_document,
    screen_outcomes,
    screen_profile,
    standard_rules_from_document,
    validate_profile,
)

from .conftest import AS_OF, ROOT, SERIES
from .test_acceptance import CASES
from .test_properties import PROFILES, SCREENER

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def document(profile: dict, as_of: str | None = None) -> dict:
    doc = {"format": "screening-profile/1", **profile}
    if as_of:
        doc["as_of"] = as_of
    return doc


def outcomes_of(result: dict):
    """screen_profile's result in screen_outcomes' shape."""
    return [
        (
            r["level"],
            r["outcome"],
            r["verified"],
            tuple((route["route"], route["outcome"]) for route in r["routes"]),
        )
        for r in result["results"]
    ]


def stored(doc: dict) -> dict:
    """The document as a database JSON column gives it back (floats, no Decimal)."""
    return json.loads(json.dumps(doc))


# --- profile_from_document -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_profile_from_document_equals_validation_on_acceptance_cases(case):
    doc = stored(case["profile"])
    assert profile_from_document(doc) == validate_profile(doc)


@FAST
@given(
    profile=PROFILES,
    as_of=st.sampled_from([None, "2024-02-29", "2026-10-01"]),
    wpm=st.none() | st.integers(0, 250) | st.just(32.0),
    applicant=st.none() | st.just({"name": "Dana", "external_id": "A-1"}),
)
def test_profile_from_document_equals_validation_on_generated_profiles(
    profile, as_of, wpm, applicant
):
    doc = document(profile, as_of)
    if wpm is not None:
        doc["assessments"] = {"keyboarding_wpm": wpm}
    if applicant is not None:
        doc["applicant"] = applicant
    doc = stored(doc)
    built, validated = profile_from_document(doc), validate_profile(doc)
    assert built == validated
    # Also the fields equality leaves out, and exact numbers of the same types.
    for mine, theirs in zip(built.experience, validated.experience, strict=True):
        assert (mine.weight, mine.duty_bits, mine.setting_bits, mine.end_month) == (
            theirs.weight,
            theirs.duty_bits,
            theirs.setting_bits,
            theirs.end_month,
        )
        assert type(mine.hours_per_week) is type(theirs.hours_per_week)
    for mine, theirs in zip(built.education, validated.education, strict=True):
        assert mine.credit_hours == theirs.credit_hours
    assert type(built.assessments.keyboarding_wpm) is type(validated.assessments.keyboarding_wpm)


def test_profile_from_document_reads_numbers_exactly():
    doc = document({"experience": [{"title": "T", "employer_type": "private", "start": "2020-01",
                                    "hours_per_week": 0.1}]})  # fmt: skip
    assert (
        profile_from_document(doc).experience[0].hours_per_week
        == validate_profile(doc).experience[0].hours_per_week
    )


# --- screen_outcomes -------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_screen_outcomes_agrees_with_screen_profile_on_acceptance_cases(case):
    profile = validate_profile(document(case["profile"]))
    expected = outcomes_of(screen_profile(profile, SCREENER, default_as_of=AS_OF))
    assert screen_outcomes(profile, SCREENER, default_as_of=AS_OF) == expected
    got = {level: outcome for level, outcome, _, _ in expected}
    assert got == case["expect"]  # the acceptance answer, not only agreement


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=PROFILES, as_of=st.sampled_from([None, "2019-06-01", "2026-10-01"]))
def test_screen_outcomes_agrees_with_screen_profile_on_generated_profiles(profile, as_of):
    parsed = validate_profile(document(profile, as_of))
    expected = outcomes_of(screen_profile(parsed, SCREENER, default_as_of=AS_OF))
    assert screen_outcomes(parsed, SCREENER, default_as_of=AS_OF) == expected


def test_screen_outcomes_agrees_with_screen_profile_on_the_benchmark_profiles():
    """3,000 profiles of realistic shape (the benchmark's seeded generator)."""
    spec = importlib.util.spec_from_file_location(
        "bench_engine", ROOT / "bench" / "bench_engine.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    qualified = 0
    for doc in bench.make_profiles(3000, seed=11):
        parsed = profile_from_document(stored(doc))
        for as_of in (AS_OF, date(2018, 3, 1)):
            expected = outcomes_of(screen_profile(parsed, SCREENER, default_as_of=as_of))
            assert screen_outcomes(parsed, SCREENER, default_as_of=as_of) == expected
            qualified += sum(row[1] == "qualified" for row in expected)
    assert qualified > 1000  # the profiles reach every kind of outcome, not only "not qualified"


@FAST
@given(profile=PROFILES, data=st.data())
def test_screen_outcomes_of_some_levels(profile, data):
    parsed = validate_profile(document(profile))
    levels = data.draw(st.lists(st.sampled_from(SCREENER.level_ids), unique=True, min_size=1))
    expected = screen_profile(parsed, SCREENER, levels=levels, default_as_of=AS_OF)
    got = screen_outcomes(parsed, SCREENER, levels=levels, default_as_of=AS_OF)
    assert got == outcomes_of(expected)
    assert [row[0] for row in got] == [lid for lid in SCREENER.level_ids if lid in levels]


def test_screen_outcomes_refuses_unknown_levels():
    with pytest.raises(ValueError, match="nope/1"):
        screen_outcomes(validate_profile(document({})), SCREENER, levels=["nope/1"],
                        default_as_of=date(2026, 1, 1))  # fmt: skip


# --- level_rule_fingerprints -----------------------------------------------------------------


def shipped_documents() -> dict[str, dict]:
    return {
        name: yaml.safe_load((ROOT / "series_data" / f"{name}.yaml").read_text()) for name in SERIES
    }


def fingerprints(documents: dict[str, dict]) -> dict[str, str]:
    return level_rule_fingerprints(
        [standard_rules_from_document(doc, version="v") for doc in documents.values()]
    )


def referrers(documents: dict[str, dict]) -> dict[str, set[str]]:
    """Level id -> the levels whose rules mention it (read from the YAML, transitively)."""
    direct: dict[str, set[str]] = {}
    for series, doc in documents.items():
        for level in doc["levels"]:
            me = f"{series}/{level['id']}"
            for target in _level_refs(level["qualifications"]):
                full = target if "/" in target else f"{series}/{target}"
                direct.setdefault(full, set()).add(me)
    closure = {}
    for level_id in fingerprints(documents):
        seen, todo = set(), [level_id]
        while todo:
            for up in direct.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        closure[level_id] = seen
    return closure


def _level_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "level" and isinstance(value, str):
                yield value
            else:
                yield from _level_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _level_refs(value)


def test_fingerprints_cover_every_level_and_are_stable():
    documents = shipped_documents()
    first = fingerprints(documents)
    assert len(first) == 10
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in first.values())
    assert fingerprints(copy.deepcopy(documents)) == first
    assert len(set(first.values())) >= 8  # different rules, different fingerprints
    assert referrers(documents)["university-call-center/representative-1"]  # refs are tested


@pytest.mark.parametrize("series", SERIES)
def test_a_rule_change_changes_its_level_and_the_levels_referring_to_it_only(series):
    documents = shipped_documents()
    before = fingerprints(documents)
    closure = referrers(documents)
    for index, level in enumerate(documents[series]["levels"]):
        changed_docs = copy.deepcopy(documents)
        route = changed_docs[series]["levels"][index]["qualifications"]["routes"][0]
        route["rule"] = {"any": [route["rule"], {"education": {"credential": "doctorate"}}]}
        after = fingerprints(changed_docs)
        changed = {lid for lid in before if before[lid] != after[lid]}
        me = f"{series}/{level['id']}"
        assert changed == {me} | closure[me], me


def test_wording_changes_no_fingerprint_and_an_ordinary_number_does():
    documents = shipped_documents()
    before = fingerprints(documents)
    reworded = copy.deepcopy(documents)
    for doc in reworded.values():
        for level in doc["levels"]:
            level["title"] = level["title"] + " (renamed)"
            for route in level["qualifications"]["routes"]:
                route["text"] = "reworded"
    assert fingerprints(reworded) == before
    ccr1 = "nys-call-center-representative/1"
    bumped = json.loads(json.dumps(documents, default=str).replace('"months": 6', '"months": 7', 1))
    assert fingerprints(bumped) != before
    changed = copy.deepcopy(documents)
    rule = changed["nys-call-center-representative"]["levels"][0]["qualifications"]
    rule["routes"][0]["route"] = "renamed-route"  # route names are part of the outcomes
    after = fingerprints(changed)
    assert after[ccr1] != before[ccr1]


def test_a_named_predicate_change_reaches_the_levels_that_use_it():
    documents = shipped_documents()
    before = fingerprints(documents)
    changed = copy.deepcopy(documents)
    predicates = changed["nys-call-center-representative"]["predicates"]
    predicates["customer_service"] = {"duty": "customer_service"}
    after = fingerprints(changed)
    moved = {lid for lid in before if before[lid] != after[lid]}
    assert "nys-call-center-representative/1" in moved
    assert not any(lid.startswith("university-call-center/") for lid in moved)


def test_a_reference_to_a_level_not_given_is_refused():
    documents = shipped_documents()
    (university,) = [standard_rules_from_document(documents["university-call-center"], version="v")]
    assert len(level_rule_fingerprints(university)) == 5  # one standard alone is fine
    doc = copy.deepcopy(documents["university-call-center"])
    doc["levels"][0]["qualifications"]["routes"][0]["rule"] = {
        "level": "nys-call-center-representative/1"
    }
    with pytest.raises(RuleError, match="nys-call-center-representative/1"):
        level_rule_fingerprints(standard_rules_from_document(doc, version="v"))


# --- the verified-only view shared by profiles with nothing verified -----------------------


@FAST
@given(profile=PROFILES, as_of=st.sampled_from(["2019-06-01", "2026-10-01"]))
def test_verified_of_a_profile_with_nothing_verified_is_that_of_its_own_empty_view(profile, as_of):
    from screening.engine.counting import MET, Context

    for kind in profile:
        for entry in profile[kind]:
            entry["verified"] = False
    parsed = validate_profile(document(profile, as_of))
    month = int(as_of[:4]) * 12 + int(as_of[5:7]) - 1
    own = Context(parsed, month, SCREENER.classify, verified_only=True)  # not the shared one
    result = screen_profile(parsed, SCREENER, default_as_of=AS_OF)
    for level, row in zip(SCREENER.levels, result["results"], strict=True):
        expected = row["outcome"] == "qualified" and level.status(own) == MET
        assert row["verified"] == expected, level.id
    assert outcomes_of(result) == screen_outcomes(parsed, SCREENER, default_as_of=AS_OF)
