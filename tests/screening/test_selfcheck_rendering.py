"""The self-check's widgets are written out in Python (screening.forms.WrittenWidgetsRenderer):
the page must be the very markup Django's widget templates make, blank, filled in from a
profile, and sent back with errors (escaping included)."""

import json
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template.loader import render_to_string
from django.test import RequestFactory

from screening import forms, selfcheck
from screening.forms import UploadProfileForm
from tests.conftest import FIXTURES
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
