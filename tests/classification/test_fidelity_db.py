"""What `load_series` stored: every duty, qualification, attribute and definition line of both
seeds, in order, verbatim (expected lines read from the seed texts by seed_lines.py)."""

import pytest

from classification.models import Level
from tests.classification import seed_lines
from tests.classification.test_fidelity import (
    ALL_LEVELS,
    LEVEL_IDS,
    NYS,
    NYS_LEVELS,
    UNIVERSITY,
    UNIVERSITY_LEVELS,
)

SEEDS = {UNIVERSITY: seed_lines.university, NYS: seed_lines.nys}


def _stored(version, level_slug: str) -> Level:
    return version.levels.prefetch_related("duties", "attributes", "routes").get(slug=level_slug)


@pytest.mark.parametrize(("series", "level_slug"), ALL_LEVELS, ids=LEVEL_IDS)
def test_stored_level_lines_match_the_seed(loaded_standards, series, level_slug):
    titles = UNIVERSITY_LEVELS if series == UNIVERSITY else NYS_LEVELS
    seed = SEEDS[series]().level(titles[level_slug])
    level = _stored(loaded_standards[series], level_slug)
    where = f"{series}/{level_slug}"
    assert level.title == titles[level_slug]
    assert [duty.text for duty in level.duties.all()] == seed.duties, f"{where}: duties"
    assert level.qualifications_text == seed.qualifications, f"{where}: qualifications"
    assert [a.text for a in level.attributes.all()] == seed.attributes, f"{where}: attributes"
    assert level.distinguishing_characteristics == seed.distinguishing, f"{where}: characteristics"
    assert level.routes.count() >= 1


def test_stored_definitions_narrative_and_notes_match_the_seed(loaded_standards):
    seed = seed_lines.nys()
    version = loaded_standards[NYS]
    assert [(d.marker or None, d.text) for d in version.definitions.all()] == seed.definitions
    assert version.narrative == seed.narrative
    assert version.notes == seed.notes
    assert version.parenthetics.get(code="HESC").narrative == seed.parenthetic_narrative
    assert loaded_standards[UNIVERSITY].narrative == seed_lines.university().narrative
