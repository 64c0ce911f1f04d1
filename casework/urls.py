from django.urls import path

from casework import views_cases

app_name = "casework"

urlpatterns: list = [
    # The officers' queue of cases (it took the place of screening's plain list).
    path("officer/applicants/", views_cases.queue, name="queue"),
    path("officer/applicants/bulk/", views_cases.bulk, name="bulk"),
    path("officer/applicants/<uuid:public_id>/case/", views_cases.case_update, name="case-update"),
]
