"""Properties of the screening and of the validator, on generated profiles (hypothesis)."""

from __future__ import annotations

import copy
import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.engine import (
    ProfileInvalid,
    screen_profile,
    screen_profile_json,
    validate_profile,
)
from screening.engine.countries import ISO_3166_ALPHA2
from screening.engine.vocab import (
    CREDENTIALS,
    DUTIES,
    EMPLOYER_TYPES,
    GOVERNMENT_LEVELS,
    JURISDICTIONS,
    OCCUPATIONS,
    SERVICE_STATUSES,
    SETTINGS,
)

from .conftest import AS_OF, ROOT, load_standards, screen

SETTINGS_ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
RANK = {"not_qualified": 0, "review": 1, "qualified": 2}

# A session fixture cannot be used with @given, so the screener is built once here.
from screening.engine import build_screener  # noqa: E402

SCREENER = build_screener(load_standards())


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


MONTHS = st.integers(2016 * 12, 2027 * 12 + 2)


@st.composite
def experience_entries(draw):
    start = draw(MONTHS)
    entry = {
        "title": "Job",
        "employer_type": draw(st.sampled_from(EMPLOYER_TYPES)),
        "start": month_text(start),
        "end": draw(st.none() | st.integers(start, start + 60).map(month_text)),
        "hours_per_week": draw(st.sampled_from([40, 35, 37.5, 34, 30, 24, 20, 15, 10, 1])),
        "paid": draw(st.booleans()),
        "settings": draw(st.lists(st.sampled_from(SETTINGS), unique=True)),
        "duties": draw(st.lists(st.sampled_from(DUTIES), unique=True, max_size=4)),
        "disciplines_scheduled": draw(st.integers(0, 8)),
        "verified": draw(st.booleans()),
    }
    occupation = draw(st.none() | st.sampled_from(OCCUPATIONS))
    if occupation:
        entry["occupation"] = occupation
    if entry["employer_type"] == "government":
        entry["government_level"] = draw(st.sampled_from(GOVERNMENT_LEVELS))
    return entry


@st.composite
def education_entries(draw):
    credential = draw(st.sampled_from(CREDENTIALS))
    entry = {"credential": credential, "verified": draw(st.booleans())}
    if credential == "college_credit":
        entry["semester_hours"] = draw(st.sampled_from([0, 12, 30, 45.5, 60]))
        if draw(st.booleans()):
            entry["quarter_hours"] = draw(st.sampled_from([15, 30, 45]))
    cip = draw(st.none() | st.sampled_from(["52", "52.0201", "13.01", "51", "51.0701", "42.0101"]))
    if cip:
        entry["cip"] = cip
    entry["country"] = draw(st.sampled_from(["US", "US", "GB", "IN"]))
    completed = draw(st.none() | MONTHS.map(month_text))
    if completed:
        entry["completed"] = completed
    return entry


@st.composite
def service_entries(draw):
    start = draw(MONTHS)
    return {
        "class_code": draw(st.sampled_from(["2546100", "2546200", "1234567"])),
        "parenthetic": draw(st.sampled_from([None, "HESC"])),
        "status": draw(st.sampled_from(SERVICE_STATUSES)),
        "jurisdiction": draw(st.sampled_from(JURISDICTIONS)),
        "start": month_text(start),
        "end": draw(st.none() | st.integers(start, start + 40).map(month_text)),
        "verified": draw(st.booleans()),
    }


PROFILES = st.fixed_dictionaries(
    {
        "education": st.lists(education_entries(), max_size=3),
        "experience": st.lists(experience_entries(), max_size=4),
        "civil_service": st.lists(service_entries(), max_size=2),
    }
)
KINDS = {
    "education": education_entries(),
    "experience": experience_entries(),
    "civil_service": service_entries(),
}


def outcomes(profile):
    return {r["level"]: r["outcome"] for r in screen(profile, SCREENER)["results"]}


