"""Eligible lists: the lists per level, establishing one, a list (printable, CSV), certifying."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework import exports, selectors
from casework.forms import EstablishListForm
from casework.services.lists import ListRefused, eligible_list_certify, eligible_list_establish
from portal.access import permission_required
from screening.selectors import level_choices


@require_safe
@permission_required("casework.view_eligiblelist")
def index(request):
    levels = level_choices()
    level = request.GET.get("level", "")
    if level not in dict(levels):
        level = ""
    context = {
        "levels": levels,
        "level": level,
        "lists": selectors.lists_by_level(level=level),
    }
    return render(request, "casework/lists/index.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("casework.view_eligiblelist", "casework.add_eligiblelist")
def establish(request):
    form = EstablishListForm(
        request.POST or None,
        initial={"level": request.GET.get("level", "")},
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = eligible_list_establish(
                level=data["level"],
                level_title=form.level_title,
                established_on=data["established_on"],
                expires_on=data["expires_on"],
                order=data["order"],
                by=request.user,
            )
        except ListRefused as refused:
            form.add_error(refused.field, str(refused))
        else:
            messages.success(request, _("The eligible list was established."))
            return redirect("casework:list-detail", public_id=new.public_id)
    status = 400 if form.errors else 200
    return render(request, "casework/lists/establish.html", {"form": form}, status=status)


@require_safe
@permission_required("casework.view_eligiblelist")
def detail(request, public_id):
    eligible_list = selectors.list_get(public_id=public_id)
    ranked, claimed = selectors.list_entries(eligible_list=eligible_list)
    context = {"list": eligible_list, "ranked": ranked, "claimed": claimed}
    return render(request, "casework/lists/detail.html", context)


@require_safe
@permission_required("casework.view_eligiblelist")
def csv_export(request, public_id):
    eligible_list = selectors.list_get(public_id=public_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"eligible-list-{eligible_list.level.replace('/', '-')}-{eligible_list.established_on}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    exports.list_csv(eligible_list=eligible_list, out=response)
    return response


@require_POST
@permission_required("casework.view_eligiblelist", "casework.certify_eligiblelist")
def certify(request, public_id):
    eligible_list = selectors.list_get(public_id=public_id)
    try:
        eligible_list_certify(eligible_list=eligible_list, by=request.user)
    except ListRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The eligible list is certified."))
    return redirect("casework:list-detail", public_id=eligible_list.public_id)
