"""Template helpers for showing standards faithfully."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def or_not_stated(value, printed: str = ""):
    """The value, or "Not stated" (with the printed placeholder) when the standard gives none."""
    if value not in (None, ""):
        return value
    if printed:
        return format_html(
            '<span class="not-stated">Not stated '
            '<span class="printed">(printed as “{}”)</span></span>',
            printed,
        )
    return mark_safe('<span class="not-stated">Not stated</span>')


@register.filter
def months(value):
    if value in (None, ""):
        return or_not_stated(value)
    return f"{value} month" if value == 1 else f"{value} months"
