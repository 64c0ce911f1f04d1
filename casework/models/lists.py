"""Eligible lists: per level, the verified-qualified applicants ranked, as established."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListOrder(models.TextChoices):
    """How the office ranks a list (a small fixed set; ties go by the applicant's key)."""

    APPLICATION_DATE = "application_date", _("Date of application")
    NAME = "name", _("Name")
    EXTERNAL_ID = "external_id", _("External id")


class EligibleList(models.Model):
    """One list for one level, established on a date: its entries are a snapshot.

    Later determinations never change it; a new list is established instead, and the one it
    replaces is marked superseded. Certifying is a second officer's step.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    level = models.CharField(max_length=170, help_text="<series>/<level>", db_index=True)
    level_title = models.CharField(max_length=200)
    established_on = models.DateField()
    expires_on = models.DateField()
    order = models.CharField(
        max_length=20, choices=ListOrder.choices, default=ListOrder.APPLICATION_DATE
    )
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    established_at = models.DateTimeField()
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    certified_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["level", "-established_at", "-pk"]
        permissions = [("certify_eligiblelist", "Can certify an eligible list")]
        constraints = [
            # One list in force per level, even when two officers establish one at once.
            models.UniqueConstraint(
                fields=["level"],
                condition=models.Q(superseded_at=None),
                name="one_list_in_force_per_level",
            )
        ]

    def __str__(self):
        return f"Eligible list {self.public_id} ({self.level})"

    @property
    def status(self) -> str:
        if self.superseded_by_id:
            return "superseded"
        return "certified" if self.certified_at else "established"


class EligibleListEntry(models.Model):
    """One applicant on a list, as they stood when it was established (a snapshot)."""

    eligible_list = models.ForeignKey(
        EligibleList, on_delete=models.CASCADE, related_name="entries"
    )
    profile = models.ForeignKey(
        "screening.ApplicantProfile", on_delete=models.PROTECT, related_name="+"
    )
    # Ranked: verified qualified. Empty: qualified on the applicant's own word, listed apart.
    rank = models.PositiveIntegerField(null=True, blank=True)
    verified = models.BooleanField()
    name = models.CharField(max_length=200, blank=True)
    external_id = models.CharField(max_length=64, blank=True)
    applied_on = models.DateField(help_text="Date of application: the profile's saving")

    class Meta:
        ordering = ["eligible_list", "-verified", "rank", "pk"]
        verbose_name_plural = "eligible list entries"
        constraints = [
            models.UniqueConstraint(fields=["eligible_list", "rank"], name="unique_rank_per_list"),
            models.CheckConstraint(
                condition=models.Q(verified=False, rank__isnull=True)
                | models.Q(verified=True, rank__isnull=False),
                name="ranked_iff_verified",
            ),
        ]

    def __str__(self):
        return f"Entry {self.pk} of {self.eligible_list_id}"
