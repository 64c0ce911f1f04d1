"""The career ladder: levels as boxes, promotion routes as arrows, derived from the standard."""

from django.urls import reverse

from classification import selectors
from classification.ladder import BUILDS_ON, PROMOTION, ladder_build

NYS = "nys-call-center-representative"
UNI = "university-call-center"


def _edges(ladder):
    return {(e.source.level.slug, e.target.level.slug, e.kind) for e in ladder.edges}


def test_nys_ladder_has_the_plain_track_and_the_hesc_track(loaded_standards):
    ladder = ladder_build(selectors.version_get(series_slug=NYS))
    assert _edges(ladder) == {
        ("1", "2", PROMOTION),
        ("2", "3", PROMOTION),
        ("1-hesc", "2-hesc", PROMOTION),
    }
    assert [label for label, _x in ladder.tracks] == ["Plain titles", "HESC parenthetic"]
    tracks = {node.level.slug: node.track for node in ladder.nodes}
    assert tracks == {"1": 0, "2": 0, "3": 0, "1-hesc": 1, "2-hesc": 1}
    heights = {node.level.slug: node.y for node in ladder.nodes}
    assert heights["1"] > heights["2"] > heights["3"]  # climbing upward
    assert heights["1-hesc"] == heights["1"]


def test_university_links_come_from_level_rules(loaded_standards):
    ladder = ladder_build(selectors.version_get(series_slug=UNI))
    assert ("representative-1", "representative-2", BUILDS_ON) in _edges(ladder)
    assert ("representative-2", "supervisor", BUILDS_ON) in _edges(ladder)
    assert len(ladder.nodes) == 5 and len(ladder.tracks) == 1


def test_ladder_page_is_an_accessible_inline_svg_with_a_text_equivalent(client, loaded_standards):
    response = client.get(reverse("classification:ladder", args=[NYS]))
    assert response.status_code == 200
    text = response.content.decode()
    assert '<svg class="ladder" role="img" aria-labelledby="ladder-title ladder-desc"' in text
    assert '<title id="ladder-title">Career ladder of Call Center Representative</title>' in text
    assert "Call Center Representative 1 leads to Call Center Representative 2 (promotion)." in text
    assert "<script" not in text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "Grade 9 · probation not stated" in text
    assert "The ladder as text" in text and "Leads to Call Center Representative 3" in text


def test_ladder_of_a_fixed_version(client, loaded_standards):
    response = client.get(reverse("classification:ladder-version", args=[UNI, 1]))
    assert response.status_code == 200
    assert "6-month probation" in response.content.decode()
    assert client.get(reverse("classification:ladder-version", args=[UNI, 9])).status_code == 404
