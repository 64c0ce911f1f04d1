"""Documents taken off file: officers any (with a reason), an applicant what they put on their
own profile; the row and its audit record in one transaction, the stored file deleted only once
it commits; anyone else 404; the confirmation page, its links, and its Spanish."""

import logging

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from casework.models import SupportingDocument
from casework.services.documents import document_remove
from screening import audit
from screening.audit_words import audit_sentences
from tests.factories import (
    CASEY,
    UserFactory,
    analyst_user,
    applicant_user,
    document_on_file,
    officer_user,
    saved_profile,
)

pytestmark = pytest.mark.django_db
WRONG = "Put on the wrong applicant"


@pytest.fixture
def casey(loaded_standards):
    owner = applicant_user()
    return saved_profile(CASEY, user=owner)


@pytest.fixture
def lee():
    return officer_user(username="lee", first_name="Lee", last_name="Park")


def _remove_url(document, *, officer=True):
    name = "casework:officer-document-remove" if officer else "casework:my-document-remove"
    return reverse(name, args=[document.public_id])


def _entry_url(profile, *, officer=True):
    entry = profile.education.first()
    name = "casework:officer-entry-documents" if officer else "casework:my-entry-documents"
    return reverse(name, args=[profile.public_id, "education", entry.pk])


def _stored(documents_dir, document):
    return documents_dir / document.file.name


def _removed(what="document_removed"):
    return LogEntry.objects.filter(additional_data__what=what)


def _sentence(record) -> str:
    [line] = audit_sentences(
        [LogEntry.objects.select_related("actor", "content_type").get(pk=record.pk)]
    )
    return line["text"]


# --- An officer removes, with a reason ------------------------------------------------------


def test_an_officer_removes_a_document_with_a_reason(
    client, casey, lee, documents_dir, django_capture_on_commit_callbacks
):
    document = document_on_file(casey, by=lee)
    stored = _stored(documents_dir, document)
    client.force_login(lee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remove_url(document), {"reason": WRONG})
    assert response.status_code == 302
    assert response["Location"] == _entry_url(casey)
    assert not SupportingDocument.objects.exists()
    assert not stored.exists()
    record = _removed().get()
    assert (record.actor, record.action) == (lee, audit.DELETE)
    assert record.changes == {"title": ["Records letter 2231", None]}
    assert record.additional_data["reason"] == WRONG
    assert record.additional_data["title"] == "Records letter 2231"
    assert record.additional_data["profile"] == str(casey.public_id)
    assert record.object_pk == str(document.pk)
    page = client.get(response["Location"])
    assert "The document was removed." in page.content.decode()


def test_the_trail_says_who_removed_what_from_which_entry_and_why(
    client, casey, lee, documents_dir
):
    document_remove(document=document_on_file(casey, by=lee), by=lee, reason=WRONG)
    expected = (
        "Officer Lee Park removed document “Records letter 2231” from “High school diploma” "
        f"(reason: {WRONG})."
    )
    assert _sentence(_removed().get()) == expected
    client.force_login(officer_user())
    page = client.get(reverse("casework:audit-trail"), {"action": "document_removed"})
    assert expected in page.content.decode()
    assert "Document removed" in page.content.decode()  # the filter's name for the kind


def test_without_a_reason_the_sentence_has_no_reason_part(casey, documents_dir):
    document_remove(document=document_on_file(casey, by=casey.user), by=casey.user)
    text = _sentence(_removed().get())
    assert text.endswith("removed document “Records letter 2231” from “High school diploma”.")


def test_a_failed_removal_keeps_the_row_and_the_file(
    casey, lee, documents_dir, monkeypatch, django_capture_on_commit_callbacks
):
    document = document_on_file(casey, by=lee)
    stored = _stored(documents_dir, document)

    def refused(**kwargs):
        raise RuntimeError("the audit store is down")

    monkeypatch.setattr(audit, "audit_record", refused)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        document_remove(document=document, by=lee, reason=WRONG)
    assert callbacks == []
    assert SupportingDocument.objects.filter(pk=document.pk).exists()
    assert stored.exists()


