"""The analysts' draft workflow: list, start, import, the draft page, submit, review (approve or
send back), withdraw; and any version exported as YAML. Thin views over services_drafts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from classification import selectors
from classification.audit import draft_trail_words
from classification.diff import document_diff
from classification.forms import document_to_yaml
from classification.forms_drafts import DraftImportForm, DraftSendBackForm, DraftSubmitForm
from classification.models import Series, StandardDraft, StandardVersion
from classification.problem_words import problems_in_words
from classification.selectors_drafts import draft_get, draft_list
from classification.services_drafts import (
    OPEN,
    DraftNotAllowed,
    DraftNotEditable,
    DraftRefused,
    draft_approve,
    draft_check,
    draft_create,
    draft_is_stale,
    draft_send_back,
    draft_submit,
    draft_withdraw,
    version_in_force_now,
)
from classification.standard_file import StandardFileError, load_yaml, parse_standard
from classification.views import version_published_message
from portal.access import permission_required

Status = StandardDraft.Status
viewer_required = permission_required(
    "classification.view_standarddraft", message=_("Only HR analysts may see drafts.")
)
author_required = permission_required(
    "classification.add_standarddraft",
    "classification.change_standarddraft",
    message=_("Only HR analysts may write drafts."),
)
reviewer_required = permission_required(
    "classification.approve_standarddraft", message=_("Only HR analysts may review drafts.")
)
GET_POST = ["GET", "HEAD", "POST"]


@require_safe
@viewer_required
def draft_list_view(request):
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    context = {"drafts": draft_list(status=status), "status": status, "statuses": Status.choices}
    return render(request, "classification/drafts/list.html", context)


@require_http_methods(GET_POST)
@author_required
def draft_start(request, series_slug: str):
    """Start a draft from the version of the series in force today (or resume an open one)."""
    versions = selectors.versions_light(series_slug=series_slug)
    in_force = selectors.version_in_force(versions) if versions else None
    if in_force is None:
        raise Http404("No such standard or version")
    version = StandardVersion.objects.select_related("series").get(pk=in_force.pk)
    if request.method == "POST":
        draft = draft_create(by=request.user, from_version=version, how="from_version")
        messages.success(
            request, _("Your draft is started from version %(n)d.") % {"n": version.number}
        )
        return redirect("classification:draft-detail", public_id=draft.public_id)
    open_drafts = StandardDraft.objects.filter(series=version.series, status__in=OPEN)
    context = {
        "version": version,
        "series": version.series,
        "open_drafts": open_drafts.select_related("author").order_by("-updated_at"),
    }
    return render(request, "classification/drafts/start.html", context)


@require_http_methods(GET_POST)
@author_required
def draft_import(request):
    """A YAML file becomes a draft: of its series if it exists, else of a new series."""
    form = DraftImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"]
        document, problems = _read_standard(text)
        if problems:
            form.add_error(
                "file",
                ngettext(
                    "The file has %(count)d problem, listed above.",
                    "The file has %(count)d problems, listed above.",
                    len(problems),
                )
                % {"count": len(problems)},
            )
        else:
            draft = _draft_from_import(request.user, document)
            messages.success(request, _("The file is imported as a draft."))
            return redirect("classification:draft-detail", public_id=draft.public_id)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "problems": problems}
    return render(request, "classification/drafts/import.html", context, status=status)


def _read_standard(text: str):
    """The decoded document and its problems in words, each with its line in `text`."""
    try:
        document = load_yaml(text, source="")
    except StandardFileError as exc:  # the reader's own problems carry their line
        return None, problems_in_words(exc.problems, None)
    try:
        parse_standard(document, source="")
    except StandardFileError as exc:
        return None, problems_in_words(exc.problems, document, yaml_text=text)
    return document, []


def _draft_from_import(user, document: dict) -> StandardDraft:
    series = Series.objects.filter(slug=document["series"]).first()
    base = None
    if series is not None:
        base = series.versions.in_effect().first() or series.versions.order_by("-number").first()
    return draft_create(by=user, from_version=base, document=document, how="yaml_import")


def _editor_url(draft) -> str | None:
    """The structured editor's page of this draft, when the portal has one."""
    try:
        return reverse("classification:draft-edit", args=[draft.public_id])
    except NoReverseMatch:
        return None


def _draft_context(draft, *, effective_date=None) -> dict:
    check = draft_check(draft, effective_date=effective_date)
    return {
        "draft": draft,
        "problems": problems_in_words(check.problems, draft.document),
        "warnings": check.warnings,
        "stale": draft_is_stale(draft),
        "in_force": version_in_force_now(draft),
        "editor_url": _editor_url(draft),
    }


@require_safe
@viewer_required
def draft_detail(request, public_id):
    draft = draft_get(public_id=public_id)
    context = _draft_context(draft) | {
        "is_author": draft.author_id == request.user.pk,
        "trail": draft_trail_words(draft),
    }
    return render(request, "classification/drafts/detail.html", context)


