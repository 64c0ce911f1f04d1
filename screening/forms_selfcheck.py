"""The applicant's self-check forms: a row per entry, every message in words a person reads.

Django's default messages ("Ensure this value is greater than or equal to 0") never reach an
applicant: each field's messages name the field as the page shows it (`PeopleMessages`).
"""

import functools

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.forms import WindowDateField
from screening.engine import vocab
from screening.engine.validation import LIST_LIMITS
from screening.forms import WIDGETS_RENDERER, DateInput
from screening.words import CHOICE_WORDS

MONTH_RE = r"^[0-9]{4}-(0[1-9]|1[0-2])$"


class MonthField(forms.RegexField):
    """<input type="month">: a browser's month picker, typed as YYYY-MM elsewhere."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})

    def __init__(self, **kwargs):
        super().__init__(MONTH_RE, **kwargs)

    def widget_attrs(self, widget):
        # The pattern bounds the length: one message ("as a month YYYY-MM"), not two.
        return {**super().widget_attrs(widget), "maxlength": "7"}


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class PeopleMessages:
    """Each field's messages in words that name it ("enter “Hours a week” as a number"),
    unless the form says better in `messages` ({field: {code: message}})."""

    messages: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(_generic_messages(field))
            field.error_messages.update(self.messages.get(name, {}))


def _generic_messages(field) -> dict:
    words = {"field": field.label or ""}
    found = {
        "required": gettext("answer “%(field)s”") % words,
        "invalid": gettext("check “%(field)s”: it is not in the form asked for") % words,
        "invalid_choice": gettext("choose “%(field)s” from the list") % words,
    }
    if isinstance(field, forms.IntegerField | forms.FloatField):
        found["invalid"] = gettext("enter “%(field)s” as a number") % words
    if isinstance(field, forms.DateField):
        found["invalid"] = gettext("enter “%(field)s” as a date, e.g. 2026-10-01") % words
    if isinstance(field, MonthField):
        found["invalid"] = gettext("enter “%(field)s” as a month YYYY-MM, e.g. 2021-03") % words
    if getattr(field, "max_length", None):
        found["max_length"] = gettext("“%(field)s” is too long: use at most %(n)s characters") % {
            **words,
            "n": field.max_length,
        }
    if getattr(field, "min_value", None) is not None:
        found["min_value"] = gettext("enter “%(field)s” of %(n)s or more") % {
            **words,
            "n": _number(field.min_value),
        }
    if getattr(field, "max_value", None) is not None:
        found["max_value"] = gettext("enter “%(field)s” of %(n)s or less") % {
            **words,
            "n": _number(field.max_value),
        }
    return found


def _blank(choices, label):
    return [("", label), *choices]


CREDENTIAL_LABELS = {
    "high_school_diploma": _("High school diploma"),
    "high_school_equivalency": _("High school equivalency (GED, TASC, HiSET)"),
    "college_credit": _("College credit (no degree)"),
    "associate": _("Associate degree"),
    "bachelor": _("Bachelor's degree"),
    "master": _("Master's degree"),
    "doctorate": _("Doctorate"),
}
DUTY_LABELS = {
    "public_contact": _("Working with members of the public"),
    "customer_service": _("Customer service: dealing with many people, mostly by talking"),
    "telephone_answering": _("Answering and relaying incoming calls"),
    "appointment_scheduling": _("Scheduling, cancelling and rescheduling appointments"),
    "reception": _("Front-desk reception and check-in"),
    "lead_work": _("Lead work: schedules or databases, training staff, monitoring work flow"),
    "supervision": _("Directly supervising staff"),
    "management": _("Managing a unit, program area or operation"),
}
# The duties that may start part-way through a job ("of which one year supervising").
CHANGING_DUTIES = ("supervision", "management", "lead_work")
SETTING_LABELS = {
    "call_center": _("A call center (handles a large number of calls)"),
    "medical": _("A clinic, medical practice or hospital"),
}
OCCUPATION_LABELS = {
    "call_center_agent": _("Call center agent"),
    "customer_service_representative": _("Customer service representative"),
    "sales_representative": _("Sales representative (information and service)"),
    "telemarketer": _("Telemarketer"),
    "teacher": _("Teacher"),
    "cashier": _("Cashier"),
    "fast_food_worker": _("Fast food worker"),
    "gas_station_attendant": _("Gas station attendant"),
    "security_guard": _("Security guard"),
    "other": _("Something else"),
}
EMPLOYER_TYPE_LABELS = {
    "government": _("A government agency"),
    "government_contractor": _("A contractor working for the government"),
    "private": _("A private employer"),
    "nonprofit": _("A nonprofit"),
}


def _labelled(words, labels):
    return [(word, labels.get(word, word.replace("_", " ").capitalize())) for word in words]


class SelfCheckForm(PeopleMessages, forms.Form):
    default_renderer = WIDGETS_RENDERER
    # How the error summary names these fields.
    short_names = {"keyboarding_wpm": _("Typing speed"), "as_of": _("Date to check as of")}
    messages = {
        "keyboarding_wpm": {
            "invalid": _("enter a number of words per minute"),
            "min_value": _("enter a number of words per minute of 0 or more"),
            "max_value": _("enter a number of words per minute of 250 or less"),
        },
    }

    as_of = WindowDateField(
        required=False,
        widget=DateInput,
        label=_("Check as of"),
        help_text=_("For example an exam's filing deadline. Leave empty for today."),
    )
    keyboarding_wpm = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=250,
        label=_("Keyboarding speed (words a minute)"),
        help_text=_("Only if it has been measured, e.g. by a typing test."),
    )


class EntryRowForm(PeopleMessages, forms.Form):
    """A row of entries; `entry` is the saved entry it shows (a saved profile's edit page)."""

    default_renderer = WIDGETS_RENDERER

    entry = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class EducationForm(EntryRowForm):
    messages = {"credential": {"required": _("choose the kind of education")}}

    credential = forms.ChoiceField(
        label=_("Credential"),
        choices=_blank(_labelled(vocab.CREDENTIALS, CREDENTIAL_LABELS), _("Choose one")),
    )
    semester_hours = forms.FloatField(
        required=False,
        min_value=0,
        max_value=400,
        label=_("Semester credit hours"),
        help_text=_("College credit only"),
    )
    quarter_hours = forms.FloatField(
        required=False,
        min_value=0,
        max_value=600,
        label=_("Quarter credit hours"),
        help_text=_("College credit only"),
    )
    field = forms.CharField(required=False, max_length=200, label=_("Field of study"))
    cip = forms.CharField(
        required=False,
        max_length=7,
        label=_("CIP code of the field"),
        help_text=_("If you know it, e.g. 52.0201 for business administration"),
    )
    institution = forms.CharField(required=False, max_length=200, label=_("School or college"))
    country = forms.CharField(
        required=False,
        max_length=2,
        initial="US",
        label=_("Country (two-letter code)"),
        help_text=_("US for the United States; a degree from abroad needs an evaluation"),
    )
    completed = MonthField(required=False, label=_("Completed (month)"))


class ExperienceForm(EntryRowForm):
    messages = {
        "title": {"required": _("enter the job title")},
        "employer_type": {"required": _("choose the type of employer")},
        "start": {"required": _("enter the month you started")},
    }

    title = forms.CharField(max_length=200, label=_("Job title"))
    employer = forms.CharField(required=False, max_length=200, label=_("Employer"))
    employer_type = forms.ChoiceField(
        label=_("Type of employer"),
        choices=_blank(_labelled(vocab.EMPLOYER_TYPES, EMPLOYER_TYPE_LABELS), _("Choose one")),
    )
    government_level = forms.ChoiceField(
        required=False,
        label=_("Level of government"),
        choices=_blank(_labelled(vocab.GOVERNMENT_LEVELS, CHOICE_WORDS), _("Not government")),
    )
    occupation = forms.ChoiceField(
        required=False,
        label=_("Closest occupation"),
        choices=_blank(_labelled(vocab.OCCUPATIONS, OCCUPATION_LABELS), _("Not listed")),
    )
    start = MonthField(label=_("Started (month)"))
    end = MonthField(
        required=False,
        label=_("Ended (month)"),
        help_text=_("Leave empty if you still work there"),
    )
    hours_per_week = forms.FloatField(
        required=False,
        min_value=0.1,
        max_value=100,
        label=_("Hours a week"),
        help_text=_("Leave empty for full time (40)"),
    )
    unpaid = forms.BooleanField(required=False, label=_("This work was unpaid (volunteer)"))
    settings = forms.MultipleChoiceField(
        required=False,
        label=_("Where the work was done"),
        choices=_labelled(vocab.SETTINGS, SETTING_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    duties = forms.MultipleChoiceField(
        required=False,
        label=_("What the job involved (tick all that apply)"),
        choices=_labelled(vocab.DUTIES, DUTY_LABELS),
        widget=forms.CheckboxSelectMultiple,
    )
    duties_from = MonthField(
        required=False,
        label=_("Lead work, supervising or managing only from (month)"),
        help_text=_(
            "If you did the lead work, supervising or managing you ticked for only part of "
            "this job: the month that part began. Leave empty if you did it all along."
        ),
    )
    disciplines_scheduled = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=200,
        label=_("Medical disciplines you scheduled for"),
        help_text=_("How many different specialties you booked appointments for, if any"),
    )

    def clean(self):
        data = super().clean()
        since, start, end = data.get("duties_from"), data.get("start"), data.get("end")
        if not since:
            return data
        if not set(data.get("duties") or ()) & set(CHANGING_DUTIES):
            self.add_error(
                "duties_from",
                gettext(
                    "you gave a month for supervising or managing, but did not tick lead "
                    "work, supervising or managing: tick them or leave the month empty"
                ),
            )
        elif start and since < start:
            self.add_error(
                "duties_from",
                gettext("the month supervising or managing began is before the start month"),
            )
        elif end and since > end:
            self.add_error(
                "duties_from",
                gettext("the month supervising or managing began is after the end month"),
            )
        return data


class CivilServiceForm(EntryRowForm):
    messages = {
        "class_code": {
            "required": _("enter the class code"),
            "invalid": _("enter the class code: 4 to 7 digits"),
        },
        "status": {"required": _("choose the status")},
        "start": {"required": _("enter the month you started")},
    }

    title = forms.CharField(required=False, max_length=200, label=_("Title"))
    class_code = forms.RegexField(
        r"^[0-9]{4,7}$",
        max_length=7,
        label=_("Class code"),
        help_text=_("4 to 7 digits, e.g. 2546100"),
    )
    parenthetic = forms.CharField(
        required=False,
        max_length=40,
        label=_("Parenthetic"),
        help_text=_("e.g. HESC; leave empty for the plain title"),
    )
    status = forms.ChoiceField(
        choices=_blank(_labelled(vocab.SERVICE_STATUSES, CHOICE_WORDS), _("Choose one")),
        label=_("Status"),
    )
    jurisdiction = forms.ChoiceField(
        choices=_labelled(vocab.JURISDICTIONS, CHOICE_WORDS),
        initial="competitive",
        label=_("Jurisdictional class"),
    )
    start = MonthField(label=_("Started (month)"))
    end = MonthField(
        required=False, label=_("Ended (month)"), help_text=_("Leave empty if current")
    )


ENTRY_FORMS = {
    "education": EducationForm,
    "experience": ExperienceForm,
    "civil_service": CivilServiceForm,
}


class EntryFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "too_many_forms": gettext("add at most %(num)d entries of this kind"),
            "missing_management_form": gettext(
                "the page was sent incomplete: reload it and enter your answers again"
            ),
        }


@functools.cache  # a formset class holds no state: made once per kind and extra
def entry_formset(key: str, *, extra: int = 0):
    """Rows of one kind of entry, at most as many as a profile may have: a posted
    TOTAL_FORMS beyond that builds no more forms and is refused with a message."""
    limit = LIST_LIMITS[key]
    return forms.formset_factory(
        ENTRY_FORMS[key],
        formset=EntryFormSet,
        extra=extra,
        can_delete=True,
        max_num=limit,
        absolute_max=limit,
        validate_max=True,
        renderer=WIDGETS_RENDERER,
    )
