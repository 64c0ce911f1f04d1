"""Documents on file: what is refused (by content), where it is kept, who may read it, and
that every upload and every opening is in the audit trail."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from casework.documents_check import DocumentRefused, content_type_of
from casework.models import SupportingDocument
from tests.factories import (
    CASEY,
    NOW,
    analyst_user,
    applicant_user,
    document_on_file,
    jpeg_bytes,
    officer_user,
    pdf_bytes,
    png_bytes,
    saved_profile,
    upload,
)

pytestmark = pytest.mark.django_db


# --- The content decides, never the name ------------------------------------------------


def test_each_kept_format_is_recognised_by_its_content():
    assert content_type_of(pdf_bytes()) == "application/pdf"
    assert content_type_of(jpeg_bytes()) == "image/jpeg"
    assert content_type_of(png_bytes()) == "image/png"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Dear officer,\nplease accept this diploma.\n", "not a PDF, JPEG or PNG"),
        (png_bytes()[:40], "damaged"),
        (b"%PDF-1.7\n1 0 obj <<>> endobj\n", "end-of-file"),
        (b"%PDF-1.7\ngarbage garbage\n%%EOF\n", "cannot be read"),
        (b"\xff\xd8\xff" + b"\x00" * 100, "damaged"),
    ],
    ids=["empty", "text", "truncated-png", "pdf-without-eof", "pdf-garbage", "jpeg-magic-only"],
)
def test_what_is_not_a_real_document_is_refused_with_a_reason(data, message):
    with pytest.raises(DocumentRefused, match=message):
        content_type_of(data)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width by height pixels (its header only: nothing to decode)."""
    import struct
    import zlib

    header = b"IHDR" + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + header + struct.pack(">I", zlib.crc32(header))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + chunk + end


def test_an_image_bomb_is_refused_before_any_pixel_is_decoded():
    with pytest.raises(DocumentRefused, match="too many pixels"):
        content_type_of(_png_header_only(40_000, 40_000))


def test_a_locked_or_endless_pdf_is_refused():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(DocumentRefused, match="password-protected"):
        content_type_of(locked.getvalue())
    with pytest.raises(DocumentRefused, match="more than 500 pages"):
        content_type_of(pdf_bytes(pages=501))


@pytest.fixture
def casey(loaded_standards):
    owner = applicant_user()
    return saved_profile(CASEY, user=owner)


def _entry_url(profile, *, officer=True):
    entry = profile.education.first()
    name = "casework:officer-entry-documents" if officer else "casework:my-entry-documents"
    return reverse(name, args=[profile.public_id, "education", entry.pk])


def _post(client, url, data: bytes, name: str, content_type: str, title="Records letter 2231"):
    return client.post(url, {"title": title, "file": upload(data, name, content_type)})


def test_a_png_named_pdf_is_kept_as_the_png_it_is(client, casey, documents_dir):
    client.force_login(officer_user())
    response = _post(client, _entry_url(casey), png_bytes(), "letter.pdf", "application/pdf")
    document = SupportingDocument.objects.get()
    assert response.status_code == 302
    assert document.content_type == "image/png"
    file = client.get(reverse("casework:document-file", args=[document.public_id]))
    assert file["Content-Type"] == "image/png"
    assert file["Content-Disposition"].endswith('.png"')


@pytest.mark.parametrize(
    ("data", "name", "claimed", "words"),
    [
        (b"just some text, renamed\n", "diploma.jpg", "image/jpeg", "not a PDF, JPEG or PNG"),
        (b"", "empty.pdf", "application/pdf", "empty"),
    ],
    ids=["text-renamed-jpg", "empty"],
)
def test_a_refused_file_is_a_form_error_and_nothing_is_stored(
    client, casey, documents_dir, data, name, claimed, words
):
    client.force_login(officer_user())
    response = _post(client, _entry_url(casey), data, name, claimed)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not SupportingDocument.objects.exists()
    assert not LogEntry.objects.filter(additional_data__what="document_uploaded").exists()
    assert not [path for path in documents_dir.rglob("*") if path.is_file()]


