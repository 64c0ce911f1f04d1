"""The one write path of supporting documents (put on file, removed), and the audit of every
time one is opened."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.documents_check import DocumentRefused, content_type_of
from casework.models import SupportingDocument
from screening import audit
from screening.models import ENTRY_MODELS, ApplicantProfile

UPLOADED = "document_uploaded"
VIEWED = "document_viewed"
REMOVED = "document_removed"

# Its messages name a stored file by its random name only, never the title or the applicant.
logger = logging.getLogger("casework.documents")


def entry_get(*, profile: ApplicantProfile, kind: str, entry_id: int):
    """One entry of this profile; another profile's (or an unknown kind) is DoesNotExist."""
    model = ENTRY_MODELS.get(kind)
    if model is None:
        raise ApplicantProfile.DoesNotExist(f"no entry kind {kind!r}")
    return model.objects.select_related("verified_by").get(pk=entry_id, profile=profile)


def _read_bounded(upload) -> bytes:
    limit = settings.DOCUMENTS_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise DocumentRefused(_too_large(limit))
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DocumentRefused(_too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return _("The file is larger than %(mb)s MB.") % {"mb": f"{limit / 1024 / 1024:g}"}


def document_upload(
    *,
    profile: ApplicantProfile,
    kind: str,
    entry_id: int,
    title: str,
    upload,
    by,
    now: datetime.datetime | None = None,
) -> SupportingDocument:
    """Check, store and record one document for one entry; DocumentRefused stores nothing."""
    now = now or timezone.now()
    entry = entry_get(profile=profile, kind=kind, entry_id=entry_id)
    data = _read_bounded(upload)
    content_type = content_type_of(data)
    document = SupportingDocument(
        profile=profile,
        entry_kind=kind,
        entry_id=entry.pk,
        title=title,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_at=now,
        uploaded_by=by,
    )
    document.file.save("document", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
            audit.audit_record(
                instance=document,
                action=audit.CREATE,
                actor=by,
                changes={"title": [None, title]},
                at=now,
                profile_id=str(profile.public_id),
                what=UPLOADED,
                data=_document_data(document),
            )
    except BaseException:
        document.file.storage.delete(document.file.name)  # nothing half-stored
        raise
    return document


def _document_data(document: SupportingDocument) -> dict:
    return {
        "document": str(document.public_id),
        "title": document.title,
        "entry_kind": document.entry_kind,
        "entry_id": document.entry_id,
    }


def document_remove(
    *,
    document: SupportingDocument,
    by,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> None:
    """Take the document off file, audited; its stored file goes once the removal commits.
    A document already removed (by someone else meanwhile) is DoesNotExist, nothing recorded."""
    now = now or timezone.now()
    storage, name = document.file.storage, document.file.name
    profile_id = str(document.profile.public_id)
    data = {**_document_data(document), "reason": reason}  # read before the row is gone
    with transaction.atomic():
        # Deleted through the queryset: the instance keeps its primary key for the record, and
        # the count tells a removal that lost a race from one that took place.
        deleted, _rows = SupportingDocument.objects.filter(pk=document.pk).delete()
        if not deleted:
            raise SupportingDocument.DoesNotExist("the document was removed meanwhile")
        audit.audit_record(
            instance=document,
            action=audit.DELETE,
            actor=by,
            changes={"title": [document.title, None]},
            at=now,
            profile_id=profile_id,
            what=REMOVED,
            data=data,
        )
        # A removal that rolls back keeps its file: the row would point at nothing otherwise.
        transaction.on_commit(lambda: _stored_file_delete(storage, name))


def _stored_file_delete(storage, name: str) -> None:
    """Delete a removed document's file; a store that fails is logged, the removal stands."""
    try:
        storage.delete(name)
    except Exception:
        logger.exception("The stored file %s of a removed document was not deleted.", name)


def document_opened(*, document: SupportingDocument, by, download: bool = False, now=None) -> None:
    """Record that `by` viewed (or downloaded) the document: every time, before it is sent."""
    audit.audit_record(
        instance=document,
        action=audit.ACCESS,
        actor=by,
        changes={},
        at=now or timezone.now(),
        profile_id=str(document.profile.public_id),
        what=VIEWED,
        data={**_document_data(document), "download": download},
    )
