"""The case panel on an applicant's page (screening's template loads it; screening's code
imports nothing of casework)."""

from django import template

from casework import selectors_cases as selectors
from casework.forms_cases import CaseForm
from casework.fragments import fragment_kept
from casework.models import Case
from casework.queue_rows import assignee_field_html, left_to_check_html, queue_rows_html

register = template.Library()


@register.inclusion_tag("casework/cases/partials/case_panel.html", takes_context=True)
def case_panel(context, profile):
    case = Case.objects.select_related("assignee").filter(profile=profile).first()
    form = None
    if case is not None:
        form = CaseForm(
            initial={
                "status": case.status,
                "assignee": str(case.assignee_id or ""),
                "due_date": case.due_date,
            },
            officers=selectors.officers(),
        )
    return {
        "case": case,
        "form": form,
        "profile": profile,
        "perms": context.get("perms"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def queue_rows(rows, *, select_all=False):
    """The queue's table rows, written in Python (casework/queue_rows.py)."""
    return queue_rows_html(rows, select_all=bool(select_all))


@register.simple_tag
def left_to_check(counts):
    """The counts of what is left to check, written in Python (casework/queue_rows.py)."""
    return left_to_check_html(counts)


@register.simple_tag
def bulk_assignee_field(officers):
    """The bulk form's officer field (`screening/partials/field.html`'s markup), written by
    casework/queue_rows.py around the officers' names."""
    return assignee_field_html(officers)


@register.tag
def kept_fragment(parser, token):
    """`{% kept_fragment "name" part… %}…{% endkept_fragment %}`: the enclosed markup kept per
    language, template source and parts (casework/fragments.py); rendered live, never kept,
    when a part is None (e.g. a filled-in form). Never put anything personal inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept_fragment takes a name and key parts")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, expressions):
        self.nodelist, self.expressions = nodelist, expressions

    def render(self, context):
        # A part missing from the context resolves to None (not ""): rendered live.
        values = (expr.resolve(context, ignore_failures=True) for expr in self.expressions)
        name, *parts = values
        if any(part is None for part in parts):
            return self.nodelist.render(context)
        source = self.origin.name if self.origin else ""
        return fragment_kept(name, source, tuple(parts), lambda: self.nodelist.render(context))
