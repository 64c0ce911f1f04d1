"""classification/standard_file.py: parsing, round trip, digest, and refusing bad files."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from classification.standard_file import (
    StandardFile,
    StandardFileError,
    discover_standard_files,
    load_standard_file,
    parse_standard,
)

SERIES_DATA = Path(__file__).resolve().parents[2] / "series_data"
UNIVERSITY_FILE = SERIES_DATA / "university-call-center.yaml"
NYS_FILE = SERIES_DATA / "nys-call-center-representative.yaml"


@pytest.fixture(scope="module")
def university() -> StandardFile:
    return load_standard_file(UNIVERSITY_FILE)


@pytest.fixture(scope="module")
def nys() -> StandardFile:
    return load_standard_file(NYS_FILE)


# ---------------------------------------------------------------------------
# The two real files.


def test_discover_finds_both_files_sorted():
    found = discover_standard_files(SERIES_DATA)
    assert NYS_FILE in found and UNIVERSITY_FILE in found
    assert found == sorted(found)


def test_university_header_and_placeholders(university):
    assert university.series == "university-call-center"
    assert university.format == "class-standard/1"
    assert university.promotional_line is None
    assert university.effective_date is None
    assert university.occupational_code is None
    for level in university.levels:
        assert level.code is None and level.code_as_printed == "0000"
        assert level.effective_date is None and level.effective_date_as_printed == "00/00/00"
        assert level.grade is None
        assert level.occupational_area is None and level.work_area is None
        assert level.promotes_to == ()
        assert [r.route for r in level.routes] == ["entry"]
    assert [lv.probationary_period_months for lv in university.levels] == [6, 6, 6, 12, 12]
    assert [lv.label for lv in university.levels] == [
        "Level I",
        "Level II",
        "Level III",
        "Level IV",
        "Level V",
    ]


def test_nys_header_levels_and_routes(nys):
    assert nys.series == "nys-call-center-representative"
    assert nys.issuer == "New York State Department of Civil Service"
    assert nys.occupational_code == "2546100"
    assert nys.effective_date == datetime.date(2015, 10, 1)
    assert nys.effective_date_as_printed == "10/15"
    assert nys.promotional_line is None
    table = [(lv.id, lv.code, lv.grade, lv.parenthetic) for lv in nys.levels]
    assert table == [
        ("1", "2546100", 9, None),
        ("2", "2546200", 14, None),
        ("3", "2546300", 17, None),
        ("1-hesc", "2546100", 9, "HESC"),
        ("2-hesc", "2546200", 14, "HESC"),
    ]
    routes = {lv.id: [r.route for r in lv.routes] for lv in nys.levels}
    assert routes == {
        "1": ["open_competitive"],
        "2": ["open_competitive", "promotion"],
        "3": ["open_competitive", "promotion"],
        "1-hesc": ["open_competitive"],
        "2-hesc": ["promotion"],
    }
    promotes = {lv.id: lv.promotes_to for lv in nys.levels}
    assert promotes == {"1": ("2",), "2": ("3",), "3": (), "1-hesc": ("2-hesc",), "2-hesc": ()}
    assert nys.level("nys-call-center-representative/2-hesc").title.endswith("(HESC)")
    assert nys.full_id("1-hesc") == "nys-call-center-representative/1-hesc"
    assert set(nys.predicates) == {"customer_service", "government_call_center"}


def _leaves(node, path="rule"):
    """Every leaf requirement (education, experience, service, level) of a rule."""
    for key in ("all", "any"):
        if key in node:
            for i, part in enumerate(node[key]):
                yield from _leaves(part, f"{path}.{key}[{i}]")
            return
    yield path, node


@pytest.mark.parametrize("path", [UNIVERSITY_FILE, NYS_FILE], ids=lambda p: p.stem)
def test_every_leaf_requirement_has_a_plain_label(path):
    standard = load_standard_file(path)
    for level in standard.levels:
        for route in level.routes:
            for where, leaf in _leaves(route.rule):
                label = leaf.get("label")
                assert isinstance(label, str) and label.strip(), f"{level.id} {where}"
                assert label == label.strip() and label[0].islower(), f"{level.id} {where}"


@pytest.mark.parametrize("path", [UNIVERSITY_FILE, NYS_FILE], ids=lambda p: p.stem)
def test_round_trip(path):
    standard = load_standard_file(path)
    document = standard.to_document()
    json.dumps(document)  # JSON-able
    again = parse_standard(json.loads(json.dumps(document)), source="round-trip")
    assert again == standard
    assert again.to_document() == document
    assert again.digest == standard.digest


@pytest.mark.parametrize("path", [UNIVERSITY_FILE, NYS_FILE], ids=lambda p: p.stem)
def test_digest_is_stable_and_content_addressed(path):
    first, second = load_standard_file(path), load_standard_file(path)
    assert first.digest == second.digest
    assert len(first.digest) == 64 and int(first.digest, 16) >= 0
    # Key order does not matter; content does.
    document = first.to_document()
    reordered = dict(reversed(list(document.items())))
    assert parse_standard(reordered).digest == first.digest
    changed = copy.deepcopy(document)
    changed["levels"][0]["duties"][0] += " (edited)"
    assert parse_standard(changed).digest != first.digest


def test_the_two_files_have_different_digests(university, nys):
    assert university.digest != nys.digest


def test_documents_do_not_share_mutable_rules(nys):
    document = nys.to_document()
    document["levels"][0]["qualifications"]["routes"][0]["rule"].clear()
    document["predicates"].clear()
    assert nys.levels[0].routes[0].rule
    assert nys.predicates
    assert parse_standard(nys.to_document()) == nys


# ---------------------------------------------------------------------------
# Refusing bad files: each case names the path of its problem.


def _set(*keys, value):
    def mutate(doc):
        node = doc
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value

    return mutate


def _delete(*keys):
    def mutate(doc):
        node = doc
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]

    return mutate


def _route_rule(level: int, route: int = 0):
    def get(doc):
        return doc["levels"][level]["qualifications"]["routes"][route]["rule"]

    return get


def _nys_months_negative(doc):
    _route_rule(0)(doc)["any"][0]["all"][1]["experience"]["months"] = -1


def _nys_missing_predicate(doc):
    _route_rule(1)(doc)["any"][2]["all"][1]["experience"]["where"] = {"ref": "call_centre"}


def _nys_unknown_duty(doc):
    doc["predicates"]["customer_service"]["all"][0]["any"][0]["duty"] = "helping"


def _nys_duplicate_route(doc):
    routes = doc["levels"][1]["qualifications"]["routes"]
    routes[1]["route"] = "open_competitive"


def _nys_duplicate_definition(doc):
    doc["definitions"][1]["key"] = "customer_service"


def _uni_missing_level(doc):
    _route_rule(2)(doc)["all"][0]["level"] = "representative-9"


def _uni_level_cycle(doc):
    rule = _route_rule(1)(doc)
    rule["all"].append({"level": "supervisor", "label": "a cycle"})


def _two_problems(doc):
    doc["levels"][0]["grade"] = "nine"
    del doc["levels"][4]["title"]


def _rule_not_mapping(doc):
    doc["levels"][0]["qualifications"]["routes"][0]["rule"] = ["entry"]


def _nys_plain_level_last(doc):
    doc["levels"][4]["parenthetic"] = None
    doc["levels"][4]["promotes_to"] = []


def _nys_duplicate_parenthetic(doc):
    doc["parenthetics"].append(copy.deepcopy(doc["parenthetics"][0]))


def _nys_marker_twice(doc):
    doc["definitions"][1]["marker"] = doc["definitions"][0]["marker"] = "*"


BAD_DOCUMENTS: list[tuple[str, str, Callable, str]] = [
    ("grade-not-integer", "nys", _set("levels", 2, "grade", value="17"), "levels[2].grade"),
    ("grade-bool", "nys", _set("levels", 0, "grade", value=True), "levels[0].grade"),
    ("missing-title", "nys", _delete("title"), "title: is required"),
    ("missing-level-key", "nys", _delete("levels", 3, "duties"), "levels[3].duties: is required"),
    ("unknown-top-key", "nys", _set("colour", value="blue"), "colour: unknown key"),
    ("unknown-level-key", "uni", _set("levels", 0, "salary", value=1), "levels[0].salary"),
    ("bad-format", "nys", _set("format", value="class-standard/2"), "format:"),
    ("bad-series-slug", "nys", _set("series", value="NYS Call Center"), "series:"),
    ("bad-level-id", "uni", _set("levels", 1, "id", value="Rep_1"), "levels[1].id"),
    ("duplicate-level-id", "nys", _set("levels", 1, "id", value="1"), "levels[1].id: duplicate"),
    ("duplicate-definition", "nys", _nys_duplicate_definition, "definitions[1].key: duplicate"),
    ("duplicate-route", "nys", _nys_duplicate_route, "levels[1].qualifications.routes[1].route"),
    (
        "promotes-to-unknown",
        "nys",
        _set("levels", 0, "promotes_to", value=["4"]),
        "levels[0].promotes_to[0]: unknown level",
    ),
    (
        "promotes-to-itself",
        "nys",
        _set("levels", 2, "promotes_to", value=["3"]),
        "levels[2].promotes_to[0]",
    ),
    (
        "parenthetic-undeclared",
        "nys",
        _set("levels", 3, "parenthetic", value="OMH"),
        "levels[3].parenthetic",
    ),
    ("not-a-real-date", "nys", _set("effective_date", value="2015-02-30"), "effective_date"),
    ("date-not-iso", "uni", _set("levels", 0, "effective_date", value="00/00/00"), "levels[0]"),
    (
        "transcribed-not-a-date",
        "uni",
        _set("source", "transcribed", value="yesterday"),
        "source.transcribed",
    ),
    ("wrong-order", "uni", _set("levels", 1, "order", value=3), "levels[1].order"),
    (
        "keyboarding-not-number",
        "uni",
        _set("levels", 0, "attributes", 0, "keyboarding_wpm", value="fast"),
        "levels[0].attributes[0].keyboarding_wpm",
    ),
    (
        "untrimmed-duty",
        "uni",
        _set("levels", 3, "duties", 2, value=" Performs reviews."),
        "levels[3].duties[2]",
    ),
    ("empty-narrative-line", "nys", _set("narrative", 1, value=""), "narrative[1]"),
    ("placeholder-as-empty", "uni", _set("promotional_line", value=""), "promotional_line"),
    ("duties-not-list", "nys", _set("levels", 4, "duties", value="many"), "levels[4].duties"),
    (
        "no-routes",
        "nys",
        _set("levels", 0, "qualifications", "routes", value=[]),
        "levels[0].qualifications.routes: must list at least one route",
    ),
    (
        "rule-negative-months",
        "nys",
        _nys_months_negative,
        "levels[0].qualifications.routes[0].rule.any[0].all[1].experience.months",
    ),
    (
        "rule-missing-predicate",
        "nys",
        _nys_missing_predicate,
        "levels[1].qualifications.routes[0].rule.any[2].all[1].experience.where",
    ),
    ("predicate-unknown-duty", "nys", _nys_unknown_duty, "predicates.customer_service.all[0]"),
    (
        "rule-missing-level",
        "uni",
        _uni_missing_level,
        "levels[2].qualifications.routes[0].rule.all[0].level",
    ),
    (
        "rule-level-cycle",
        "uni",
        _uni_level_cycle,
        "levels[2].qualifications.routes[0].rule.all[0].level: cycle",
    ),
    ("levels-not-list", "uni", _set("levels", value={"operator": {}}), "levels: must be a list"),
    ("no-levels", "uni", _set("levels", value=[]), "levels: must list at least one level"),
    ("source-not-mapping", "nys", _set("source", value="typed"), "source: must be a mapping"),
    ("rule-not-mapping", "uni", _rule_not_mapping, "levels[0].qualifications.routes[0].rule"),
    (
        "predicate-name",
        "nys",
        _set("predicates", "Customer Service", value={"duty": "reception"}),
        "predicates.Customer Service: must be a predicate name like 'customer_service'",
    ),
    ("key-not-text", "nys", _set(7, value="seven"), "$: keys must be strings, not 7"),
    (
        "promotes-to-twice",
        "nys",
        _set("levels", 0, "promotes_to", value=["2", "2"]),
        "levels[0].promotes_to[1]: duplicate level '2'",
    ),
    (
        "plain-after-parenthetic",
        "nys",
        _nys_plain_level_last,
        "levels[4].parenthetic: a plain level must come before parenthetic levels",
    ),
    (
        "duplicate-parenthetic",
        "nys",
        _nys_duplicate_parenthetic,
        "parenthetics[1].code: duplicate parenthetic 'HESC'",
    ),
    ("marker-twice", "nys", _nys_marker_twice, "definitions: footnote marker '*' is used more"),
    (
        "date-and-time",
        "nys",
        _set("effective_date", value=datetime.datetime(2015, 10, 1, 9, 0)),
        "effective_date: must be a date (YYYY-MM-DD), not a date and time",
    ),
]


@pytest.mark.parametrize(
    ("which", "mutate", "expected"),
    [case[1:] for case in BAD_DOCUMENTS],
    ids=[case[0] for case in BAD_DOCUMENTS],
)
def test_bad_document_is_refused_naming_the_path(university, nys, which, mutate, expected):
    document = (university if which == "uni" else nys).to_document()
    mutate(document)
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document, source="series_data/x.yaml")
    problems = caught.value.problems
    assert problems, "a refusal lists its problems"
    assert all(p.startswith("series_data/x.yaml: ") for p in problems), problems
    assert any(f"series_data/x.yaml: {expected}" in p for p in problems), problems
    assert f"series_data/x.yaml: {expected}" in str(caught.value)


def test_every_problem_is_reported_at_once(nys):
    document = nys.to_document()
    _two_problems(document)
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document, source="f.yaml")
    text = "\n".join(caught.value.problems)
    assert "f.yaml: levels[0].grade: must be an integer or null" in text
    assert "f.yaml: levels[4].title: is required" in text


def test_a_document_that_is_not_a_mapping():
    with pytest.raises(StandardFileError) as caught:
        parse_standard(["levels"], source="f.yaml")
    assert caught.value.problems == ["f.yaml: $: must be a mapping"]


# ---------------------------------------------------------------------------
# Refusing bad YAML.


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_syntax_error_names_the_line(tmp_path):
    text = NYS_FILE.read_text(encoding="utf-8").replace(
        "title: Call Center Representative\n", "title: [Call Center Representative\n", 1
    )
    path = _write(tmp_path, "nys-call-center-representative.yaml", text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    (problem,) = caught.value.problems
    assert problem.startswith(f"{path}: line ")
    assert "YAML syntax error" in problem


def test_yaml_duplicate_key_names_the_line(tmp_path):
    text = UNIVERSITY_FILE.read_text(encoding="utf-8")
    text = text.replace("issuer: null\n", "issuer: null\nissuer: Someone\n", 1)
    line = text.splitlines().index("issuer: Someone") + 1
    path = _write(tmp_path, "university-call-center.yaml", text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [f"{path}: line {line}, column 1: duplicate key 'issuer'"]


def test_yaml_unquoted_code_is_a_number_and_refused(tmp_path):
    text = UNIVERSITY_FILE.read_text(encoding="utf-8")
    text = text.replace('code_as_printed: "0000"', "code_as_printed: 0000", 1)
    path = _write(tmp_path, "university-call-center.yaml", text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert f"{path}: levels[0].code_as_printed: must be a string or null" in caught.value.problems


def test_yaml_impossible_date_is_a_problem_not_a_crash(tmp_path):
    text = NYS_FILE.read_text(encoding="utf-8").replace(
        "effective_date: 2015-10-01", "effective_date: 2015-02-30", 1
    )
    path = _write(tmp_path, "nys-call-center-representative.yaml", text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [f"{path}: effective_date: not a real date: 2015-02-30"]


def test_file_name_must_match_series(tmp_path):
    path = _write(tmp_path, "other.yaml", NYS_FILE.read_text(encoding="utf-8"))
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert "series" in caught.value.problems[0]


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"format: \xff\n")
    with pytest.raises(StandardFileError, match="not UTF-8"):
        load_standard_file(path)
    with pytest.raises(StandardFileError, match="cannot read"):
        load_standard_file(tmp_path / "missing.yaml")


def test_empty_file(tmp_path):
    path = _write(tmp_path, "empty.yaml", "")
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [f"{path}: $: must be a mapping"]
