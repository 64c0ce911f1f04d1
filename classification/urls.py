from django.urls import path

from classification import views, views_editor, views_editor_rule

app_name = "classification"

EDIT = "standards/drafts/<uuid:public_id>/edit/"
ROUTE = EDIT + "levels/<int:number>/routes/<int:route_number>/"

urlpatterns = [
    # The standard editor (before "standards/<slug>/", which would take "new").
    path("standards/new/", views_editor.editor_new, name="editor-new"),
    path(EDIT, views_editor.editor_series, name="editor-series"),
    path(EDIT + "levels/", views_editor.editor_levels, name="editor-levels"),
    path(EDIT + "levels/<int:number>/", views_editor.editor_level, name="editor-level"),
    path(ROUTE, views_editor_rule.editor_rule, name="editor-rule"),
    path(ROUTE + "read-back/", views_editor_rule.editor_read_back, name="editor-read-back"),
    path("standards/", views.series_list, name="series-list"),
    path("standards/compare/", views.compare, name="compare"),
    path("standards/search/", views.search, name="search"),
    path("standards/<slug:series_slug>/", views.series_detail, name="series-detail"),
    path(
        "standards/<slug:series_slug>/v<int:number>/",
        views.series_detail,
        name="series-version",
    ),
    path("standards/<slug:series_slug>/full-text/", views.series_full_text, name="full-text"),
    path(
        "standards/<slug:series_slug>/v<int:number>/full-text/",
        views.series_full_text,
        name="full-text-version",
    ),
    path("standards/<slug:series_slug>/ladder/", views.ladder, name="ladder"),
    path(
        "standards/<slug:series_slug>/v<int:number>/ladder/",
        views.ladder,
        name="ladder-version",
    ),
    path(
        "standards/<slug:series_slug>/versions/",
        views.version_history,
        name="version-history",
    ),
    path("standards/<slug:series_slug>/diff/", views.version_diff, name="version-diff"),
    path("standards/<slug:series_slug>/edit/", views.standard_edit, name="standard-edit"),
    path(
        "standards/<slug:series_slug>/v<int:number>/export.json",
        views.version_export,
        name="version-export",
    ),
    path(
        "standards/<slug:series_slug>/levels/<slug:level_slug>/",
        views.level_detail,
        name="level-detail",
    ),
    path(
        "standards/<slug:series_slug>/v<int:number>/levels/<slug:level_slug>/",
        views.level_detail,
        name="level-version",
    ),
]