@SETTINGS_
@given(profile=PROFILES, data=st.data())
def test_adding_an_entry_never_lowers_an_outcome(profile, data):
    kind = data.draw(st.sampled_from(sorted(KINDS)))
    bigger = copy.deepcopy(profile)
    bigger[kind].append(data.draw(KINDS[kind]))
    before, after = outcomes(profile), outcomes(bigger)
    for level, outcome in before.items():
        assert RANK[after[level]] >= RANK[outcome], level


@SETTINGS_
@given(profile=PROFILES, data=st.data())
def test_entry_order_never_matters(profile, data):
    shuffled = {kind: data.draw(st.permutations(entries)) for kind, entries in profile.items()}
    assert screen(shuffled, SCREENER) == screen(profile, SCREENER)


@SETTINGS_
@given(profile=PROFILES, data=st.data())
def test_splitting_an_experience_entry_changes_nothing(profile, data):
    entries = profile["experience"]
    candidates = [i for i, e in enumerate(entries) if e["end"] is None or e["end"] > e["start"]]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    entry = entries[i]
    start = int(entry["start"][:4]) * 12 + int(entry["start"][5:]) - 1
    last = start + 70 if entry["end"] is None else (
        int(entry["end"][:4]) * 12 + int(entry["end"][5:]) - 1
    )  # fmt: skip
    cut = data.draw(st.integers(start, last - 1))
    first = {**entry, "end": month_text(cut)}
    second = {**entry, "start": month_text(cut + 1)}
    split = {**profile, "experience": [*entries[:i], first, second, *entries[i + 1 :]]}
    assert screen(split, SCREENER) == screen(profile, SCREENER)


@SETTINGS_
@given(profile=PROFILES)
def test_verified_implies_qualified_and_gaps_only_on_unmet_routes(profile):
    for result in screen(profile, SCREENER)["results"]:
        if result["verified"]:
            assert result["outcome"] == "qualified"
        for route in result["routes"]:
            assert (route["gaps"] == []) == (route["outcome"] == "qualified")
            assert route["explanation"]
            for gap in route["gaps"]:
                assert gap["status"] in ("unmet", "review")
                assert gap["status"] == "unmet" or gap["reason"]


@SETTINGS_
@given(profile=PROFILES, as_of=st.sampled_from([None, "2024-02-29", "2026-10-01"]))
def test_json_fast_path_is_exactly_json_dumps(profile, as_of):
    doc = {"format": "screening-profile/1", **profile}
    if as_of:
        doc["as_of"] = as_of
    parsed = validate_profile(doc)
    for _ in range(2):  # cold and warm caches
        result = screen_profile(parsed, SCREENER, default_as_of=AS_OF)
        expected = json.dumps(result)
        assert screen_profile_json(parsed, SCREENER, default_as_of=AS_OF) == expected
        expected = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        got = screen_profile_json(parsed, SCREENER, default_as_of=AS_OF, compact=True)
        assert got == expected


@SETTINGS_
@given(profile=PROFILES)
def test_all_verified_profile_is_verified_wherever_qualified(profile):
    for kind in profile:
        for entry in profile[kind]:
            entry["verified"] = True
    for result in screen(profile, SCREENER)["results"]:
        assert result["verified"] == (result["outcome"] == "qualified")


# ---------------------------------------------------------------------------
# Validation on generated near-valid documents: it accepts what the contract's JSON Schema
# accepts (read here by another implementation, python-jsonschema) plus SCREENING.md's extra
# checks, and every refusal names paths with messages. Cheap: the validator is the schema.

