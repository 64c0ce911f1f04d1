"""Cases: each applicant profile is one case an officer works (status, owner, due date)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    WAITING = "waiting_documents", _("Waiting for documents")
    DETERMINED = "determined", _("Determined")


class Case(models.Model):
    """One applicant profile's casework; the per-level outcomes are the profile's own.

    Opened in the transaction that stores the profile (screening announces it), so the queue
    reads one table in order of its indexes. `received_at` copies the profile's creation time
    (it never changes): the queue sorts and pages by it without a join.
    """

    profile = models.OneToOneField(
        "screening.ApplicantProfile",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="case",
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # the indexes below begin with it
    )
    received_at = models.DateTimeField()
    due_date = models.DateField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["received_at", "profile"]
        permissions = [("assign_case", "Can assign cases to officers")]
        # The queue's orders, each ending in the primary key (keyset pages), alone and
        # after the filters officers use most ("mine", "unassigned", a status).
        indexes = [
            models.Index(fields=["received_at", "profile"], name="case_received"),
            models.Index(fields=["due_date", "profile"], name="case_due"),
            models.Index(fields=["assignee", "received_at", "profile"], name="case_mine_received"),
            models.Index(fields=["assignee", "due_date", "profile"], name="case_mine_due"),
            models.Index(fields=["status", "received_at", "profile"], name="case_status_received"),
            # What is left, counted from indexes alone: open, mine, unassigned, overdue.
            models.Index(fields=["status", "due_date"], name="case_status_due"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]

    def __str__(self):  # never personal data: this text goes into the audit trail
        return f"Case {self.profile_id}"
