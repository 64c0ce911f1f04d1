"""A standard's problems named with the document's own words, and found on their YAML line."""

import copy

import pytest

from classification.forms import document_to_yaml
from classification.problem_words import path_parts, problem_words, problems_in_words, yaml_line
from classification.standard_file import StandardFileError, load_yaml, parse_standard
from tests.conftest import SERIES_FILES

NYS = "nys-call-center-representative"


@pytest.fixture(scope="module")
def nys() -> dict:
    return load_yaml(SERIES_FILES[NYS].read_text(), source="")


def _problems(document) -> list[str]:
    with pytest.raises(StandardFileError) as refused:
        parse_standard(document)
    return refused.value.problems


def test_paths_are_split_into_keys_and_positions():
    assert path_parts("levels[1].qualifications.routes[0].rule.any[0]") == [
        "levels", 1, "qualifications", "routes", 0, "rule", "any", 0
    ]  # fmt: skip


def test_a_months_problem_names_the_level_and_route(nys):
    broken = copy.deepcopy(nys)
    broken["levels"][1]["qualifications"]["routes"][0]["rule"]["any"][0]["all"][1]["experience"][
        "months"
    ] = "twelve"
    (problem,) = _problems(broken)
    words = problem_words(problem, broken)
    assert words.text == (
        "Level “Call Center Representative 2”, qualification route “Open competitive”, "
        "its rule: months must be a positive number"
    )


def test_type_problems_are_said_in_words(nys):
    broken = copy.deepcopy(nys)
    broken["levels"][1]["grade"] = "fourteen"
    broken["definitions"][0]["term"] = 5
    del broken["levels"][0]["title"]
    texts = [p.text for p in problems_in_words(_problems(broken), broken)]
    term = nys["definitions"][0]["key"]
    assert texts == [
        f"Definition “{term}”: term must be text",
        "Level “1”: title is missing",
        "Level “Call Center Representative 2”: grade must be a whole number, or left empty",
    ]


def test_a_duty_and_a_top_level_field_are_named(nys):
    broken = copy.deepcopy(nys)
    broken["title"] = ""
    broken["levels"][2]["duties"][1] = 7
    texts = [p.text for p in problems_in_words(_problems(broken), broken)]
    assert texts == [
        "Title must not be empty",
        "Level “Call Center Representative 3”: duties, item 2 must be text",
    ]


def test_a_predicate_problem_names_the_predicate(nys):
    broken = copy.deepcopy(nys)
    broken["predicates"]["customer_service"] = {"duty": 5}
    words = [p.text for p in problems_in_words(_problems(broken), broken)]
    assert words and all(w.startswith("Predicate “customer_service”") for w in words)


def test_the_line_of_a_problem_is_found_in_the_yaml(nys):
    broken = copy.deepcopy(nys)
    broken["levels"][1]["grade"] = "fourteen"
    text = document_to_yaml(broken)
    (problem,) = _problems(load_yaml(text, source=""))
    words = problem_words(problem, broken, yaml_text=text)
    line = text.splitlines()[words.line - 1]
    assert line.strip() == "grade: fourteen"
    assert words.text.startswith(f"line {words.line} — Level “Call Center Representative 2”")


def test_a_path_deeper_than_the_yaml_stops_at_its_last_key():
    text = "levels:\n- id: '1'\n  qualifications:\n    routes: []\n"
    assert yaml_line(text, ["levels", 0, "qualifications", "routes", 3, "rule"]) == 4
    assert yaml_line("[unclosed", ["levels"]) is None


def test_the_yaml_readers_own_problems_keep_their_line():
    words = problem_words("line 3, column 2: YAML syntax error: oops", {})
    assert words.text == "line 3, column 2: YAML syntax error: oops"
