"""Browsing pages: every part of the standard is shown, with a constant number of SQL queries."""

import pytest
from django.urls import reverse

from classification.services import series_load
from classification.standard_file import parse_standard
from tests.classification.sizes import query_count, with_extra_levels
from tests.conftest import LOADED_AT
from tests.kept import forget_kept


def test_home_and_series_list_show_both_standards(client, loaded_standards):
    for name in ("home", "classification:series-list"):
        page = client.get(reverse(name)).content.decode()
        assert "Call Center Representative" in page
        assert reverse("classification:series-detail", args=["university-call-center"]) in page
        assert (
            reverse("classification:series-detail", args=["nys-call-center-representative"]) in page
        )


def test_series_page_shows_narrative_and_a_table_of_levels(client, loaded_standards):
    page = client.get(
        reverse("classification:series-detail", args=["nys-call-center-representative"])
    )
    text = page.content.decode()
    assert "Call Center Representatives work at the various call centers of New York State." in text
    for title in (
        "Call Center Representative 1",
        "Call Center Representative 3",
        "Call Center Representative 2 (HESC)",
    ):
        assert title in text
    assert "2546300" in text and "Open competitive" in text and "Promotion" in text
    assert "Government agency" in text


def test_university_series_page_says_not_stated_for_placeholders(client, loaded_standards):
    text = client.get(
        reverse("classification:series-detail", args=["university-call-center"])
    ).content.decode()
    assert "Not stated" in text and "printed as “0000”" in text
    assert "Call Center Manager" in text and "12 months" in text


def test_level_page_shows_every_part(client, loaded_standards):
    url = reverse(
        "classification:level-detail", args=["university-call-center", "representative-1"]
    )
    text = client.get(url).content.decode()
    version = loaded_standards["university-call-center"]
    level = version.levels.get(slug="representative-1")
    for duty in level.duties.all():
        assert duty.text.replace("'", "&#x27;") in text
    for attribute in level.attributes.all():
        assert attribute.text.replace("'", "&#x27;") in text
    for line in level.qualifications_text:
        assert line in text
    assert level.supervision_received in text
    assert "How the portal reads this route" in text
    assert "measured: 20 wpm" in text


def test_hesc_level_page_shows_its_own_duties(client, loaded_standards):
    url = reverse("classification:level-detail", args=["nys-call-center-representative", "2-hesc"])
    text = client.get(url).content.decode()
    assert "HESC parenthetic" in text
    assert "Customer Communications Center" in text
    assert "Promoted from" in text


@pytest.mark.parametrize("series", ["university-call-center", "nys-call-center-representative"])
def test_full_text_shows_every_part_of_every_level(client, loaded_standards, series):
    text = client.get(reverse("classification:full-text", args=[series])).content.decode()
    text = text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    version = loaded_standards[series]
    for paragraph in version.narrative:
        assert paragraph in text
    for level in version.levels.all():
        assert f'id="level-{level.slug}"' in text and f'href="#level-{level.slug}"' in text
        for duty in level.duties.all():
            assert duty.text in text
        for attribute in level.attributes.all():
            assert attribute.text in text
        for line in level.qualifications_text:
            assert line in text
        for route in level.routes.all():
            assert route.text in text and route.rule_plain in text
    for definition in version.definitions.all():
        assert definition.text in text


def test_full_text_links_promotions_within_the_page(client, loaded_standards):
    url = reverse("classification:full-text", args=["nys-call-center-representative"])
    text = client.get(url).content.decode()
    level_1 = text[text.index('id="level-1"') : text.index('id="level-2"')]
    assert 'Promotes to <a href="#level-2">Call Center Representative 2</a>' in level_1
    series_page = client.get(
        reverse("classification:series-detail", args=["nys-call-center-representative"])
    ).content.decode()
    assert url in series_page  # reachable from the series page's tools


def test_full_text_of_a_date_before_any_version_says_so(client, loaded_standards):
    url = reverse("classification:full-text", args=["nys-call-center-representative"])
    response = client.get(url, {"as_of": "1990-01-01"})
    assert response.status_code == 404
    assert "No version of this standard was in force" in response.content.decode()


def test_an_old_version_stays_readable_at_its_own_url(client, loaded_standards, standard_files):
    nys = standard_files["nys-call-center-representative"]
    document = nys.to_document()
    document["narrative"] = ["Rewritten narrative."]
    series_load(standard=parse_standard(document, source="edit"), created_at=LOADED_AT)
    current = client.get(
        reverse("classification:series-detail", args=[nys.series])
    ).content.decode()
    old = client.get(
        reverse("classification:series-version", args=[nys.series, 1])
    ).content.decode()
    assert "Rewritten narrative." in current and "Rewritten narrative." not in old
    assert "you are reading a fixed version" in old
    level = client.get(reverse("classification:level-version", args=[nys.series, 1, "3"]))
    assert level.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/standards/no-such-series/",
        "/standards/university-call-center/v9/",
        "/standards/university-call-center/levels/no-such-level/",
        "/standards/no-such-series/full-text/",
        "/standards/university-call-center/v9/full-text/",
    ],
)
def test_unknown_standards_are_404(client, loaded_standards, url):
    assert client.get(url).status_code == 404


def test_series_and_level_pages_use_a_constant_number_of_queries(client, db, standard_files):
    base = standard_files["nys-call-center-representative"]
    small, large = with_extra_levels(base, 1), with_extra_levels(base, 12)
    for standard in (small, large):
        series_load(standard=standard, created_at=LOADED_AT)
    counts = {}
    for standard in (small, large):
        forget_kept()  # each standard's pages as on a first visit (the list is shared)
        pages = [
            reverse("classification:series-detail", args=[standard.series]),
            reverse("classification:level-detail", args=[standard.series, "1"]),
            reverse("classification:series-list"),
            reverse("classification:full-text", args=[standard.series]),
        ]
        counts[standard.series] = [query_count(client, url) for url in pages]
    assert counts[small.series] == counts[large.series], counts
    assert max(counts[small.series]) <= 12
