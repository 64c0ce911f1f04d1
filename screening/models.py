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


def number_for_document(value):
    """A stored float as the document writes it: 40.0 is 40, 37.5 stays 37.5."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


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
    # The screening-profile/1 document the entries render to (rejected ones left out), kept in
    # step by the one write path; bulk re-evaluation reads it instead of rebuilding it.
    document = models.JSONField(default=dict, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    # Bumped by every change of the document: a re-evaluation batch computed from an older
    # revision writes nothing for this profile (a newer screening already stands).
    revision = models.PositiveIntegerField(default=0)

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
        # The officers' queue sorted by name, in keyset pages (name, then the key).
        indexes = [models.Index(fields=["name", "id"], name="applicant_profile_name")]

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
        # The queue counts the entries left to check from this index alone.
        indexes = [models.Index(fields=["verification", "profile"], name="%(class)s_verif")]

    def __str__(self):
        return f"{self.kind} entry {self.pk}"

    def get_additional_data(self):
        """auditlog stores this with every record: the trail of a profile is found by it."""
        return {"profile": str(self.profile.public_id)}

    def to_document(self) -> dict:
        """The entry as screening-profile/1 writes it (empty optional fields left out)."""
        item = {k: v for k, v in self.document_fields().items() if v not in (None, "", [])}
        if self.verification == Verification.VERIFIED:
            item["verified"] = True
        return item

    def document_fields(self) -> dict:
        raise NotImplementedError

    @classmethod
    def fields_from_document(cls, item: dict) -> dict:
        """Model field values from one (valid) entry of a screening-profile/1 document."""
        raise NotImplementedError


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

    def document_fields(self) -> dict:
        return {
            "credential": self.credential,
            "semester_hours": number_for_document(self.semester_hours),
            "quarter_hours": number_for_document(self.quarter_hours),
            "field": self.field,
            "cip": self.cip,
            "institution": self.institution,
            "country": self.country if self.country != "US" else None,
            "completed": self.completed,
        }

    @classmethod
    def fields_from_document(cls, item: dict) -> dict:
        return {
            "credential": item["credential"],
            "semester_hours": item.get("semester_hours"),
            "quarter_hours": item.get("quarter_hours"),
            "field": item.get("field") or "",
            "cip": item.get("cip") or "",
            "institution": item.get("institution") or "",
            "country": item.get("country") or "US",
            "completed": item.get("completed") or "",
        }


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

    def document_fields(self) -> dict:
        return {
            "title": self.title,
            "employer": self.employer,
            "employer_type": self.employer_type,
            "government_level": self.government_level,
            "occupation": self.occupation,
            "start": self.start,
            "end": self.end,
            "hours_per_week": number_for_document(self.hours_per_week),
            "paid": None if self.paid else False,
            "settings": list(self.settings),
            "duties": list(self.duties),
            "disciplines_scheduled": self.disciplines_scheduled or None,
        }

    @classmethod
    def fields_from_document(cls, item: dict) -> dict:
        return {
            "title": item["title"],
            "employer": item.get("employer") or "",
            "employer_type": item["employer_type"],
            "government_level": item.get("government_level") or "",
            "occupation": item.get("occupation") or "",
            "start": item["start"],
            "end": item.get("end") or "",
            "hours_per_week": item.get("hours_per_week"),
            "paid": item.get("paid", True),
            "settings": list(item.get("settings") or []),
            "duties": list(item.get("duties") or []),
            "disciplines_scheduled": item.get("disciplines_scheduled") or 0,
        }


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

    def document_fields(self) -> dict:
        return {
            "title": self.title,
            "class_code": self.class_code,
            "parenthetic": self.parenthetic,
            "status": self.status,
            "jurisdiction": self.jurisdiction if self.jurisdiction != "competitive" else None,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def fields_from_document(cls, item: dict) -> dict:
        return {
            "title": item.get("title") or "",
            "class_code": item["class_code"],
            "parenthetic": item.get("parenthetic"),
            "status": item["status"],
            "jurisdiction": item.get("jurisdiction") or "competitive",
            "start": item["start"],
            "end": item.get("end") or "",
        }


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
        EDITED = "edited", "Changed by the applicant"

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
        return outcome_tally(self.result)


def outcome_tally(result: dict) -> dict[str, int]:
    """A screening-result/1 document's levels counted: verified, qualified, review, not yet."""
    counts = {"verified": 0, "qualified": 0, "review": 0, "not_qualified": 0}
    for item in result.get("results", []):
        outcome = item["outcome"]
        key = "verified" if outcome == "qualified" and item.get("verified") else outcome
        counts[key] = counts.get(key, 0) + 1
    return counts


class Outcome(models.TextChoices):
    QUALIFIED = "qualified", "Qualified"
    REVIEW = "review", "May qualify (review)"
    NOT_QUALIFIED = "not_qualified", "Not yet"


