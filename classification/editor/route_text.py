"""The printed text of a route, edited beside its rule."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RouteTextForm(forms.Form):
    text = forms.CharField(
        label=_("Printed text of the minimum qualifications"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("As printed in the standard; it should say what the rule asks for."),
        error_messages={"required": _("Enter the printed text of the qualifications.")},
    )
