"""A signed-in page's frame (base.html around its content) kept written out, the visitor's
own parts written into it each request.

The frame is the same for everyone of one language, page, header links and whether they hold
a role: it is rendered once with stand-ins for the CSRF token, this address (the language
switch and the alternate links), the user's name and roles, and the content, then kept. Each
request replaces the stand-ins, escaped as the template escapes them, in one pass over the
frame alone (so nothing in the content or in the values written is taken for a stand-in).
Nothing personal is kept: the header links depend only on the permissions held. A page with
messages to show is rendered whole (the caller's fallback).
"""

import functools
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.translation import get_language

from portal.context_processors import ROLE_NAMES_KEY, main_nav, role_names
from portal.language import CSRF_STAND_IN, NEXT_STAND_IN, alternate_address, alternate_stand_in
from portal.process_kept import ProcessKept

CONTENT_STAND_IN = "content-stand-in-5f0c2a"
USER_STAND_IN = "user-stand-in-5f0c2a"
ROLES_STAND_IN = "roles-stand-in-5f0c2a"

# Far more than the pages framed x languages x sets of header links; a bound.
_FRAMES = ProcessKept(limit=500)


def page_framed(request, frame: str, frame_context: dict, content: str, context: dict):
    """The page of the template `frame` (a page's template whose content block is
    `{{ frame_content }}`; `frame_context`: the few values it reads, nothing personal) with
    the template `content` rendered into it; None if the page has messages to show."""
    if len(get_messages(request)):
        return None
    roles = role_names(request)
    head, tail = _frame_kept(request, frame, frame_context, main_nav(request), bool(roles))
    token = get_token(request)
    values = _values(request, token, roles)
    inside = render_to_string(content, {**context, "csrf_token": token})
    return _written(head, values) + inside + _written(tail, values)


def _frame_kept(request, frame, frame_context, nav, with_roles) -> tuple[str, str]:
    template = get_template(frame).template  # a template reloaded is another key
    parts = tuple(sorted(frame_context.items()))
    key = (template, get_language(), get_script_prefix(), nav, with_roles, parts)

    def render():
        stand_ins = {
            "frame_content": CONTENT_STAND_IN,
            "keep_for_all": True,  # the language switch and links with stand-ins
            "csrf_token": CSRF_STAND_IN,
            "user": _StandInUser(),
            ROLE_NAMES_KEY: [ROLES_STAND_IN] if with_roles else [],
            "main_nav": nav,
            "messages": (),
        }
        page = render_to_string(frame, {**frame_context, **stand_ins}, request)
        head, found, tail = page.partition(CONTENT_STAND_IN)
        assert found, f"{frame} writes no {{{{ frame_content }}}}"
        return head, tail

    return _FRAMES.get_or_make(key, render)


class _StandInUser:
    """What base.html reads of a signed-in user, the name a stand-in."""

    is_authenticated = True
    is_anonymous = False

    def get_username(self) -> str:
        return USER_STAND_IN


def _values(request, token: str, roles: list[str]) -> dict[str, str]:
    """Each stand-in's value for this request, escaped as the template writes it."""
    values = {
        CSRF_STAND_IN: escape(token),
        NEXT_STAND_IN: escape(request.get_full_path()),
        USER_STAND_IN: escape(request.user.get_username()),
        ROLES_STAND_IN: ", ".join(escape(role) for role in roles),  # `join:", "`
    }
    for code, _name in settings.LANGUAGES:
        values[alternate_stand_in(code)] = escape(alternate_address(request, code))
    return values


def _written(text: str, values: dict[str, str]) -> str:
    return _stand_ins(tuple(values)).sub(lambda found: values[found.group()], text)


@functools.cache
def _stand_ins(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, names)))