def test_a_document_removed_meanwhile_is_not_removed_twice(casey, lee, documents_dir):
    document = document_on_file(casey, by=lee)
    stale = SupportingDocument.objects.get(pk=document.pk)
    document_remove(document=document, by=lee, reason=WRONG)
    with pytest.raises(SupportingDocument.DoesNotExist):
        document_remove(document=stale, by=officer_user(), reason=WRONG)
    assert _removed().count() == 1


def test_a_store_that_fails_to_delete_is_logged_by_the_random_name_only(
    casey, lee, documents_dir, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    document = document_on_file(casey, by=lee)
    name = document.file.name

    def broken(self, name):
        raise OSError("the store is unreachable")

    monkeypatch.setattr(type(document.file.storage), "delete", broken)
    with (
        caplog.at_level(logging.ERROR, logger="casework.documents"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document_remove(document=document, by=lee, reason=WRONG)
    assert not SupportingDocument.objects.exists()
    [logged] = [r for r in caplog.records if r.name == "casework.documents"]
    assert name in logged.getMessage()
    assert "Records letter" not in logged.getMessage()
    assert "Casey" not in logged.getMessage()


def test_an_officer_must_give_a_reason_of_at_most_500_characters(client, casey, documents_dir):
    document = document_on_file(casey)
    client.force_login(officer_user())
    for reason in ("", "   ", "x" * 501):
        response = client.post(_remove_url(document), {"reason": reason})
        assert response.status_code == 400
    html = client.post(_remove_url(document), {"reason": ""}).content.decode()
    assert "Reason: Say why the document is removed." in html  # the error summary
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_reason_helptext id_reason_error"' in html
    assert SupportingDocument.objects.filter(pk=document.pk).exists()
    assert _stored(documents_dir, document).exists()
    assert not _removed().exists()


def test_the_confirmation_page_asks_and_a_get_never_removes(client, casey, documents_dir):
    document = document_on_file(casey)
    client.force_login(officer_user())
    page = client.get(_remove_url(document))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>High school diploma</h1>" in html
    assert "Records letter 2231" in html
    assert '<form method="post"' in html and 'name="reason"' in html
    assert 'class="button danger">Remove the document</button>' in html
    assert f'href="{_entry_url(casey)}">Cancel</a>' in html
    assert client.head(_remove_url(document)).status_code == 200
    assert SupportingDocument.objects.filter(pk=document.pk).exists()
    assert not _removed().exists()


def test_a_document_whose_entry_is_gone_can_still_be_removed(client, casey, lee, documents_dir):
    document = document_on_file(casey, by=lee)
    casey.education.all().delete()  # the applicant took the entry off their profile
    client.force_login(lee)
    page = client.get(_remove_url(document))
    assert page.status_code == 200
    assert "An entry no longer on the profile" in page.content.decode()
    response = client.post(_remove_url(document), {"reason": WRONG})
    assert response["Location"] == reverse("screening:officer-applicant", args=[casey.public_id])
    assert not SupportingDocument.objects.exists()
    text = _sentence(_removed().get())  # the entry named from the record, as it can be
    assert text == (
        f"Officer Lee Park removed document “Records letter 2231” from “an education entry” "
        f"(reason: {WRONG})."
    )


# --- An applicant removes what they put on file; nobody else --------------------------------


def test_an_applicant_removes_their_own_upload_without_a_reason(
    client, casey, documents_dir, django_capture_on_commit_callbacks
):
    document = document_on_file(casey, by=casey.user)
    stored = _stored(documents_dir, document)
    client.force_login(casey.user)
    page = client.get(_remove_url(document, officer=False))
    assert "(optional)" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remove_url(document, officer=False), {"reason": ""})
    assert response.status_code == 302
    assert response["Location"] == _entry_url(casey, officer=False)
    assert not SupportingDocument.objects.exists()
    assert not stored.exists()
    record = _removed().get()
    assert (record.actor, record.additional_data["reason"]) == (casey.user, "")


def test_an_applicant_cannot_remove_an_officers_upload_or_anothers_document(
    client, casey, documents_dir
):
    officers = document_on_file(casey, by=officer_user())
    robin = saved_profile(CASEY, user=applicant_user(), applicant={"name": "Robin"})
    robins = document_on_file(robin, by=robin.user)
    client.force_login(casey.user)
    for document in (officers, robins):
        url = _remove_url(document, officer=False)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "mine"}).status_code == 404
    assert client.post(_remove_url(officers), {"reason": WRONG}).status_code == 403
    assert SupportingDocument.objects.count() == 2
    assert not _removed().exists()


