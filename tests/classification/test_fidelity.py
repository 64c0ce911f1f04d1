"""Every line of both seed standards is in the data files, in order, verbatim.

The expected lines come from the seed texts (seed_lines.py), not from the YAML. Text is
compared after the data files' whitespace convention (`seed_lines.normalize`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from classification.standard_file import Level, StandardFile, load_standard_file
from tests.classification import seed_lines

SERIES_DATA = Path(__file__).resolve().parents[2] / "series_data"
UNIVERSITY = "university-call-center"
NYS = "nys-call-center-representative"

UNIVERSITY_LEVELS = {
    "operator": "Call Center Operator",
    "representative-1": "Call Center Representative I",
    "representative-2": "Call Center Representative II",
    "supervisor": "Call Center Supervisor",
    "manager": "Call Center Manager",
}
NYS_LEVELS = {
    "1": "Call Center Representative 1",
    "2": "Call Center Representative 2",
    "3": "Call Center Representative 3",
    "1-hesc": "Call Center Representative 1 (HESC)",
    "2-hesc": "Call Center Representative 2 (HESC)",
}
ALL_LEVELS = [(UNIVERSITY, i) for i in UNIVERSITY_LEVELS] + [(NYS, i) for i in NYS_LEVELS]
LEVEL_IDS = [f"{series}/{level}" for series, level in ALL_LEVELS]


@pytest.fixture(scope="module")
def files() -> dict[str, StandardFile]:
    return {slug: load_standard_file(SERIES_DATA / f"{slug}.yaml") for slug in (UNIVERSITY, NYS)}


@pytest.fixture(scope="module")
def seeds() -> dict[str, seed_lines.SeedStandard]:
    return {UNIVERSITY: seed_lines.university(), NYS: seed_lines.nys()}


def _pair(files, seeds, series: str, level_id: str) -> tuple[Level, seed_lines.SeedLevel]:
    titles = UNIVERSITY_LEVELS if series == UNIVERSITY else NYS_LEVELS
    level = files[series].level(level_id)
    assert level.title == titles[level_id]
    return level, seeds[series].level(titles[level_id])


def _all_text(standard: StandardFile) -> list[str]:
    texts = [*standard.narrative, *standard.notes, *(d.text for d in standard.definitions)]
    for p in standard.parenthetics:
        texts += p.narrative
    for level in standard.levels:
        texts += [*level.distinguishing_characteristics, *level.duties]
        texts += [*level.qualifications.text, *(a.text for a in level.attributes)]
        texts += [r.text for r in level.routes]
    return texts


def test_the_ten_levels_in_order(files):
    assert files[UNIVERSITY].level_ids == tuple(UNIVERSITY_LEVELS)
    assert files[NYS].level_ids == tuple(NYS_LEVELS)
    for series, titles in ((UNIVERSITY, UNIVERSITY_LEVELS), (NYS, NYS_LEVELS)):
        assert [lv.title for lv in files[series].levels] == list(titles.values())


def test_seeds_have_the_same_levels(seeds):
    assert [lv.title for lv in seeds[UNIVERSITY].levels] == list(UNIVERSITY_LEVELS.values())
    assert [lv.title for lv in seeds[NYS].levels] == list(NYS_LEVELS.values())


@pytest.mark.parametrize("series", [UNIVERSITY, NYS])
def test_text_follows_the_whitespace_convention(files, series):
    for text in _all_text(files[series]):
        assert "\n" in text or seed_lines.normalize(text) == text, text


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_duties(files, seeds, series, level_id):
    level, seed = _pair(files, seeds, series, level_id)
    assert seed.duties, f"{series}/{level_id}: the seed reader found no duties"
    assert list(level.duties) == seed.duties, f"{series}/{level_id}: duties"
    assert level.duties_heading == seed.duties_heading, f"{series}/{level_id}: duties heading"


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_qualification_lines(files, seeds, series, level_id):
    level, seed = _pair(files, seeds, series, level_id)
    assert seed.qualifications, f"{series}/{level_id}: the seed reader found no qualifications"
    assert list(level.qualifications.text) == seed.qualifications, (
        f"{series}/{level_id}: qualifications"
    )
    assert level.qualifications.heading == seed.qualifications_heading


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_route_texts(files, seeds, series, level_id):
    level, seed = _pair(files, seeds, series, level_id)
    if series == UNIVERSITY:
        # One `entry` route whose text is the whole section, line by line.
        assert [(r.route, r.text) for r in level.routes] == [
            ("entry", "\n".join(seed.qualifications))
        ]
    else:
        # One route per "Open Competitive:" / "Promotion:" paragraph, without that prefix.
        assert [(r.route, r.text) for r in level.routes] == seed_lines.route_texts(
            seed.qualifications
        )


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_attributes(files, seeds, series, level_id):
    level, seed = _pair(files, seeds, series, level_id)
    assert [a.text for a in level.attributes] == seed.attributes, f"{series}/{level_id}: attributes"
    assert level.attributes_heading == seed.attributes_heading


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_distinguishing_characteristics(files, seeds, series, level_id):
    level, seed = _pair(files, seeds, series, level_id)
    assert seed.distinguishing
    assert list(level.distinguishing_characteristics) == seed.distinguishing


@pytest.mark.parametrize(("series", "level_id"), ALL_LEVELS, ids=LEVEL_IDS)
def test_supervision_received_is_quoted_from_the_characteristics(files, series, level_id):
    level = files[series].level(level_id)
    assert level.supervision_received
    assert any(level.supervision_received in p for p in level.distinguishing_characteristics)
    if series == UNIVERSITY:
        assert level.supervision_received.startswith("They work under ")
        assert level.supervision_received.endswith("supervisor.")
    else:
        assert level.supervision_received.startswith("under the ")


@pytest.mark.parametrize("series", [UNIVERSITY, NYS])
def test_narrative(files, seeds, series):
    assert list(files[series].narrative) == seeds[series].narrative


def test_nys_definitions(files, seeds):
    assert [(d.marker, d.text) for d in files[NYS].definitions] == seeds[NYS].definitions
    assert [d.key for d in files[NYS].definitions] == [
        "customer_service",
        "qualifying_experience",
        "customer_call_center",
        "government_agency",
    ]
    assert files[UNIVERSITY].definitions == ()


def test_nys_notes_and_parenthetic(files, seeds):
    assert list(files[NYS].notes) == seeds[NYS].notes
    (hesc,) = files[NYS].parenthetics
    assert hesc.code == "HESC"
    assert list(hesc.narrative) == seeds[NYS].parenthetic_narrative
    assert [lv.parenthetic for lv in files[NYS].levels] == [None, None, None, "HESC", "HESC"]


def test_keyboarding_attributes(files):
    wpm = {(s, lv.id): lv.keyboarding_wpm for s in files for lv in files[s].levels}
    assert wpm[(UNIVERSITY, "operator")] == 15
    assert wpm[(UNIVERSITY, "representative-1")] == 20
    assert wpm[(UNIVERSITY, "representative-2")] == 20
    assert [k for k, v in wpm.items() if v is not None] == [
        (UNIVERSITY, "operator"),
        (UNIVERSITY, "representative-1"),
        (UNIVERSITY, "representative-2"),
    ]


def test_source_typos_are_kept(files):
    text = "\n".join(_all_text(files[UNIVERSITY]) + _all_text(files[NYS]))
    assert "Bachelors Degree" in text
    assert "agencies programs" in text
    assert "Customer Communications Center" in text
    assert "Customer Communication Centers" in text
    assert "Demonstrated customer service skills Knowledge of medical terminology" in text
