"""Saved applicant profiles, their entries (each verifiable), and determinations.

A profile mirrors screening-profile/1: education, experience and civil service entries plus the
keyboarding assessment. Each entry carries its own verification state, set by a placement
officer against a document reference; a version counter guards it against two officers acting
at once. A determination is immutable: it keeps the profile document it screened (and its
sha256), the result and the standard versions, so re-screening adds a new one.
"""

import uuid

from django.conf import settings
from django.db import models

from screening.engine import vocab


def _choices(words) -> list[tuple[str, str]]:
    return [(word, vocab.words(word).capitalize()) for word in words]


class Verification(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class ApplicantProfile(models.Model):
    # URLs carry this opaque id, never the primary key, a name or an e-mail address.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # Accounts are deactivated, not deleted: an applicant's record outlives no account.
        on_delete=models.PROTECT,
        related_name="applicant_profiles",
        help_text="The applicant's account; empty for applicants imported by an officer",
    )
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    external_id = models.CharField(max_length=64, blank=True, db_index=True)
    as_of = models.DateField(null=True, blank=True, help_text="Empty: screened as of today")
    keyboarding_wpm = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    current_determination = models.ForeignKey(
        "Determination", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        # The roles' rights beyond view/add/change (portal/roles.py says who holds which).
        permissions = [
            ("verify_entry", "Can verify or reject an applicant's entries"),
            ("rescreen_profile", "Can re-screen an applicant's profile"),
            ("screen_own_profile", "Can save one's own self-check and read one's own profiles"),
            ("view_outcome_report", "Can view the counts of outcomes by level"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unique_applicant_external_id",
            )
        ]

    def __str__(self):  # never personal data: this text goes into the audit trail
        return f"Applicant profile {self.public_id}"

    @property
    def display_name(self) -> str:
        return self.name or self.external_id or f"Applicant {str(self.public_id)[:8]}"


class ProfileEntry(models.Model):
    """What every entry shares: its place in the profile and its verification."""

    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE)
    order = models.PositiveIntegerField(default=0)
    verification = models.CharField(
        max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    # Who acted stays known: a user who verified, rejected or screened cannot be deleted.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    document_reference = models.CharField(max_length=200, blank=True)
    verification_note = models.TextField(blank=True)
    # Optimistic locking: a form carries the counter it was rendered with.
    lock_version = models.PositiveIntegerField(default=0)

    kind = ""

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.kind} entry {self.pk}"

    def get_additional_data(self):
        """auditlog stores this with every record: the trail of a profile is found by it."""
        return {"profile": str(self.profile.public_id)}


class EducationEntry(ProfileEntry):
    kind = "education"

    credential = models.CharField(max_length=40, choices=_choices(vocab.CREDENTIALS))
    semester_hours = models.FloatField(null=True, blank=True)
    quarter_hours = models.FloatField(null=True, blank=True)
    field = models.CharField(max_length=200, blank=True)
    cip = models.CharField(max_length=7, blank=True)
    institution = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, default="US")
    completed = models.CharField(max_length=7, blank=True, help_text="YYYY-MM")

    class Meta(ProfileEntry.Meta):
        default_related_name = "education"
        verbose_name_plural = "education entries"


class ExperienceEntry(ProfileEntry):
    kind = "experience"

    title = models.CharField(max_length=200)
    employer = models.CharField(max_length=200, blank=True)
    employer_type = models.CharField(max_length=40, choices=_choices(vocab.EMPLOYER_TYPES))
    government_level = models.CharField(
        max_length=20, blank=True, choices=_choices(vocab.GOVERNMENT_LEVELS)
    )
    occupation = models.CharField(max_length=40, blank=True, choices=_choices(vocab.OCCUPATIONS))
    start = models.CharField(max_length=7, help_text="YYYY-MM")
    end = models.CharField(max_length=7, blank=True, help_text="YYYY-MM; empty: still there")
    hours_per_week = models.FloatField(null=True, blank=True, help_text="Empty: 40")
    paid = models.BooleanField(default=True)
    settings = models.JSONField(default=list, blank=True)
    duties = models.JSONField(default=list, blank=True)
    disciplines_scheduled = models.PositiveSmallIntegerField(default=0)

    class Meta(ProfileEntry.Meta):
        default_related_name = "experience"
        verbose_name_plural = "experience entries"


class CivilServiceEntry(ProfileEntry):
    kind = "civil_service"

    title = models.CharField(max_length=200, blank=True)
    class_code = models.CharField(max_length=7)
    # NULL is the plain title; the format refuses an empty parenthetic.
    parenthetic = models.CharField(max_length=40, null=True, blank=True)  # noqa: DJ001
    status = models.CharField(max_length=30, choices=_choices(vocab.SERVICE_STATUSES))
    jurisdiction = models.CharField(
        max_length=20, choices=_choices(vocab.JURISDICTIONS), default="competitive"
    )
    start = models.CharField(max_length=7)
    end = models.CharField(max_length=7, blank=True)

    class Meta(ProfileEntry.Meta):
        default_related_name = "civil_service"
        verbose_name_plural = "civil service entries"


ENTRY_MODELS = {
    "education": EducationEntry,
    "experience": ExperienceEntry,
    "civil_service": CivilServiceEntry,
}


class Determination(models.Model):
    """One screening of a profile, kept as it was computed (never edited)."""

    class Reason(models.TextChoices):
        SAVED = "saved", "Profile saved"
        IMPORTED = "imported", "Imported"
        VERIFICATION = "verification", "Entry verified or rejected"
        RESCREEN = "rescreen", "Re-screened on request"
        STANDARD_CHANGED = "standard_changed", "A class standard changed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    profile = models.ForeignKey(
        ApplicantProfile, on_delete=models.CASCADE, related_name="determinations"
    )
    created_at = models.DateTimeField(db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    as_of = models.DateField()
    profile_document = models.JSONField(help_text="The screening-profile/1 document screened")
    profile_sha256 = models.CharField(max_length=64)
    result = models.JSONField(help_text="The screening-result/1 document")
    standard_versions = models.ManyToManyField("classification.StandardVersion", related_name="+")
    standard_labels = models.JSONField(default=dict, help_text="{series: version label}")

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"Determination {self.public_id}"

    def get_additional_data(self):
        return {"profile": str(self.profile.public_id)}

    def tally(self) -> dict[str, int]:
        """How many levels are verified qualified, qualified, in review, not yet."""
        counts = {"verified": 0, "qualified": 0, "review": 0, "not_qualified": 0}
        for item in self.result.get("results", []):
            outcome = item["outcome"]
            key = "verified" if outcome == "qualified" and item.get("verified") else outcome
            counts[key] = counts.get(key, 0) + 1
        return counts


class LevelOutcome(models.Model):
    """A determination's outcome for one level, for filtering the queue and the eligible lists."""

    class Outcome(models.TextChoices):
        QUALIFIED = "qualified", "Qualified"
        REVIEW = "review", "May qualify (review)"
        NOT_QUALIFIED = "not_qualified", "Not yet"

    determination = models.ForeignKey(
        Determination, on_delete=models.CASCADE, related_name="levels"
    )
    level = models.CharField(max_length=170, help_text="<series>/<level>")
    title = models.CharField(max_length=200)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    verified = models.BooleanField(default=False)
    routes = models.JSONField(default=dict, help_text="{route: outcome}")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["level", "outcome", "verified"])]

    def __str__(self):
        return f"{self.level}: {self.outcome}"
