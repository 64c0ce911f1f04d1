"""Casework's forms: the queue's filters (GET), a bulk action, one case's controls."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import CaseStatus
from casework.services.cases import BULK_MAX
from portal.forms import WindowDateField
from screening.engine import vocab
from screening.forms import OUTCOME_CHOICES, VERIFICATION_CHOICES, WIDGETS_RENDERER, DateInput
from screening.selectors import level_choices

ASSIGNED_CHOICES = [("", _("Anyone's")), ("mine", _("Mine")), ("unassigned", _("Unassigned"))]
STATUS_FILTER_CHOICES = [("", _("Any status")), ("open", _("Open (not determined)"))]
SORT_CHOICES = [("received", _("Received")), ("due", _("Due date")), ("name", _("Name"))]
ENTRY_KIND_CHOICES = [("education", _("Education")), ("civil_service", _("Civil service"))]


class QueueForm(forms.Form):
    default_renderer = WIDGETS_RENDERER  # the widgets written out in Python: a page has ~70
    assigned = forms.ChoiceField(choices=ASSIGNED_CHOICES, required=False, label=_("Assigned"))
    status = forms.ChoiceField(required=False, label=_("Status"))
    level = forms.ChoiceField(required=False, label=_("Level"))
    outcome = forms.ChoiceField(choices=OUTCOME_CHOICES, required=False, label=_("Outcome"))
    verification = forms.ChoiceField(
        choices=VERIFICATION_CHOICES, required=False, label=_("Verification")
    )
    screened_from = WindowDateField(required=False, widget=DateInput, label=_("Screened from"))
    screened_to = WindowDateField(required=False, widget=DateInput, label=_("Screened to"))
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, widget=forms.HiddenInput)
    dir = forms.ChoiceField(
        choices=[("asc", "asc"), ("desc", "desc")], required=False, widget=forms.HiddenInput
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    before = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = level_choices() if levels is None else levels
        self.fields["level"].choices = [("", _("Any level")), *levels]
        self.fields["status"].choices = [*STATUS_FILTER_CHOICES, *CaseStatus.choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("screened_from"), data.get("screened_to")
        if start and end and end < start:
            self.add_error("screened_to", _("Must be on or after the “Screened from” date."))
        for cursor in ("after", "before"):  # a cursor that is no case's id: the first page
            data[cursor] = _uuid_or_none(data.get(cursor))
        return data

    def query_kwargs(self) -> dict:
        """The filters for `QueueQuery` (an invalid form filters nothing)."""
        if not self.is_valid():
            return {}
        data = {key: value for key, value in self.cleaned_data.items() if value}
        data["descending"] = data.pop("dir", "asc") == "desc"
        return data

    @property
    def visible(self):
        return [field for field in self if not field.is_hidden]


def _officer_choices(officers: dict) -> list[tuple[str, str]]:
    return [(pk, user.get_full_name() or user.get_username()) for pk, user in officers.items()]


def _assignee_choices(officers: dict) -> list[tuple[str, str]]:
    return [
        ("", _("Choose an officer")),
        ("none", _("Nobody (unassigned)")),
        *_officer_choices(officers),
    ]


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


class CaseChoiceField(forms.Field):
    """The applicants ticked in the queue: their public ids, at least one, at most BULK_MAX."""

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if not values:
            raise forms.ValidationError(_("Choose at least one applicant."), code="required")
        if len(values) > BULK_MAX:
            raise forms.ValidationError(
                _("Choose at most %(max)s applicants at once (%(count)s were chosen).")
                % {"max": BULK_MAX, "count": len(values)},
                code="too_many",
            )
        try:
            return sorted({uuid.UUID(str(v)) for v in values})
        except ValueError:
            raise forms.ValidationError(_("An applicant chosen is unknown.")) from None

    def widget_attrs(self, widget):
        return {}


BULK_ACTIONS = [
    ("assign", _("Assign to an officer")),
    ("status", _("Set the status")),
    ("verify", _("Verify the same entry for each")),
]


class BulkForm(forms.Form):
    """One action on the applicants ticked; `confirmed` once the officer saw what changes."""

    default_renderer = WIDGETS_RENDERER

    case = CaseChoiceField(widget=forms.MultipleHiddenInput, label=_("Applicants"))
    action = forms.ChoiceField(choices=BULK_ACTIONS, label=_("Action"))
    assignee = forms.ChoiceField(required=False, label=_("Officer"))
    status = forms.ChoiceField(
        choices=[("", _("Choose a status")), *CaseStatus.choices],
        required=False,
        label=_("New status"),
    )
    kind = forms.ChoiceField(choices=ENTRY_KIND_CHOICES, required=False, label=_("Entry kind"))
    credential = forms.ChoiceField(required=False, label=_("Credential (education)"))
    class_code = forms.CharField(
        max_length=7, required=False, label=_("Class code (civil service)")
    )
    document_reference = forms.CharField(
        max_length=200,
        required=False,
        label=_("Document reference"),
        help_text=_("The one document that confirms every entry, e.g. a records office letter"),
    )
    note = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {str(user.pk): user for user in officers}
        self.fields["assignee"].choices = _assignee_choices(self.officers)
        self.fields["credential"].choices = [
            ("", _("Choose a credential")),
            *[(c, vocab.words(c).capitalize()) for c in vocab.CREDENTIALS],
        ]

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "assign" and not data.get("assignee"):
            self.add_error("assignee", _("Choose the officer (or nobody)."))
        if action == "status" and not data.get("status"):
            self.add_error("status", _("Choose the new status."))
        if action == "verify":
            self._clean_verify(data)
        return data

    def _clean_verify(self, data):
        if data.get("kind") == "education" and not data.get("credential"):
            self.add_error("credential", _("Choose the credential the document confirms."))
        if data.get("kind") == "civil_service" and not data.get("class_code"):
            self.add_error("class_code", _("Give the class code the document confirms."))
        if not data.get("document_reference"):
            self.add_error("document_reference", _("Name the document you checked."))

    def assignee_user(self):
        value = self.cleaned_data["assignee"]
        return None if value == "none" else self.officers[value]


class BulkAssigneeForm(forms.Form):
    """The bulk form's officer field alone: the queue page writes it afresh each time (the
    officers' names are never kept) and the rest of the bulk form from kept markup."""

    default_renderer = WIDGETS_RENDERER
    assignee = BulkForm.base_fields["assignee"]

    def __init__(self, *, officers=()):
        super().__init__()
        self.fields["assignee"].choices = _assignee_choices(
            {str(user.pk): user for user in officers}
        )


class CaseForm(forms.Form):
    """One case's status, officer and due date, from the case page."""

    default_renderer = WIDGETS_RENDERER

    status = forms.ChoiceField(choices=CaseStatus.choices, label=_("Status"))
    assignee = forms.ChoiceField(required=False, label=_("Officer"))
    due_date = WindowDateField(widget=DateInput, label=_("Due date"))

    def __init__(self, *args, officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.officers = {str(user.pk): user for user in officers}
        self.fields["assignee"].choices = [
            ("", _("Nobody (unassigned)")),
            *[
                (pk, user.get_full_name() or user.get_username())
                for pk, user in self.officers.items()
            ],
        ]

    def assignee_user(self):
        value = self.cleaned_data["assignee"]
        return self.officers[value] if value else None
