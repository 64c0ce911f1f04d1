"""Forms of the draft workflow: submitting for review, sending back, importing a YAML file."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from classification.standard_file import LIMITS
from portal.forms import WindowDateField

NOTE_MAX = 2000
COMMENT_MAX = 4000


class DraftSubmitForm(forms.Form):
    change_note = forms.CharField(
        label=_("Change note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed and why (shown in the version history)."),
        error_messages={"required": _("Write a change note: what changed and why.")},
    )
    effective_date = WindowDateField(
        label=_("Effective date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the new version comes into force, as YYYY-MM-DD."),
        error_messages={
            "required": _("Enter the effective date of the new version."),
            "invalid": _("Enter the effective date as a real date, YYYY-MM-DD."),
        },
    )


class DraftSendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author sees this comment on the draft."),
        error_messages={"required": _("Write a comment: say what the author should change.")},
    )


class DraftImportForm(forms.Form):
    file = forms.FileField(
        label=_("Standard file (YAML)"),
        help_text=format_lazy(
            _("A class-standard/1 file, as exported from a version; at most {kb} KB."),
            kb=LIMITS.text_bytes // 1024,
        ),
        error_messages={"required": _("Choose a YAML file to import.")},
    )

    def clean_file(self) -> str:
        """The file's text: bounded in size and UTF-8."""
        upload = self.cleaned_data["file"]
        raw = upload.read(LIMITS.text_bytes + 1)
        if len(raw) > LIMITS.text_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(kb)d KB, the most a standard may be.")
                % {"kb": LIMITS.text_bytes // 1024}
            )
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                _("The file is not UTF-8 text (byte %(at)d).") % {"at": exc.start}
            ) from exc
