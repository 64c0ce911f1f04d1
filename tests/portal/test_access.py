"""Permissions and roles read in one query a request (portal/access.py), never kept beyond it,
the signed-in user and their session read afresh each request by SQL written once a process,
and the header's links written once per language, page and permissions
(portal/context_processors.py) as the base template wrote them."""

from pathlib import Path

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.sessions.models import Session
from django.db import connection
from django.template import Context, engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import timezone, translation

from portal.access import permissions_load, user_read
from portal.context_processors import _NAV_KEPT, main_nav
from portal.roles import PLACEMENT_OFFICER, roles_of
from tests.factories import analyst_user, applicant_user, officer_user

REFERENCE = Path(__file__).parent / "reference" / "base_nav.html"
QUEUE = "/officer/applicants/"
PAGES = ["/", "/standards/", "/standards/search/", "/standards/compare/", "/check/", QUEUE]


def _request(path: str, user):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    request.user = user
    return request


def _reference_nav(request) -> str:
    """The base template's links, its permissions read by Django (not by permissions_load)."""
    template = engines["django"].from_string(REFERENCE.read_text())
    user = request.user
    context = {"request": request, "user": user, "perms": PermWrapper(user)}
    return template.template.render(Context(context, autoescape=True))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_header_links_are_the_templates_for_everyone_on_every_page(language):
    users = [AnonymousUser(), applicant_user(), officer_user(), analyst_user()]
    _NAV_KEPT.clear()
    for user in users:
        for path in PAGES:
            prefixed = f"/es{path}" if language == "es" else path
            with translation.override(language):
                reference = _reference_nav(_request(prefixed, _fresh(user)))
                written = main_nav(_request(prefixed, user))
                again = main_nav(_request(prefixed, user))  # the kept one
            assert written == reference == again, (user, path)


def _fresh(user):
    """The same user without what a request read (Django reads their permissions itself)."""
    return user if user.is_anonymous else type(user).objects.get(pk=user.pk)


@pytest.mark.django_db
def test_the_audit_trail_link_is_marked_current_on_its_page():
    officer = officer_user()
    nav = main_nav(_request("/officer/audit/", officer))
    assert nav == _reference_nav(_request("/officer/audit/", officer))
    assert 'aria-current="page">Audit trail' in nav


@pytest.mark.django_db
def test_one_query_reads_what_django_reads_in_three():
    officer = officer_user()
    officer.user_permissions.add(Permission.objects.get(codename="view_standarddraft"))
    fresh = type(officer).objects.get(pk=officer.pk)
    with CaptureQueriesContext(connection) as queries:
        permissions_load(fresh)
        loaded = (fresh.get_all_permissions(), roles_of(fresh))
    django_reads = type(officer).objects.get(pk=officer.pk)
    assert len(queries) == 1
    assert loaded == (django_reads.get_all_permissions(), {PLACEMENT_OFFICER})
    assert "classification.view_standarddraft" in loaded[0]
    assert "casework.view_case" in loaded[0]


def test_a_permission_revoked_takes_effect_on_the_next_request(client, db):
    officer = officer_user()
    client.force_login(officer)
    assert client.get(QUEUE).status_code == 200
    group = Group.objects.get(name=PLACEMENT_OFFICER)
    group.permissions.remove(Permission.objects.get(codename="view_case"))
    assert client.get(QUEUE).status_code == 403
    assert '<a href="/officer/applicants/">' in client.get("/standards/").text  # still held
    group.permissions.remove(Permission.objects.get(codename="view_applicantprofile"))
    assert '<a href="/officer/applicants/">' not in client.get("/standards/").text


def test_a_role_taken_away_takes_effect_on_the_next_request(client, db):
    officer = officer_user()
    client.force_login(officer)
    assert "(Placement officer)" in client.get(QUEUE).text
    officer.groups.clear()
    assert client.get(QUEUE).status_code == 403
    assert "(Placement officer)" not in client.get("/standards/").text


def test_a_permission_given_to_the_user_alone_counts(client, db):
    user = applicant_user()
    client.force_login(user)
    assert client.get(QUEUE).status_code == 403
    for codename in ("view_applicantprofile", "view_case"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    assert client.get(QUEUE).status_code == 200


def test_the_user_is_read_as_the_orm_reads_it(client, db):
    officer = officer_user(first_name="Ana", last_name="Núñez")
    client.force_login(officer)  # sets last_login: a date the database converts
    expected = type(officer).objects.get(pk=officer.pk)
    read = user_read(officer.pk)
    assert type(read) is type(expected) and read.pk == expected.pk
    assert {**read.__dict__, "_state": None} == {**expected.__dict__, "_state": None}
    assert read.last_login.tzinfo is not None
    assert (read._state.db, read._state.adding) == (expected._state.db, False)
    assert user_read(expected.pk + 1000) is None


def test_a_user_deactivated_is_signed_out_on_the_next_request(client, db):
    officer = officer_user()
    client.force_login(officer)
    assert client.get(QUEUE).status_code == 200
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)
    assert client.get(QUEUE).status_code == 302  # to sign in: no user on this session


def test_a_session_ended_or_expired_is_no_session_on_the_next_request(client, db):
    officer = officer_user()
    client.force_login(officer)
    assert client.get(QUEUE).status_code == 200
    Session.objects.update(expire_date=timezone.now())
    assert client.get(QUEUE).status_code == 302
    client.force_login(officer)
    assert client.get(QUEUE).status_code == 200
    Session.objects.all().delete()  # signed out elsewhere (or cleared)
    assert client.get(QUEUE).status_code == 302
