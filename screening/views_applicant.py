"""The applicant's pages: the self-check (no account needed), saving it, and saved profiles.

An unsaved profile lives in the session only, never in a URL, and nothing is stored until the
applicant chooses to save. Every page here shows personal data and is sent never-cached.
"""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.access import permission_required
from portal.roles import APPLICANT, role_grant
from screening import selectors, selfcheck, services
from screening.forms import ApplicantSignupForm, UploadProfileForm
from screening.models import outcome_tally
from screening.presentation import entries_view, results_by_series, standards_checked


def _render_form(request, profile_form, formsets, *, summary=(), upload_form=None, status=200):
    context = {
        "profile_form": profile_form,
        "formsets": formsets,
        "summary": summary,
        "upload_form": upload_form or UploadProfileForm(),
    }
    return render(request, "screening/applicant/selfcheck.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def selfcheck_form(request):
    if request.method != "POST":
        document = request.session.get(selfcheck.SESSION_KEY)
        return _render_form(request, *selfcheck.forms_bind(document=document))
    add = request.POST.get("add", "")
    profile_form, formsets = selfcheck.forms_bind(request.POST, add=add)
    if add:
        return _render_form(request, profile_form, formsets)
    document, places, leftover = None, {}, []
    if profile_form.is_valid() and all(f.is_valid() for f in formsets.values()):
        document, places = selfcheck.document_from_forms(profile_form, formsets)
        try:
            services.profile_validate(document=document)
        except services.ScreeningRefused as refused:
            leftover = selfcheck.errors_to_forms(refused.errors, profile_form, formsets, places)
            document = None
    if document is None:
        summary = selfcheck.error_summary(profile_form, formsets)
        summary += [{"id": "selfcheck-form", "message": message} for message in leftover]
        return _render_form(request, profile_form, formsets, summary=summary, status=400)
    request.session[selfcheck.SESSION_KEY] = document
    return redirect("screening:selfcheck-results")


@never_cache
@require_POST
def selfcheck_upload(request):
    form = UploadProfileForm(request.POST, request.FILES)
    summary = []
    if form.is_valid():
        try:
            raw = services.profile_read(form.cleaned_data["profile"])
            services.profile_validate(raw=raw)
        except services.ScreeningRefused as refused:
            summary = [
                {"id": "id_profile", "message": f"{e['path']}: {e['message']}"}
                for e in refused.errors
            ]
        else:
            document = _applicant_supplied(json.loads(raw))
            request.session[selfcheck.SESSION_KEY] = document
            return redirect("screening:selfcheck-results")
    else:
        summary = [{"id": "id_profile", "message": m} for m in form.errors.get("profile", [])]
    profile_form, formsets = selfcheck.forms_bind()
    return _render_form(
        request, profile_form, formsets, summary=summary, upload_form=form, status=400
    )


def _applicant_supplied(document: dict) -> dict:
    """What an applicant's own file may say: it cannot vouch for itself (only an officer
    verifies) nor claim an external id (the office's own reference, assigned on import)."""
    for key in ("education", "experience", "civil_service"):
        for item in document.get(key) or []:
            item.pop("verified", None)
    applicant = document.get("applicant")
    if applicant:
        applicant.pop("external_id", None)
    return document


@require_safe
@never_cache
def selfcheck_results(request):
    document = request.session.get(selfcheck.SESSION_KEY)
    if document is None:
        return redirect("screening:selfcheck")
    result = services.screening_run(document=document)
    context = {
        "result": result,
        "series": results_by_series(result),
        "tally": outcome_tally(result),
        "checked": standards_checked(result),
        "as_of": date.fromisoformat(result["as_of"]),
        "document": document,
    }
    return render(request, "screening/applicant/results.html", context)


def _json_download(document: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@never_cache
def selfcheck_download(request):
    document = request.session.get(selfcheck.SESSION_KEY)
    if document is None:
        return redirect("screening:selfcheck")
    return _json_download(document, "screening-profile.json")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def selfcheck_save(request):
    document = request.session.get(selfcheck.SESSION_KEY)
    if document is None:
        return redirect("screening:selfcheck")
    user = request.user
    if user.is_authenticated and not user.has_perm("screening.screen_own_profile"):
        messages.error(request, _("Only an applicant account can save a self-check."))
        return redirect("screening:selfcheck-results")
    form = None if user.is_authenticated else ApplicantSignupForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user, profile = _save(form, user, document)  # cleaned on the way in (upload)
        except IntegrityError:
            if form is None:
                raise
            # The user name was taken between the form's check and the save.
            form.add_error("username", _("That user name was just taken; please choose another."))
            return render(request, "screening/applicant/save.html", {"form": form}, status=400)
        del request.session[selfcheck.SESSION_KEY]
        if form is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your profile is saved. A placement officer can now check it."))
        return redirect("screening:my-profile", public_id=profile.public_id)
    return render(request, "screening/applicant/save.html", {"form": form})


@transaction.atomic
def _save(form, user, document):
    """The new account (when signing up) and the profile: both stored, or neither."""
    if form is not None:
        user = form.save()
        role_grant(user=user, role=APPLICANT)
        applicant = {k: form.cleaned_data[k] for k in ("name", "email") if form.cleaned_data[k]}
        if applicant:
            document = {**document, "applicant": applicant}
    return user, services.profile_create(document=document, user=user)


@require_safe
@permission_required("screening.screen_own_profile")
def my_profiles(request):
    profiles = selectors.profiles_of(user=request.user)
    return render(request, "screening/applicant/my_profiles.html", {"profiles": profiles})


@require_safe
@permission_required("screening.screen_own_profile")
def my_profile(request, public_id):
    profile = selectors.profile_get_own(user=request.user, public_id=public_id)
    determination = profile.current_determination
    result = services.profile_result(profile=profile)
    context = {
        "profile": profile,
        "determination": determination,
        "series": results_by_series(result)
        if (result := services.profile_result(profile=profile))
        else [],
        "entry_groups": entries_view(selectors.profile_entries(profile=profile)),
    }
    return render(request, "screening/applicant/my_profile.html", context)


@require_safe
@permission_required("screening.screen_own_profile")
def my_profile_download(request, public_id):
    profile = selectors.profile_get_own(user=request.user, public_id=public_id)
    return _json_download(services.profile_document(profile=profile), "screening-profile.json")
