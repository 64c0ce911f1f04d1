"""The API sends the result the engine wrote (screening.api.ResultRenderer): a client reads
what DRF's renderer wrote from the decoded result, byte for byte when compact, U+2028 and
U+2029 escaped, indented when asked."""

import copy
import json

from django.urls import reverse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from screening.api import ResultRenderer
from screening.engine import parse_profile, screen_profile
from screening.selectors import screener_for, versions_in_effect
from tests.conftest import FIXTURES
from tests.factories import standard_store

DANA = (FIXTURES / "profiles" / "dana.json").read_bytes()
NYS = "nys-call-center-representative"


def _post(client, body=DANA, query="", **headers):
    url = reverse("screening:api-screenings") + query
    return client.post(url, data=body, content_type="application/json", headers=headers)


def _expected(levels=None) -> dict:
    """The result as the engine makes it, from the stored versions (not through the API)."""
    profile = parse_profile(DANA)
    screener = screener_for(versions_in_effect(at=profile.as_of))
    return screen_profile(profile, screener, levels=levels, default_as_of=profile.as_of)


def _drf_bytes(result: dict, accept: str = "application/json") -> bytes:
    """What DRF's own JSON renderer writes for the decoded result."""
    return JSONRenderer().render(result, accept, {})


def test_the_body_is_the_result_drf_would_write(client, loaded_standards):
    response = _post(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == _expected()
    assert response.content == _drf_bytes(_expected())


def test_picked_levels_are_the_engine_result_of_those_levels(client, loaded_standards):
    level = f"{NYS}/2"
    response = _post(client, query=f"?level={level}")
    assert json.loads(response.content) == _expected(levels=[level])


def _first_title_extended(loaded_standards, words: str) -> None:
    """A new NYS version in force whose first level's title ends with `words`."""
    version = loaded_standards[NYS]
    document = copy.deepcopy(version.document)
    document["levels"][0]["title"] += words
    standard_store(version, document, at=timezone.now())


def test_line_and_paragraph_separators_are_escaped(client, loaded_standards):
    _first_title_extended(loaded_standards, "\u2028and\u2029more")
    response = _post(client)
    assert b"\\u2028and\\u2029more" in response.content
    assert "\u2028".encode() not in response.content
    assert "\u2029".encode() not in response.content
    assert response.content == _drf_bytes(_expected())
    titles = [item["title"] for item in json.loads(response.content)["results"]]
    assert any(title.endswith("\u2028and\u2029more") for title in titles)


def test_indented_json_when_the_client_asks_for_it(client, loaded_standards):
    accept = "application/json; indent=2"
    response = _post(client, Accept=accept)
    assert response.status_code == 200
    assert response.content == _drf_bytes(_expected(), accept)
    assert response.content.startswith(b'{\n  "format": "screening-result/1"')


def test_non_ascii_is_sent_as_is(client, loaded_standards):
    _first_title_extended(loaded_standards, " — représentant")
    response = _post(client)
    assert " — représentant".encode() in response.content
    assert response.content == _drf_bytes(_expected())


def test_an_unacceptable_accept_is_still_a_406(client, loaded_standards):
    response = _post(client, Accept="text/html")
    assert response.status_code == 406
    assert response.json()["errors"][0]["path"] == "$"


def test_drf_json_settings_other_than_the_defaults_are_followed(
    client, loaded_standards, monkeypatch
):
    monkeypatch.setattr(ResultRenderer, "ensure_ascii", True)
    monkeypatch.setattr(ResultRenderer, "compact", False)
    response = _post(client)
    expected = json.dumps(_expected(), ensure_ascii=True, separators=(", ", ": "))
    assert response.content == expected.encode()
