"""Form fields shared by the apps' forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from screening.engine.dates import DATE_MAX, DATE_MIN, date_in_window


class WindowDateField(forms.DateField):
    """A date inside the portal's window (screening/engine/dates.py), refused outside it
    with a message naming the field: year 1 or 9999 is a typing slip, not a date to act on."""

    default_error_messages = {
        "out_of_window": _("“%(field)s” must be between %(first)s and %(last)s."),
    }

    def validate(self, value):
        super().validate(value)
        if value and not date_in_window(value):
            raise ValidationError(
                self.error_messages["out_of_window"],
                code="out_of_window",
                params={
                    "field": self.label or _("The date"),
                    "first": DATE_MIN.isoformat(),
                    "last": DATE_MAX.isoformat(),
                },
            )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", "") == "date":  # the browser's picker keeps inside too
            attrs |= {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        return attrs
