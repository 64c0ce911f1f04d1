"""The applicant's pages: the self-check (no account needed), saving it, and saved profiles.

An unsaved profile lives in the session only, never in a URL, and nothing is stored until the
applicant chooses to save. Every page here shows personal data and is sent never-cached.
"""

import json
from datetime import date

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from classification.kept import kept
from portal.access import permission_required
from portal.language import CSRF_STAND_IN, personalise
from portal.roles import APPLICANT, role_grant
from screening import selectors, selfcheck, services
from screening.duty_hints import duty_hints_in_effect
from screening.forms import ApplicantSignupForm, UploadProfileForm
from screening.models import Verification, outcome_tally
from screening.presentation import entries_view, results_by_series, standards_checked


def _hints_context() -> dict:
    """The standards' duty hints, and the key the kept blank form is stored under with them."""
    key, hints = duty_hints_in_effect(today=timezone.localdate())
    return {"duty_hints": hints, "kept_key": key}


def _render_form(request, profile_form, formsets, *, summary=(), upload_form=None, status=200):
    context = {
        "profile_form": profile_form,
        "formsets": formsets,
        "summary": summary,
        "upload_form": upload_form or UploadProfileForm(),
        **_hints_context(),
    }
    return render(request, "screening/applicant/selfcheck.html", context, status=status)


def _blank_page(request) -> HttpResponse:
    """The blank self-check as every anonymous visitor sees it: rendered once for the
    standards in force (their duty hints) and the language, kept, and the visitor's CSRF
    token and addresses put in (`personalise`, which also sets the CSRF cookie)."""
    hints = _hints_context()

    def build():
        profile_form, formsets = selfcheck.forms_bind()
        context = {
            "profile_form": profile_form,
            "formsets": formsets,
            "summary": (),
            "upload_form": UploadProfileForm(),
            **hints,
            "keep_for_all": True,
            "csrf_token": CSRF_STAND_IN,
        }
        return render_to_string("screening/applicant/selfcheck.html", context, request)

    html = kept("selfcheck-anonymous", (hints["kept_key"],), build)
    return HttpResponse(personalise(html, request))


def _same_for_everyone(request) -> bool:
    """A visitor not signed in, with no message waiting and no unsaved self-check."""
    return not (
        request.user.is_authenticated
        or selfcheck.SESSION_KEY in request.session
        or len(get_messages(request))
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def selfcheck_form(request):
    if request.method != "POST":
        if _same_for_everyone(request):
            return _blank_page(request)
        document = request.session.get(selfcheck.SESSION_KEY)
        return _render_form(request, *selfcheck.forms_bind(document=document))
    add = request.POST.get("add", "")
    profile_form, formsets = selfcheck.forms_bind(request.POST, add=add)
    if add:
        return _render_form(request, profile_form, formsets)
    document, summary = selfcheck.selfcheck_check(profile_form, formsets)
    if document is None:
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
                {"id": "id_profile", "message": selfcheck.file_problem_words(e)}
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
            login(request, user, backend="portal.access.OneQueryModelBackend")
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


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@permission_required("screening.screen_own_profile")
def my_profile_edit(request, public_id):
    """Change a saved profile's own entries and answers; entries an officer decided stay."""
    profile = selectors.profile_get_own(user=request.user, public_id=public_id)
    if request.method != "POST":
        return _render_edit(request, profile)
    add = request.POST.get("add", "")
    profile_form, formsets = selfcheck.forms_bind(request.POST, add=add)
    # The revision the page was first opened with, carried through "Add" and error pages.
    revision = selfcheck.revision_posted(request.POST)
    bound = {"forms": (profile_form, formsets), "revision": revision}
    if add:
        return _render_edit(request, profile, **bound)
    decided = _decided(selectors.profile_entries(profile=profile))
    document, summary = selfcheck.selfcheck_check(
        profile_form, formsets, require_entries=not any(decided.values())
    )
    if document is not None:
        try:
            _document, places = selfcheck.document_from_forms(profile_form, formsets)
            services.profile_entries_change(
                profile=profile,
                document=document,
                revision=revision,
                by=request.user,
                entry_ids=selfcheck.entry_ids_of(formsets, places),
            )
        except services.ProfileStale as stale:
            summary = [{"id": "selfcheck-form", "message": str(stale)}]
            return _render_edit(request, profile, summary=summary, status=409)
        except services.ScreeningRefused as refused:
            summary = [{"id": "selfcheck-form", "message": m} for m in _refused(refused)]
        else:
            done = gettext("Your changes are saved and you were screened again.")
            messages.success(request, done)
            return redirect("screening:my-profile", public_id=profile.public_id)
    return _render_edit(request, profile, **bound, summary=summary, status=400)


def _refused(refused) -> list[str]:
    return [
        gettext("Your profile: %(problem)s") % {"problem": f"{e['path']} {e['message']}"}
        for e in refused.errors
    ]


def _decided(entries: dict) -> dict:
    """The entries an officer verified or rejected, by kind: the applicant's are the rest."""
    return {
        key: [e for e in group if e.verification != Verification.UNVERIFIED]
        for key, group in entries.items()
    }


def _render_edit(request, profile, *, forms=None, revision=None, summary=(), status=200):
    entries = selectors.profile_entries(profile=profile)
    if forms is None:
        editable = services.profile_editable_document(
            profile=profile, entries=[e for group in entries.values() for e in group]
        )
        ids = {
            key: [e.pk for e in group if e.verification == Verification.UNVERIFIED]
            for key, group in entries.items()
        }
        forms = selfcheck.forms_bind(document=editable, entry_ids=ids)
    profile_form, formsets = forms
    decided = _decided(entries)
    context = {
        "profile": profile,
        "revision": profile.revision if revision is None else revision,
        "profile_form": profile_form,
        "formsets": formsets,
        "summary": summary,
        "decided_groups": entries_view(decided),
        "has_decided": any(decided.values()),
        **_hints_context(),
    }
    return render(request, "screening/applicant/my_profile_edit.html", context, status=status)
