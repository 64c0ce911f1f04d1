"""Casework's forms: establishing an eligible list."""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from casework.models import ListOrder
from portal.forms import WindowDateField
from screening.selectors import level_choices


class EstablishListForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=())
    established_on = WindowDateField(
        label=_("Established on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = WindowDateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the usual period after the established date."),
    )
    order = forms.ChoiceField(
        label=_("Rank by"), choices=ListOrder.choices, initial=ListOrder.APPLICATION_DATE
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = level_choices()
        self.fields["level"].choices = [("", _("Choose a level")), *self.levels]
        self.fields["established_on"].initial = today

    def clean(self):
        data = super().clean()
        start = data.get("established_on")
        if start and not data.get("expires_on") and "expires_on" not in self.errors:
            data["expires_on"] = start + datetime.timedelta(days=settings.ELIGIBLE_LIST_DAYS)
        return data

    @property
    def level_title(self) -> str:
        return dict(self.levels).get(self.cleaned_data["level"], self.cleaned_data["level"])
