"""Comparing two to five levels side by side, of one series or across series."""

import pytest
from django.urls import reverse

from classification.compare import check_count, parse_level_ids

COMPARE = reverse("classification:compare")
NYS = "nys-call-center-representative"
UNI = "university-call-center"


def _compare(client, *level_ids):
    return client.get(COMPARE, {"level": list(level_ids)})


def test_level_ids_are_parsed_and_deduplicated():
    pairs, errors = parse_level_ids([f"{NYS}/2", f"{NYS}/2", f"{UNI}/representative-2"])
    assert pairs == [(NYS, "2"), (UNI, "representative-2")] and errors == []
    assert parse_level_ids(["nonsense"])[1]
    assert parse_level_ids(["a/b/c"])[1]


@pytest.mark.parametrize(
    ("count", "ok"), [(0, False), (1, False), (2, True), (5, True), (6, False)]
)
def test_two_to_five_levels(count, ok):
    assert (check_count(count) == []) is ok


def test_ccr2_beside_ccr2_hesc_shows_what_differs(client, loaded_standards):
    response = _compare(client, f"{NYS}/2", f"{NYS}/2-hesc")
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert comparison.ok
    assert [level.slug for level in comparison.levels] == ["2", "2-hesc"]
    rows = {row.key: row for row in comparison.rows}
    assert not rows["grade"].differs  # both grade 14
    assert not rows["code"].differs  # both 2546200
    assert rows["parenthetic"].differs and rows["duties"].differs
    assert rows["supervision"].differs and rows["rules"].differs
    text = response.content.decode()
    assert "same in all" in text and "differs" in text
    assert "Customer Communications Center" in text  # a HESC-only duty
    assert "Not in every level: " in text


def test_across_series_university_representative_ii_beside_ccr_2(client, loaded_standards):
    response = _compare(client, f"{UNI}/representative-2", f"{NYS}/2", f"{NYS}/1")
    comparison = response.context["comparison"]
    assert comparison.ok and len(comparison.levels) == 3
    text = response.content.decode()
    assert "Call Center Representative II" in text and "Call Center Representative 2" in text
    assert "Ability to keyboard 20 w.p.m." in text
    assert "Bachelors Degree" in text  # verbatim qualification of CCR 2
    assert "a bachelor&#x27;s degree or higher" in text  # the rule in plain language
    # the picker keeps the three levels ticked, so the URL can be shared and refined
    assert text.count(" checked") == 3


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([], None),
        ([f"{NYS}/2"], "Choose at least 2 levels"),
        (
            [
                f"{NYS}/1",
                f"{NYS}/2",
                f"{NYS}/3",
                f"{NYS}/1-hesc",
                f"{NYS}/2-hesc",
                f"{UNI}/operator",
            ],
            "Choose at most 5 levels",
        ),
        (
            [f"{NYS}/2", f"{NYS}/no-such-level"],
            "No level “nys-call-center-representative/no-such-level”",
        ),
        ([f"{NYS}/2", "no-series/2"], "No level “no-series/2”"),
        ([f"{NYS}/2", "garbage"], "is not a level id"),
    ],
)
def test_bad_choices_give_a_message_not_an_error(client, loaded_standards, levels, message):
    response = _compare(client, *levels)
    assert response.status_code == 200
    text = response.content.decode()
    assert not response.context["comparison"].ok
    if message:
        assert message in text
    assert "Choose levels to compare" in text


def test_series_page_offers_checkboxes_to_compare(client, loaded_standards):
    text = client.get(reverse("classification:series-detail", args=[NYS])).content.decode()
    assert f'action="{COMPARE}"' in text and 'method="get"' in text
    assert f'name="level" value="{NYS}/2-hesc"' in text
    assert "Compare selected levels" in text
