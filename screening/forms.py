"""Forms: the officers' entry decisions (and the outcome choices the queue filters by); the
applicant's self-check."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from screening.models import ENTRY_MODELS, Verification
from screening.selectors import OUTCOME_FILTERS

OUTCOME_CHOICES = [
    ("", "Any outcome"),
    ("verified_qualified", "Verified qualified"),
    ("qualified_unverified", "Qualified on the applicant's word"),
    ("qualified", "Qualified (verified or not)"),
    ("review", "May qualify (review)"),
    ("not_qualified", "Not yet"),
]
VERIFICATION_CHOICES = [
    ("", "Any"),
    ("pending", "Has unverified entries"),
    ("verified", "All entries checked, some verified"),
    ("rejected", "Has rejected entries"),
]
assert {value for value, _ in OUTCOME_CHOICES if value} == set(OUTCOME_FILTERS)


class DateInput(forms.DateInput):
    input_type = "date"


class EntryDecisionForm(forms.Form):
    """Verify or reject one entry; `lock_version` is the counter the page was rendered with."""

    kind = forms.ChoiceField(choices=[(key, key) for key in ENTRY_MODELS], widget=forms.HiddenInput)
    entry = forms.IntegerField(widget=forms.HiddenInput)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision = forms.ChoiceField(
        choices=[(Verification.VERIFIED, "Verify"), (Verification.REJECTED, "Reject")]
    )
    document_reference = forms.CharField(
        max_length=200,
        required=False,
        label="Document reference",
        help_text="The document checked, e.g. a file number",
    )
    note = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Changing an earlier decision: the officer confirmed on the confirmation page, and why.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        max_length=2000,
        required=False,
        label=_("Reason for changing the earlier decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Verification.VERIFIED and not data.get("document_reference"):
            self.add_error("document_reference", "Name the document you checked.")
        if data.get("decision") == Verification.REJECTED and not data.get("note"):
            self.add_error("note", "Say why the entry is rejected.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text="UTF-8 text: CSV with one row per entry, or one screening-profile/1 per line"
    )
    format = forms.ChoiceField(
        choices=[
            ("csv", "CSV (one row per entry)"),
            ("jsonl", "JSON Lines of screening-profile/1"),
        ],
        widget=forms.RadioSelect,
        initial="csv",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 20 MB.")
        return upload


# --- Rendering: the plain widgets written out in Python ---------------------------------------


def _escaped(value) -> str:
    """As a template's `{{ value }}` shows it (what is already safe is not escaped again)."""
    return conditional_escape(value)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {_escaped(name)}")
        elif value is not False:
            parts.append(f' {_escaped(name)}="{_escaped(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (text, number, date, hidden, checkbox, file…)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_escaped(value)}"'
    return (
        f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _option(option: dict) -> str:
    """django/forms/widgets/select_option.html (its line end included, as an include keeps)."""
    return (
        f'<option value="{_escaped(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_escaped(option['label'])}</option>\n"
    )


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html."""
    parts = [f'<select name="{_escaped(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
        parts.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input_option(widget: dict) -> str:
    """django/forms/widgets/input_option.html (a checkbox of CheckboxSelectMultiple)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    target = widget["attrs"].get("id")
    label_for = f' for="{_escaped(target)}"' if target else ""
    return f"<label{label_for}>{_input(widget)} {_escaped(widget['label'])}</label>"


_WIDGET_WRITERS = {
    **{
        f"django/forms/widgets/{name}.html": _input
        for name in ("input", "text", "number", "date", "hidden", "checkbox", "file", "email")
    },
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/checkbox_option.html": _input_option,
    "django/forms/widgets/input_option.html": _input_option,
}


class WrittenWidgetsRenderer(DjangoTemplates):
    """Django's form renderer, but the plain widgets are written out in Python: the same
    markup as Django's widget templates, without a template lookup and render per widget
    (a self-check page has about eighty). Anything else falls back to the templates."""

    def render(self, template_name, context, request=None):
        write = _WIDGET_WRITERS.get(template_name)
        if write is None or "widget" not in context:
            return super().render(template_name, context, request)
        return write(context["widget"])


WIDGETS_RENDERER = WrittenWidgetsRenderer()


class UploadProfileForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    profile = forms.FileField(
        label=_("A screening-profile/1 JSON file"),
        help_text=_("For example one you downloaded from this portal earlier"),
    )


class ApplicantSignupForm(UserCreationForm):
    name = forms.CharField(
        required=False,
        max_length=200,
        label="Your name",
        help_text="Shown to placement officers with your profile",
    )
    email = forms.EmailField(required=False, label="E-mail address")

    class Meta(UserCreationForm.Meta):
        fields = ("username",)
