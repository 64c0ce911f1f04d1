"""The page's language: `{% language_switch %}` (the form on every page that changes it) and
`{% english_text %}` (` lang="en"` on text left in English on a page in another language)."""

from django import template
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.language import (
    CSRF_STAND_IN,
    NEXT_STAND_IN,
    alternate_address,
    alternate_stand_in,
)
from portal.process_kept import ProcessKept

register = template.Library()


SWITCH = "partials/language_switch.html"
# The switch of each language with stand-ins for the token and address, by (template,
# languages offered, language): the same for every page and visitor; a changed template
# (reloaded) or setting is another key.
_switches = ProcessKept(limit=8)


@register.simple_tag(takes_context=True)
def language_switch(context):
    """Buttons naming each other language in itself; `keep_for_all` renders stand-ins for
    the visitor's own CSRF token and address (replaced by `portal.language.personalise`).
    Rendered once per language with the stand-ins, which are then replaced here."""
    request = context.get("request")
    token = context.get("csrf_token")
    here = request.get_full_path() if request is not None else "/"
    html = _switch_kept(get_language())
    if context.get("keep_for_all"):
        return html
    if not token or token == "NOTPROVIDED":  # `{% csrf_token %}` writes no field then
        return _switch_render(get_language(), token, here)
    html = html.replace(CSRF_STAND_IN, conditional_escape(token))
    return mark_safe(html.replace(NEXT_STAND_IN, conditional_escape(here)))  # both escaped


def _switch_kept(current: str) -> str:
    key = (get_template(SWITCH).template, tuple(settings.LANGUAGES), current)
    return _switches.get_or_make(key, lambda: _switch_render(current, CSRF_STAND_IN, NEXT_STAND_IN))


def _switch_render(current: str, token, here: str) -> str:
    options = [{"code": code, "name": name} for code, name in settings.LANGUAGES]
    context = {"options": options, "current": current, "csrf_token": token, "next": here}
    return render_to_string(SWITCH, context)


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
