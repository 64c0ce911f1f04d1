"""Template helpers for showing standards faithfully."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy, ngettext

register = template.Library()


@register.filter
def or_not_stated(value, printed: str = ""):
    """The value, or "Not stated" (with the printed placeholder) when the standard gives none."""
    if value not in (None, ""):
        return value
    if printed:
        return format_html(
            '<span class="not-stated">{} <span class="printed">({})</span></span>',
            gettext("Not stated"),
            format_html(gettext("printed as “{}”"), printed),
        )
    return format_html('<span class="not-stated">{}</span>', gettext("Not stated"))


@register.filter
def months(value):
    if value in (None, ""):
        return or_not_stated(value)
    return ngettext("%(n)s month", "%(n)s months", value) % {"n": value}


ROUTE_WORDS = {
    "entry": gettext_lazy("Entry"),
    "open_competitive": gettext_lazy("Open competitive"),
    "promotion": gettext_lazy("Promotion"),
}


@register.filter
def route_words(route) -> str:
    """A qualification route's name in the page's language ("Open competitive")."""
    return str(ROUTE_WORDS.get(route.route, route.route_label))
