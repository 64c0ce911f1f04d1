"""Form rendering helpers: a widget tied to its hint and error; the names of entry rows; the
blank self-check form kept once rendered."""

from django import template
from django.forms.formsets import BaseFormSet
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from classification.kept import kept
from screening.forms_selfcheck import DUTY_LABELS, SETTING_LABELS
from screening.selfcheck import ROW_NAMES

register = template.Library()
# Stands in for the visitor's CSRF token in the kept markup (letters only: never escaped).
CSRF_STAND_IN = "keptcsrftokenstandinxqzj"


@register.filter
def described(bound_field):
    """The widget with `aria-describedby` naming the hint and the error that the partial
    renders (`<auto_id>_helptext`, `<auto_id>_error`); Django marks it `aria-invalid`."""
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    return bound_field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)


@register.filter
def row_name(key: str) -> str:
    """What a self-check row of this kind is called ("Job"), as its error summary says it."""
    return ROW_NAMES[key]


@register.filter
def box_label(box: str) -> str:
    """A box of the self-check ("duty:supervision", "setting:medical") as it is labelled."""
    kind, _, word = box.partition(":")
    labels = SETTING_LABELS if kind == "setting" else DUTY_LABELS
    return labels.get(word, word.replace("_", " "))


@register.tag("kept_when_blank")
def kept_when_blank(parser, token):
    """`{% kept_when_blank name form_or_formsets… %}…{% endkept_when_blank %}`: when every
    form named is blank (unbound, nothing filled in), the markup is the same for every
    visitor but for the CSRF token: it is rendered once, kept, and the token put in."""
    name, *forms = token.split_contents()[1:]
    nodelist = parser.parse(("endkept_when_blank",))
    parser.delete_first_token()
    return KeptWhenBlankNode(name, [parser.compile_filter(form) for form in forms], nodelist)


class KeptWhenBlankNode(template.Node):
    def __init__(self, name, forms, nodelist):
        self.name, self.forms, self.nodelist = name, forms, nodelist

    def render(self, context):
        forms = [form.resolve(context) for form in self.forms]
        token = str(context.get("csrf_token") or "")
        if token in ("", "NOTPROVIDED") or not all(_blank(form) for form in forms):
            return self.nodelist.render(context)

        def build():
            with context.push(csrf_token=CSRF_STAND_IN):
                return str(self.nodelist.render(context))

        # `kept_key` names what else the markup shows (the standards whose duty hints it has).
        inputs = (self.name, get_language(), str(context.get("kept_key", "")))
        html = kept("blank-form", inputs, build)
        return mark_safe(html.replace(CSRF_STAND_IN, token))  # the token is letters and digits


def _blank(form) -> bool:
    """Unbound and without initial values (a dict of formsets: all of them)."""
    if isinstance(form, dict):
        return all(_blank(formset) for formset in form.values())
    if form.is_bound:
        return False
    if isinstance(form, BaseFormSet):  # no rows filled in from a document (rows not built)
        return not form.initial
    return not any(value not in (None, "") for value in form.initial.values())
