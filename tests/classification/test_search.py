"""Search across every standard in force. The same selector runs PostgreSQL full-text search
on PostgreSQL (CI) and the simple fallback elsewhere (SQLite): these tests hold for both."""

import datetime

import pytest
from django.urls import reverse

from classification.search import (
    MARK_START,
    MARK_STOP,
    _headline_html,
    highlight,
    standards_search,
    terms_of,
)
from classification.services import series_load
from classification.standard_file import parse_standard
from tests.conftest import LOADED_AT

NYS = "nys-call-center-representative"
UNI = "university-call-center"
SEARCH = reverse("classification:search")


def _levels(results):
    return {(hit.series_slug, hit.level_slug) for hit in results.hits if hit.level_slug}


def test_terms_drop_stop_words_and_stem_lightly():
    assert terms_of("Schedule the patient appointments") == ["schedul", "patient", "appointment"]
    assert terms_of("bachelor's") == ["bachelor"]
    assert terms_of("  ") == []


def test_highlighting_escapes_the_text():
    html = highlight("<b>Pagers</b> & pager purchases", ["pager"])
    assert html == "&lt;b&gt;<mark>Pagers</mark>&lt;/b&gt; &amp; <mark>pager</mark> purchases"
    headline = _headline_html(f"a <i> {MARK_START}pager{MARK_STOP} & b")
    assert headline == "a &lt;i&gt; <mark>pager</mark> &amp; b"


def test_which_levels_need_a_bachelors_degree(loaded_standards):
    results = standards_search(query="bachelor")
    assert _levels(results) == {(NYS, "2"), (NYS, "3"), (UNI, "manager")}
    passages = " ".join(p.highlighted for hit in results.hits for p in hit.passages)
    assert "<mark>Bachelors</mark> Degree" in passages


def test_which_university_levels_schedule_patient_appointments(loaded_standards):
    results = standards_search(query="schedule patient appointments", series=UNI)
    assert _levels(results) == {(UNI, "representative-1"), (UNI, "representative-2")}
    assert {hit.series_slug for hit in results.hits} == {UNI}


def test_pager_duties_rank_the_levels(loaded_standards):
    results = standards_search(query="pager")
    assert _levels(results) == {(UNI, "supervisor"), (UNI, "manager")}
    assert results.hits[0].level_slug == "manager"  # three pager passages beat one
    assert {p.kind.key for hit in results.hits for p in hit.passages} == {"duty"}


def test_codes_grades_and_definitions_are_searched(loaded_standards):
    assert _levels(standards_search(query="2546300")) == {(NYS, "3")}
    assert _levels(standards_search(query="grade 14")) >= {(NYS, "2"), (NYS, "2-hesc")}
    definitions = standards_search(query="telemarketer")
    kinds = {p.kind.key for hit in definitions.hits for p in hit.passages}
    assert "definition" in kinds


def test_filters_by_series_and_grade(loaded_standards):
    assert _levels(standards_search(query="bachelor", series=UNI)) == {(UNI, "manager")}
    assert _levels(standards_search(query="bachelor", grade=17)) == {(NYS, "3")}
    assert standards_search(query="bachelor", grade=1).hits == []


def _load_with_a_zeppelin_duty_from_2030(nys) -> None:
    """NYS as loaded, then a version 2 in force from 2030 whose CCR 1 has one more duty."""
    series_load(standard=nys, created_at=LOADED_AT)
    document = nys.to_document()
    document["effective_date"] = "2030-01-01"
    document["levels"][0]["duties"].append("Operates the zeppelin hangar switchboard.")
    series_load(standard=parse_standard(document, source="edit"), created_at=LOADED_AT)


@pytest.mark.django_db
def test_only_the_versions_in_force_are_searched(standard_files):
    _load_with_a_zeppelin_duty_from_2030(standard_files[NYS])
    assert standards_search(query="zeppelin", at=datetime.date(2026, 11, 23)).hits == []
    later = standards_search(query="zeppelin", at=datetime.date(2030, 6, 1))
    assert _levels(later) == {(NYS, "1")}
    assert later.hits[0].version_number == 2


def test_search_page_lists_highlighted_passages_linking_to_levels(client, loaded_standards):
    response = client.get(SEARCH, {"q": "pager"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<mark>" in text and "2 results for “pager”" in text
    assert reverse("classification:level-detail", args=[UNI, "supervisor"]) in text


def test_search_page_filters_and_bad_input(client, loaded_standards):
    text = client.get(SEARCH, {"q": "bachelor", "series": NYS, "grade": "17"}).content.decode()
    assert "1 result for" in text
    assert client.get(SEARCH, {"q": "bachelor", "grade": "x"}).status_code == 200
    assert client.get(SEARCH, {"q": "<script>"}).status_code == 200
    assert "No results for" in client.get(SEARCH, {"q": "xylophone"}).content.decode()
    assert client.get(SEARCH).status_code == 200


@pytest.mark.django_db
def test_search_page_as_of_a_date(client, standard_files):
    _load_with_a_zeppelin_duty_from_2030(standard_files[NYS])
    assert "No results" in client.get(SEARCH, {"q": "zeppelin"}).content.decode()
    later = client.get(SEARCH, {"q": "zeppelin", "as_of": "2030-02-01"}).content.decode()
    assert "1 result for" in later and "?as_of=2030-02-01" in later
    bad = client.get(SEARCH, {"q": "zeppelin", "as_of": "2030-02-31"})
    assert bad.status_code == 200 and "Enter a real date" in bad.content.decode()
    assert 'type="text" name="as_of" value="2030-02-31"' in bad.content.decode()  # kept in view
