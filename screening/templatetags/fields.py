"""Form rendering helpers: a widget tied to its hint and error; the names of entry rows."""

from django import template

from screening.selfcheck import ROW_NAMES

register = template.Library()


@register.filter
def described(bound_field):
    """The widget with `aria-describedby` naming the hint and the error that the partial
    renders (`<auto_id>_helptext`, `<auto_id>_error`); Django marks it `aria-invalid`."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return bound_field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


@register.filter
def row_name(key: str) -> str:
    """What a self-check row of this kind is called ("Job"), as its error summary says it."""
    return ROW_NAMES[key]
