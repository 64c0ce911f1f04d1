"""The page's language: English at the unprefixed addresses, Spanish under /es/.

A visitor who has not chosen (no language cookie) but whose browser asks for Spanish
(Accept-Language) is sent from an English address to the same page under /es/; the switch on
every page (Django's `set_language`) sets the cookie, which then wins over the browser.
"""

from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, Resolver404, get_urlconf, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from portal.middleware import API_PREFIX
from portal.process_kept import ProcessKept

# Placeholders in a page kept for every anonymous visitor (classification's `_page`): the
# language switch's CSRF token and return address are each visitor's own.
CSRF_STAND_IN = "csrf-stand-in-5f0c2a"
NEXT_STAND_IN = "next-stand-in-5f0c2a"


def alternate_stand_in(code: str) -> str:
    """The placeholder of this page's address in the language `code`."""
    return f"alternate-{code}-stand-in-5f0c2a"


# This page's path in each language, by (URLconf, path, language shown, language asked); None:
# it names no page. Resolving and reversing it again cost about 0.3 ms a language on every
# page. Only the path is kept, never the query (what a visitor typed); a bounded number.
# Namespaces whose addresses name only what is public (the standards' series and levels).
PUBLIC_NAMESPACES = frozenset({"classification"})
_translated_paths = ProcessKept(limit=1024)


def alternate_address(request, code: str) -> str:
    """This page's address in the language `code` (itself when it has no translation): what
    `translate_url` makes of the full address, its path translated once per process."""
    here = request.get_full_path()
    parts = urlsplit(here)
    key = (get_urlconf() or settings.ROOT_URLCONF, parts.path, translation.get_language(), code)
    if key in _translated_paths:
        path = _translated_paths[key]
    else:
        path, keep = _translated_path(parts.path, code)
        if keep:
            _translated_paths.keep(key, path)
    return here if path is None else urlunsplit(parts._replace(path=path))


def _translated_path(path: str, code: str) -> tuple[str | None, bool]:
    """The path of the same page in the language `code` (None if it names no page that has
    one: the steps of Django's `translate_url`, on the path alone), and whether it may be kept.

    A path is kept only when it names an identifier-free page or a published standard: an
    applicant's or a case's address carries its id, which a shared process must not hold.
    """
    try:
        match = resolve(unquote(path))
    except Resolver404:
        return None, True
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    keep = not (match.args or match.kwargs) or match.namespace in PUBLIC_NAMESPACES
    with translation.override(code):
        try:
            return reverse(name, args=match.args, kwargs=match.kwargs), keep
        except NoReverseMatch:
            return None, keep


def preferred_language_redirect(get_response):
    """Send a visitor to the page in the language they prefer, when it is not English."""

    def middleware(request):
        if request.method in ("GET", "HEAD") and not request.path_info.startswith(API_PREFIX):
            target = _preferred_address(request)
            if target is not None:
                response = HttpResponseRedirect(target)
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                return response
        response = get_response(request)
        if translation.get_language_from_path(request.path_info) is None:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware


def _preferred_address(request) -> str | None:
    if translation.get_language_from_path(request.path_info) is not None:
        return None  # the address names its language
    wanted = translation.get_language_from_request(request)
    if wanted == settings.LANGUAGE_CODE:
        return None
    here = request.get_full_path()
    target = translate_url(here, wanted)
    return target if target != here else None


def personalise(html: str, request) -> str:
    """A page kept for every visitor with this visitor's CSRF token and addresses."""
    html = html.replace(CSRF_STAND_IN, get_token(request))
    html = html.replace(NEXT_STAND_IN, escape(request.get_full_path()))
    for code, _name in settings.LANGUAGES:
        html = html.replace(alternate_stand_in(code), escape(alternate_address(request, code)))
    return html


@require_POST
def language_set(request):
    """Django's `set_language`, resolving the return address in its own language: English
    addresses carry no prefix, so Django would otherwise fail to find /es/… while English is
    active and return to the Spanish page."""
    target = urlsplit(request.POST.get("next") or "").path
    with translation.override(translation.get_language_from_path(target) or settings.LANGUAGE_CODE):
        return set_language(request)
