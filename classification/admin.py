"""The admin site for HR analysts: stored versions are shown read-only (a version never changes)."""

from django.contrib import admin
from django.urls import reverse

from classification.models import (
    Definition,
    Duty,
    Level,
    PersonalAttribute,
    QualificationRoute,
    Series,
    StandardVersion,
)


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DefinitionInline(ReadOnlyMixin, admin.TabularInline):
    model = Definition
    fields = ["order", "marker", "term", "text"]
    extra = 0


class LevelInline(ReadOnlyMixin, admin.TabularInline):
    model = Level
    fields = [
        "order",
        "slug",
        "title",
        "parenthetic",
        "code",
        "grade",
        "probationary_period_months",
    ]
    extra = 0
    show_change_link = True


@admin.register(Series)
class SeriesAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "slug"]


@admin.register(StandardVersion)
class StandardVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: analysts edit a standard on its edit page, which stores a new version."""

    list_display = ["title", "number", "effective_date", "created_at", "created_by"]
    list_filter = ["series"]
    search_fields = ["title", "change_note"]
    exclude = ["document"]
    inlines = [DefinitionInline, LevelInline]

    def view_on_site(self, obj):
        return reverse("classification:series-version", args=[obj.series.slug, obj.number])


class DutyInline(ReadOnlyMixin, admin.TabularInline):
    model = Duty
    extra = 0


class RouteInline(ReadOnlyMixin, admin.StackedInline):
    model = QualificationRoute
    extra = 0


class AttributeInline(ReadOnlyMixin, admin.TabularInline):
    model = PersonalAttribute
    extra = 0


@admin.register(Level)
class LevelAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "version", "code", "grade", "probationary_period_months"]
    list_filter = ["version__series"]
    search_fields = ["title", "code"]
    inlines = [DutyInline, RouteInline, AttributeInline]