SCHEMA = json.loads((ROOT / "screening" / "engine" / "screening-profile-1.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    0.5,
    32.0,
    250,
    401,
    601,
    "",
    "x",
    "x" * 201,
    "Ann\x00Lee",
    "2021-13",
    "2021-03",
    "2019-01",
    "2021-03\n",
    "2026-02-30",
    "2026-02-28",
    "UK",
    "GB",
    "us",
    "52.02",
    "5",
    "2546100",
    "HESC",
    "permanent",
    "provisional",
    "competitive",
    "college_credit",
    "bachelor",
    "reception",
    "medical",
    "government",
    "state",
    "teacher",
    [],
    ["reception", "reception"],
    ["medical"],
    {},
]
# The entry fields the schema checks with a pattern (free text may end with a newline).
PATTERN_KEYS = {"start", "end", "completed", "cip", "country", "class_code"}


def extra_checks_pass(doc) -> bool:
    """SCREENING.md's checks beyond the schema, written independently of the engine."""
    if not isinstance(doc, dict):
        return True
    if "\\u0000" in json.dumps(doc):  # no string may hold a NUL (a database cannot store it)
        return False
    for kind in ("experience", "civil_service"):
        entries = doc.get(kind)
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            start, end = entry.get("start"), entry.get("end")
            if isinstance(start, str) and isinstance(end, str) and end < start:
                return False
    for entries in (doc.get("education"), doc.get("experience"), doc.get("civil_service")):
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict):
                continue
            for key, value in entry.items():
                # Python's `$` also matches before a final newline; a month is not one then.
                if key in PATTERN_KEYS and isinstance(value, str) and value.endswith("\n"):
                    return False
            country = entry.get("country")
            if isinstance(country, str) and country not in ISO_3166_ALPHA2:
                return False
    return True


def containers(node, path=()):
    """Every (path, container) of a document, for choosing where to mutate."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from containers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from containers(value, (*path, i))


@st.composite
def near_valid_documents(draw):
    doc = {"format": "screening-profile/1", **draw(PROFILES)}
    if draw(st.booleans()):
        doc["as_of"] = draw(st.sampled_from(["2026-10-01", "2024-02-29", "2023-02-29"]))
    if draw(st.booleans()):
        doc["assessments"] = {"keyboarding_wpm": draw(st.integers(0, 260))}
    if draw(st.booleans()):
        doc["applicant"] = {"name": draw(st.text(max_size=3)), "email": "a@b.c"}
    # Breaking only SCREENING.md's extra checks keeps the document valid for the schema.
    entries = [e for kind in ("experience", "civil_service") for e in doc[kind]]
    if entries and draw(st.integers(0, 4)) == 0:
        draw(st.sampled_from(entries))["end"] = "2015-12"  # before any generated start
    if doc["education"] and draw(st.integers(0, 4)) == 0:
        draw(st.sampled_from(doc["education"]))["country"] = draw(st.sampled_from(["UK", "XK"]))
    for _ in range(draw(st.integers(0, 3))):
        places = list(containers(doc))
        _, node = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["set", "set", "delete", "add"]))
        if isinstance(node, dict):
            keys = sorted(node, key=str)
            if action == "add" or not keys:
                node[
                    draw(st.sampled_from(["extra", "end", "hours_per_week", "semester_hours"]))
                ] = draw(st.sampled_from(ODD_VALUES))
            elif action == "delete":
                del node[draw(st.sampled_from(keys))]
            else:
                key = draw(st.sampled_from(keys))
                node[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif isinstance(node, list) and node:
            i = draw(st.integers(0, len(node) - 1))
            if action == "delete":
                del node[i]
            else:
                node[i] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=near_valid_documents())
def test_validation_accepts_what_the_contract_accepts_and_names_every_refusal(doc):
    expected = VALIDATOR.is_valid(doc) and extra_checks_pass(doc)
    try:
        validate_profile(copy.deepcopy(doc))
        accepted = True
    except ProfileInvalid as invalid:
        accepted = False
        assert invalid.errors
        for error in invalid.errors:
            assert error["path"] and error["message"] and len(error["message"]) < 300
            top = error["path"].split(".")[0].split("[")[0]
            assert top in doc or top in SCHEMA["properties"] or top in ("$", ""), error
    assert accepted == expected, list(VALIDATOR.iter_errors(doc))[:3]
