from django.urls import path

from classification import views

app_name = "classification"

urlpatterns = [
    path("standards/", views.series_list, name="series-list"),
    path("standards/<slug:series_slug>/", views.series_detail, name="series-detail"),
    path(
        "standards/<slug:series_slug>/v<int:number>/",
        views.series_detail,
        name="series-version",
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
