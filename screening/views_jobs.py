"""Bulk re-evaluation pages: the job list, a job's progress and impact report, its applicants
as CSV, cancel and resume, and the analyst's preview of an unsaved draft."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from classification import selectors as standards
from classification.forms import StandardEditForm
from classification.selectors_drafts import draft_get
from classification.standard_file import StandardFileError, parse_standard
from portal.access import permission_required
from screening import selectors_jobs
from screening.exports import spreadsheet_safe
from screening.job_words import IMPACT_HEADINGS, LIVE, progress_text, status_text
from screening.models import ReevaluationJob
from screening.presentation import OUTCOME_WORDS
from screening.selectors_jobs import job_progress
from screening.services.reevaluation import JobNotAllowed, job_cancel, job_request
from screening.services.reevaluation import job_resume as job_resume_service

Job = ReevaluationJob
JOBS_PAGE_SIZE = 20
CHANGES_PAGE_SIZE = 50
# Counts and names of a job: whoever reads the outcome reports (analysts, officers); acting on
# a job (cancel, resume, preview a draft): whoever maintains the standards (analysts).
reports_required = permission_required("screening.view_outcome_report")
analyst_required = permission_required("classification.change_standardversion")


@require_safe
@reports_required
def job_list(request):
    status = request.GET.get("status", "")
    if status not in Job.Status.values:
        status = ""
    page = Paginator(selectors_jobs.job_list(status=status), JOBS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "statuses": Job.Status.choices,
        "query": f"status={status}" if status else "",
    }
    return render(request, "screening/jobs/list.html", context)


def _progress_payload(job: ReevaluationJob) -> dict:
    progress = job_progress(job=job)
    return {
        **progress,
        "live": job.status in LIVE,
        "text": progress_text(progress),
        "status_text": status_text(job),
    }


@require_safe
@reports_required
def job_detail(request, public_id):
    job = selectors_jobs.job_get(public_id=public_id)
    context = {
        "job": job,
        "progress": _progress_payload(job),
        "may_act": request.user.has_perm("classification.change_standardversion"),
        "officer": request.user.has_perm("screening.view_applicantprofile"),
        "report": None,
        "headings": [IMPACT_HEADINGS[kind] for kind in selectors_jobs.IMPACT_COLUMNS],
    }
    if job.started_at is not None:
        context["report"] = selectors_jobs.job_report(job=job)
        if job.writes:
            context |= _changes_context(request, job)
    return render(request, "screening/jobs/detail.html", context)


def _changes_context(request, job) -> dict:
    titles = selectors_jobs.level_titles(job)
    page = Paginator(selectors_jobs.job_changes(job=job), CHANGES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "profile": change.profile,
            "title": titles.get(change.level, change.level),
            "before": _outcome_words(change.before, change.before_verified),
            "after": _outcome_words(change.after, change.after_verified),
            "kind": IMPACT_HEADINGS[selectors_jobs.change_kind(change)],
        }
        for change in page.object_list
    ]
    return {"changes_page": page, "change_rows": rows}


def _outcome_words(outcome: str, verified: bool) -> str:
    if not outcome:
        return "—"
    if outcome == "qualified" and verified:
        return _("Verified qualified")
    return str(OUTCOME_WORDS.get(outcome, outcome))


@require_safe
@reports_required
def job_progress_json(request, public_id):
    job = selectors_jobs.job_get(public_id=public_id)
    return JsonResponse(_progress_payload(job))


CSV_COLUMNS = (
    "applicant",
    "external_id",
    "name",
    "email",
    "level",
    "level_title",
    "change",
    "before",
    "before_verified",
    "after",
    "after_verified",
    "at",
)


@require_safe
@reports_required
def job_changes_csv(request, public_id):
    """Every applicant the job moved, one row per level (cells safe from spreadsheet formulas)."""
    job = selectors_jobs.job_get(public_id=public_id)
    titles = selectors_jobs.level_titles(job)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reevaluation-{job.public_id}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for change in selectors_jobs.job_changes(job=job).iterator(chunk_size=2000):
        profile = change.profile
        row = (
            str(profile.public_id),
            profile.external_id,
            profile.name,
            profile.email,
            change.level,
            titles.get(change.level, change.level),
            selectors_jobs.change_kind(change),
            change.before,
            "true" if change.before_verified else "false",
            change.after,
            "true" if change.after_verified else "false",
            change.at.isoformat(),
        )
        writer.writerow([spreadsheet_safe(str(value)) for value in row])
    return response


@require_POST
@analyst_required
def job_cancel_view(request, public_id):
    return _job_acted_on(
        request, public_id, job_cancel, _("The job is cancelled: what it has written stays.")
    )


@require_POST
@analyst_required
def job_resume_view(request, public_id):
    return _job_acted_on(
        request, public_id, job_resume_service, _("The job carries on from where it stopped.")
    )


def _job_acted_on(request, public_id, action, done: str):
    """An analyst's action on a job, its refusal said as a message; back to the job page."""
    job = selectors_jobs.job_get(public_id=public_id)
    try:
        action(job=job, by=request.user)
    except JobNotAllowed as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("screening:job-detail", public_id=job.public_id)


@require_safe
@reports_required
def job_for_version(request, series_slug, number):
    """The job page of the re-evaluation a stored version caused (the edit page links here)."""
    job = selectors_jobs.job_for_version(series_slug=series_slug, number=number)
    return redirect("screening:job-detail", public_id=job.public_id)


class PreviewForm(StandardEditForm):
    """The edit form, checked the same way; a preview stores nothing, so needs no note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_note"].required = False


@require_POST
@analyst_required
def job_preview(request, series_slug):
    """Run the re-evaluation on the unsaved draft of the edit page: counts, nothing written."""
    base = standards.version_newest(series_slug=series_slug)
    form = PreviewForm(request.POST, series_slug=series_slug)
    if not form.is_valid():
        context = {"form": form, "base": base, "series": base.series, "preview_failed": True}
        return render(request, "classification/standard_edit.html", context, status=400)
    draft = dict(form.cleaned_data["document"])
    if form.cleaned_data["effective_date"] is not None:
        draft["effective_date"] = form.cleaned_data["effective_date"].isoformat()
    # The document as a stored version keeps it (parse_standard already passed in the form).
    document = parse_standard(draft, source="").to_document()
    job = job_request(
        series=base.series, reason=Job.Reason.PREVIEW, draft=document, by=request.user
    )
    return redirect("screening:job-detail", public_id=job.public_id)


@require_POST
@analyst_required
def job_preview_draft(request, public_id):
    """The impact of an analyst's draft (classification's draft workflow): counts, nothing
    written. A draft that is not a valid change of a stored series goes back to its page."""
    draft = draft_get(public_id=public_id)
    document = dict(draft.document) if isinstance(draft.document, dict) else {}
    if draft.effective_date is not None:
        document["effective_date"] = draft.effective_date.isoformat()
    try:
        if draft.series_id is None or document.get("series") != draft.series.slug:
            raise StandardFileError([])
        document = parse_standard(document, source="").to_document()
    except StandardFileError:
        messages.error(request, _("Only a valid change of a stored series can be previewed."))
        return redirect("classification:draft-detail", public_id=draft.public_id)
    job = job_request(
        series=draft.series, reason=Job.Reason.PREVIEW, draft=document, by=request.user
    )
    return redirect("screening:job-detail", public_id=job.public_id)
