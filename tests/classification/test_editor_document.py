"""A draft's document, part by part (classification/editor/document.py): pure functions."""

from classification.editor.document import rule_levels_renamed


def test_references_to_a_renamed_level_follow_it_others_do_not():
    rule = {
        "any": [
            {"level": "representative-1", "label": "as a representative 1"},
            {"level": "csr/representative-1"},
            {"level": "other-series/representative-1"},
            {"all": [{"level": "supervisor"}, {"experience": {"months": 12}}]},
        ]
    }
    renamed = rule_levels_renamed(
        rule, {"representative-1": "representative-one", "supervisor": "lead"}, series="csr"
    )
    assert renamed == {
        "any": [
            {"level": "representative-one", "label": "as a representative 1"},
            {"level": "csr/representative-one"},
            {"level": "other-series/representative-1"},
            {"all": [{"level": "lead"}, {"experience": {"months": 12}}]},
        ]
    }
    assert rule["any"][0]["level"] == "representative-1"  # the original is left as it was
