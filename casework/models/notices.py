"""Notices of results: what an officer sent an applicant about one determination, as sent."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A notice of results, kept exactly as issued (page and PDF): it never changes afterwards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=40, unique=True, help_text="e.g. N-2026-000012")
    determination = models.ForeignKey(
        "screening.Determination", on_delete=models.PROTECT, related_name="notices"
    )
    profile = models.ForeignKey(
        "screening.ApplicantProfile", on_delete=models.PROTECT, related_name="notices"
    )
    # Who acted stays known: an officer who issued a notice cannot be deleted.
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(db_index=True)
    review_by = models.DateField(help_text="The last day to ask for a review")
    content = models.JSONField(help_text="What the notice says, level by level, as issued")
    body_html = models.TextField(help_text="The notice's body as rendered when issued")
    pdf = models.BinaryField(help_text="The PDF as issued")
    pdf_sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("notice of results")
        verbose_name_plural = _("notices of results")

    def __str__(self):  # never personal data: this text goes into the audit trail
        return f"Notice {self.reference or self.public_id}"

    def get_additional_data(self):
        return {"profile": str(self.profile.public_id)}
