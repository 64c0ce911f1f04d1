"""Casework's forms: a document to put on file or to remove, the audit trail's filters, an
eligible list."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from casework.models import ListOrder
from portal.forms import WindowDateField
from screening.audit_words import KINDS
from screening.models import ApplicantProfile
from screening.selectors import level_choices


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        label=_("Title or reference"),
        max_length=200,
        help_text=_("What the document is, e.g. Records letter 2231"),
    )
    file = forms.FileField(
        label=_("Document"),
        help_text=_("A PDF, JPEG or PNG file of at most %(mb)s MB")
        % {"mb": f"{settings.DOCUMENTS_MAX_BYTES / 1024 / 1024:g}"},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if "\x00" in title:
            raise forms.ValidationError(_("The title cannot hold a NUL character."))
        return title


class DocumentRemoveForm(forms.Form):
    """Why a document is taken off file: officers must say, an applicant may."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("At most 500 characters, e.g. Put on the wrong applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the document is removed.")},
    )

    def __init__(self, *args, reason_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class AuditFilterForm(forms.Form):
    applicant = forms.CharField(
        label=_("Applicant"),
        required=False,
        max_length=64,
        help_text=_("The applicant's external id or portal id"),
    )
    officer = forms.CharField(label=_("Done by (user name)"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any action")), *KINDS.items()]
    )
    date_from = WindowDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = WindowDateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_applicant(self):
        text = self.cleaned_data["applicant"].strip()
        if not text:
            return None
        try:
            found = ApplicantProfile.objects.filter(public_id=uuid.UUID(text)).first()
        except ValueError:
            found = ApplicantProfile.objects.filter(external_id=text).first()
        if found is None:
            raise forms.ValidationError(_("No applicant has this id."))
        return found

    def clean_officer(self):
        name = self.cleaned_data["officer"].strip()
        if not name:
            return None
        found = get_user_model().objects.filter(username=name).first()
        if found is None:
            raise forms.ValidationError(_("No user has this name."))
        return found

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“To” must not be before “From”."))
        return data

    def filters(self) -> dict:
        """The valid filters (an invalid form filters nothing: the page shows its errors)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


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
