"""Officers' casework pages: the queue of cases, bulk actions on it, one case's controls."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework import selectors_cases as selectors
from casework.forms_cases import BulkForm, CaseForm, QueueForm
from casework.models import Case, CaseStatus
from casework.services import bulk_verify, cases
from portal.access import permission_required
from portal.frame import page_framed
from screening.models import ApplicantProfile

# The columns one can sort by, in the table's order: (sort name, heading).
SORTABLE = {"name": "Applicant", "received": "Received", "due": "Due"}
QUEUE_FRAME = "casework/cases/queue_frame.html"
QUEUE_CONTENT = "casework/cases/queue_content.html"
BULK_PERMISSIONS = {
    "assign": "casework.assign_case",
    "status": "casework.change_case",
    "verify": "screening.verify_entry",
}


@require_safe
@permission_required("screening.view_applicantprofile", "casework.view_case")
def queue(request):
    # Read once: the filter and the rows' outcomes both name levels.
    levels = selectors.level_choices_light()
    if request.GET:
        form = QueueForm(request.GET, levels=levels)
        query = selectors.QueueQuery(user=request.user, **form.query_kwargs())
    else:  # the blank form is kept written out (casework/fragments.py): built if not yet
        form = SimpleLazyObject(lambda: QueueForm(None, levels=levels))
        query = selectors.QueueQuery(user=request.user)
    page = selectors.queue_page(query, levels=levels)
    today, zone = timezone.localdate(), timezone.get_current_timezone()
    for case in page.rows:
        case.age_days = (today - case.received_at.astimezone(zone).date()).days  # localtime
        case.overdue = case.due_date < today and case.status != CaseStatus.DETERMINED
    params = request.GET.copy()
    for name in ("after", "before", "select"):
        params.pop(name, None)
    here = _with(params, after=query.after, before=query.before)  # this page, nothing ticked
    context = {
        "form": form,
        "filter_errors": bool(request.GET and form.errors),
        "page": page,
        "today": today,
        "counts": selectors.queue_counts(user=request.user, today=today),
        "headers": _sort_headers(params, query),
        "next_query": _with(params, after=page.last_id) if page.has_next else "",
        "previous_query": _with(params, before=page.first_id) if page.has_previous else "",
        "select_all_query": _with(params, select="all", after=query.after, before=query.before),
        "clear_query": here,
        "select_all": request.GET.get("select") == "all",
        # The bulk form's fields are kept written out but for the officers' names, written
        # afresh; the whole form is built only if the kept markup is missing.
        "bulk_form": SimpleLazyObject(BulkForm),
        "officers": selectors.officer_rows(),
        # Kept fixed parts (casework/fragments.py): the blank filter form for these levels,
        # the table's head of the plain first page; None renders them afresh.
        "filters_key": None if request.GET else tuple(levels),
        "head_key": None if request.GET else "plain",
        # Back to this page without "select all": after the action, the page holds other
        # cases, which nobody has chosen yet.
        "back": _url(request.path, here),
    }
    # The page around the content kept written out (portal/frame.py); whole if it cannot be.
    frame_context = {"filter_errors": context["filter_errors"]}
    html = page_framed(request, QUEUE_FRAME, frame_context, QUEUE_CONTENT, context)
    if html is None:
        return render(request, "casework/cases/queue.html", context)
    return HttpResponse(html)


def _url(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _with(params: QueryDict, **values) -> str:
    """`params` with `values` set (those not empty), encoded as QueryDict's `urlencode` would
    (a value set takes its name's place, a new name comes last): without copying the
    QueryDict, which a page did eight times."""
    chosen = {name: str(value) for name, value in values.items() if value}
    pairs = []
    for name, items in params.lists():
        if name in chosen:
            pairs.append((name, chosen.pop(name)))
        else:
            pairs.extend((name, item) for item in items)
    return urlencode([*pairs, *chosen.items()])


def _sort_headers(params: QueryDict, query) -> dict:
    """Each sortable column's link (the other direction when it is the current sort) and
    its `aria-sort` value (and the direction in words, for the table's caption)."""
    headers = {}
    for name, heading in SORTABLE.items():
        current = query.sort == name
        descending = current and not query.descending
        headers[name] = {
            "heading": _(heading),
            "query": _with(params, sort=name, dir="desc" if descending else "asc"),
            "aria_sort": ("descending" if query.descending else "ascending") if current else "",
            # The caption says the direction in the page's language; aria-sort keeps its token.
            "direction": (_("descending") if query.descending else _("ascending"))
            if current
            else "",
        }
    return headers


def _back(request) -> str:
    """Where the bulk action returns: the queue page it came from, never elsewhere."""
    back = request.POST.get("next", "")
    queue_url = reverse("casework:queue")
    if back.startswith(queue_url) and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return queue_url


@require_POST
@permission_required("screening.view_applicantprofile", "casework.change_case")
def bulk(request):
    form = BulkForm(request.POST, officers=selectors.officers())
    if not form.is_valid():
        return _bulk_page(request, form, profiles=_chosen(form.data.getlist("case")), status=400)
    data = form.cleaned_data
    if not request.user.has_perm(BULK_PERMISSIONS[data["action"]]):
        raise PermissionDenied
    profiles = _chosen(data["case"])
    if len(profiles) != len(data["case"]):
        raise Http404("No such applicant")
    if data["action"] == "verify":
        return _bulk_verify(request, form, profiles)
    return _bulk_case(request, form, profiles)


def _chosen(public_ids) -> list[ApplicantProfile]:
    """The profiles chosen (ids that are no UUID are left out: the form names the problem)."""
    ids = []
    for value in list(public_ids)[: cases.BULK_MAX]:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return list(
        ApplicantProfile.objects.filter(public_id__in=ids)
        .only("public_id", "name", "external_id")
        .order_by("pk")
    )


def _bulk_page(request, form, *, profiles, plan=None, status=200):
    context = {"form": form, "profiles": profiles, "plan": plan, "next": _back(request)}
    return render(request, "casework/cases/bulk.html", context, status=status)


def _bulk_case(request, form, profiles):
    data = form.cleaned_data
    ids = [profile.pk for profile in profiles]
    if not data["confirmed"]:
        case_of = {
            case.pk: case for case in Case.objects.filter(pk__in=ids).select_related("assignee")
        }
        plan = [(profile, case_of.get(profile.pk)) for profile in profiles]
        return _bulk_page(request, form, profiles=profiles, plan=plan)
    if data["action"] == "assign":
        assignee = form.assignee_user()
        changed = cases.case_assign(profile_ids=ids, assignee=assignee, by=request.user)
        messages.success(request, _("%(n)s cases assigned.") % {"n": changed})
    else:
        changed = cases.case_status_set(profile_ids=ids, status=data["status"], by=request.user)
        label = CaseStatus(data["status"]).label
        messages.success(
            request, _("%(n)s cases now %(status)s.") % {"n": changed, "status": label}
        )
    return redirect(_back(request))


def _bulk_verify(request, form, profiles):
    data = form.cleaned_data
    args = {
        "kind": data["kind"],
        "credential": data["credential"],
        "class_code": data["class_code"],
        "document_reference": data["document_reference"],
        "note": data["note"],
    }
    plan = bulk_verify.bulk_verify_plan(profiles=profiles, **args)
    if not data["confirmed"]:
        return _bulk_page(request, form, profiles=profiles, plan=plan)
    try:
        changed = bulk_verify.bulk_verify_apply(
            plan=plan,
            confirmed_tokens=request.POST.getlist("entry"),
            document_reference=data["document_reference"],
            note=data["note"],
            by=request.user,
        )
    except (
        bulk_verify.PlanChanged,
        bulk_verify.EntryStale,
        bulk_verify.DecisionNeedsReason,
    ) as changed_meanwhile:
        messages.error(request, str(changed_meanwhile))
        return _bulk_page(request, form, profiles=profiles, plan=plan, status=409)
    messages.success(
        request, _("%(n)s entries verified; their applicants were screened again.") % {"n": changed}
    )
    return redirect(_back(request))


@require_POST
@permission_required("screening.view_applicantprofile", "casework.change_case")
def case_update(request, public_id):
    """The case page's controls: status, officer and due date, each change audited."""
    case = Case.objects.select_related("profile").filter(profile__public_id=public_id).first()
    if case is None:
        raise Http404("No such applicant")
    form = CaseForm(request.POST, officers=selectors.officers())
    if not form.is_valid():
        context = {"form": form, "profile": case.profile, "case": case}
        return render(request, "casework/cases/case_form.html", context, status=400)
    data, ids = form.cleaned_data, [case.pk]
    assignee = form.assignee_user()
    if assignee != case.assignee and not request.user.has_perm("casework.assign_case"):
        raise PermissionDenied
    changed = cases.case_status_set(profile_ids=ids, status=data["status"], by=request.user)
    changed += cases.case_assign(profile_ids=ids, assignee=assignee, by=request.user)
    changed += cases.case_due_date_set(
        profile_id=case.pk, due_date=data["due_date"], by=request.user
    )
    messages.success(request, _("Case updated.") if changed else _("Nothing changed."))
    return redirect("screening:officer-applicant", public_id=public_id)
