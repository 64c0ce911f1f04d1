"""Supporting documents on file: a checked PDF, JPEG or PNG attached to one profile entry."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.models import ENTRY_MODELS, ApplicantProfile


def documents_storage():
    """The named storage `documents` (settings.STORAGES), looked up when used."""
    return storages["documents"]


def document_file_name(instance, filename: str) -> str:
    """A random name: nothing of the applicant or the uploaded name reaches the store."""
    name = uuid.uuid4().hex
    return f"{name[:2]}/{name}"


class SupportingDocument(models.Model):
    class ContentType(models.TextChoices):
        PDF = "application/pdf", _("PDF")
        JPEG = "image/jpeg", _("JPEG image")
        PNG = "image/png", _("PNG image")

    # URLs carry this opaque id, never the primary key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profile = models.ForeignKey(
        ApplicantProfile, on_delete=models.CASCADE, related_name="supporting_documents"
    )
    entry_kind = models.CharField(max_length=20, choices=[(k, k) for k in ENTRY_MODELS])
    entry_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200, help_text="e.g. Records letter 2231")
    file = models.FileField(storage=documents_storage, upload_to=document_file_name, max_length=80)
    # Decided by reading the content, never from the name or the browser's claim.
    content_type = models.CharField(max_length=30, choices=ContentType.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["profile", "entry_kind", "entry_id"])]
        permissions = [("view_audit", "Can read and export the whole audit trail")]

    def __str__(self):  # goes into the audit trail: the title the uploader gave, no file name
        return f"Document {self.public_id}"

    @property
    def is_image(self) -> bool:
        return self.content_type != self.ContentType.PDF

    @property
    def download_name(self) -> str:
        extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
        return f"document-{str(self.public_id)[:8]}.{extension[self.content_type]}"