def test_an_oversize_file_is_refused_naming_the_limit(client, casey, documents_dir, settings):
    settings.DOCUMENTS_MAX_BYTES = 1000
    client.force_login(officer_user())
    response = _post(client, _entry_url(casey), pdf_bytes() + b" " * 2000, "big.pdf", "x/y")
    assert response.status_code == 400
    assert "larger than" in response.content.decode()
    assert not SupportingDocument.objects.exists()


def test_a_title_is_required(client, casey, documents_dir):
    client.force_login(officer_user())
    response = _post(client, _entry_url(casey), pdf_bytes(), "a.pdf", "application/pdf", title="")
    assert response.status_code == 400
    assert "Title or reference" in response.content.decode()
    assert not SupportingDocument.objects.exists()


# --- Storage --------------------------------------------------------------------------------


def test_the_file_is_kept_under_a_random_name_in_the_documents_store(casey, documents_dir):
    data = pdf_bytes()
    document = document_on_file(casey, data=data)
    stored = documents_dir / document.file.name
    assert stored.read_bytes() == data
    assert "casey" not in document.file.name.lower()
    assert str(casey.public_id) not in document.file.name
    assert len(document.file.name.split("/")[-1]) == 32
    assert document.size == len(data)


def test_the_named_storage_is_the_file_system_under_var_by_default(settings):
    entry = settings.STORAGES["documents"]
    assert entry["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert entry["OPTIONS"]["location"].endswith("documents")
    assert entry["OPTIONS"]["base_url"] is None


def test_s3_is_configured_from_the_environment(monkeypatch, tmp_path):
    import sys
    import types

    from portal.storage_settings import documents_storage

    monkeypatch.setitem(sys.modules, "boto3", types.ModuleType("boto3"))
    monkeypatch.setenv("DOCUMENTS_S3_BUCKET", "hr-documents")
    monkeypatch.setenv("DOCUMENTS_S3_ENDPOINT_URL", "https://s3.example.org")
    entry = documents_storage(tmp_path)
    assert entry["BACKEND"] == "storages.backends.s3.S3Storage"
    assert entry["OPTIONS"]["bucket_name"] == "hr-documents"
    assert entry["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
    assert entry["OPTIONS"]["default_acl"] == "private"


def test_s3_without_boto3_stops_the_start_naming_the_variable(monkeypatch, tmp_path):
    import sys

    from portal.env import ConfigurationError
    from portal.storage_settings import documents_storage

    monkeypatch.setitem(sys.modules, "boto3", None)  # import fails
    monkeypatch.setenv("DOCUMENTS_S3_BUCKET", "hr-documents")
    with pytest.raises(ConfigurationError, match="DOCUMENTS_S3_BUCKET"):
        documents_storage(tmp_path)


# --- Who may see it, and the audit of every opening ------------------------------------------


def _file(client, document, name="casework:document-file"):
    return client.get(reverse(name, args=[document.public_id]))


def test_officers_and_the_owner_read_it_others_get_404(client, casey, documents_dir):
    document = document_on_file(casey, data=pdf_bytes())
    expected = {
        casey.user: 200,
        officer_user(): 200,
        applicant_user(): 404,
        analyst_user(): 404,
    }
    for user, status in expected.items():
        client.force_login(user)
        assert _file(client, document).status_code == status
    client.logout()
    assert _file(client, document).status_code == 302  # sign in first


def test_the_file_is_streamed_with_safe_headers(client, casey, documents_dir):
    data = pdf_bytes()
    document = document_on_file(casey, data=data)
    client.force_login(officer_user())
    response = _file(client, document)
    assert b"".join(response.streaming_content) == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    download = _file(client, document, "casework:document-download")
    assert download["Content-Disposition"].startswith("attachment;")


def test_every_upload_view_and_download_is_audited(client, casey, documents_dir):
    officer = officer_user()
    document = document_on_file(casey, by=officer)
    uploaded = LogEntry.objects.get(additional_data__what="document_uploaded")
    assert uploaded.actor == officer
    assert uploaded.additional_data["profile"] == str(casey.public_id)
    assert uploaded.additional_data["title"] == "Records letter 2231"
    client.force_login(officer)
    _file(client, document)
    _file(client, document)
    client.force_login(casey.user)
    _file(client, document, "casework:document-download")
    viewed = LogEntry.objects.filter(additional_data__what="document_viewed").order_by("pk")
    assert [(v.actor, v.additional_data["download"]) for v in viewed] == [
        (officer, False),
        (officer, False),
        (casey.user, True),
    ]
    client.force_login(applicant_user())
    _file(client, document)  # a 404 is no view
    assert viewed.count() == 3


def test_an_applicant_puts_a_document_on_their_own_entry(client, casey, documents_dir):
    client.force_login(casey.user)
    url = _entry_url(casey, officer=False)
    response = _post(client, url, jpeg_bytes(), "diploma.jpg", "image/jpeg", title="Diploma")
    assert response.status_code == 302
    document = SupportingDocument.objects.get()
    assert (document.uploaded_by, document.content_type) == (casey.user, "image/jpeg")
    page = client.get(reverse("screening:my-profile", args=[casey.public_id]))
    assert "Diploma" in page.content.decode()


def test_another_applicants_entry_is_404(client, casey, documents_dir):
    other = saved_profile(CASEY, user=applicant_user(), applicant={"name": "Robin"})
    client.force_login(casey.user)
    entry = other.education.first()
    mine = reverse("casework:my-entry-documents", args=[casey.public_id, "education", entry.pk])
    response = _post(client, mine, pdf_bytes(), "a.pdf", "application/pdf")
    assert response.status_code == 404
    theirs = reverse("casework:my-entry-documents", args=[other.public_id, "education", entry.pk])
    assert client.get(theirs).status_code == 404
    assert not SupportingDocument.objects.exists()


def test_an_unknown_entry_kind_is_404(client, casey, documents_dir):
    client.force_login(officer_user())
    url = reverse("casework:officer-entry-documents", args=[casey.public_id, "hobby", 1])
    assert client.get(url).status_code == 404


def test_a_file_lost_from_the_store_is_404_and_no_view(client, casey, documents_dir):
    document = document_on_file(casey)
    (documents_dir / document.file.name).unlink()
    client.force_login(officer_user())
    assert _file(client, document).status_code == 404
    assert not LogEntry.objects.filter(additional_data__what="document_viewed").exists()


# --- The viewer beside the entry ------------------------------------------------------------


def test_the_viewer_shows_the_entry_its_form_and_the_document(client, casey, documents_dir):
    document = document_on_file(casey, data=pdf_bytes())
    client.force_login(officer_user())
    page = client.get(reverse("casework:officer-document", args=[document.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "High school diploma" in html
    assert f'src="{reverse("casework:document-file", args=[document.public_id])}"' in html
    assert "<iframe" in html
    assert 'value="Records letter 2231"' in html  # the reference, filled in


def test_verifying_from_the_viewer_names_the_document(client, casey, documents_dir):
    document = document_on_file(casey)
    officer = officer_user()
    client.force_login(officer)
    url = reverse("casework:officer-document-decide", args=[document.public_id])
    response = client.post(
        url,
        {"lock_version": 0, "decision": "verified", "document_reference": document.title},
    )
    assert response.status_code == 302
    entry = casey.education.first()
    assert (entry.verification, entry.verified_by) == ("verified", officer)
    assert entry.document_reference == "Records letter 2231"


def test_rejecting_from_the_viewer_without_a_note_is_refused(client, casey, documents_dir):
    document = document_on_file(casey)
    client.force_login(officer_user())
    url = reverse("casework:officer-document-decide", args=[document.public_id])
    response = client.post(url, {"lock_version": 0, "decision": "rejected"})
    assert response.status_code == 400
    assert "Say why the entry is rejected" in response.content.decode()
    assert casey.education.first().verification == "unverified"


def test_the_case_page_lists_documents_with_the_upload_form(client, casey, documents_dir):
    document = document_on_file(casey, at=NOW)
    client.force_login(officer_user())
    html = client.get(reverse("screening:officer-applicant", args=[casey.public_id])).content
    html = html.decode()
    assert reverse("casework:officer-document", args=[document.public_id]) in html
    assert _entry_url(casey) in html
