"""Documents in an S3-compatible store (django-storages and boto3, as `DOCUMENTS_S3_BUCKET`
configures them) against moto's S3 in this process: the same services and views as on the
file system; objects private, under random names, none left behind by a removal or a failure."""

import boto3  # installed by production only where documents go to S3; the dev extra has it
import moto
import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.module_loading import import_string

from casework.models import SupportingDocument
from casework.services.documents import document_remove
from portal.storage_settings import documents_storage
from tests.factories import (
    CASEY,
    applicant_user,
    document_on_file,
    officer_user,
    png_bytes,
    saved_profile,
)

pytestmark = pytest.mark.django_db
BUCKET = "hr-documents"
PUBLIC = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture
def s3(monkeypatch, tmp_path):
    """The documents' field on an S3 bucket in moto, configured from the environment as in
    production; yields the boto3 client to look into the bucket."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("DOCUMENTS_S3_BUCKET", BUCKET)
    monkeypatch.setenv("DOCUMENTS_S3_REGION", "us-east-1")
    monkeypatch.setenv("DOCUMENTS_S3_PREFIX", "documents")
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        entry = documents_storage(tmp_path)
        field = SupportingDocument._meta.get_field("file")
        before = field.storage
        field.storage = import_string(entry["BACKEND"])(**entry["OPTIONS"])
        try:
            yield client
        finally:
            field.storage = before


@pytest.fixture
def casey(loaded_standards):
    return saved_profile(CASEY, user=applicant_user())


def _keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_a_document_is_a_private_object_under_a_random_name(s3, casey):
    data = png_bytes()
    document = document_on_file(casey, data=data, title="Records letter 2231")
    [key] = _keys(s3)
    assert key == f"documents/{document.file.name}"
    assert "Casey" not in key and "2231" not in key and "scan" not in key
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == data
    grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert all(grant["Grantee"].get("URI") != PUBLIC for grant in grants)


def test_an_officer_reads_it_through_the_portal_and_the_reading_is_audited(client, s3, casey):
    data = png_bytes()
    document = document_on_file(casey, data=data)
    client.force_login(officer_user())
    response = client.get(reverse("casework:document-file", args=[document.public_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "image/png"
    assert LogEntry.objects.filter(additional_data__what="document_viewed").count() == 1


def test_a_removal_deletes_the_object_once_it_commits(
    s3, casey, django_capture_on_commit_callbacks
):
    document = document_on_file(casey)
    assert len(_keys(s3)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        document_remove(document=document, by=officer_user(), reason="Wrong applicant")
    assert _keys(s3) == []
    assert not SupportingDocument.objects.exists()


def test_an_upload_whose_record_fails_leaves_no_object(s3, casey, monkeypatch):
    def failing(**kwargs):
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr("screening.audit.audit_record", failing)
    with pytest.raises(RuntimeError):
        document_on_file(casey)
    assert _keys(s3) == []
    assert not SupportingDocument.objects.exists()
