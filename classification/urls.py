from django.urls import path

from classification import views, views_drafts

app_name = "classification"

# Drafts come before `standards/<series>/`, whose slug would otherwise take "drafts".
draft_patterns = [
    path("standards/drafts/", views_drafts.draft_list_view, name="draft-list"),
    path("standards/drafts/import/", views_drafts.draft_import, name="draft-import"),
    path("standards/drafts/new/<slug:series_slug>/", views_drafts.draft_start, name="draft-start"),
    path("standards/drafts/<uuid:public_id>/", views_drafts.draft_detail, name="draft-detail"),
    path(
        "standards/drafts/<uuid:public_id>/document.yaml",
        views_drafts.draft_yaml,
        name="draft-yaml",
    ),
    path(
        "standards/drafts/<uuid:public_id>/submit/",
        views_drafts.draft_submit_view,
        name="draft-submit",
    ),
    path(
        "standards/drafts/<uuid:public_id>/review/",
        views_drafts.draft_review,
        name="draft-review",
    ),
    path(
        "standards/drafts/<uuid:public_id>/approve/",
        views_drafts.draft_approve_view,
        name="draft-approve",
    ),
    path(
        "standards/drafts/<uuid:public_id>/send-back/",
        views_drafts.draft_send_back_view,
        name="draft-send-back",
    ),
    path(
        "standards/drafts/<uuid:public_id>/withdraw/",
        views_drafts.draft_withdraw_view,
        name="draft-withdraw",
    ),
]

urlpatterns = [
    *draft_patterns,
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
        "standards/<slug:series_slug>/v<int:number>/export.yaml",
        views_drafts.version_export_yaml,
        name="version-export-yaml",
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
