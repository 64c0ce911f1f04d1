"""screening-profile/1: parsing and validation, every problem with its JSON path."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from screening.engine import ProfileInvalid, parse_profile, validate_profile
from screening.engine.countries import ISO_3166_ALPHA2

VALID = {
    "format": "screening-profile/1",
    "as_of": "2026-10-01",
    "applicant": {"name": "Dana Ortiz", "email": "dana@example.org", "external_id": "A-1001"},
    "education": [
        {"credential": "high_school_equivalency", "verified": True},
        {
            "credential": "college_credit",
            "semester_hours": 45,
            "quarter_hours": 24,
            "institution": "Hudson Valley CC",
            "country": "US",
            "completed": "2019-05",
        },
    ],
    "experience": [
        {
            "title": "Taxpayer Services Representative",
            "employer": "NYS Dept. of Taxation",
            "employer_type": "government",
            "government_level": "state",
            "occupation": "customer_service_representative",
            "start": "2020-01",
            "end": None,
            "hours_per_week": 37.5,
            "paid": True,
            "settings": ["call_center"],
            "duties": ["customer_service", "telephone_answering"],
            "verified": False,
        }
    ],
    "civil_service": [
        {
            "title": "Call Center Representative 1",
            "class_code": "2546100",
            "parenthetic": None,
            "status": "permanent",
            "jurisdiction": "competitive",
            "start": "2023-04",
            "end": None,
        }
    ],
    "assessments": {"keyboarding_wpm": 32},
}


def edit(change):
    """A copy of VALID changed by `change(doc)`, as JSON text."""
    doc = copy.deepcopy(VALID)
    change(doc)
    return json.dumps(doc)


def setter(path: str, value):
    """A change setting a dotted path ("experience.0.end") to value."""

    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def deleter(path: str):
    def change(doc):
        *parents, last = path.split(".")
        node = doc
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        del node[last]

    return change


def with_number(path: str, literal: str) -> str:
    """VALID with the number at `path` written as `literal` (JSON that Python would not write)."""
    return edit(setter(path, "NUMBER")).replace('"NUMBER"', literal)


def _many(key, count, item):
    return lambda doc: doc.__setitem__(key, [copy.deepcopy(item) for _ in range(count)])


EXP = "experience.0"
SVC = "civil_service.0"

# (id, raw document, the exact set of paths reported)
MALFORMED = [
    ("not-utf8", b'{"format": "screening-profile/1", "x": "\xff"}', {"$"}),
    ("not-json", b'{"format": "screening-profile/1",', {"$"}),
    ("empty-text", b"", {"$"}),
    ("not-an-object", b'["screening-profile/1"]', {"$"}),
    ("a-string", b'"screening-profile/1"', {"$"}),
    ("format-missing", edit(deleter("format")), {"format"}),
    ("format-wrong", edit(setter("format", "screening-profile/2")), {"format"}),
    ("unknown-top-key", edit(setter("notes", "hi")), {"notes"}),
    ("as-of-not-calendar", edit(setter("as_of", "2026-02-30")), {"as_of"}),
    ("as-of-wrong-shape", edit(setter("as_of", "10/01/2026")), {"as_of"}),
    ("as-of-a-month", edit(setter("as_of", "2026-10")), {"as_of"}),
    ("as-of-before-1900", edit(setter("as_of", "1899-12-31")), {"as_of"}),
    ("as-of-after-2100", edit(setter("as_of", "2101-01-01")), {"as_of"}),
    ("start-month-zero-year", edit(setter(f"{EXP}.start", "0000-01")), {"experience[0].start"}),
    (
        "end-after-2100",
        edit(setter(f"{SVC}.end", "2101-01")),
        {"civil_service[0].end"},
    ),
    (
        "completed-before-1900",
        edit(setter("education.1.completed", "1899-12")),
        {"education[1].completed"},
    ),
    ("applicant-unknown-key", edit(setter("applicant.phone", "555")), {"applicant.phone"}),
    ("applicant-name-too-long", edit(setter("applicant.name", "x" * 201)), {"applicant.name"}),
    ("nul-in-a-title", edit(setter(f"{EXP}.title", "Clerk\x00")), {"experience[0].title"}),
    (
        "lone-surrogate-in-a-field",
        edit(setter("education.1.field", "Bio\ud800logy")),
        {"education[1].field"},
    ),
    ("lone-surrogate-key", edit(setter("\ud800", 1)), {'$["\\ud800"]'}),
    (
        "hours-1e5000",
        with_number(f"{EXP}.hours_per_week", "1e5000"),
        {"experience[0].hours_per_week"},
    ),
    (
        "hours-1e999999999",
        with_number(f"{EXP}.hours_per_week", "1e999999999"),
        {"experience[0].hours_per_week"},
    ),
    (
        "hours-1e-999999999",
        with_number(f"{EXP}.hours_per_week", "-1e-999999999"),
        {"experience[0].hours_per_week"},
    ),
    (
        "keyboarding-5001-digits",
        with_number("assessments.keyboarding_wpm", "9" * 5001),
        {"assessments.keyboarding_wpm"},
    ),
    ("applicant-email-number", edit(setter("applicant.email", 5)), {"applicant.email"}),
    ("applicant-not-object", edit(setter("applicant", "Dana")), {"applicant"}),
    ("education-not-array", edit(setter("education", {})), {"education"}),
    (
        "education-too-many",
        edit(_many("education", 51, {"credential": "bachelor"})),
        {"education"},
    ),
    ("education-entry-not-object", edit(setter("education.0", "GED")), {"education[0]"}),
    (
        "credential-unknown",
        edit(setter("education.0.credential", "phd")),
        {"education[0].credential"},
    ),
    ("credential-missing", edit(deleter("education.0.credential")), {"education[0].credential"}),
    (
        "college-credit-without-hours",
        edit(
            lambda d: (
                d["education"][1].pop("semester_hours") and d["education"][1].pop("quarter_hours")
            )
        ),
        {"education[1]"},
    ),
    (
        "hours-on-a-diploma",
        edit(setter("education.0.semester_hours", 12)),
        {"education[0].semester_hours"},
    ),
    (
        "semester-hours-negative",
        edit(setter("education.1.semester_hours", -1)),
        {"education[1].semester_hours"},
    ),
    (
        "quarter-hours-over-600",
        edit(setter("education.1.quarter_hours", 601)),
        {"education[1].quarter_hours"},
    ),
    (
        "semester-hours-true",
        edit(setter("education.1.semester_hours", True)),
        {"education[1].semester_hours"},
    ),
    (
        "semester-hours-a-string",
        edit(setter("education.1.semester_hours", "45")),
        {"education[1].semester_hours"},
    ),
    ("cip-malformed", edit(setter("education.1.cip", "5")), {"education[1].cip"}),
    ("cip-a-number", edit(setter("education.1.cip", 52.02)), {"education[1].cip"}),
    ("country-uk", edit(setter("education.1.country", "UK")), {"education[1].country"}),
    ("country-unassigned", edit(setter("education.1.country", "XX")), {"education[1].country"}),
    ("country-lowercase", edit(setter("education.1.country", "us")), {"education[1].country"}),
    (
        "completed-not-month",
        edit(setter("education.1.completed", "2019-5")),
        {"education[1].completed"},
    ),
    (
        "education-verified-string",
        edit(setter("education.0.verified", "yes")),
        {"education[0].verified"},
    ),
    ("education-unknown-key", edit(setter("education.0.gpa", 3.5)), {"education[0].gpa"}),
    (
        "experience-required-keys",
        edit(lambda d: d["experience"].__setitem__(0, {"employer": "X"})),
        {"experience[0].title", "experience[0].employer_type", "experience[0].start"},
    ),
    ("title-empty", edit(setter(f"{EXP}.title", "")), {"experience[0].title"}),
    ("title-a-number", edit(setter(f"{EXP}.title", 7)), {"experience[0].title"}),
    ("end-before-start", edit(setter(f"{EXP}.end", "2019-12")), {"experience[0].end"}),
    ("end-not-a-month", edit(setter(f"{EXP}.end", "2021-13")), {"experience[0].end"}),
    ("start-a-date", edit(setter(f"{EXP}.start", "2020-01-01")), {"experience[0].start"}),
    ("month-trailing-newline", edit(setter(f"{EXP}.start", "2020-01\n")), {"experience[0].start"}),
    ("hours-zero", edit(setter(f"{EXP}.hours_per_week", 0)), {"experience[0].hours_per_week"}),
    (
        "hours-over-100",
        edit(setter(f"{EXP}.hours_per_week", 100.5)),
        {"experience[0].hours_per_week"},
    ),
    ("hours-true", edit(setter(f"{EXP}.hours_per_week", True)), {"experience[0].hours_per_week"}),
    ("hours-null", edit(setter(f"{EXP}.hours_per_week", None)), {"experience[0].hours_per_week"}),
    (
        "hours-nan",
        edit(setter(f"{EXP}.hours_per_week", 40)).replace(
            '"hours_per_week": 40', '"hours_per_week": NaN'
        ),
        {"experience[0].hours_per_week"},
    ),
    (
        "hours-infinity",
        edit(setter(f"{EXP}.hours_per_week", 40)).replace(
            '"hours_per_week": 40', '"hours_per_week": -Infinity'
        ),
        {"experience[0].hours_per_week"},
    ),
    ("paid-string", edit(setter(f"{EXP}.paid", "yes")), {"experience[0].paid"}),
    (
        "duty-repeated",
        edit(setter(f"{EXP}.duties", ["reception", "reception"])),
        {"experience[0].duties[1]"},
    ),
    ("duty-unknown", edit(setter(f"{EXP}.duties", ["typing"])), {"experience[0].duties[0]"}),
    ("duties-not-array", edit(setter(f"{EXP}.duties", "reception")), {"experience[0].duties"}),
    (
        "setting-repeated",
        edit(setter(f"{EXP}.settings", ["medical", "medical"])),
        {"experience[0].settings[1]"},
    ),
    ("setting-unknown", edit(setter(f"{EXP}.settings", ["office"])), {"experience[0].settings[0]"}),
    (
        "occupation-unknown",
        edit(setter(f"{EXP}.occupation", "nurse")),
        {"experience[0].occupation"},
    ),
    (
        "employer-type-unknown",
        edit(setter(f"{EXP}.employer_type", "gov")),
        {"experience[0].employer_type"},
    ),
    (
        "government-level-unknown",
        edit(setter(f"{EXP}.government_level", "city")),
        {"experience[0].government_level"},
    ),
    (
        "disciplines-fractional",
        edit(setter(f"{EXP}.disciplines_scheduled", 2.5)),
        {"experience[0].disciplines_scheduled"},
    ),
    (
        "disciplines-negative",
        edit(setter(f"{EXP}.disciplines_scheduled", -1)),
        {"experience[0].disciplines_scheduled"},
    ),
    ("experience-unknown-key", edit(setter(f"{EXP}.salary", 1)), {"experience[0].salary"}),
    ("experience-too-many", edit(_many("experience", 101, VALID["experience"][0])), {"experience"}),
    (
        "class-code-a-number",
        edit(setter(f"{SVC}.class_code", 2546100)),
        {"civil_service[0].class_code"},
    ),
    ("class-code-short", edit(setter(f"{SVC}.class_code", "254")), {"civil_service[0].class_code"}),
    ("status-unknown", edit(setter(f"{SVC}.status", "seasonal")), {"civil_service[0].status"}),
    ("status-missing", edit(deleter(f"{SVC}.status")), {"civil_service[0].status"}),
    ("parenthetic-empty", edit(setter(f"{SVC}.parenthetic", "")), {"civil_service[0].parenthetic"}),
    (
        "parenthetic-too-long",
        edit(setter(f"{SVC}.parenthetic", "H" * 41)),
        {"civil_service[0].parenthetic"},
    ),
    (
        "jurisdiction-unknown",
        edit(setter(f"{SVC}.jurisdiction", "classified")),
        {"civil_service[0].jurisdiction"},
    ),
    ("service-end-before-start", edit(setter(f"{SVC}.end", "2023-03")), {"civil_service[0].end"}),
    (
        "keyboarding-over-250",
        edit(setter("assessments.keyboarding_wpm", 251)),
        {"assessments.keyboarding_wpm"},
    ),
    (
        "keyboarding-fractional",
        edit(setter("assessments.keyboarding_wpm", 32.5)),
        {"assessments.keyboarding_wpm"},
    ),
    (
        "keyboarding-a-string",
        edit(setter("assessments.keyboarding_wpm", "32")),
        {"assessments.keyboarding_wpm"},
    ),
    ("assessments-unknown-key", edit(setter("assessments.typing", 3)), {"assessments.typing"}),
    (
        "many-problems-at-once",
        edit(
            lambda d: (
                d.__setitem__("format", "x"),
                d["experience"][0].__setitem__("end", "2019-01"),
                d["education"][0].__setitem__("credential", "phd"),
                d["civil_service"][0].__setitem__("parenthetic", ""),
            )
        ),
        {
            "format",
            "experience[0].end",
            "education[0].credential",
            "civil_service[0].parenthetic",
        },
    ),
]


@pytest.mark.parametrize(
    ("raw", "paths"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_profile_reports_exact_paths(raw, paths):
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(raw if isinstance(raw, bytes) else raw.encode())
    reported = {e["path"] for e in info.value.errors}
    assert reported == paths
    for error in info.value.errors:
        assert set(error) == {"path", "message"}
        assert error["message"] and isinstance(error["message"], str)
        assert len(error["message"]) < 300
        json.dumps(error, ensure_ascii=False).encode("utf-8")  # it can be written out


def test_at_least_thirty_kinds_of_malformed_profile():
    assert len({name for name, _, _ in MALFORMED}) >= 30


def test_messages_are_clear():
    raw = edit(setter(f"{EXP}.end", "2019-12")).replace('"start": "2020-01"', '"start": "2021-07"')
    raw = raw.replace('"end": "2019-12"', '"end": "2021-03"')
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(raw)
    assert info.value.errors == [
        {"path": "experience[0].end", "message": "before start (2021-03 < 2021-07)"}
    ]
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter("education.1.country", "UK")))
    assert "GB" in info.value.errors[0]["message"]
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter(f"{EXP}.hours_per_week", True)))
    assert info.value.errors[0]["message"] == "must be a number (got true)"


def test_not_json_message_names_the_position():
    with pytest.raises(ProfileInvalid) as info:
        parse_profile("{")
    assert info.value.errors[0]["message"].startswith("not JSON:")


def test_valid_profile_parses_into_typed_entries():
    profile = parse_profile(json.dumps(VALID).encode())
    assert profile.as_of == date(2026, 10, 1)
    assert profile.applicant.name == "Dana Ortiz"
    hse, credit = profile.education
    assert hse.verified and hse.country == "US"
    assert credit.credit_hours == 45 + 16  # quarter hours count two thirds
    (job,) = profile.experience
    assert job.hours_per_week == Fraction(75, 2)
    assert job.weight == 1  # 37.5 hours is full time
    assert job.end is None and job.end_month is None
    assert job.duties == ("customer_service", "telephone_answering")
    (service,) = profile.civil_service
    assert service.parenthetic is None and service.jurisdiction == "competitive"
    assert profile.assessments.keyboarding_wpm == 32


def test_minimal_profile_and_defaults():
    profile = parse_profile('{"format": "screening-profile/1"}')
    assert profile.as_of is None
    assert profile.education == () and profile.experience == () and profile.civil_service == ()
    assert profile.assessments.keyboarding_wpm is None
    entry = validate_profile(
        {
            "format": "screening-profile/1",
            "experience": [{"title": "T", "employer_type": "private", "start": "2020-01"}],
        }
    ).experience[0]
    assert entry.hours_per_week == 40 and entry.paid and entry.disciplines_scheduled == 0
    assert entry.verified is False


def test_numbers_stay_exact():
    raw = edit(setter(f"{EXP}.hours_per_week", 24.1)).replace("24.1", "24.1000000000000000001")
    entry = parse_profile(raw).experience[0]
    assert entry.hours_per_week == Fraction(Decimal("24.1000000000000000001"))
    assert entry.weight == entry.hours_per_week / 40
    # Python floats given to validate_profile are read through their shortest text.
    doc = copy.deepcopy(VALID)
    doc["experience"][0]["hours_per_week"] = 0.1
    assert validate_profile(doc).experience[0].hours_per_week == Fraction(1, 10)


def test_integer_valued_number_is_an_integer_as_in_json_schema():
    profile = parse_profile(edit(setter("assessments.keyboarding_wpm", 32.0)))
    assert profile.assessments.keyboarding_wpm == 32
    assert isinstance(profile.assessments.keyboarding_wpm, int)


def test_boundaries_of_the_schema_are_inclusive_or_exclusive_as_written():
    ok = [
        setter(f"{EXP}.hours_per_week", 100),
        setter(f"{EXP}.hours_per_week", 0.01),
        setter("education.1.semester_hours", 400),
        setter("education.1.quarter_hours", 0),
        setter("assessments.keyboarding_wpm", 250),
        setter(f"{SVC}.parenthetic", "H" * 40),
        setter("applicant.external_id", "x" * 64),
        setter(f"{EXP}.disciplines_scheduled", 200),
    ]
    for change in ok:
        parse_profile(edit(change))


def test_a_foreign_country_and_end_equal_to_start_are_fine():
    parse_profile(edit(setter("education.1.country", "GB")))
    parse_profile(edit(setter(f"{EXP}.end", "2020-01")))


def test_country_list_is_the_assigned_codes():
    assert len(ISO_3166_ALPHA2) == 249
    assert {"GB", "US", "SS", "XK"} - ISO_3166_ALPHA2 == {"XK"}  # Kosovo: user-assigned
    assert "UK" not in ISO_3166_ALPHA2


def test_error_is_a_value_error_with_a_readable_text():
    with pytest.raises(ValueError, match=r"format: must be 'screening-profile/1'"):
        parse_profile(edit(setter("format", 1)))


def test_validate_profile_takes_objects():
    with pytest.raises(ProfileInvalid) as info:
        validate_profile(None)
    assert info.value.errors == [
        {"path": "$", "message": "a profile must be a JSON object (got null)"}
    ]


def test_odd_keys_get_readable_paths():
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter("my key", 1)))
    assert info.value.errors[0]["path"] == '$["my key"]'


def test_dates_and_months_outside_the_window_are_refused_by_path_with_the_window():
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter("as_of", "1899-12-31")))
    assert info.value.errors == [
        {"path": "as_of", "message": "must be between 1900-01-01 and 2100-12-31"}
    ]
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter(f"{EXP}.start", "0000-01")))
    (error,) = info.value.errors
    assert error["path"] == "experience[0].start"
    assert error["message"] == "must be between 1900-01 and 2100-12 (got '0000-01')"


def test_the_edges_of_the_window_are_inside_it():
    def edges(doc):
        doc["as_of"] = "1900-01-01"
        doc["experience"][0].update(start="1900-01", end="2100-12")
        doc["education"][1]["completed"] = "2100-12"

    profile = parse_profile(edit(edges))
    assert profile.as_of == date(1900, 1, 1)
    assert parse_profile(edit(setter("as_of", "2100-12-31"))).as_of == date(2100, 12, 31)


def test_a_document_of_python_values_no_json_holds_is_refused_by_path():
    doc = copy.deepcopy(VALID)
    doc["experience"][0]["hours_per_week"] = float("nan")
    doc["experience"][0]["end"] = float("inf")
    doc[7] = "seven"
    doc["applicant"]["name"] = date(2026, 1, 1)
    with pytest.raises(ProfileInvalid) as info:
        validate_profile(doc)
    messages = {e["path"]: e["message"] for e in info.value.errors}
    assert set(messages) == {
        "experience[0].hours_per_week",
        "experience[0].end",
        '$["7"]',
        "applicant.name",
    }
    assert "finite" in messages["experience[0].end"]
    assert "date" in messages["applicant.name"]


def test_a_nan_end_or_parenthetic_is_not_taken_for_null():
    raw = edit(setter(f"{EXP}.end", "END")).replace('"END"', "NaN")
    raw = raw.replace('"parenthetic": null', '"parenthetic": -Infinity')
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(raw)
    assert {e["path"] for e in info.value.errors} == {
        "experience[0].end",
        "civil_service[0].parenthetic",
    }


def test_a_tiny_positive_number_is_refused_not_made_exact():
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(with_number(f"{EXP}.hours_per_week", "1e-999999999"))
    assert info.value.errors[0]["message"].startswith("must not be that close to 0")


def test_errors_come_in_the_order_of_the_document():
    def many(doc):
        doc["assessments"]["keyboarding_wpm"] = 999
        doc["experience"][0]["start"] = "2021-13"
        doc["format"] = "x"
        doc["education"][1]["country"] = "UK"

    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(many))
    assert [e["path"] for e in info.value.errors] == [
        "format",
        "education[1].country",
        "experience[0].start",
        "assessments.keyboarding_wpm",
    ]


def test_list_limits_come_from_the_schema():
    from screening.engine.validation import LIST_LIMITS, SCHEMA

    assert LIST_LIMITS == {"education": 50, "experience": 100, "civil_service": 50}
    assert SCHEMA["properties"]["experience"]["maxItems"] == LIST_LIMITS["experience"]


def test_a_document_nested_too_deeply_is_refused_not_a_crash():
    doc = copy.deepcopy(VALID)
    deep: list = []
    for _ in range(5000):
        deep = [deep]
    doc["notes"] = deep
    with pytest.raises(ProfileInvalid) as info:
        validate_profile(doc)
    assert info.value.errors[0]["path"] == "$"


def test_a_long_value_is_cut_short_in_its_message():
    with pytest.raises(ProfileInvalid) as info:
        parse_profile(edit(setter(f"{EXP}.duties", ["x" * 500])))
    (error,) = info.value.errors
    assert error["message"].startswith("unknown duty 'xxxxxxxx")
    assert "…'" in error["message"] and len(error["message"]) < 300
