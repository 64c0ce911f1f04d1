"""The case panel on an applicant's page (screening's template loads it; screening's code
imports nothing of casework)."""

from django import template

from casework import selectors_cases as selectors
from casework.forms_cases import CaseForm
from casework.models import Case
from casework.queue_rows import queue_rows_html

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
