"""Template helpers for showing standards faithfully."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def or_not_stated(value, printed: str = ""):
    """Show a value, or "Not stated" (with the source's placeholder) when the standard gives none."""
    if value not in (None, ""):
        return value
    if printed:
        return format_html(
            '<span class="not-stated">Not stated <span class="printed">(printed as “{}”)</span></span>',
            printed,
        )
    return format_html('<span class="not-stated">Not stated</span>')


@register.filter
def months(value):
    if value in (None, ""):
        return or_not_stated(value)
    return f"{value} month" if value == 1 else f"{value} months"
