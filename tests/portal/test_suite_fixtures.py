"""The suite's shared fixtures: standards loaded once per test database, back after a flush."""

import pytest

from classification.models import Series, StandardVersion
from tests.conftest import LOADED_AT, SERIES_FILES

BOTH = sorted(SERIES_FILES)


def _slugs() -> list[str]:
    return sorted(Series.objects.values_list("slug", flat=True))


def test_loaded_standards_are_the_versions_stored_for_the_session(loaded_standards):
    assert sorted(loaded_standards) == BOTH
    assert all(version.created_at == LOADED_AT for version in loaded_standards.values())
    assert StandardVersion.objects.count() == 2


def test_no_standards_gives_an_empty_database(no_standards):
    assert _slugs() == []


# Run in this order on one process: the second finds what the first's flush left.
@pytest.mark.xdist_group("flush")
@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_finds_the_standards():
    assert _slugs() == BOTH
    Series.objects.filter(slug=BOTH[0]).update(title="Changed, then flushed away")
    Series.objects.create(slug="left-behind", title="Gone with the flush")


@pytest.mark.xdist_group("flush")
@pytest.mark.django_db(transaction=True)
def test_after_a_flush_the_standards_are_back_as_loaded():
    assert _slugs() == BOTH
    assert "Changed" not in Series.objects.get(slug=BOTH[0]).title
