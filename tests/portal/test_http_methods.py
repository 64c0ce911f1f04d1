"""Every page answers only the methods it serves: anything else is a 405 naming those it does.

Pages serve GET and HEAD, forms POST too, actions POST only. OPTIONS is refused everywhere,
the API included: there are no cross-origin callers, and the OpenAPI schema describes the API.
"""

import pytest
from django.urls import reverse

from tests.screening.test_access_matrix import (  # noqa: F401 (world: the fixture)
    MATRIX,
    ROLES,
    matrix_url,
    world,
)

API = {"screening:api-screenings", "screening:api-schema", "screening:api-docs"}
# Pages that show a form on GET and take it back on POST.
FORMS = {
    "login",
    "screening:selfcheck",
    "screening:selfcheck-save",
    "screening:my-profile-edit",
    "classification:standard-edit",
    "classification:draft-import",
    "classification:draft-start",
    "classification:draft-submit",
    "screening:officer-import",
    "casework:list-establish",
    "casework:officer-entry-documents",
    "casework:my-entry-documents",
    "casework:officer-document-remove",
    "casework:my-document-remove",
    "admin:index",
    "classification:editor-new",
    "classification:editor-series",
    "classification:editor-levels",
    "classification:editor-level",
    "classification:editor-rule",
}
REFUSED = ("TRACE", "PUT", "PATCH", "DELETE", "CONNECT")


def _sign_in_as_someone_allowed(client, world, name):  # noqa: F811
    """The first role the access matrix lets through, so no sign-in page answers instead."""
    expected = MATRIX[name][3]
    role = next(r for r in ROLES if expected[r] not in ("login", "admin-login", 403, 404))
    if world["users"][role] is not None:
        client.force_login(world["users"][role])


def _allowed(response) -> set[str]:
    return {method.strip() for method in response["Allow"].split(",")}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_methods_a_page_does_not_serve_are_refused(client, world, name):  # noqa: F811
    _sign_in_as_someone_allowed(client, world, name)
    url = matrix_url(world, name)
    for method in REFUSED:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, response.status_code)
        # No page rendered for it (the API's refusals are DRF's short error bodies).
        assert response.content == b"" or name in API, method
        assert b"<html" not in response.content, method
        assert "TRACE" not in _allowed(response)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_options_is_refused_everywhere(client, world, name):  # noqa: F811
    _sign_in_as_someone_allowed(client, world, name)
    response = client.options(matrix_url(world, name))
    assert response.status_code == 405
    assert b"<html" not in response.content


GET_PAGES = sorted(name for name, spec in MATRIX.items() if spec[0] == "get")


@pytest.mark.parametrize("name", GET_PAGES)
def test_head_is_served_wherever_get_is(client, world, name):  # noqa: F811
    _sign_in_as_someone_allowed(client, world, name)
    url = matrix_url(world, name)
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code
    # Files and exports stream: their HEAD has no body to stream.
    body = b"".join(head.streaming_content) if head.streaming else head.content
    assert body == b""


@pytest.mark.parametrize("name", sorted(set(GET_PAGES) - FORMS))
def test_post_to_a_page_without_a_form_is_refused(client, world, name):  # noqa: F811
    _sign_in_as_someone_allowed(client, world, name)
    response = client.post(matrix_url(world, name), {})
    assert response.status_code == 405
    assert {"GET", "HEAD"} <= _allowed(response) and "POST" not in _allowed(response)


@pytest.mark.parametrize(
    "name", sorted(name for name, spec in MATRIX.items() if spec[0] == "post" and name != "logout")
)
def test_get_of_an_action_is_refused(client, world, name):  # noqa: F811
    _sign_in_as_someone_allowed(client, world, name)
    response = client.get(matrix_url(world, name))
    assert response.status_code == 405
    assert _allowed(response) == {"POST"}


def test_signing_out_takes_a_post_only(client, world):  # noqa: F811
    client.force_login(world["users"]["owner"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.options(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