class CurrentOutcome(models.Model):
    """An applicant's standing outcome for one level: exactly one row per applicant and level.

    Written only through `screening.services.outcomes.outcomes_apply`, and only when the
    outcome changes; a re-evaluation that confirms it leaves the row alone (the job says so).
    """

    profile = models.ForeignKey(ApplicantProfile, on_delete=models.CASCADE, related_name="outcomes")
    level = models.CharField(max_length=170, help_text="<series>/<level>")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    verified = models.BooleanField(default=False)
    changed_at = models.DateTimeField()
    determination = models.ForeignKey(
        Determination, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    job = models.ForeignKey(
        "ReevaluationJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["profile", "level"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "level"], name="one_outcome_per_level"),
        ]
        indexes = [models.Index(fields=["level", "outcome", "verified"])]

    def __str__(self):
        return f"{self.level}: {self.outcome}"


class OutcomeChange(models.Model):
    """One change of an applicant's outcome for one level, and what caused it (immutable)."""

    profile = models.ForeignKey(
        ApplicantProfile, on_delete=models.CASCADE, related_name="outcome_changes"
    )
    level = models.CharField(max_length=170)
    before = models.CharField(max_length=20, blank=True, help_text="Empty: not screened before")
    before_verified = models.BooleanField(default=False)
    after = models.CharField(max_length=20, blank=True, help_text="Empty: the level is gone")
    after_verified = models.BooleanField(default=False)
    at = models.DateTimeField(db_index=True)
    determination = models.ForeignKey(
        Determination, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    job = models.ForeignKey(
        "ReevaluationJob", null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["job", "level"]), models.Index(fields=["profile", "-at"])]

    def __str__(self):
        return f"{self.level}: {self.before or '-'} → {self.after or '-'}"


class ReevaluationJob(models.Model):
    """A re-evaluation of every applicant in scope against one series' standards.

    Written in the same transaction as the standard version that causes it and dispatched on
    commit; its batches are the outbox: a batch neither done nor claimed within its lease is
    sent again by the periodic sweep, so a broker outage delays a job and never loses it.
    """

    class Reason(models.TextChoices):
        VERSION_STORED = "version_stored", "A version was stored"
        VERSION_EFFECTIVE = "version_effective", "A version took effect"
        ON_DEMAND = "on_demand", "Requested"
        PREVIEW = "preview", "Preview of a draft"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        QUEUED = "queued", "Waiting for the queue"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        SUPERSEDED = "superseded", "Superseded by a newer job"

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey("classification.Series", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version that caused the job; the job screens against the series' versions up to the
    # pinned number (the newest stored when it was requested), never a later one.
    version = models.ForeignKey(
        "classification.StandardVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pinned_number = models.PositiveIntegerField(default=0)
    # Requests that coalesce into a queued job bring newer versions: the job answers for every
    # version from this number to the pinned one.
    first_number = models.PositiveIntegerField(default=0)
    run_on = models.DateField(null=True, blank=True, help_text="Scheduled: the day it starts")
    at = models.DateField(null=True, blank=True, help_text="As-of date of undated profiles")
    levels = models.JSONField(default=list, blank=True, help_text="Level ids in scope")
    levels_requested = models.JSONField(
        default=list, blank=True, help_text="Empty: the levels whose rules changed"
    )
    dry_run = models.BooleanField(default=False, help_text="Counts only; writes no outcome")
    draft = models.JSONField(null=True, blank=True, help_text="Preview: the unsaved document")
    total = models.PositiveIntegerField(default=0, help_text="Applicants in scope")
    dispatched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["series", "status"])]

    def __str__(self):
        return f"Re-evaluation job {self.public_id}"

    @property
    def writes(self) -> bool:
        return not (self.dry_run or self.reason == self.Reason.PREVIEW)


class ReevaluationBatch(models.Model):
    """A fixed range of applicant keys of one job: claimed, computed, written once."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped (job superseded or cancelled)"
        FAILED = "failed", "Failed"

    job = models.ForeignKey(ReevaluationJob, on_delete=models.CASCADE, related_name="batches")
    number = models.PositiveIntegerField()
    first_pk = models.BigIntegerField()
    last_pk = models.BigIntegerField()
    size = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0, help_text="Applicants with a new outcome")
    # {level: {"became_qualified": n, "stopped_qualified": n, "to_review": n,
    #          "from_review": n, "same": n}}
    impact = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="unique_batch_number"),
        ]
        indexes = [models.Index(fields=["status", "lease_until"])]

    def __str__(self):
        return f"Batch {self.number} of {self.job}"


class ImportJob(models.Model):
    """An officer's large import, run in the background: all applicants stored, or none.

    The uploaded text is kept only until the job ends (it is personal data), then cleared;
    the errors by line and column stay for the officer to read.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the queue"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        REFUSED = "refused", "Refused: nothing was imported"
        FAILED = "failed", "Failed: nothing was imported"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    kind = models.CharField(max_length=10, help_text="csv or jsonl")
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    text = models.TextField(blank=True, help_text="The upload, until the job ends")
    size = models.PositiveIntegerField(default=0, help_text="Bytes uploaded")
    created = models.PositiveIntegerField(default=0, help_text="Applicants imported")
    errors = models.JSONField(default=list, blank=True, help_text="[{line, column, message}]")
    dispatched_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.public_id}"


from screening.models_decisions import EntryDecision  # noqa: E402, F401  (the decisions' history)
