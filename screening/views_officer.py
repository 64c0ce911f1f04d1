"""The placement officers' pages: an applicant, decisions, imports, exports (queue: casework)."""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.access import permission_required
from screening import exports, importers, selectors, services
from screening.forms import EntryDecisionForm, ImportForm
from screening.models import ENTRY_MODELS, ImportJob
from screening.presentation import OFFICER, OUTCOME_WORDS, entries_view, results_by_series
from screening.services import imports


def _applicant_context(profile, *, bound_form=None) -> dict:
    determination = profile.current_determination
    result = services.profile_result(profile=profile)
    return {
        "profile": profile,
        "entry_groups": entries_view(selectors.profile_entries(profile=profile)),
        "determination": determination,
        "series": results_by_series(result, audience=OFFICER)
        if (result := services.profile_result(profile=profile))
        else [],
        "history": profile.determinations.only("public_id", "created_at", "reason", "as_of"),
        "changes": selectors.outcome_changes_for_profile(profile=profile),
        "audit": selectors.audit_for_profile(profile=profile),
        "decisions": selectors.entry_decisions_for_profile(profile=profile),
        "bound_form": bound_form,
        "bound_key": (
            f"{bound_form.data.get('kind')}-{bound_form.data.get('entry')}" if bound_form else ""
        ),
    }


@require_safe
@permission_required("screening.view_applicantprofile")
def applicant(request, public_id):
    profile = selectors.profile_get(public_id=public_id)
    return render(request, "screening/officer/applicant.html", _applicant_context(profile))


@require_POST
@permission_required("screening.view_applicantprofile", "screening.verify_entry")
def entry_decide(request, public_id):
    profile = selectors.profile_get(public_id=public_id)
    form = EntryDecisionForm(request.POST)
    if not form.is_valid():
        context = _applicant_context(profile, bound_form=form)
        return render(request, "screening/officer/applicant.html", context, status=400)
    data = form.cleaned_data
    entry = get_object_or_404(ENTRY_MODELS[data["kind"]], pk=data["entry"], profile=profile)
    wanted = {k: data[k] for k in ("decision", "document_reference", "note")}
    if entry.lock_version != data["lock_version"]:
        messages.error(request, services.STALE)
        return redirect("screening:officer-applicant", public_id=profile.public_id)
    if services.decision_needs_reason(entry, **wanted) and not (
        data["confirmed"] and data["reason"].strip()
    ):
        return _decision_confirm(request, profile, entry, form)
    try:
        determination = services.entry_decide(
            profile=profile,
            kind=data["kind"],
            entry_id=data["entry"],
            lock_version=data["lock_version"],
            reason=data["reason"].strip(),
            by=request.user,
            **wanted,
        )
    except services.EntryStale as stale:
        messages.error(request, str(stale))
        return redirect("screening:officer-applicant", public_id=profile.public_id)
    except services.DecisionNeedsReason:  # decided by someone else meanwhile
        return _decision_confirm(request, profile, entry, form)
    if determination is None:
        messages.info(request, _("Nothing changed: the entry already says this."))
    else:
        messages.success(request, _("Entry %(decision)s; the applicant was screened again.") % data)
    return redirect("screening:officer-applicant", public_id=profile.public_id)


def _decision_confirm(request, profile, entry, form):
    """Ask the officer to confirm changing an earlier decision, and why (required)."""
    if form.cleaned_data["confirmed"] and not form.cleaned_data["reason"].strip():
        form.add_error("reason", _("Say why the earlier decision changes."))
    form.fields["reason"].required = True  # shown as required: this page asks for it
    context = {"profile": profile, "entry": entry, "form": form}
    status = 400 if form.errors else 200
    return render(request, "screening/officer/decision_confirm.html", context, status=status)


@require_POST
@permission_required("screening.rescreen_profile")
def rescreen(request, public_id):
    profile = selectors.profile_get(public_id=public_id)
    services.profile_rescreen(profile=profile, by=request.user)
    messages.success(request, "Screened again against the standards in force today.")
    return redirect("screening:officer-applicant", public_id=profile.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("screening.add_applicantprofile")
def import_applicants(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.IMPORT_INLINE_MAX_BYTES:
            job = _import_job_created(request, form)
            if job is not None:
                return redirect("screening:officer-import-job", public_id=job.public_id)
            return render(request, "screening/officer/import.html", {"form": form}, status=400)
        report = importers.applicants_import(
            upload=form.cleaned_data["file"], kind=form.cleaned_data["format"], by=request.user
        )
        if report.ok:
            messages.success(request, f"Imported {report.created} applicants.")
            return redirect("casework:queue")
    context = {"form": form, "report": report}
    return render(request, "screening/officer/import.html", context, status=400 if report else 200)


def _import_job_created(request, form):
    """A large upload queued as a background import; None (with the form's error) when the
    file is not UTF-8 text."""
    try:
        text = form.cleaned_data["file"].read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.add_error("file", "The file is not UTF-8 text.")
        return None
    with transaction.atomic():
        return imports.import_job_create(
            text=text, kind=form.cleaned_data["format"], by=request.user
        )


@require_safe
@permission_required("screening.add_applicantprofile")
def import_job(request, public_id):
    job = get_object_or_404(ImportJob.objects.defer("text"), public_id=public_id)
    return render(request, "screening/officer/import_job.html", {"job": job})


@require_safe
@permission_required("screening.view_applicantprofile")
def eligible_export(request):
    level = request.GET.get("level", "")
    if level not in dict(selectors.level_choices()):
        return render(
            request, "screening/officer/export.html", {"levels": selectors.level_choices()}
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="eligible-{level.replace("/", "-")}.csv"'
    )
    exports.eligible_csv(level=level, out=response, include_review=bool(request.GET.get("review")))
    return response


@require_safe
@permission_required("screening.view_outcome_report")
def report(request):
    counts = [
        {**row, "outcome_label": OUTCOME_WORDS.get(row["outcome"], row["outcome"])}
        for row in selectors.outcome_counts()
    ]
    context = {"counts": counts}
    return render(request, "screening/reports.html", context)
