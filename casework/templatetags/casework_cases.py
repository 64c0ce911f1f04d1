"""The case panel on an applicant's page (screening's template loads it; screening's code
imports nothing of casework)."""

from django import template

from casework import selectors_cases as selectors
from casework.forms_cases import CaseForm
from casework.models import Case

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
