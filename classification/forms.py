"""Forms of the analyst's desk: "as of" date, search, version choice, editing a standard."""

from __future__ import annotations

import yaml
from django import forms

from classification.problem_words import problems_in_words
from classification.standard_file import StandardFileError, load_yaml, parse_standard
from portal.forms import WindowDateField


class AsOfForm(forms.Form):
    as_of = WindowDateField(
        required=False,
        label="Show the standard in force on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD, e.g. 2020-01-31."},
    )


def as_of_from(query) -> tuple[AsOfForm, object, str]:
    """The "as of" form bound to a query string, the date (None: today) and an error message."""
    form = AsOfForm(query if "as_of" in query else None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["as_of"], ""
    if form.has_error("as_of", "out_of_window"):
        return form, None, f"{form.errors['as_of'][0]} Showing the standards in force today."
    if form.is_bound:
        return (
            form,
            None,
            "That “as of” date is not a valid date; showing the standards in force today.",
        )
    return form, None, ""


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search the standards",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    series = forms.ChoiceField(required=False, label="Series")
    grade = forms.TypedChoiceField(required=False, label="Grade", coerce=int, empty_value=None)
    as_of = WindowDateField(
        required=False,
        label="In force on (empty: today)",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD, e.g. 2020-01-31."},
    )

    def __init__(self, *args, series_choices=(), grade_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = [("", "All series"), *series_choices]
        self.fields["grade"].choices = [
            ("", "Any grade"),
            *[(g, f"Grade {g}") for g in grade_choices],
        ]

    def full_clean(self):
        super().full_clean()
        if self.is_bound and "as_of" in self.errors:
            # A date picker would blank what was typed: a text box keeps it beside its error.
            self.fields["as_of"].widget.input_type = "text"


class VersionPairForm(forms.Form):
    """Which two versions to compare (`from`, `to`), among the stored numbers."""

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Version {n}") for n in numbers]
        self.fields["from"] = forms.TypedChoiceField(choices=choices, coerce=int, label="From")
        self.fields["to"] = forms.TypedChoiceField(choices=choices, coerce=int, label="To")

    def clean(self):
        data = super().clean()
        if data.get("from") is not None and data.get("from") == data.get("to"):
            raise forms.ValidationError("Choose two different versions.")
        return data


class _PlainDumper(yaml.SafeDumper):
    """Safe YAML without anchors: the same value twice is written twice (aliases are refused)."""

    def ignore_aliases(self, data) -> bool:
        return True


def document_to_yaml(document: dict) -> str:
    """A stored document as editable YAML (the series_data format, comments aside)."""
    return yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)


class StandardEditForm(forms.Form):
    document = forms.CharField(
        label="The standard (YAML, class-standard/1)",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        help_text="The whole standard in the series_data format: edit the text or the rules.",
    )
    effective_date = WindowDateField(
        required=False,
        label="Effective date of the new version",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: keep the effective date written in the document.",
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD."},
    )
    change_note = forms.CharField(
        label="Change note",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed and why (shown in the version history).",
    )

    def __init__(self, *args, series_slug: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.series_slug = series_slug

    def clean_document(self) -> dict:
        """The YAML decoded and checked with parse_standard: every problem is an error."""
        text = self.cleaned_data["document"]
        try:
            data = load_yaml(text, source="document")
        except StandardFileError as exc:  # the reader's own problems carry their line
            raise forms.ValidationError(exc.problems) from exc
        try:
            if isinstance(data, dict) and data.get("series") != self.series_slug:
                raise StandardFileError(
                    [f"series: must stay {self.series_slug!r} (the series being edited)"]
                )
            parse_standard(data, source="")
        except StandardFileError as exc:
            raise forms.ValidationError(_in_words(exc.problems, data, text)) from exc
        return data


def _in_words(problems: list[str], document, text: str) -> list[str]:
    """Each problem named from the document, with its line, and its path for YAML editors."""
    return [
        f"{words.text} ({words.path})" if words.path else words.text
        for words in problems_in_words(problems, document, yaml_text=text)
    ]
