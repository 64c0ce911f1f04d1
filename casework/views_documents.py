"""Documents on file: put one on an entry, read it beside the entry, stream it (audited),
take it off file again."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.documents_check import DocumentRefused
from casework.forms import DocumentRemoveForm, DocumentUploadForm
from casework.models import SupportingDocument
from casework.services.documents import (
    document_opened,
    document_remove,
    document_upload,
    entry_get,
)
from portal.access import permission_required
from screening import selectors, services
from screening.forms import EntryDecisionForm
from screening.presentation import entry_view

VIEW_ANY = "casework.view_supportingdocument"
REMOVE_ANY = "casework.delete_supportingdocument"


def _entry_or_404(profile, kind: str, entry_id: int):
    try:
        return entry_get(profile=profile, kind=kind, entry_id=entry_id)
    except ObjectDoesNotExist as missing:
        raise Http404("No such entry") from missing


def entry_documents_list(*, profile, kind: str, entry_id: int):
    """The documents on file for one entry, newest first."""
    return SupportingDocument.objects.filter(profile=profile, entry_kind=kind, entry_id=entry_id)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("screening.view_applicantprofile", "casework.add_supportingdocument")
def officer_entry_documents(request, public_id, kind, entry_id):
    profile = selectors.profile_get(public_id=public_id)
    return _entry_documents(request, profile, kind, entry_id, officer=True)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("screening.screen_own_profile")
def my_entry_documents(request, public_id, kind, entry_id):
    profile = selectors.profile_get_own(user=request.user, public_id=public_id)
    return _entry_documents(request, profile, kind, entry_id, officer=False)


def _entry_documents(request, profile, kind, entry_id, *, officer: bool):
    entry = _entry_or_404(profile, kind, entry_id)
    posted = request.method == "POST"
    form = DocumentUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            document = document_upload(
                profile=profile,
                kind=kind,
                entry_id=entry.pk,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except DocumentRefused as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(request, _("The document is on file."))
            if officer:
                return redirect("casework:officer-document", public_id=document.public_id)
            return redirect(
                "casework:my-entry-documents",
                public_id=profile.public_id,
                kind=kind,
                entry_id=entry.pk,
            )
    documents = list(entry_documents_list(profile=profile, kind=kind, entry_id=entry.pk))
    context = {
        "profile": profile,
        "item": entry_view(entry),
        "kind": kind,
        "documents": documents,
        "removable": _removable(request.user, documents, officer=officer),
        "form": form,
        "officer": officer,
    }
    return render(
        request, "casework/documents/entry.html", context, status=400 if form.errors else 200
    )


def _removable(user, documents, *, officer: bool) -> set:
    """The public ids of the documents this user may remove: an officer holding the
    permission any, an applicant those they put on file themselves."""
    if officer:
        return {d.public_id for d in documents} if user.has_perm(REMOVE_ANY) else set()
    return {d.public_id for d in documents if d.uploaded_by_id == user.pk}


def _viewer_context(request, document, *, form=None) -> dict:
    profile = document.profile
    entry = _entry_or_404(profile, document.entry_kind, document.entry_id)
    initial = {"document_reference": document.title}
    return {
        "document": document,
        "profile": profile,
        "item": entry_view(entry),
        "others": entry_documents_list(
            profile=profile, kind=document.entry_kind, entry_id=entry.pk
        ).exclude(pk=document.pk),
        "form": form,
        "reference": form.data.get("document_reference", "")
        if form
        else initial["document_reference"],
        "note": form.data.get("note", "") if form else "",
        "may_remove": request.user.has_perm(REMOVE_ANY),
    }


@require_safe
@permission_required("screening.view_applicantprofile", VIEW_ANY)
def officer_document(request, public_id):
    """The document beside the entry's facts and its verification form."""
    document = get_object_or_404(
        SupportingDocument.objects.select_related("profile", "uploaded_by"), public_id=public_id
    )
    return render(request, "casework/documents/viewer.html", _viewer_context(request, document))


