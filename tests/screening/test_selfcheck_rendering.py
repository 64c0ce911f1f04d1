"""The self-check's widgets are written out in Python (screening.forms.WrittenWidgetsRenderer):
the page must be the very markup Django's widget templates make, blank, filled in from a
profile, and sent back with errors (escaping included). The blank page kept whole for
anonymous visitors must be the page rendered afresh, whoever visits and however."""

import copy
import json
import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone

from portal.language import CSRF_STAND_IN
from screening import forms, selfcheck, views_applicant
from screening.duty_hints import duty_hints_in_effect
from screening.forms import UploadProfileForm
from tests.conftest import FIXTURES
from tests.factories import CASEY, applicant_user, document, standard_store
from tests.kept import forget_kept

BAD_POST = {
    "as_of": "not a date",
    "keyboarding_wpm": "-3",
    "education-TOTAL_FORMS": "2",
    "education-INITIAL_FORMS": "0",
    "education-0-credential": "bachelor",
    "education-0-field": 'Arts & "Letters" <b>',
    "education-0-semester_hours": "lots",
    "education-1-credential": "",
    "education-1-institution": "O'Neill College",
    "experience-TOTAL_FORMS": "1",
    "experience-INITIAL_FORMS": "0",
    "experience-0-title": "Agent",
    "experience-0-employer_type": "private",
    "experience-0-start": "2021-13",
    "experience-0-settings": ["call_center", "medical"],
    "experience-0-duties": ["customer_service", "no-such-duty"],
    "experience-0-unpaid": "on",
    "civil_service-TOTAL_FORMS": "1",
    "civil_service-INITIAL_FORMS": "0",
    "civil_service-0-class_code": "12",
    "civil_service-0-status": "permanent",
}


def _states():
    dana = json.loads((FIXTURES / "profiles" / "dana.json").read_text())
    return {
        "blank": lambda: selfcheck.forms_bind(),
        "from a profile": lambda: selfcheck.forms_bind(document=dana),
        "sent back with errors": lambda: _validated(selfcheck.forms_bind(BAD_POST)),
    }


def _validated(bound):
    profile_form, formsets = bound
    profile_form.is_valid()
    for formset in formsets.values():
        formset.is_valid()
    return profile_form, formsets


def _page(state) -> str:
    forget_kept()  # the blank form is kept once rendered
    request = RequestFactory().get("/check/")
    request.user, request.session = AnonymousUser(), SessionStore()
    profile_form, formsets = _states()[state]()
    upload = UploadProfileForm(data={}, files={})
    upload.is_valid()
    context = {
        "profile_form": profile_form,
        "formsets": formsets,
        "summary": selfcheck.error_summary(profile_form, formsets),
        "upload_form": upload if state != "blank" else UploadProfileForm(),
    }
    html = render_to_string("screening/applicant/selfcheck.html", context, request)
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "csrf", html)


@pytest.mark.parametrize("state", ["blank", "from a profile", "sent back with errors"])
def test_written_widgets_are_the_templates_markup(state, monkeypatch):
    written = _page(state)
    monkeypatch.setattr(forms, "_WIDGET_WRITERS", {})  # every widget by its template again
    assert written == _page(state)
    assert written.count("<input") > 40 and "<select" in written


def test_the_sent_back_page_escapes_what_was_typed():
    html = _page("sent back with errors")
    assert 'value="Arts &amp; &quot;Letters&quot; &lt;b&gt;"' in html
    assert 'value="O&#x27;Neill College"' in html
    assert 'aria-invalid="true"' in html


# --- The blank page kept whole for anonymous visitors (views_applicant._blank_page) ---------

CHECK = "/check/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _fresh(monkeypatch):
    """From now on every page is rendered afresh, as it was before the page was kept."""
    monkeypatch.setattr(views_applicant, "_same_for_everyone", lambda request: False)


def _visit(client, address=CHECK, **headers):
    """The page, its CSRF tokens replaced by a mark once checked: each the one Django placed
    for this visitor (it unmasks to the secret of the CSRF cookie the visitor holds)."""
    response = client.get(address, headers=headers)
    assert response.status_code == 200
    html = response.content.decode()
    tokens = set(TOKEN.findall(html))
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert tokens and all(_unmask_cipher_token(token) == secret for token in tokens)
    assert "stand-in" not in html and CSRF_STAND_IN not in html
    headers = {name: response.get(name) for name in ("Content-Type", "Cache-Control", "Vary")}
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', html), headers


