"""The editor's forms: series facts, levels, one level's content, a new series.

Every input is bounded; blank optional text is stored as null (the format's "not stated").
"""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from classification.editor.document import with_parenthetic
from classification.standard_models import KEY_RE, LEVEL_ID_RE, SERIES_SLUG_RE
from portal.forms import WindowDateField

SHORT, LONG = 200, 5000
ROUTE_NAMES = ("entry", "open_competitive", "promotion", "transfer", "reassignment")


def _text(label, *, required=False, long=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG if long else SHORT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput,
        error_messages={"required": _("Enter the %(what)s.") % {"what": str(label).lower()}},
    )


def _slug_validator(pattern, example):
    return RegexValidator(
        f"^{pattern.pattern}$",
        _("Use lower-case letters, digits and single hyphens, like “%(example)s”.")
        % {"example": example},
    )


def _slug_free(slug: str, slug_taken) -> str:
    """A new series' slug; refused here, not at approval: a draft under a taken slug could
    never be published."""
    if slug_taken(slug):
        raise forms.ValidationError(
            _("“%(slug)s” is already a series: choose another short name, or change that "
              "series from its page.") % {"slug": slug}
        )  # fmt: skip
    return slug


def or_none(value):
    """Blank text is "not stated" (null) in the document."""
    return value.strip() if isinstance(value, str) and value.strip() else None


class NewSeriesForm(forms.Form):
    start = forms.ChoiceField(
        label=_("Start from"),
        widget=forms.RadioSelect,
        initial="blank",
        error_messages={"required": _("Choose a blank series or a series to copy.")},
    )
    series = forms.CharField(
        label=_("Short name in web addresses (slug)"),
        max_length=80,
        help_text=_("Lower-case letters, digits and hyphens, e.g. “clinic-scheduler”."),
        validators=[_slug_validator(SERIES_SLUG_RE, "clinic-scheduler")],
        error_messages={"required": _("Enter the short name (slug) of the new series.")},
    )
    title = _text(_("Title of the series"), required=True)

    def __init__(self, *args, copy_choices=(), slug_taken=lambda slug: False, **kwargs):
        super().__init__(*args, **kwargs)
        blank = ("blank", _("A blank series"))
        copies = [(slug, _("A copy of %(title)s") % {"title": t}) for slug, t in copy_choices]
        self.fields["start"].choices = [blank, *copies]
        self.slug_taken = slug_taken

    def clean_series(self):
        return _slug_free(self.cleaned_data["series"], self.slug_taken)


class SeriesFactsForm(forms.Form):
    title = _text(_("Title"), required=True)
    series = forms.CharField(
        label=_("Short name in web addresses (slug)"),
        max_length=80,
        validators=[_slug_validator(SERIES_SLUG_RE, "call-center")],
        error_messages={"required": _("Enter the short name (slug).")},
    )
    issuer = _text(_("Issued by"))
    document_type = _text(_("Kind of document"))
    occupational_code = _text(_("Occupational code"))
    effective_date = WindowDateField(
        label=_("Effective date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date as YYYY-MM-DD, e.g. 2020-01-31.")},
    )
    effective_date_as_printed = _text(_("Effective date as printed"))
    promotional_line = _text(_("Promotional line"), long=True)

    FIELDS = (
        "title", "series", "issuer", "document_type", "occupational_code",
        "effective_date_as_printed", "promotional_line",
    )  # fmt: skip

    def __init__(self, *args, slug_taken=lambda slug: False, **kwargs):
        super().__init__(*args, **kwargs)
        self.slug_taken = slug_taken

    def clean_series(self):
        return _slug_free(self.cleaned_data["series"], self.slug_taken)

    @classmethod
    def initial_of(cls, document: dict) -> dict:
        return {name: document.get(name) for name in (*cls.FIELDS, "effective_date")}

    def apply_to(self, document: dict) -> None:
        data = self.cleaned_data
        for name in self.FIELDS:
            document[name] = or_none(data[name])
        document["title"], document["series"] = data["title"].strip(), data["series"]
        day = data["effective_date"]
        document["effective_date"] = day.isoformat() if day else None


