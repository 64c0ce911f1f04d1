"""Rows of a section (duties, notes, levels …): forms that can be added, removed and moved.

Works with JavaScript off: each row's "Move up", "Move down" and "Remove" buttons and the
section's "Add" button submit the page with `op=<action>:<prefix>[:<row>]`; the page is shown
again with the change made, and nothing is saved until "Save".
"""

from __future__ import annotations

from django import forms

MAX_ROWS = 60


class Rows:
    """The forms of one list of a section, bound to POST data or built from the document."""

    def __init__(self, prefix, form_class, *, data=None, initial=(), form_kwargs=None, noun=""):
        self.prefix, self.form_class, self.noun = prefix, form_class, noun
        self.form_kwargs = form_kwargs or {}
        if data is not None:
            count = _count(data.get(f"{prefix}-count"))
            self.forms = [self._form(i, data=data) for i in range(count)]
        else:
            self.forms = [self._form(i, initial=values) for i, values in enumerate(initial)]

    def _form(self, index, **kwargs):
        return self.form_class(prefix=f"{self.prefix}-{index}", **kwargs, **self.form_kwargs)

    @property
    def count(self) -> int:
        return len(self.forms)

    @property
    def labelled(self) -> list[tuple[forms.Form, str]]:
        """Each row with what it is called: its own `legend` (a level's title) or "Duty 3"."""
        return [
            (form, getattr(form, "legend", "") or f"{self.noun} {i}")
            for i, form in enumerate(self.forms, start=1)
        ]

    @property
    def full(self) -> bool:
        return self.count >= MAX_ROWS

    def apply(self, op: str) -> bool:
        """Add, remove or move a row when `op` is about these rows; True when it was."""
        action, _, rest = op.partition(":")
        prefix, _, index = rest.partition(":")
        if prefix != self.prefix or action not in ("add", "remove", "up", "down"):
            return False
        values = [_raw(form) for form in self.forms]
        position = int(index) if index.isdigit() else -1
        if action == "add" and len(values) < MAX_ROWS:
            values.append({})
        elif action == "remove" and 0 <= position < len(values):
            del values[position]
        elif action in ("up", "down") and 0 <= position < len(values):
            other = position - 1 if action == "up" else position + 1
            if 0 <= other < len(values):
                values[position], values[other] = values[other], values[position]
        self.forms = [self._form(i, initial=v) for i, v in enumerate(values)]
        return True

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])

    @property
    def cleaned(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms]

    @property
    def has_errors(self) -> bool:
        return any(form.is_bound and form.errors for form in self.forms)


def _count(value) -> int:
    try:
        return max(0, min(int(value), MAX_ROWS))
    except (TypeError, ValueError):
        return 0


def _raw(form: forms.Form) -> dict:
    """What the row's fields hold now (as typed), to show it again at its new place."""
    return {name: form[name].value() for name in form.fields}
