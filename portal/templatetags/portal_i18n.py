"""The page's language: `{% language_switch %}` (the form on every page that changes it) and
`{% english_text %}` (` lang="en"` on text left in English on a page in another language)."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.language import (
    CSRF_STAND_IN,
    NEXT_STAND_IN,
    alternate_address,
    alternate_stand_in,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def language_switch(context):
    """Buttons naming each other language in itself; `keep_for_all` renders stand-ins for
    the visitor's own CSRF token and address (replaced by `portal.language.personalise`)."""
    request = context.get("request")
    current = get_language()
    for_all = context.get("keep_for_all")
    here = request.get_full_path() if request is not None else "/"
    options = [{"code": code, "name": name} for code, name in settings.LANGUAGES]
    return render_to_string(
        "partials/language_switch.html",
        {
            "options": options,
            "current": current,
            "csrf_token": CSRF_STAND_IN if for_all else context.get("csrf_token"),
            "next": NEXT_STAND_IN if for_all else here,
        },
    )


@register.simple_tag
def english_text():
    """` lang="en"` when the page is not in English: the standards' official text, titles and
    names stay in English (the legal text), and screen readers must read them so."""
    return "" if get_language() == "en" else mark_safe(' lang="en"')


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """`<link rel="alternate" hreflang>` to this page in each language, for browsers and
    search engines."""
    request = context.get("request")
    if request is None:
        return ""
    for_all = context.get("keep_for_all")
    links = [
        format_html(
            '<link rel="alternate" hreflang="{}" href="{}">',
            code,
            alternate_stand_in(code) if for_all else alternate_address(request, code),
        )
        for code, _name in settings.LANGUAGES
    ]
    return mark_safe("\n  ".join(links))  # each part escaped by format_html
