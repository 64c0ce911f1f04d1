"""Saved profiles and determinations in the admin: read-only. Changes go through the portal's
services (which audit them); the audit trail itself is django-auditlog's read-only admin."""

from django.contrib import admin

from classification.admin import ReadOnlyMixin
from screening.models import (
    ApplicantProfile,
    CivilServiceEntry,
    Determination,
    EducationEntry,
    ExperienceEntry,
)


class EducationInline(ReadOnlyMixin, admin.TabularInline):
    model = EducationEntry
    extra = 0
    fields = ["credential", "completed", "verification", "verified_by", "verified_at"]


class ExperienceInline(ReadOnlyMixin, admin.TabularInline):
    model = ExperienceEntry
    extra = 0
    fields = ["title", "start", "end", "verification", "verified_by", "verified_at"]


class CivilServiceInline(ReadOnlyMixin, admin.TabularInline):
    model = CivilServiceEntry
    extra = 0
    fields = ["class_code", "status", "start", "end", "verification", "verified_by"]


@admin.register(ApplicantProfile)
class ApplicantProfileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["public_id", "external_id", "created_at", "updated_at"]
    search_fields = ["external_id", "public_id"]
    exclude = ["current_determination"]
    inlines = [EducationInline, ExperienceInline, CivilServiceInline]


@admin.register(Determination)
class DeterminationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["public_id", "profile", "reason", "as_of", "created_at"]
    list_filter = ["reason"]
    exclude = ["profile_document", "result"]
    readonly_fields = ["profile_sha256", "standard_labels"]
