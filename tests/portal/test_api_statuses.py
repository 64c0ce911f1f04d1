"""The OpenAPI schema documents every status the screening API really answers, with its body.

Crafted requests provoke each answer; the set of statuses they get must equal the set the
schema lists, and each body must match the schema documented for its status.
"""

import json

import jsonschema
import pytest
import yaml
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from tests.conftest import FIXTURES
from tests.factories import applicant_user

DANA = (FIXTURES / "profiles" / "dana.json").read_bytes()
URL = "/api/v1/screenings"


def _post(client, body=DANA, **extra):
    extra.setdefault("content_type", "application/json")
    return client.post(URL, data=body, **extra)


def _crafted(client) -> dict[str, object]:
    """One request for each way the API can answer; the name says what it tries."""
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(applicant_user())
    return {
        "a valid profile": _post(client),
        "a broken profile": _post(client, b"{not json"),
        "signed in, no CSRF token": _post(signed_in),
        "past the size limit": _post(client, b" " * 1_000_001),
        "sent as text": _post(client, content_type="text/plain"),
        "asking for XML": _post(client, HTTP_ACCEPT="application/xml"),
        "one too many": [_post(client) for _ in range(3)][-1],
    }


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get(reverse("screening:api-schema")).content)


def test_every_status_the_api_answers_is_documented_and_no_other(
    client, loaded_standards, schema, monkeypatch
):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "6/minute"})
    answers = _crafted(client)
    documented = schema["paths"][URL]["post"]["responses"]
    assert {str(response.status_code) for response in answers.values()} == set(documented)
    assert answers["one too many"].status_code == 429


def test_every_answer_has_the_body_documented_for_its_status(
    client, loaded_standards, schema, monkeypatch
):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "6/minute"})
    documented = schema["paths"][URL]["post"]["responses"]
    for what, response in _crafted(client).items():
        body_schema = documented[str(response.status_code)]["content"]["application/json"]
        validator = jsonschema.Draft202012Validator(
            {**body_schema["schema"], "components": schema["components"]}
        )
        errors = [error.message for error in validator.iter_errors(json.loads(response.content))]
        assert not errors, (what, response.status_code, errors)


def test_a_throttled_caller_is_told_when_to_come_back(client, loaded_standards, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    _post(client)
    response = _post(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    (error,) = response.json()["errors"]
    assert error["path"] == "$" and "throttled" in error["message"]
