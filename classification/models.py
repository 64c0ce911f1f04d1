"""Class standards: a series, its versions, and each version's levels with every part of the text.

A version is immutable once stored: an edit or a changed data file makes a new version, so a
determination can always name the exact text it was computed from. The version also keeps the
canonical document (the structure `series_data/` loads) for export, diff and the engine.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Series(models.Model):
    """A class series (stable identity across versions), e.g. `nys-call-center-representative`."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.title


class StandardVersionQuerySet(models.QuerySet):
    def in_effect(self, at: datetime.date | None = None):
        """One version per series: the newest whose effective date is not after `at` (today).

        A version whose effective date is not stated counts as in effect from the start,
        so a standard printed with "00/00/00" is still the one in force.
        """
        at = at or timezone.localdate()
        eligible = self.filter(Q(effective_date__isnull=True) | Q(effective_date__lte=at))
        return eligible.filter(pk=Subquery(_newest_of_series(eligible)))

    def latest_per_series(self):
        """The newest version of each series, whatever its effective date."""
        return self.filter(pk=Subquery(_newest_of_series(self)))


def _newest_of_series(queryset):
    return queryset.filter(series=OuterRef("series")).order_by("-number").values("pk")[:1]


def version_label(number: int, digest: str) -> str:
    """A version as the screening result names it: its number and short digest."""
    return f"{number}-{digest[:8]}"


class StandardVersion(models.Model):
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64, help_text="sha256 of the canonical document")
    document = models.JSONField(help_text="The canonical class-standard/1 document")
    title = models.CharField(max_length=200)
    issuer = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=200, blank=True)
    occupational_code = models.CharField(max_length=20, blank=True)
    effective_date = models.DateField(null=True, blank=True, help_text="Empty: not stated")
    effective_date_as_printed = models.CharField(max_length=40, blank=True)
    # NULL means "not stated" in the source, which is not the same as an empty text.
    promotional_line = models.TextField(null=True, blank=True, help_text="Empty: not stated")  # noqa: DJ001
    narrative = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    source_file = models.CharField(max_length=200, blank=True)
    change_note = models.TextField(blank=True)
    created_at = models.DateTimeField()
    # Who stored a version stays known: accounts are deactivated, not deleted.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )

    objects = StandardVersionQuerySet.as_manager()

    class Meta:
        ordering = ["series__title", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="unique_version_number"),
        ]

    def __str__(self):
        return f"{self.title} (version {self.number})"

    @property
    def label(self) -> str:
        """The version as the screening result names it: number and short digest."""
        return version_label(self.number, self.digest)


class Parenthetic(models.Model):
    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="parenthetics"
    )
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=200, blank=True)
    narrative = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_parenthetic_code"),
        ]

    def __str__(self):
        return self.code


class Definition(models.Model):
    version = models.ForeignKey(
        StandardVersion, on_delete=models.CASCADE, related_name="definitions"
    )
    order = models.PositiveIntegerField()
    key = models.SlugField(max_length=80)
    marker = models.CharField(max_length=10, blank=True)
    term = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="unique_definition_key"),
        ]

    def __str__(self):
        return self.term


class Level(models.Model):
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="levels")
    slug = models.SlugField(max_length=80, help_text="The level id within its series")
    order = models.PositiveIntegerField()
    label = models.CharField(max_length=40, blank=True, help_text='As printed, e.g. "Level II"')
    title = models.CharField(max_length=200)
    parenthetic = models.ForeignKey(
        Parenthetic, null=True, blank=True, on_delete=models.PROTECT, related_name="levels"
    )
    # NULL: the standard states no code (the university prints the placeholder 0000).
    code = models.CharField(max_length=20, null=True, blank=True, help_text="Empty: not stated")  # noqa: DJ001
    code_as_printed = models.CharField(max_length=20, blank=True)
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    probationary_period_months = models.PositiveSmallIntegerField(null=True, blank=True)
    effective_date = models.DateField(null=True, blank=True)
    effective_date_as_printed = models.CharField(max_length=40, blank=True)
    occupational_area = models.CharField(max_length=200, blank=True)
    work_area = models.CharField(max_length=200, blank=True)
    supervision_received = models.TextField(blank=True)
    distinguishing_characteristics = models.JSONField(default=list)
    duties_heading = models.CharField(max_length=200, blank=True)
    qualifications_heading = models.CharField(max_length=200, blank=True)
    qualifications_text = models.JSONField(default=list)
    attributes_heading = models.CharField(max_length=200, blank=True)
    promotes_to = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="promoted_from"
    )

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="unique_level_slug"),
        ]

    def __str__(self):
        return self.title

    @property
    def level_id(self) -> str:
        """The id screenings use: `<series>/<level>`."""
        return f"{self.version.series.slug}/{self.slug}"


class Duty(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "duties"

    def __str__(self):
        return self.text[:80]


class QualificationRoute(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="routes")
    order = models.PositiveIntegerField()
    route = models.SlugField(max_length=40, help_text="entry, open_competitive, promotion, …")
    text = models.TextField(help_text="The verbatim text of this route")
    rule = models.JSONField(help_text="The machine-readable rule (series_data rule language)")
    rule_plain = models.TextField(blank=True, help_text="The rule read back in plain language")

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.level}: {self.route}"

    @property
    def route_label(self) -> str:
        return self.route.replace("_", " ").capitalize()


class PersonalAttribute(models.Model):
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="attributes")
    order = models.PositiveIntegerField()
    text = models.TextField()
    keyboarding_wpm = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.text[:80]


class StandardDraft(models.Model):
    """An analyst's unpublished change to a standard (or a new series): saved, resumable,
    reviewed by another analyst; approval publishes it as a new immutable StandardVersion.

    `document` is the class-standard/1 document being edited; it may be incomplete or invalid
    while the analyst works. `series` is empty for a new series (its slug is in the document).
    """

    class Status(models.TextChoices):
        EDITING = "editing", _("Being edited")
        SUBMITTED = "submitted", _("Waiting for review")
        RETURNED = "returned", _("Sent back")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.PROTECT, related_name="drafts"
    )
    base_version = models.ForeignKey(
        StandardVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The version the draft started from (empty: a new series)",
    )
    title = models.CharField(max_length=200, blank=True)
    document = models.JSONField(default=dict)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.EDITING, db_index=True
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    change_note = models.TextField(blank=True)
    effective_date = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    published_version = models.ForeignKey(
        StandardVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic concurrency: a save from a page rendered before another save is refused.
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-updated_at"]
        permissions = [
            ("approve_standarddraft", "Can approve or send back another analyst's draft"),
        ]

    def __str__(self):
        return self.title or str(self.public_id)
