"""Every way to qualify on the results page (applicant) and the case page (officer)."""

import html
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from screening import services
from screening.presentation import results_by_series
from screening.selfcheck import SESSION_KEY
from tests.factories import CASEY, officer_user, saved_profile

MANAGER = "university-call-center/manager"
REP1 = "university-call-center/representative-1"
TESTERS_PROFILE = {
    "format": "screening-profile/1",
    "as_of": "2026-10-01",
    "education": [{"credential": "high_school_diploma"}],
    "experience": [
        {
            "title": "Call center manager",
            "employer_type": "private",
            "start": "2025-08",
            "duties": ["management"],
            "settings": ["call_center"],
        }
    ],
}


def _ways_sections(page: str) -> list[str]:
    return [html.unescape(s) for s in re.findall(r'<details class="ways".*?</details>', page, re.S)]


def _level(series, level_id):
    return next(level for group in series for level in group.levels if level.level == level_id)


def test_the_results_page_shows_every_way_to_qualify(client, loaded_standards):
    session = client.session
    session[SESSION_KEY] = TESTERS_PROFILE
    session.save()
    page = client.get(reverse("screening:selfcheck-results")).text
    sections = _ways_sections(page)
    assert len(sections) == 10
    manager = next(s for s in sections if "management experience" in s)
    assert (
        "You need a bachelor's degree in business, education, health administration, or a "
        "related field; you don't have one yet." in manager
    )
    assert (
        "You need 22 more months of management experience in a call center or clinic: you have "
        "14 of the 36 needed." in manager
    )
    assert manager.index("Or:") < manager.index("Closest for you") < manager.index("22 more")
    rep1 = next(s for s in sections if "clinic reception" in s)
    assert (
        "You need 6 more months of clinic reception or appointment scheduling experience in a "
        "medical environment" in rep1
    )
    for section in sections:  # nothing an applicant cannot read: slugs, codes, versions
        assert (
            "CIP" not in section and "_" not in section and "university-call-center" not in section
        )


def test_the_officers_case_page_says_the_ways_in_the_third_person(client, loaded_standards):
    profile = saved_profile(CASEY)
    client.force_login(officer_user())
    page = client.get(reverse("screening:officer-applicant", args=[profile.public_id])).text
    sections = _ways_sections(page)
    assert len(sections) == 10
    text = " ".join(sections)
    assert (
        "The applicant needs 36 more months of management experience in a call center or clinic: "
        "they have 0 of the 36 needed." in text
    )
    assert "Closest for the applicant" in text
    assert "You need" not in text and "you have" not in text


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("second", "Le faltan 22 meses de experiencia en gestión en un centro de llamadas"),
        ("third", "A la persona solicitante le faltan 22 meses de experiencia en gestión"),
    ],
)
def test_the_ways_are_in_the_readers_language(loaded_standards, person, expected):
    level = _level(results_by_series(services.screening_run(document=TESTERS_PROFILE)), MANAGER)
    with translation.override("es"):
        text = html.unescape(
            render_to_string(
                "screening/partials/ways_to_qualify.html", {"level": level, "person": person}
            )
        )
    assert expected in text
    assert "Necesita un título de licenciatura en administración de empresas" in text or (
        "necesita un título de licenciatura en administración de empresas" in text
    )


def test_a_result_stored_before_ways_shows_its_explanation_alone(loaded_standards):
    result = services.screening_run(document=TESTERS_PROFILE)
    for level in result["results"]:  # as stored by an earlier version
        del level["ways"]
        for route in level["routes"]:
            del route["messages"]
    text = html.unescape(
        render_to_string("screening/partials/results.html", {"series": results_by_series(result)})
    )
    assert 'class="ways"' not in text
    rep1 = next(r for r in result["results"] if r["level"] == REP1)
    assert rep1["routes"][0]["explanation"] in text


def test_what_is_still_missing_is_the_closest_way_in_the_readers_language(loaded_standards):
    series = results_by_series(services.screening_run(document=TESTERS_PROFILE))
    with translation.override("es"):
        text = html.unescape(
            render_to_string("screening/partials/results.html", {"series": series})
        )
    (gaps,) = [g for g in re.findall(r'<ul class="gaps">(.*?)</ul>', text, re.S) if "22 meses" in g]
    assert gaps == (
        "<li>Le faltan 22 meses de experiencia en gestión en un centro de llamadas o una "
        "clínica: tiene 14 de los 36 requeridos.</li>"
    )
