"""A signed-in page's frame kept written out (portal/frame.py): the page is the one rendered
whole, for any visitor, language and address, and nothing personal is kept."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.messages.storage.cookie import CookieStorage

from casework import views_cases
from portal import frame
from tests.factories import UserFactory, officer_user, saved_profiles

QUEUE = "/officer/applicants/"
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def _pages(client, address: str, monkeypatch) -> tuple[str, str]:
    """The page through its kept frame, then rendered whole."""
    framed = client.get(address)
    with monkeypatch.context() as patched:
        patched.setattr(views_cases, "page_framed", lambda *args, **kwargs: None)
        whole = client.get(address)
    assert framed.status_code == whole.status_code == 200
    return TOKEN.sub(r"\1\"", framed.text), TOKEN.sub(r"\1\"", whole.text)


def _one_token(page: str) -> None:
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
    assert len(tokens) == 1  # the language switch's, the sign-out form's and the bulk form's


@pytest.mark.parametrize(
    "address",
    [
        QUEUE,
        "/es" + QUEUE,
        QUEUE + "?select=all&sort=name&dir=desc",
        QUEUE + "?screened_from=2026-02-01&screened_to=2020-01-01",  # the title says "Error:"
        QUEUE + "?q=user-stand-in-5f0c2a&x=content-stand-in-5f0c2a&y=<b>&z=csrf-stand-in-5f0c2a",
    ],
)
def test_the_framed_page_is_the_page_rendered_whole(client, loaded_standards, monkeypatch, address):
    saved_profiles(3)
    client.force_login(officer_user(username='o<fficer>&"1"', first_name="Ana"))
    framed, whole = _pages(client, address, monkeypatch)
    assert framed == whole
    assert "o&lt;fficer&gt;&amp;&quot;1&quot;" in framed
    if "stand-in" not in address:  # (else the address itself is on the page)
        assert "stand-in-5f0c2a" not in framed
    _one_token(client.get(address).text)


def test_without_roles_and_as_staff_the_frame_is_the_pages(client, loaded_standards, monkeypatch):
    user = UserFactory(is_staff=True)  # no role: the permissions given to the user alone
    for codename in ("view_applicantprofile", "view_case"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    framed, whole = _pages(client, QUEUE, monkeypatch)
    assert framed == whole and "Administration" in framed


def test_a_page_with_messages_is_rendered_whole_and_shows_them(client, loaded_standards):
    officer = officer_user()
    client.force_login(officer)
    (profile,) = saved_profiles(1)
    form = {"case": [str(profile.public_id)], "action": "assign", "confirmed": "on"}
    form |= {"assignee": str(officer.pk), "next": QUEUE}
    response = client.post("/officer/applicants/bulk/", form, follow=True)
    assert response.redirect_chain[-1][0] == QUEUE
    assert '<p class="message message-success">1 cases assigned.</p>' in response.text
    assert "1 cases assigned." not in client.get(QUEUE).text  # shown once, then framed


def test_a_message_to_show_is_no_frame(rf, db):
    request = rf.get(QUEUE)
    request.user = officer_user()
    request._messages = CookieStorage(request)
    messages.success(request, "Done.")
    assert frame.page_framed(request, views_cases.QUEUE_FRAME, {}, "", {}) is None


def test_nothing_personal_is_kept_in_the_frames(client, loaded_standards):
    officer = officer_user(username="quentin.officerly", first_name="Quentin")
    client.force_login(officer)
    frame._FRAMES.clear()
    for address in (QUEUE, "/es" + QUEUE, QUEUE + "?after=8d5e2a4c-0000-0000-0000-000000000000"):
        assert officer.username in client.get(address).text
    kept = repr(list(frame._FRAMES.values()))
    assert "Quentin" not in kept and officer.username not in kept and "8d5e2a4c" not in kept
    assert "csrf-stand-in" in kept and len(frame._FRAMES) == 2