def _kept_and_fresh(make_client, monkeypatch, address=CHECK):
    """The page as this visitor is served it now (twice: built, then kept), and afresh."""
    kept_pages = [_visit(make_client(), address) for _visit_number in range(2)]
    _fresh(monkeypatch)
    return kept_pages, _visit(make_client(), address)


@pytest.mark.parametrize(
    "address", [CHECK, "/es/check/", '/check/?a=<b>&c="d"', "/es/check/?x=%C3%A9"]
)
def test_anonymous_visitors_get_the_kept_page_as_rendered(address, loaded_standards, monkeypatch):
    forget_kept()
    (first, second), fresh = _kept_and_fresh(Client, monkeypatch, address)
    assert first == second == fresh
    html = first[0]
    assert ('<html lang="es">' in html) == address.startswith("/es/")
    assert "aria-describedby" in html and "selfcheck-form" in html


def test_the_kept_page_is_not_rendered_again(loaded_standards, monkeypatch):
    forget_kept()
    _visit(Client())
    monkeypatch.setattr(views_applicant, "render_to_string", None)  # would fail if called
    monkeypatch.setattr(views_applicant, "render", None)
    page, _headers = _visit(Client())
    assert "<h1>Check your qualifications</h1>" in page


def test_each_visitor_gets_their_own_token_and_cookie(loaded_standards):
    forget_kept()
    first, second = Client(), Client()
    pages = [first.get(CHECK), second.get(CHECK)]
    assert all(settings.CSRF_COOKIE_NAME in page.cookies for page in pages)
    tokens = [TOKEN.search(page.content.decode()).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    # A visitor who already holds the cookie gets a token of the same secret.
    again = first.get(CHECK)
    secret = first.cookies[settings.CSRF_COOKIE_NAME].value
    assert _unmask_cipher_token(TOKEN.search(again.content.decode()).group(1)) == secret


def _with_message(client, text="Your profile is saved."):
    """A message waiting for the visitor (in the cookie Django's message storage uses)."""
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies[storage.cookie_name] = response.cookies[storage.cookie_name].value
    return client


def test_a_visitor_with_a_message_gets_a_page_rendered_for_them(loaded_standards, monkeypatch):
    forget_kept()
    _visit(Client())  # the kept page exists
    (with_message, _again), fresh = _kept_and_fresh(lambda: _with_message(Client()), monkeypatch)
    assert with_message == fresh
    assert '<p class="message message-success">Your profile is saved.</p>' in with_message[0]


def test_a_signed_in_applicant_gets_a_page_rendered_for_them(loaded_standards, monkeypatch):
    forget_kept()
    _visit(Client())
    user = applicant_user(username="kept-page-applicant")

    def signed_in():
        client = Client()
        client.force_login(user)
        return client

    (page, _again), fresh = _kept_and_fresh(signed_in, monkeypatch)
    assert page == fresh
    assert "Signed in as kept-page-applicant" in page[0] and "My profiles" in page[0]


def test_an_unsaved_self_check_is_shown_filled_in(loaded_standards, monkeypatch):
    forget_kept()
    _visit(Client())

    def with_casey():
        client = Client()
        session = client.session
        session[selfcheck.SESSION_KEY] = document(CASEY)
        session.save()
        return client

    (page, _again), fresh = _kept_and_fresh(with_casey, monkeypatch)
    assert page == fresh
    assert 'value="Customer Service Representative"' in page[0]


def test_a_new_version_in_force_makes_a_new_page(loaded_standards, monkeypatch):
    forget_kept()
    before, _headers = _visit(Client())
    _key, hints = duty_hints_in_effect(today=timezone.localdate())
    title = hints[0]["levels"][0]
    version = next(v for v in loaded_standards.values() if title in json.dumps(v.document))
    changed = copy.deepcopy(version.document)
    level = next(level for level in changed["levels"] if level["title"] == title)
    level["title"] = f"{title} (renamed)"
    standard_store(version, changed, at=timezone.now())
    after = _visit(Client())
    assert f"{title} (renamed)" in after[0] and f"{title} (renamed)" not in before
    _fresh(monkeypatch)
    assert _visit(Client()) == after
