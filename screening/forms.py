"""Forms: the officers' entry decisions (and the outcome choices the queue filters by); the
applicant's self-check."""

import functools

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.validators import RegexValidator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from portal.forms import WindowDateField
from screening.engine import vocab
from screening.engine.validation import LIST_LIMITS
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


# --- The applicant's self-check ---------------------------------------------------------------

MONTH = RegexValidator(r"^[0-9]{4}-(0[1-9]|1[0-2])$", "Enter a month as YYYY-MM, e.g. 2021-03.")


class MonthField(forms.CharField):
    """<input type="month">: a browser's month picker, typed as YYYY-MM elsewhere."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})
    default_validators = [MONTH]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)


def _blank(choices, label: str):
    return [("", label), *choices]


CREDENTIAL_LABELS = {
    "high_school_diploma": "High school diploma",
    "high_school_equivalency": "High school equivalency (GED, TASC, HiSET)",
    "college_credit": "College credit (no degree)",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctorate": "Doctorate",
}
DUTY_LABELS = {
    "public_contact": "Working with members of the public",
    "customer_service": "Customer service: dealing with many people, mostly by talking",
    "telephone_answering": "Answering and relaying incoming calls",
    "appointment_scheduling": "Scheduling, cancelling and rescheduling appointments",
    "reception": "Front-desk reception and check-in",
    "lead_work": "Lead work: schedules or databases, training staff, monitoring work flow",
    "supervision": "Directly supervising staff",
    "management": "Managing a unit, program area or operation",
}
SETTING_LABELS = {
    "call_center": "A call center (handles a large number of calls)",
    "medical": "A clinic, medical practice or hospital",
}
OCCUPATION_LABELS = {
    "call_center_agent": "Call center agent",
    "customer_service_representative": "Customer service representative",
    "sales_representative": "Sales representative (information and service)",
    "telemarketer": "Telemarketer",
    "teacher": "Teacher",
    "cashier": "Cashier",
    "fast_food_worker": "Fast food worker",
    "gas_station_attendant": "Gas station attendant",
    "security_guard": "Security guard",
    "other": "Something else",
}


def _labelled(words, labels):
    return [(word, labels.get(word, word.replace("_", " ").capitalize())) for word in words]


class SelfCheckForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    as_of = WindowDateField(
        required=False,
        widget=DateInput,
        label="Check as of",
        help_text="For example an exam's filing deadline. Leave empty for today.",
    )
    keyboarding_wpm = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=250,
        label="Keyboarding speed (words a minute)",
        help_text="Only if it has been measured, e.g. by a typing test.",
    )


class EducationForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    credential = forms.ChoiceField(
        choices=_blank(_labelled(vocab.CREDENTIALS, CREDENTIAL_LABELS), "Choose one")
    )
    semester_hours = forms.FloatField(
        required=False,
        min_value=0,
        max_value=400,
        label="Semester credit hours",
        help_text="College credit only",
    )
    quarter_hours = forms.FloatField(
        required=False,
        min_value=0,
        max_value=600,
        label="Quarter credit hours",
        help_text="College credit only",
    )
    field = forms.CharField(required=False, max_length=200, label="Field of study")
    cip = forms.CharField(
        required=False,
        max_length=7,
        label="CIP code of the field",
        help_text="If you know it, e.g. 52.0201 for business administration",
    )
    institution = forms.CharField(required=False, max_length=200, label="School or college")
    country = forms.CharField(
        required=False,
        max_length=2,
        initial="US",
        label="Country (two-letter code)",
        help_text="US for the United States; a degree from abroad needs an evaluation",
    )
    completed = MonthField(required=False, label="Completed (month)")


class ExperienceForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    title = forms.CharField(max_length=200, label="Job title")
    employer = forms.CharField(required=False, max_length=200)
    employer_type = forms.ChoiceField(
        label="Type of employer",
        choices=_blank(
            _labelled(
                vocab.EMPLOYER_TYPES,
                {
                    "government": "A government agency",
                    "government_contractor": "A contractor working for the government",
                },
            ),
            "Choose one",
        ),
    )
    government_level = forms.ChoiceField(
        required=False,
        label="Level of government",
        choices=_blank(_labelled(vocab.GOVERNMENT_LEVELS, {}), "Not government"),
    )
    occupation = forms.ChoiceField(
        required=False,
        label="Closest occupation",
        choices=_blank(_labelled(vocab.OCCUPATIONS, OCCUPATION_LABELS), "Not listed"),
    )
    start = MonthField(label="Started (month)")
    end = MonthField(
        required=False, label="Ended (month)", help_text="Leave empty if you still work there"
    )
    hours_per_week = forms.FloatField(
        required=False,
        min_value=0.1,
        max_value=100,
        label="Hours a week",
        help_text="Leave empty for full time (40)",
    )
    unpaid = forms.BooleanField(required=False, label="This work was unpaid (volunteer)")
    settings = forms.MultipleChoiceField(
        required=False,
        label="Where the work was done",
        choices=_labelled(vocab.SETTINGS, SETTING_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    duties = forms.MultipleChoiceField(
        required=False,
        label="What the job involved (tick all that apply)",
        choices=_labelled(vocab.DUTIES, DUTY_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    disciplines_scheduled = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=200,
        label="Medical disciplines you scheduled for",
        help_text="How many different specialties you booked appointments for, if any",
    )


class CivilServiceForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    title = forms.CharField(required=False, max_length=200, label="Title")
    class_code = forms.CharField(
        max_length=7,
        label="Class code",
        help_text="4 to 7 digits, e.g. 2546100",
        validators=[RegexValidator(r"^[0-9]{4,7}$", "Enter the class code: 4 to 7 digits.")],
    )
    parenthetic = forms.CharField(
        required=False,
        max_length=40,
        label="Parenthetic",
        help_text="e.g. HESC; leave empty for the plain title",
    )
    status = forms.ChoiceField(
        choices=_blank(_labelled(vocab.SERVICE_STATUSES, {}), "Choose one"), label="Status"
    )
    jurisdiction = forms.ChoiceField(
        choices=_labelled(vocab.JURISDICTIONS, {}),
        initial="competitive",
        label="Jurisdictional class",
    )
    start = MonthField(label="Started (month)")
    end = MonthField(required=False, label="Ended (month)", help_text="Leave empty if current")


ENTRY_FORMS = {
    "education": EducationForm,
    "experience": ExperienceForm,
    "civil_service": CivilServiceForm,
}


@functools.cache  # a formset class holds no state: made once per kind and extra
def entry_formset(key: str, *, extra: int = 0):
    """Rows of one kind of entry, at most as many as a profile may have: a posted
    TOTAL_FORMS beyond that builds no more forms and is refused with a message."""
    limit = LIST_LIMITS[key]
    return forms.formset_factory(
        ENTRY_FORMS[key],
        extra=extra,
        can_delete=True,
        max_num=limit,
        absolute_max=limit,
        validate_max=True,
        renderer=WIDGETS_RENDERER,
    )


class UploadProfileForm(forms.Form):
    default_renderer = WIDGETS_RENDERER

    profile = forms.FileField(
        label="A screening-profile/1 JSON file",
        help_text="For example one you downloaded from this portal earlier",
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
