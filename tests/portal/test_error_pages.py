"""Error pages are the portal's own: its header and navigation, a plain explanation, a way on."""

from django.test import Client, RequestFactory
from django.views.defaults import server_error

from tests.factories import applicant_user


def test_not_found_keeps_the_navigation_and_offers_a_way_on(client, db):
    response = client.get("/standards/no-such-series/")
    assert response.status_code == 404
    assert "Page not found" in response.text and 'aria-label="Main"' in response.text
    assert "Browse the class standards" in response.text


def test_forbidden_says_which_role_is_missing(client, db):
    client.force_login(applicant_user())
    response = client.get("/officer/applicants/")
    assert response.status_code == 403
    assert "You cannot open this page" in response.text and "Signed in as" in response.text


def test_an_expired_form_says_so_and_that_nothing_was_saved(db):
    response = Client(enforce_csrf_checks=True).post("/check/", {})
    assert response.status_code == 403
    assert "This form has expired" in response.text and "Nothing was saved" in response.text


def test_a_server_error_page_stands_alone():
    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in text and '<html lang="en">' in text
