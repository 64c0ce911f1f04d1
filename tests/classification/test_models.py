"""Date-aware reads: the version in force on a date."""

import datetime

import pytest

from classification.models import StandardVersion
from classification.services import series_load
from classification.standard_file import parse_standard
from tests.conftest import LOADED_AT


def _version(standard, effective_date, number_note):
    document = standard.to_document()
    document["effective_date"] = effective_date
    document["notes"] = [*document["notes"], number_note]
    return parse_standard(document, source="test")


@pytest.mark.django_db
def test_in_effect_picks_the_newest_version_not_after_the_date(no_standards, standard_files):
    nys = standard_files["nys-call-center-representative"]
    series_load(standard=nys, created_at=LOADED_AT)  # effective 2015-10-01
    series_load(standard=_version(nys, "2027-01-01", "second"), created_at=LOADED_AT)
    on = StandardVersion.objects.in_effect
    assert [v.number for v in on(at=datetime.date(2026, 12, 31))] == [1]
    assert [v.number for v in on(at=datetime.date(2027, 1, 1))] == [2]
    assert list(on(at=datetime.date(2015, 9, 30))) == []
    assert [v.number for v in StandardVersion.objects.latest_per_series()] == [2]


def test_a_version_without_a_stated_date_is_in_force_from_the_start(loaded_standards):
    numbers = {
        v.series.slug: v.number
        for v in StandardVersion.objects.in_effect(at=datetime.date(1990, 1, 1))
    }
    assert numbers == {"university-call-center": 1}
