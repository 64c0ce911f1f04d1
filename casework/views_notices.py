"""Notices of results: an officer issues one; the applicant and officers open it (page, PDF)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from casework import selectors
from casework.services.notices import NoticeRefused, notice_issue, notice_opened
from portal.access import permission_required
from screening.models import Determination


@require_POST
@permission_required("screening.view_applicantprofile", "casework.add_notice")
def issue(request, public_id):
    determination = get_object_or_404(
        Determination.objects.select_related("profile"), public_id=public_id
    )
    try:
        notice = notice_issue(determination=determination, by=request.user)
    except NoticeRefused as refused:
        messages.error(request, str(refused))
        return redirect("screening:officer-applicant", public_id=determination.profile.public_id)
    messages.success(request, _("Notice %(ref)s issued.") % {"ref": notice.reference})
    return redirect("casework:notice-detail", public_id=notice.public_id)


def _signed_in(view):
    """Anonymous visitors sign in; the notice's lookup decides who else may see it."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


@require_safe
@_signed_in
def detail(request, public_id):
    """The notice as issued, with print styles and its PDF."""
    notice = selectors.notice_for(user=request.user, public_id=public_id)
    officer = request.user.has_perm("screening.view_applicantprofile")
    notice_opened(notice=notice, by=request.user)
    context = {"notice": notice, "officer": officer}
    return render(request, "casework/notices/detail.html", context)


@require_safe
@_signed_in
def pdf(request, public_id):
    notice = selectors.notice_for(user=request.user, public_id=public_id, fields=("pdf",))
    notice_opened(notice=notice, by=request.user, download=True)
    response = HttpResponse(bytes(notice.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.reference}.pdf"'
    return response
