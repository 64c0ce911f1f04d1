from django.urls import path

from casework import views_audit, views_cases, views_documents, views_lists, views_notices

app_name = "casework"

urlpatterns = [
    # The officers' queue of cases (it took the place of screening's plain list).
    path("officer/applicants/", views_cases.queue, name="queue"),
    path("officer/applicants/bulk/", views_cases.bulk, name="bulk"),
    path("officer/applicants/<uuid:public_id>/case/", views_cases.case_update, name="case-update"),
    # Documents on file: officers for any applicant, applicants for their own entries.
    path(
        "officer/applicants/<uuid:public_id>/entries/<slug:kind>/<int:entry_id>/documents/",
        views_documents.officer_entry_documents,
        name="officer-entry-documents",
    ),
    path(
        "my/profiles/<uuid:public_id>/entries/<slug:kind>/<int:entry_id>/documents/",
        views_documents.my_entry_documents,
        name="my-entry-documents",
    ),
    path(
        "officer/documents/<uuid:public_id>/",
        views_documents.officer_document,
        name="officer-document",
    ),
    path(
        "officer/documents/<uuid:public_id>/decide/",
        views_documents.officer_document_decide,
        name="officer-document-decide",
    ),
    # Removal: officers any document (with a reason), applicants those they put on file.
    path(
        "officer/documents/<uuid:public_id>/remove/",
        views_documents.officer_document_remove,
        name="officer-document-remove",
    ),
    path(
        "my/documents/<uuid:public_id>/remove/",
        views_documents.my_document_remove,
        name="my-document-remove",
    ),
    path("documents/<uuid:public_id>/file/", views_documents.document_file, name="document-file"),
    path(
        "documents/<uuid:public_id>/download/",
        views_documents.document_download,
        name="document-download",
    ),
    # The whole audit trail in words: officers (and anyone granted casework.view_audit).
    path("officer/audit/", views_audit.audit_trail, name="audit-trail"),
    path("officer/audit/export.csv", views_audit.audit_export, name="audit-export"),
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
