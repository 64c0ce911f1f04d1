"""The editor's forms: rows that move, the rule builder's tree both ways, errors in words."""

from pathlib import Path

import pytest
from django.http import QueryDict

from classification.editor.document import blank_document, document_problems, level_title
from classification.editor.forms import LevelRowForm, NewSeriesForm, ParagraphForm
from classification.editor.rows import Rows
from classification.editor.rule_builder import (
    MAX_DEPTH,
    RuleNodeForm,
    Vocabulary,
    bound_tree,
    read_back,
    rule_of,
    spec_of,
    tree_apply,
    tree_errors,
    tree_of,
    tree_valid,
)
from classification.standard_file import load_standard_file

SERIES_DATA = Path(__file__).resolve().parents[2] / "series_data"
DOCUMENTS = {
    name: load_standard_file(SERIES_DATA / f"{name}.yaml").to_document()
    for name in ("nys-call-center-representative", "university-call-center")
}
ROUTES = [
    (name, level["id"], route)
    for name, document in DOCUMENTS.items()
    for level in document["levels"]
    for route in level["qualifications"]["routes"]
]


def _posted(tree) -> QueryDict:
    """What the page of a tree sends back, every field as shown."""
    data = QueryDict(mutable=True)
    for node in tree.walk():
        for name in node.form.fields:
            value, key = node.form[name].value(), f"{node.path}-{name}"
            if isinstance(value, list):
                data.setlist(key, [str(v) for v in value])
            elif value is True:
                data[key] = "on"
            elif value not in (None, False):
                data[key] = str(value)
    return data


@pytest.mark.parametrize(("name", "level", "route"), ROUTES, ids=lambda v: str(v)[:20])
def test_every_shipped_rule_comes_back_unchanged_through_the_builder(name, level, route):
    vocabulary = Vocabulary.of(DOCUMENTS[name], except_level=level)
    tree = bound_tree(_posted(tree_of(spec_of(route["rule"]), vocabulary)), vocabulary)
    assert tree_valid(tree), tree_errors(tree)
    assert rule_of(tree) == route["rule"]


def test_the_vocabulary_offers_the_documents_names():
    vocabulary = Vocabulary.of(DOCUMENTS["nys-call-center-representative"], except_level="1")
    assert vocabulary.predicates == ("customer_service", "government_call_center")
    assert ("1-hesc", "Call Center Representative 1 (HESC)") in vocabulary.levels
    assert all(level != "1" for level, _ in vocabulary.levels)
    assert vocabulary.parenthetics == ("HESC",)


def test_a_requirement_missing_its_parts_says_so_in_words():
    form = RuleNodeForm({"r-kind": "service", "r-months": "0"}, prefix="r", vocabulary=Vocabulary())
    assert not form.is_valid()
    assert form.errors["months"] == [
        "Ensure this value is greater than or equal to 1.",
        "Enter the number of months of service.",
    ]
    assert form.errors["class_code"] == ["Choose the civil service title."]
    assert form.errors["status"] == ["Tick at least one status."]


def test_of_which_cannot_exceed_the_months():
    data = {"r-kind": "experience", "r-months": "12", "r-of_which_months": "24"}
    form = RuleNodeForm(data, prefix="r", vocabulary=Vocabulary())
    assert not form.is_valid()
    assert "cannot be more than the months" in form.errors["of_which_months"][0]


def test_an_empty_group_is_an_error():
    tree = bound_tree(QueryDict("r-kind=any&r-count=0"), Vocabulary())
    assert not tree_valid(tree)
    assert tree_errors(tree)[0][2].startswith("A group needs at least one part")


def test_groups_nest_only_to_the_bounded_depth():
    spec = {"initial": {"kind": "all"}, "children": []}
    inner = spec
    for _ in range(MAX_DEPTH + 2):
        child = {"initial": {"kind": "all"}, "children": []}
        inner["children"].append(child)
        inner = child
    tree = tree_of(spec, Vocabulary())
    assert max(node.depth for node in tree.walk()) == MAX_DEPTH
    deepest = next(node for node in tree.walk() if node.depth == MAX_DEPTH)
    assert not deepest.can_nest


def test_adding_a_part_of_the_chosen_kind():
    tree = tree_of(spec_of({"all": [{"education": {"credential": "high_school"}}]}), Vocabulary())
    data = _posted(tree)
    data["r-new"] = "experience"
    changed = tree_apply(bound_tree(data, Vocabulary()), "add:r", Vocabulary())
    assert [child.form.chosen_kind for child in changed.children] == ["credential", "experience"]
    assert tree_apply(tree, "preview", Vocabulary()) is None


def test_a_combined_where_is_kept_and_read_back():
    rule = {
        "experience": {
            "months": 6,
            "where": {"all": [{"duty": "reception"}, {"setting": "medical"}]},
        }
    }
    tree = tree_of(spec_of(rule), Vocabulary())
    assert tree.form["where"].value() == "kept"
    choices = dict(tree.form.fields["where"].choices)
    assert "reception" in choices["kept"]
    words, problems = read_back(rule, {})
    assert problems == [] and "at least 6 months" in words


def test_rows_add_remove_and_move():
    rows = Rows("notes", ParagraphForm, initial=[{"text": "a"}, {"text": "b"}], noun="Note")
    assert rows.apply("down:notes:0")
    assert [f["text"].value() for f in rows.forms] == ["b", "a"]
    assert rows.apply("add:notes") and rows.count == 3
    assert rows.apply("remove:notes:0")
    assert [f["text"].value() for f in rows.forms] == ["a", None]
    assert not rows.apply("add:duties")


def test_a_blank_row_is_an_error_in_words():
    rows = Rows("notes", ParagraphForm, data=QueryDict("notes-count=1&notes-0-text="), noun="Note")
    assert not rows.is_valid()
    assert rows.forms[0].errors["text"] == ["Enter the text."]


def test_a_parenthetic_level_row_is_called_by_its_title():
    form = LevelRowForm(
        initial={"id": "1-hesc", "title": "Call Center Representative 1", "parenthetic": "HESC"},
        parenthetics=["HESC"],
    )
    assert form.legend == "Call Center Representative 1 (HESC)"
    titled = LevelRowForm(initial={"title": "Clerk (HESC)", "parenthetic": "HESC"})
    assert titled.legend == "Clerk (HESC)"
    assert level_title({"title": "Operator", "parenthetic": None}) == "Operator"


def test_a_new_series_slug_is_checked_in_words():
    form = NewSeriesForm({"start": "blank", "series": "Bad Slug", "title": "X"})
    assert not form.is_valid()
    assert "lower-case letters" in form.errors["series"][0]


def test_a_blank_series_names_what_is_still_to_fill_in():
    problems = document_problems(blank_document(series="clinic", title="Clinic"))
    assert "levels[0].id: must be a level id like 'representative-1', not ''" in problems
