"""Standards that could hurt the portal are refused early, clearly and without building them.

The tester's cases: a YAML alias bomb, `[` nested 10,000 deep, 200,000 items under an unknown
key, and a standard back-dated to year 1. "Early" is asserted on the path taken (refused on
the YAML events, before anything is constructed; refused on the bounds, before the models),
never on a wall-clock time.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from classification import standard_models, yaml_safe
from classification.standard_file import (
    LIMITS,
    StandardFile,
    StandardFileError,
    load_standard_file,
    load_yaml,
    parse_standard,
)

SERIES_DATA = Path(__file__).resolve().parents[2] / "series_data"
NYS_FILE = SERIES_DATA / "nys-call-center-representative.yaml"
UNIVERSITY_FILE = SERIES_DATA / "university-call-center.yaml"


def alias_bomb(levels: int = 6, fan_out: int = 10) -> str:
    """Predicates in which each name lists `fan_out` aliases of the one before: 10**6 leaves."""
    lines = ["  bomb0: &bomb0 {duty: reception}"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*bomb{level - 1}"] * fan_out)
        lines.append(f"  bomb{level}: &bomb{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def nys_text_with(replace: str, by: str) -> str:
    text = NYS_FILE.read_text(encoding="utf-8")
    assert replace in text
    return text.replace(replace, by, 1)


def write_nys(tmp_path: Path, text: str) -> Path:
    path = tmp_path / NYS_FILE.name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def nothing_built(monkeypatch):
    """Fails the test if the YAML gets as far as being constructed into Python objects."""

    def construct(text):
        raise AssertionError("the YAML was constructed: it should have been refused before")

    monkeypatch.setattr(yaml_safe, "_construct", construct)


@pytest.fixture
def no_models(monkeypatch):
    """Fails the test if a decoded document reaches the typed models."""

    def validate(data):
        raise AssertionError("the document reached the models: the bounds should refuse it")

    monkeypatch.setattr(standard_models.StandardFile, "model_validate", validate)


# ---------------------------------------------------------------------------
# The YAML loader.


def test_an_alias_bomb_is_refused_at_its_first_anchor_with_the_line(tmp_path, nothing_built):
    text = nys_text_with("predicates:\n", "predicates:\n" + alias_bomb())
    line = text.splitlines().index("  bomb0: &bomb0 {duty: reception}") + 1
    path = write_nys(tmp_path, text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [
        f"{path}: line {line}: aliases (&name / *name) are not allowed in a standard"
        " (at predicates.bomb0)"
    ]


def test_a_single_alias_is_refused_too(tmp_path, nothing_built):
    text = nys_text_with("title: Call Center Representative\n", "title: *somewhere\n")
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(write_nys(tmp_path, text))
    (problem,) = caught.value.problems
    assert "line 9: aliases (&name / *name) are not allowed in a standard (at title)" in problem


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "[" * 50 + "]" * 50,
        "- " * 5_000 + "x\n",
        "".join("  " * depth + f"k{depth}:\n" for depth in range(60)) + "  " * 60 + "x\n",
    ],
    ids=["unclosed-brackets", "closed-brackets", "fifty-brackets", "block-list", "block-mapping"],
)
def test_deep_nesting_is_refused_without_a_recursion_error(text, nothing_built):
    with pytest.raises(StandardFileError) as caught:
        load_yaml(text, source="document")
    *unknown_keys, problem = caught.value.problems  # a top-level `k0:` is also named
    assert all(": k0: unknown key" in p for p in unknown_keys)
    assert problem.startswith("document: line ")
    assert f"nested deeper than {LIMITS.depth} levels" in problem


def test_200000_items_under_an_unknown_key_are_refused_by_size(nothing_built):
    text = "format: class-standard/1\ncolour:\n" + "- 1\n" * 200_000
    with pytest.raises(StandardFileError) as caught:
        load_yaml(text, source="document")
    assert caught.value.problems == [
        "document: the YAML text is 781 KB; a standard may be at most 512 KB"
    ]


def test_200000_items_in_a_flow_list_are_refused_at_the_item_limit_naming_the_key(nothing_built):
    text = "format: class-standard/1\ncolour: [" + ",".join(["1"] * 200_000) + "]\n"
    assert len(text.encode()) <= LIMITS.text_bytes  # within the size: the item limit refuses
    with pytest.raises(StandardFileError) as caught:
        load_yaml(text, source="document")
    unknown, too_many = caught.value.problems
    assert unknown.startswith("document: line 2: colour: unknown key (expected format, series,")
    assert too_many == "document: line 2: a list may hold at most 1,000 items (at colour[1000])"


def test_too_many_keys_and_too_many_values_are_refused(nothing_built):
    keys = "levels: {" + ", ".join(f"k{i}: 1" for i in range(1_001)) + "}\n"
    with pytest.raises(StandardFileError, match="a mapping may hold at most 1,000 keys"):
        load_yaml(keys, source="document")
    rows = "levels:\n" + "- [" + ", ".join(["1"] * 999) + "]\n"
    many = rows + "".join("- [" + ", ".join(["1"] * 999) + "]\n" for _ in range(60))
    with pytest.raises(StandardFileError, match=f"more than {LIMITS.nodes:,} values in all"):
        load_yaml(many, source="document")


def test_a_key_that_is_a_list_is_refused(nothing_built):
    with pytest.raises(StandardFileError, match="line 1: a key must be plain text"):
        load_yaml("? [a, b]\n: 1\n", source="document")


@pytest.mark.parametrize(
    "value",
    [
        "!!timestamp not-a-date",
        "!!int seven",
        "!!bool maybe",
        "!!map [1]",
        "!!binary aGk=",
        "!!set {a}",
        "!!python/object:os.system x",
        "! seven",
    ],
)
def test_yaml_tags_are_refused_with_the_line(value, nothing_built):
    """Tags would reach constructors that crash (a 500) or build what no standard holds."""
    text = f"format: class-standard/1\ntitle: {value}\n"
    with pytest.raises(StandardFileError) as caught:
        load_yaml(text, source="document")
    assert caught.value.problems == [
        "document: line 2: YAML tags (!name, !!type) are not allowed in a standard (at title)"
    ]


@pytest.mark.parametrize("number", ["7" * 5_000, "0x" + "f" * 5_000, "1" * 5_000 + ":30"])
def test_a_number_too_long_to_read_is_refused_with_the_line(number, nothing_built):
    text = f"format: class-standard/1\nlevels:\n- grade: {number}\n"
    with pytest.raises(StandardFileError) as caught:
        load_yaml(text, source="document")
    assert caught.value.problems == [
        "document: line 3: a number may have at most 100 digits (at levels[0].grade)"
    ]


def test_a_long_quoted_number_is_text():
    data = load_yaml(f'code: "{"7" * 5_000}"\n', source="document")
    assert data == {"code": "7" * 5_000}


def test_a_file_over_the_size_limit_is_refused_before_decoding(tmp_path):
    path = write_nys(tmp_path, NYS_FILE.read_text(encoding="utf-8"))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("# é padding\n" * 50_000)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [
        f"{path}: the file is larger than 512 KB, the most a standard may be"
    ]


def test_the_shipped_files_are_far_below_the_limits():
    for path in (NYS_FILE, UNIVERSITY_FILE):
        standard = load_standard_file(path)
        assert len(path.read_bytes()) * 10 < LIMITS.text_bytes
        assert len(standard.canonical_json.encode()) * 10 < LIMITS.document_bytes


def test_the_shipped_digests_do_not_change():
    assert load_standard_file(NYS_FILE).digest.startswith("7d203f25")
    assert load_standard_file(UNIVERSITY_FILE).digest.startswith("4ce1fd34")


# ---------------------------------------------------------------------------
# Decoded documents (from JSON, or a caller's dict): the same bounds, before the models.


@pytest.fixture(scope="module")
def nys() -> StandardFile:
    return load_standard_file(NYS_FILE)


def test_a_shared_reference_bomb_is_refused_before_the_models(nys, no_models):
    document = nys.to_document()
    leaf: object = {"duty": "reception"}
    for _ in range(6):
        leaf = [leaf] * 10  # one list object, ten times: 10**6 leaves written out
    document["predicates"]["bomb"] = leaf
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document, source="edit")
    (problem,) = caught.value.problems
    assert problem.startswith("edit: predicates.bomb[")  # stopped inside the bomb
    assert problem.endswith(": the document is larger than 512 KB")


def test_too_many_values_are_refused_before_the_models(nys, no_models):
    document = nys.to_document()
    document["predicates"]["wide"] = [[1] * 999 for _ in range(60)]  # small, but 60,000 values
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    (problem,) = caught.value.problems
    assert problem.startswith("predicates.wide[")
    assert problem.endswith(f": more than {LIMITS.nodes:,} values in all")


def test_a_deep_dict_is_refused_without_a_recursion_error(nys, no_models):
    document = nys.to_document()
    deep: dict = {"duty": "reception"}
    for _ in range(10_000):
        deep = {"not": deep}
    document["predicates"]["deep"] = deep
    with pytest.raises(StandardFileError, match=f"nested deeper than {LIMITS.depth} levels"):
        parse_standard(document)


def test_a_huge_integer_is_refused_without_writing_it_out(nys, no_models):
    document = nys.to_document()
    document["levels"][0]["grade"] = 10**5_000  # str() of it raises past 4,300 digits
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    assert caught.value.problems == ["levels[0].grade: a number may have at most 100 digits"]


def test_a_long_list_is_refused_naming_it(nys, no_models):
    document = nys.to_document()
    document["levels"][0]["duties"] = [f"Duty {i}." for i in range(1_001)]
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    assert caught.value.problems == ["levels[0].duties: at most 1,000 items or keys"]


def test_200000_items_under_an_unknown_key_name_the_key(nys, no_models):
    document = nys.to_document()
    document["colour"] = [1] * 200_000
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    unknown, too_many = caught.value.problems
    assert unknown.startswith("colour: unknown key (expected format, series, title,")
    assert too_many == "colour: at most 1,000 items or keys"


def test_a_document_over_the_size_limit_is_refused(nys, no_models):
    document = nys.to_document()
    document["narrative"] = ["x" * (LIMITS.document_bytes + 1)]
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    assert caught.value.problems == ["narrative[0]: the document is larger than 512 KB"]


def test_the_canonical_size_is_bounded_exactly(nys):
    """The bounds estimate from below; the canonical JSON itself is measured at the end."""
    document = nys.to_document()
    document["narrative"] = ['"' * (LIMITS.document_bytes // 2)]  # each one escaped as \\"
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    (problem,) = caught.value.problems
    assert problem.startswith("$: the document is ")
    assert problem.endswith("KB; a standard may be at most 512 KB")


# ---------------------------------------------------------------------------
# Dates: the portal's window, 1900-01-01..2100-12-31.

WINDOW = "must be between 1900-01-01 and 2100-12-31"


@pytest.mark.parametrize(
    ("keys", "value"),
    [
        (("effective_date",), "0001-01-01"),
        (("effective_date",), "1899-12-31"),
        (("levels", 2, "effective_date"), "9999-12-31"),
        (("levels", 0, "effective_date"), "2101-01-01"),
        (("source", "transcribed"), "0001-01-01"),
    ],
)
def test_a_date_outside_the_window_is_refused_by_path(nys, keys, value):
    document = nys.to_document()
    node = document
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path = ".".join(str(k) for k in keys).replace(".2.", "[2].").replace(".0.", "[0].")
    with pytest.raises(StandardFileError) as caught:
        parse_standard(document)
    assert caught.value.problems == [f"{path}: {WINDOW} (not {value})"]


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31"])
def test_the_edges_of_the_window_are_accepted(nys, value):
    document = nys.to_document()
    document["effective_date"] = value
    assert parse_standard(document).effective_date.isoformat() == value


def test_a_year_one_date_in_the_yaml_names_the_field(tmp_path):
    text = nys_text_with("effective_date: 2015-10-01", "effective_date: 0001-01-01")
    path = write_nys(tmp_path, text)
    with pytest.raises(StandardFileError) as caught:
        load_standard_file(path)
    assert caught.value.problems == [f"{path}: effective_date: {WINDOW} (not 0001-01-01)"]


def test_bounds_leave_the_callers_document_alone(nys):
    document = nys.to_document()
    before = copy.deepcopy(document)
    parse_standard(document)
    assert document == before
