"""The history of officers' decisions on entries: every verify or reject, never edited.

Kept in screening (not casework) because `entry_decide`, screening's one write path of a
decision, writes it; screening imports nothing from casework.
"""

from django.conf import settings
from django.db import models


class EntryDecision(models.Model):
    """One decision on one entry, as it was made (the earlier ones stay when it changes)."""

    profile = models.ForeignKey(
        "screening.ApplicantProfile", on_delete=models.CASCADE, related_name="entry_decisions"
    )
    entry_kind = models.CharField(max_length=20)
    entry_id = models.BigIntegerField()
    decision = models.CharField(max_length=12)
    document_reference = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="Why an earlier decision was changed")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        app_label = "screening"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["profile", "-at"], name="entrydecision_profile_at")]

    def __str__(self):  # no personal data: this text may reach the audit trail
        return f"{self.entry_kind} entry {self.entry_id}: {self.decision}"

    @property
    def kind_words(self) -> str:
        return self.entry_kind.replace("_", " ").capitalize()