class ParagraphForm(forms.Form):
    text = _text(_("Text"), required=True, long=True)


class DefinitionForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=80,
        validators=[_slug_validator(KEY_RE, "customer_service")],
        error_messages={"required": _("Enter the definition's key.")},
    )
    marker = _text(_("Footnote marker"))
    term = _text(_("Term"), required=True)
    text = _text(_("Definition"), required=True, long=True)


class ParentheticForm(forms.Form):
    code = _text(_("Code"), required=True)
    title = _text(_("Title"), required=True)
    narrative = _text(_("Narrative"), long=True)


class AttributeForm(forms.Form):
    text = _text(_("Attribute"), required=True, long=True)
    keyboarding_wpm = forms.IntegerField(
        label=_("Keyboarding words per minute"),
        required=False,
        min_value=1,
        max_value=300,
        help_text=_("Only for a keyboarding attribute."),
    )


class LevelRowForm(forms.Form):
    """One level in the level list: its id, title and parenthetic."""

    key = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    id = forms.CharField(
        label=_("Id"),
        max_length=80,
        validators=[_slug_validator(LEVEL_ID_RE, "representative-1")],
        error_messages={"required": _("Enter the level's id.")},
    )
    title = _text(_("Title"), required=True)
    parenthetic = forms.ChoiceField(label=_("Parenthetic"), required=False)

    def __init__(self, *args, parenthetics=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(code, code) for code in parenthetics]
        self.fields["parenthetic"].choices = [("", _("None (a plain level)")), *choices]

    @property
    def legend(self) -> str:
        """The level by its title, a parenthetic level as such ("… (HESC)"), never by number."""
        title = str(self["title"].value() or "").strip() or _("New level")
        parenthetic = self["parenthetic"].value()
        return with_parenthetic(str(title), parenthetic)


class RouteForm(forms.Form):
    key = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    route = forms.ChoiceField(
        label=_("Route"),
        choices=[(name, name.replace("_", " ").capitalize()) for name in ROUTE_NAMES],
    )
    text = _text(_("Printed text"), required=True, long=True)


class LevelForm(forms.Form):
    """One level's own facts (its lists are rows beside it)."""

    label = _text(_("Label as printed (e.g. Level II)"))
    title = _text(_("Title"), required=True)
    code = _text(_("Class code"))
    code_as_printed = _text(_("Class code as printed"))
    grade = forms.IntegerField(label=_("Grade"), required=False, min_value=0, max_value=99)
    probationary_period_months = forms.IntegerField(
        label=_("Probationary period (months)"), required=False, min_value=1, max_value=120
    )
    occupational_area = _text(_("Occupational area"))
    work_area = _text(_("Work area"))
    supervision_received = _text(_("Supervision received"), long=True)
    duties_heading = _text(_("Heading of the duties"))
    qualifications_heading = _text(_("Heading of the minimum qualifications"))
    attributes_heading = _text(_("Heading of the personal attributes"))
    promotes_to = forms.MultipleChoiceField(
        label=_("Promotes to"), required=False, widget=forms.CheckboxSelectMultiple
    )

    TEXTS = (
        "label", "title", "code", "code_as_printed", "occupational_area", "work_area",
        "supervision_received", "duties_heading", "attributes_heading",
    )  # fmt: skip

    def __init__(self, *args, other_levels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotes_to"].choices = list(other_levels)

    @classmethod
    def initial_of(cls, level: dict) -> dict:
        initial = {name: level.get(name) for name in (*cls.TEXTS, "grade", "promotes_to")}
        initial["probationary_period_months"] = level.get("probationary_period_months")
        initial["qualifications_heading"] = (level.get("qualifications") or {}).get("heading")
        return initial

    def apply_to(self, level: dict) -> None:
        data = self.cleaned_data
        for name in self.TEXTS:
            level[name] = or_none(data[name])
        level["title"] = data["title"].strip()
        level["grade"] = data["grade"]
        level["probationary_period_months"] = data["probationary_period_months"]
        level["promotes_to"] = list(data["promotes_to"])
        level.setdefault("qualifications", {})["heading"] = or_none(data["qualifications_heading"])
