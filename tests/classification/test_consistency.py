"""Text and rule in step: the printed qualification text against the machine rule (pure)."""

import copy
from fractions import Fraction
from pathlib import Path

import pytest

from classification.consistency import (
    number_of,
    route_messages,
    text_months,
    text_rule_warnings,
)
from classification.standard_file import load_standard_file

SERIES_DATA = Path(__file__).resolve().parents[2] / "series_data"


def _document(name: str) -> dict:
    return load_standard_file(SERIES_DATA / f"{name}.yaml").to_document()


@pytest.mark.parametrize("name", ["nys-call-center-representative", "university-call-center"])
def test_both_shipped_standards_are_in_step(name):
    assert text_rule_warnings(_document(name)) == []


def test_three_years_in_the_text_against_24_months_in_the_rule_warns():
    document = _document("nys-call-center-representative")
    route = document["levels"][0]["qualifications"]["routes"][0]
    route["text"] = route["text"].replace("two years", "three years")
    [warning] = text_rule_warnings(document)
    assert warning.level == "1"
    assert warning.route == "open_competitive"
    assert warning.message == (
        "Level 'Call Center Representative 1', route 'Open Competitive': the text says "
        "three years (36 months) but the rule asks for 24 months"
    )


def test_raising_the_rule_alone_warns_until_the_text_follows():
    document = _document("nys-call-center-representative")
    route = document["levels"][0]["qualifications"]["routes"][0]
    route["rule"]["any"][1]["all"][1]["experience"]["months"] = 36
    [warning] = text_rule_warnings(document)
    assert "the text says two years (24 months) but the rule asks for 36 months" in warning.message
    route["text"] = route["text"].replace("two years", "three years")
    assert text_rule_warnings(document) == []


def test_numbers_in_words_and_digits():
    assert number_of("three") == 3
    assert number_of("twenty-four") == 24
    assert number_of("sixty") == 60
    assert number_of("12") == 12
    assert number_of("1.5") == Fraction(3, 2)
    assert number_of("several") is None
    assert text_months("6 months of reception; one year of service") == {
        6: "6 months",
        12: "one year",
    }


EXPERIENCE_24 = {"experience": {"months": 24}}


def test_semester_hours_disagree():
    rule = {"all": [{"education": {"semester_hours": 30}}, EXPERIENCE_24]}
    text = "sixty college semester credit hours and two years of experience"
    assert route_messages(text, rule) == [
        "the text says 60 semester hours but the rule does not ask for them",
        "the rule asks for 30 semester hours but the text does not say so",
    ]


def test_credentials_disagree():
    rule = {"all": [{"education": {"credential": "associate"}}, EXPERIENCE_24]}
    text = "a Bachelor's degree and two years of experience"
    assert route_messages(text, rule) == [
        "the text names a bachelor's degree but the rule does not ask for it",
        "the rule asks for an associate degree but the text does not name it",
    ]


def test_or_in_the_text_against_all_of_in_the_rule():
    rule = {"all": [{"education": {"credential": "high_school"}}, EXPERIENCE_24]}
    assert route_messages("a high school diploma or GED and two years", rule) == []
    text = "a high school diploma; or two years of experience"
    assert route_messages(text, rule) == [
        'the text gives alternatives ("or") but the rule has no "any of" group'
    ]
    any_rule = {"any": copy.deepcopy(rule["all"])}
    assert route_messages("a high school diploma and two years", any_rule) == [
        'the rule has an "any of" group but the text gives no alternatives ("or")'
    ]
    assert route_messages("a high school diploma\nOr\ntwo years", any_rule) == []


def test_a_period_only_the_rule_asks_for():
    assert route_messages("experience", {"experience": {"months": 6}}) == [
        "the rule asks for 6 months but the text does not say so"
    ]


def test_an_incomplete_draft_gives_no_error():
    assert text_rule_warnings({}) == []
    assert text_rule_warnings({"levels": [{"id": "1"}, "junk", {"qualifications": {}}]}) == []
    broken = {"levels": [{"qualifications": {"routes": [{"text": 3, "rule": None}]}}]}
    assert text_rule_warnings(broken) == []
