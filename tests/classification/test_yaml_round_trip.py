"""YAML stays: every shipped standard exported as YAML and imported back is the same standard.

"The same digest" means: the imported file, checked with `parse_standard`, has the sha256 of
its canonical JSON (`StandardFile.digest`) equal to the stored version's `digest`; so
publishing it unchanged is refused (StandardUnchanged from the write path, and a draft that
changes nothing cannot be sent for review).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from classification.models import StandardDraft, StandardVersion
from classification.services import StandardUnchanged, standard_version_edit
from classification.services_drafts import DraftRefused, draft_approve, draft_submit
from classification.standard_file import load_yaml, parse_standard
from tests.conftest import SERIES_FILES
from tests.factories import NOW, analyst_user

SLUGS = sorted(SERIES_FILES)


def _exported(client, version) -> str:
    url = reverse("classification:version-export-yaml", args=[version.series.slug, version.number])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert (
        f'filename="{version.series.slug}-v{version.number}.yaml"'
        in response["Content-Disposition"]
    )
    return response.content.decode()


def _import(client, text: str, name="standard.yaml"):
    upload = SimpleUploadedFile(name, text.encode(), content_type="application/yaml")
    return client.post(reverse("classification:draft-import"), {"file": upload})


@pytest.mark.parametrize("slug", SLUGS)
def test_export_then_import_gives_the_same_digest(client, loaded_standards, slug):
    version = loaded_standards[slug]
    text = _exported(client, version)
    assert parse_standard(load_yaml(text, source="")).digest == version.digest

    author = analyst_user()
    client.force_login(author)
    response = _import(client, text)
    draft = StandardDraft.objects.get(author=author)
    assert response.status_code == 302
    assert response["Location"] == reverse("classification:draft-detail", args=[draft.public_id])
    assert draft.series == version.series and draft.base_version == version
    assert parse_standard(draft.document).digest == version.digest

    with pytest.raises(StandardUnchanged):
        standard_version_edit(
            series=version.series,
            document=draft.document,
            effective_date=None,
            change_note="unchanged",
            created_by=author,
            created_at=NOW,
        )
    # Sent for review with the date it already has (or none, if it states none): refused.
    with pytest.raises(DraftRefused, match="nothing to publish"):
        draft_submit(draft=draft, by=author, change_note="x", effective_date=version.effective_date)
    assert StandardVersion.objects.filter(series=version.series).count() == 1


def test_an_exported_standard_under_a_new_slug_publishes_as_a_new_series(client, loaded_standards):
    version = loaded_standards["university-call-center"]
    text = _exported(client, version).replace(
        "series: university-call-center", "series: university-call-center-copy", 1
    )
    author = analyst_user()
    client.force_login(author)
    assert _import(client, text).status_code == 302
    draft = StandardDraft.objects.get(author=author)
    assert draft.series is None
    draft_submit(
        draft=draft, by=author, change_note="copy", effective_date=datetime.date(2027, 1, 1)
    )
    published = draft_approve(draft=draft, by=analyst_user())
    expected = {
        **version.document,
        "series": "university-call-center-copy",
        "effective_date": "2027-01-01",
    }
    assert published.series.slug == "university-call-center-copy"
    assert published.document == expected
    assert published.digest == parse_standard(expected).digest