@require_POST
@permission_required("screening.view_applicantprofile", "screening.verify_entry", VIEW_ANY)
def officer_document_decide(request, public_id):
    """Verify or reject the entry from the viewer: the same service as the applicant's page."""
    document = get_object_or_404(
        SupportingDocument.objects.select_related("profile"), public_id=public_id
    )
    data = request.POST.copy()
    data["kind"], data["entry"] = document.entry_kind, str(document.entry_id)
    form = EntryDecisionForm(data)
    if not form.is_valid():
        context = _viewer_context(request, document, form=form)
        return render(request, "casework/documents/viewer.html", context, status=400)
    try:
        determination = services.entry_decide(
            profile=document.profile,
            kind=document.entry_kind,
            entry_id=document.entry_id,
            lock_version=form.cleaned_data["lock_version"],
            decision=form.cleaned_data["decision"],
            document_reference=form.cleaned_data["document_reference"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ObjectDoesNotExist as missing:
        raise Http404("No such entry") from missing
    except (services.EntryStale, services.DecisionNeedsReason) as refused:
        # A decision already made changes only on the applicant's page, with a reason.
        messages.error(request, str(refused))
        return redirect("casework:officer-document", public_id=document.public_id)
    if determination is None:
        messages.info(request, _("Nothing changed: the entry already says this."))
        return redirect("casework:officer-document", public_id=document.public_id)
    messages.success(
        request,
        _("Entry %(decision)s; the applicant was screened again.")
        % {"decision": form.cleaned_data["decision"]},
    )
    return redirect("casework:officer-document", public_id=document.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("screening.view_applicantprofile", VIEW_ANY, REMOVE_ANY)
def officer_document_remove(request, public_id):
    """Take a document off any applicant's file, saying why (e.g. put on the wrong one)."""
    document = get_object_or_404(
        SupportingDocument.objects.select_related("profile", "uploaded_by"), public_id=public_id
    )
    return _document_remove(request, document, officer=True)


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required("screening.screen_own_profile")
def my_document_remove(request, public_id):
    """An applicant takes off their profile a document they put on file; any other is 404."""
    document = get_object_or_404(
        SupportingDocument.objects.select_related("profile", "uploaded_by"),
        public_id=public_id,
        profile__user=request.user,
        uploaded_by=request.user,
    )
    return _document_remove(request, document, officer=False)


def _document_remove(request, document, *, officer: bool):
    """GET asks to confirm; only a valid POST removes."""
    entry = _entry_or_none(document)
    back = _documents_url(document, entry, officer=officer)
    posted = request.method == "POST"
    form = DocumentRemoveForm(request.POST if posted else None, reason_required=officer)
    if posted and form.is_valid():
        try:
            document_remove(document=document, by=request.user, reason=form.cleaned_data["reason"])
        except SupportingDocument.DoesNotExist as gone:  # removed by someone else meanwhile
            raise Http404("No such document") from gone
        messages.success(request, _("The document was removed."))
        return redirect(back)
    context = {
        "document": document,
        "profile": document.profile,
        "item": entry_view(entry) if entry else None,
        "form": form,
        "officer": officer,
        "back": back,
    }
    status = 400 if form.errors else 200
    return render(request, "casework/documents/remove.html", context, status=status)


def _entry_or_none(document):
    """The document's entry, or None when the applicant has since taken the entry off: its
    documents must still be removable."""
    try:
        return entry_get(
            profile=document.profile, kind=document.entry_kind, entry_id=document.entry_id
        )
    except ObjectDoesNotExist:
        return None


def _documents_url(document, entry, *, officer: bool) -> str:
    """The entry's documents page, or the profile's page when the entry is gone."""
    profile_id = document.profile.public_id
    if entry is None:
        name = "screening:officer-applicant" if officer else "screening:my-profile"
        return reverse(name, args=[profile_id])
    name = "casework:officer-entry-documents" if officer else "casework:my-entry-documents"
    return reverse(name, args=[profile_id, document.entry_kind, entry.pk])


def _document_for(request, public_id) -> SupportingDocument:
    """The document if this user may read it: officers any, an applicant their own; else 404."""
    document = get_object_or_404(
        SupportingDocument.objects.select_related("profile"), public_id=public_id
    )
    user = request.user
    if user.has_perms(("screening.view_applicantprofile", VIEW_ANY)):
        return document
    if user.has_perm("screening.screen_own_profile") and document.profile.user_id == user.pk:
        return document
    raise Http404("No such document")


def _stream(request, public_id, *, download: bool):
    document = _document_for(request, public_id)
    try:  # opened first: a file lost from the store is a 404, and no audited view
        handle = document.file.open("rb")
    except OSError as lost:
        raise Http404("The document's file is missing") from lost
    document_opened(document=document, by=request.user, download=download)
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=download,
        filename=document.download_name,
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    # Framed only by the portal's own viewer page; a PDF needs the browser's viewer.
    response._csp_replace = {"frame-ancestors": ["'self'"], "object-src": ["'self'"]}
    return response


@require_safe
@permission_required()
@xframe_options_sameorigin
def document_file(request, public_id):
    """The document itself, shown in the page (inline); every opening is audited."""
    return _stream(request, public_id, download=False)


@require_safe
@permission_required()
def document_download(request, public_id):
    """The document as a download (attachment); audited like a view."""
    return _stream(request, public_id, download=True)
