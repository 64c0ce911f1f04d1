from django.urls import path

from casework import views_lists, views_notices

app_name = "casework"

urlpatterns: list = [
    path(
        "officer/determinations/<uuid:public_id>/notices/",
        views_notices.issue,
        name="notice-issue",
    ),
    path("notices/<uuid:public_id>/", views_notices.detail, name="notice-detail"),
    path("notices/<uuid:public_id>/notice.pdf", views_notices.pdf, name="notice-pdf"),
    path("officer/eligible-lists/", views_lists.index, name="list-index"),
    path("officer/eligible-lists/new/", views_lists.establish, name="list-establish"),
    path("officer/eligible-lists/<uuid:public_id>/", views_lists.detail, name="list-detail"),
    path(
        "officer/eligible-lists/<uuid:public_id>/eligible-list.csv",
        views_lists.csv_export,
        name="list-csv",
    ),
    path(
        "officer/eligible-lists/<uuid:public_id>/certify/",
        views_lists.certify,
        name="list-certify",
    ),
]
