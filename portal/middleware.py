"""Refuse a request body past REQUEST_BODY_MAX_BYTES before any of it is read.

Django reads a whole upload (to memory or a temporary file) as soon as the CSRF check looks
at the form, long before a form could say the file is too large; a declared length past the
bound is refused here with a page that says so. The API is left to its own parser, which reads
no more than a profile's limit and answers with its JSON refusal.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

API_PREFIX = "/api/"


def request_body_limit(get_response):
    limit = settings.REQUEST_BODY_MAX_BYTES

    def middleware(request):
        if _declared_length(request) > limit and not request.path.startswith(API_PREFIX):
            # Before LocaleMiddleware: the page is in the language the request asks for.
            with translation.override(translation.get_language_from_request(request, True)):
                page = render_to_string("413.html", {"limit_mb": limit // 1024 // 1024})
            response = HttpResponse(page, status=413)
            response["Connection"] = "close"  # the unread body must not be taken for a request
            return response
        return get_response(request)

    return middleware


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