@require_safe
@viewer_required
def draft_yaml(request, public_id):
    """The draft's document as YAML (what the editor saved, problems and all)."""
    draft = draft_get(public_id=public_id)
    response = HttpResponse(
        document_to_yaml(draft.document), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="draft-{draft.public_id}.yaml"'
    return response


@require_http_methods(GET_POST)
@author_required
def draft_submit_view(request, public_id):
    draft = draft_get(public_id=public_id)
    initial = {"change_note": draft.change_note, "effective_date": draft.effective_date}
    form = DraftSubmitForm(request.POST or None, initial=initial)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            draft_submit(draft=draft, by=request.user, **form.cleaned_data)
        except DraftRefused as exc:
            refusal = exc
        except (DraftNotAllowed, DraftNotEditable) as exc:
            messages.error(request, str(exc))
            return redirect("classification:draft-detail", public_id=draft.public_id)
        else:
            messages.success(request, _("The draft is waiting for another analyst's review."))
            return redirect("classification:draft-detail", public_id=draft.public_id)
    effective = (
        form.cleaned_data.get("effective_date") if form.is_bound and form.is_valid() else None
    )
    context = _draft_context(draft, effective_date=effective) | {"form": form, "refusal": refusal}
    context["refusal_items"] = _refusal_items(refusal, context)
    status = 400 if request.method == "POST" else 200
    return render(request, "classification/drafts/submit.html", context, status=status)


def _refusal_items(refusal, context) -> list[str]:
    """Why a submission was refused, for the error summary: the reason, then each item."""
    if refusal is None:
        return []
    warnings = [
        _("Level “%(level)s”: %(message)s") % {"level": w.level, "message": w.message}
        for w in context["warnings"]
    ]
    return [str(refusal), *[p.text for p in context["problems"]], *warnings]


@require_safe
@viewer_required
def draft_review(request, public_id):
    """The change against the version in force now, its impact preview, approve / send back."""
    draft = draft_get(public_id=public_id)
    return _review_page(request, draft, DraftSendBackForm())


def _review_page(request, draft, send_back_form, *, status=200, refusal=None):
    context = _draft_context(draft, effective_date=draft.effective_date)
    in_force = context["in_force"]
    proposed = dict(draft.document) if isinstance(draft.document, dict) else {}
    if draft.effective_date is not None:
        proposed["effective_date"] = draft.effective_date.isoformat()
    context |= {
        "sections": document_diff(in_force.document if in_force else {}, proposed),
        "send_back_form": send_back_form,
        "is_author": draft.author_id == request.user.pk,
        "may_review": draft.status == Status.SUBMITTED and draft.author_id != request.user.pk,
        "refusal": refusal,
        "preview_url": _preview_url(draft),
    }
    return render(request, "classification/drafts/review.html", context, status=status)


def _preview_url(draft) -> str | None:
    """Screening's impact preview of this draft (by URL name: classification imports nothing
    of screening); none for a new series, which no applicant has been screened against."""
    if draft.series_id is None:
        return None
    try:
        return reverse("screening:job-preview-draft", args=[draft.public_id])
    except NoReverseMatch:
        return None


@require_POST
@reviewer_required
def draft_approve_view(request, public_id):
    draft = draft_get(public_id=public_id)
    try:
        version = draft_approve(draft=draft, by=request.user)
    except DraftNotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except DraftRefused as exc:
        return _review_page(request, draft, DraftSendBackForm(), status=400, refusal=exc)
    messages.success(request, version_published_message(version))
    return redirect("classification:version-history", series_slug=version.series.slug)


@require_POST
@reviewer_required
def draft_send_back_view(request, public_id):
    draft = draft_get(public_id=public_id)
    form = DraftSendBackForm(request.POST)
    if not form.is_valid():
        return _review_page(request, draft, form, status=400)
    try:
        draft_send_back(draft=draft, by=request.user, comment=form.cleaned_data["comment"])
    except DraftNotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, _("The draft is sent back to its author with your comment."))
    return redirect("classification:draft-detail", public_id=draft.public_id)


@require_POST
@author_required
def draft_withdraw_view(request, public_id):
    draft = draft_get(public_id=public_id)
    try:
        draft_withdraw(draft=draft, by=request.user)
    except DraftNotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The draft is withdrawn."))
    return redirect("classification:draft-detail", public_id=draft.public_id)


@require_safe
def version_export_yaml(request, series_slug: str, number: int):
    """A stored version as YAML: the canonical document, which imports back unchanged."""
    version = selectors.version_documents(series_slug=series_slug, numbers=[number]).get(number)
    if version is None:
        raise Http404("No such standard or version")
    response = HttpResponse(
        document_to_yaml(version.document), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{series_slug}-v{number}.yaml"'
    return response
