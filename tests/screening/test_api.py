"""POST /api/v1/screenings and its OpenAPI schema."""

import json

import pytest
import yaml
from django.urls import reverse

from tests.conftest import FIXTURES

DANA = (FIXTURES / "profiles" / "dana.json").read_bytes()


def _post(client, body, query: str = ""):
    url = reverse("screening:api-screenings") + query
    return client.post(url, data=body, content_type="application/json")


def test_a_profile_is_screened(client, loaded_standards):
    response = _post(client, DANA)
    assert response.status_code == 200
    result = response.json()
    assert result["format"] == "screening-result/1"
    assert len(result["results"]) == 10


def test_the_result_is_never_cached(client, loaded_standards):
    response = _post(client, DANA)
    assert "no-store" in response["Cache-Control"]


def test_a_body_past_the_size_limit_is_refused_unread(client, loaded_standards):
    padded = json.loads(DANA) | {"applicant": {"name": "x" * 1_000_000}}
    response = _post(client, json.dumps(padded).encode())
    assert response.status_code == 413
    assert response.json()["errors"] == [
        {"path": "$", "message": "the profile is larger than 1,000,000 bytes"}
    ]
    just_under = json.loads(DANA) | {"applicant": {"name": "x" * 190}}
    assert _post(client, json.dumps(just_under).encode()).status_code == 200


def test_levels_can_be_picked_in_the_query(client, loaded_standards):
    response = _post(client, DANA, "?level=nys-call-center-representative/2")
    assert [item["level"] for item in response.json()["results"]] == [
        "nys-call-center-representative/2"
    ]


def test_an_unknown_level_is_a_400(client, loaded_standards):
    response = _post(client, DANA, "?level=nope/1")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"path": "levels", "message": "no such level: nope/1"}]


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (b"", "$"),
        (b"not json", "$"),
        (b"[]", "$"),
        (b"\xff\xfe{}", "$"),
        (b'{"format": "screening-profile/1", "as_of": "2026-02-30"}', "as_of"),
        (
            b'{"format": "screening-profile/1", "assessments": {"keyboarding_wpm": NaN}}',
            "assessments.keyboarding_wpm",
        ),
        (b'{"format": "screening-profile/1", "colour": "blue"}', "colour"),
    ],
)
def test_a_bad_document_is_a_400_naming_the_path(client, loaded_standards, body, path):
    response = _post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and any(error["path"] == path for error in errors), errors


def test_nothing_is_stored_and_nothing_personal_is_echoed_on_refusal(client, loaded_standards):
    profile = json.loads(DANA)
    profile["experience"][0]["end"] = "2019-01"
    response = _post(client, json.dumps(profile))
    assert response.status_code == 400
    assert "Dana" not in response.content.decode()
    assert response.json()["errors"][0]["path"] == "experience[0].end"


def test_get_is_not_allowed(client, loaded_standards):
    assert client.get(reverse("screening:api-screenings")).status_code == 405


def test_the_openapi_schema_documents_the_endpoint(client, db):
    response = client.get(reverse("screening:api-schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.1")
    operation = schema["paths"]["/api/v1/screenings"]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ScreeningProfile"
    }
    assert set(operation["responses"]) >= {"200", "400"}
    components = schema["components"]["schemas"]
    experience = components["ScreeningProfile_experience"]
    assert experience["properties"]["start"] == {
        "$ref": "#/components/schemas/ScreeningProfile_month"
    }
    assert "ScreeningResult" in components and "ScreeningRefusal" in components


def test_the_browsable_api_page_uses_local_assets(client):
    response = client.get(reverse("screening:api-docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower()


def test_the_schema_lists_the_level_ids_the_api_accepts(client, loaded_standards):
    from screening.services.screening import known_level_ids

    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    [parameter] = [
        p
        for p in schema["paths"]["/api/v1/screenings"]["post"]["parameters"]
        if p["name"] == "level"
    ]
    assert parameter["schema"]["items"]["enum"] == sorted(known_level_ids())


MANAGER_PROFILE = {
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


def test_the_result_lists_every_way_to_qualify_as_its_schema_says(client, loaded_standards):
    import jsonschema

    response = _post(client, json.dumps(MANAGER_PROFILE), "?level=university-call-center/manager")
    result = response.json()
    schema = yaml.safe_load(client.get(reverse("screening:api-schema")).content)
    components = schema["components"]["schemas"]
    jsonschema.validate(
        result, {**components["ScreeningResult"], "components": schema["components"]}
    )
    (level,) = result["results"]
    (route,) = level["ways"]
    degree_way, management_way = route["branches"]
    assert (degree_way["closest"], management_way["closest"]) == (False, True)
    months = management_way["requirements"][1]
    assert (months["have"], months["need"], months["message"]["key"]) == (
        14,
        36,
        "item.months_more",
    )
    assert level["routes"][0]["gaps"] == [
        {
            "requirement": "management experience in a call center or clinic",
            "status": "unmet",
            "have": 14.0,
            "need": 36,
            "unit": "months",
        }
    ]  # the contract's gaps are unchanged: the closest branch only
    assert level["routes"][0]["messages"][0]["key"] == "explain.months_with"
    ways_schema = components["ScreeningResult"]["properties"]["results"]["items"]
    assert "ways" in ways_schema["properties"]
