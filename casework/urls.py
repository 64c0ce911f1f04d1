from django.urls import path

from casework import views_audit, views_documents

app_name = "casework"

urlpatterns = [
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
    path("documents/<uuid:public_id>/file/", views_documents.document_file, name="document-file"),
    path(
        "documents/<uuid:public_id>/download/",
        views_documents.document_download,
        name="document-download",
    ),
    # The whole audit trail in words: officers (and anyone granted casework.view_audit).
    path("officer/audit/", views_audit.audit_trail, name="audit-trail"),
    path("officer/audit/export.csv", views_audit.audit_export, name="audit-export"),
]
