from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from screening import views_applicant, views_jobs, views_officer
from screening.api import ScreeningCreateApi

app_name = "screening"


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file: no inline script (CSP)."""

    schema = None  # the documentation page is not an endpoint of the API it documents


urlpatterns = [
    path("api/v1/screenings", ScreeningCreateApi.as_view(), name="api-screenings"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SwaggerDocsView.as_view(url_name="screening:api-schema"),
        name="api-docs",
    ),
    # Applicants: the self-check needs no account; saved profiles are the applicant's own.
    path("check/", views_applicant.selfcheck_form, name="selfcheck"),
    path("check/upload/", views_applicant.selfcheck_upload, name="selfcheck-upload"),
    path("check/results/", views_applicant.selfcheck_results, name="selfcheck-results"),
    path(
        "check/results/profile.json",
        views_applicant.selfcheck_download,
        name="selfcheck-download",
    ),
    path("check/save/", views_applicant.selfcheck_save, name="selfcheck-save"),
    path("my/profiles/", views_applicant.my_profiles, name="my-profiles"),
    path("my/profiles/<uuid:public_id>/", views_applicant.my_profile, name="my-profile"),
    path(
        "my/profiles/<uuid:public_id>/edit/",
        views_applicant.my_profile_edit,
        name="my-profile-edit",
    ),
    path(
        "my/profiles/<uuid:public_id>/profile.json",
        views_applicant.my_profile_download,
        name="my-profile-download",
    ),
    # Placement officers.
    # The queue of applicants is casework's (`casework:queue`, the same address).
    path(
        "officer/applicants/<uuid:public_id>/",
        views_officer.applicant,
        name="officer-applicant",
    ),
    path(
        "officer/applicants/<uuid:public_id>/decide/",
        views_officer.entry_decide,
        name="officer-decide",
    ),
    path(
        "officer/applicants/<uuid:public_id>/rescreen/",
        views_officer.rescreen,
        name="officer-rescreen",
    ),
    path("officer/import/", views_officer.import_applicants, name="officer-import"),
    path(
        "officer/import/<uuid:public_id>/",
        views_officer.import_job,
        name="officer-import-job",
    ),
    path("officer/eligible/", views_officer.eligible_export, name="officer-export"),
    # Analysts and officers: counts, no personal data.
    path("reports/", views_officer.report, name="reports"),
    # Bulk re-evaluation: analysts and officers see jobs; analysts cancel, resume and preview.
    path("jobs/", views_jobs.job_list, name="job-list"),
    path("jobs/<uuid:public_id>/", views_jobs.job_detail, name="job-detail"),
    path("jobs/<uuid:public_id>/progress.json", views_jobs.job_progress_json, name="job-progress"),
    path("jobs/<uuid:public_id>/changes.csv", views_jobs.job_changes_csv, name="job-changes-csv"),
    path("jobs/<uuid:public_id>/cancel/", views_jobs.job_cancel_view, name="job-cancel"),
    path("jobs/<uuid:public_id>/resume/", views_jobs.job_resume_view, name="job-resume"),
    path(
        "jobs/for/<slug:series_slug>/v<int:number>/",
        views_jobs.job_for_version,
        name="job-for-version",
    ),
    path("jobs/preview/<slug:series_slug>/", views_jobs.job_preview, name="job-preview"),
    path(
        "jobs/preview/draft/<uuid:public_id>/",
        views_jobs.job_preview_draft,
        name="job-preview-draft",
    ),
]
