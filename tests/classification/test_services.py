"""Loading a standard: complete, versioned, idempotent, placeholders kept as 'not stated'."""

import datetime

import pytest

from classification.models import Level, StandardVersion
from classification.services import series_load
from classification.standard_file import parse_standard
from tests.conftest import LOADED_AT

LATER = LOADED_AT + datetime.timedelta(days=30)


def _edited(standard, **changes):
    document = standard.to_document()
    document.update(changes)
    return parse_standard(document, source="edited")


@pytest.mark.django_db
def test_loading_twice_changes_nothing(no_standards, standard_files):
    nys = standard_files["nys-call-center-representative"]
    first = series_load(standard=nys, created_at=LOADED_AT)
    again = series_load(standard=nys, created_at=LATER)
    assert first.created and not again.created
    assert again.version.pk == first.version.pk
    assert StandardVersion.objects.count() == 1
    assert Level.objects.count() == 5


@pytest.mark.django_db
def test_a_changed_file_makes_a_new_version_and_the_old_one_stays(standard_files):
    nys = standard_files["nys-call-center-representative"]
    first = series_load(standard=nys, created_at=LOADED_AT).version
    edited = _edited(nys, narrative=[*nys.to_document()["narrative"], "A new paragraph."])
    second = series_load(standard=edited, created_at=LATER)
    assert second.created
    assert (first.number, second.version.number) == (1, 2)
    first.refresh_from_db()
    assert first.narrative == nys.to_document()["narrative"]
    assert second.version.narrative[-1] == "A new paragraph."
    assert first.levels.count() == second.version.levels.count() == 5


def test_the_version_label_names_number_and_digest(loaded_standards):
    version = loaded_standards["nys-call-center-representative"]
    assert version.label == f"1-{version.digest[:8]}"


def test_university_placeholders_are_not_stated(loaded_standards):
    version = loaded_standards["university-call-center"]
    assert version.promotional_line is None
    assert version.effective_date is None
    for level in version.levels.all():
        assert level.code is None and level.code_as_printed == "0000"
        assert level.effective_date is None and level.effective_date_as_printed == "00/00/00"
        assert level.grade is None


def test_nys_levels_have_codes_grades_and_the_hesc_parenthetic(loaded_standards):
    version = loaded_standards["nys-call-center-representative"]
    rows = {
        level.slug: (level.title, level.code, level.grade, getattr(level.parenthetic, "code", None))
        for level in version.levels.select_related("parenthetic")
    }
    assert rows == {
        "1": ("Call Center Representative 1", "2546100", 9, None),
        "2": ("Call Center Representative 2", "2546200", 14, None),
        "3": ("Call Center Representative 3", "2546300", 17, None),
        "1-hesc": ("Call Center Representative 1 (HESC)", "2546100", 9, "HESC"),
        "2-hesc": ("Call Center Representative 2 (HESC)", "2546200", 14, "HESC"),
    }
    assert version.effective_date == datetime.date(2015, 10, 1)
    assert version.effective_date_as_printed == "10/15"


def test_promotion_lines_are_stored(loaded_standards):
    version = loaded_standards["nys-call-center-representative"]
    promotes = {
        level.slug: sorted(target.slug for target in level.promotes_to.all())
        for level in version.levels.all()
    }
    assert promotes == {"1": ["2"], "2": ["3"], "3": [], "1-hesc": ["2-hesc"], "2-hesc": []}


def test_routes_keep_their_rules_and_plain_reading(loaded_standards):
    level = loaded_standards["nys-call-center-representative"].levels.get(slug="2")
    routes = list(level.routes.all())
    assert [route.route for route in routes] == ["open_competitive", "promotion"]
    assert all(route.rule and route.rule_plain for route in routes)
    assert (
        "2546100" in routes[1].rule_plain or "Call Center Representative 1" in routes[1].rule_plain
    )


def test_probation_periods(loaded_standards):
    version = loaded_standards["university-call-center"]
    assert list(version.levels.values_list("slug", "probationary_period_months")) == [
        ("operator", 6),
        ("representative-1", 6),
        ("representative-2", 6),
        ("supervisor", 12),
        ("manager", 12),
    ]
