"""The form field partial's widget, tied to its hint and its error for assistive technology."""

from django import template

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