def test_others_are_sent_to_sign_in_or_refused_as_by_the_neighbouring_views(
    client, casey, documents_dir
):
    document = document_on_file(casey)
    url = _remove_url(document)
    assert client.get(url).status_code == 302  # sign in first
    assert client.post(url, {"reason": WRONG})["Location"].startswith(reverse("login"))
    client.force_login(analyst_user())
    assert client.post(url, {"reason": WRONG}).status_code == 403
    viewer = reverse("casework:officer-document", args=[document.public_id])
    assert client.get(viewer).status_code == 403  # the same as the viewer beside it
    client.force_login(officer_user())
    assert client.post(_remove_url(document, officer=False)).status_code == 403
    assert SupportingDocument.objects.filter(pk=document.pk).exists()


def _reader_without_removal():
    """An officer-like user who may read and add documents but not remove them."""
    user = UserFactory()
    codenames = ("view_applicantprofile", "view_supportingdocument", "add_supportingdocument")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_an_officer_without_the_permission_may_not_remove(client, casey, documents_dir):
    document = document_on_file(casey)
    client.force_login(_reader_without_removal())
    assert client.get(_remove_url(document)).status_code == 403
    assert client.post(_remove_url(document), {"reason": WRONG}).status_code == 403
    assert SupportingDocument.objects.filter(pk=document.pk).exists()


# --- The links, for who may use them --------------------------------------------------------


def test_the_remove_links_appear_only_for_who_may_use_them(client, casey, documents_dir):
    officers = document_on_file(casey, title="Records letter")
    own = document_on_file(casey, by=casey.user, title="My diploma")
    client.force_login(officer_user())
    html = client.get(_entry_url(casey)).content.decode()
    assert _remove_url(officers) in html and _remove_url(own) in html
    assert '<span class="visually-hidden"> Records letter</span>' in html
    viewer = reverse("casework:officer-document", args=[officers.public_id])
    assert "Remove this document" in client.get(viewer).content.decode()

    client.force_login(_reader_without_removal())
    html = client.get(_entry_url(casey)).content.decode()
    assert "/remove/" not in html
    assert "Remove this document" not in client.get(viewer).content.decode()

    client.force_login(casey.user)
    html = client.get(_entry_url(casey, officer=False)).content.decode()
    assert _remove_url(own, officer=False) in html
    assert _remove_url(officers, officer=False) not in html
    assert _remove_url(officers) not in html and _remove_url(own) not in html


# --- In Spanish -----------------------------------------------------------------------------


def test_the_applicants_confirmation_page_is_in_spanish(client, casey, documents_dir):
    document = document_on_file(casey, by=casey.user)
    client.force_login(casey.user)
    url = "/es" + _remove_url(document, officer=False)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="es">' in html
    assert "Quitar el documento" in html and "Motivo" in html and "Cancelar" in html
    assert "archivado por" in html
    english = (
        "Remove",
        "Reason",
        ">Cancel<",
        "At most 500",
        "put on file by",
        "removed for good",
        "PNG image",
        "(optional)",
    )
    assert not [words for words in english if words in html]
    refused = client.post(url, {"reason": "x" * 501}).content.decode()
    assert "No se ha quitado el documento" in refused
    done = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Se ha quitado el documento." in done
