"""Versions: an analyst's edit makes a new version; history, diff, export and "as of"."""

import datetime
import json

import pytest
import yaml
from django.contrib.auth.models import Group, User
from django.urls import reverse

from classification.diff import ADDED, REMOVED, document_diff
from classification.models import StandardDraft, StandardVersion
from classification.services import StandardUnchanged, standard_version_edit
from classification.standard_file import StandardFileError, parse_standard
from portal.roles import HR_ANALYST, PLACEMENT_OFFICER
from tests.conftest import LOADED_AT

NYS = "nys-call-center-representative"
UNI = "university-call-center"
EDITED_AT = LOADED_AT + datetime.timedelta(days=3)
EDIT = reverse("classification:standard-edit", args=[NYS])


def _user(username, role=None):
    user = User.objects.create_user(username=username, password="a long test password 42")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def analyst(db):
    return _user("ann", HR_ANALYST)


def _edited_document(version, duty="Answers the new video relay line."):
    document = json.loads(json.dumps(version.document))
    document["levels"][1]["duties"].append(duty)
    document["levels"][1]["grade"] = 15
    return document


def test_service_stores_a_new_version_with_who_when_and_why(loaded_standards, analyst):
    first = loaded_standards[NYS]
    version = standard_version_edit(
        series=first.series,
        document=_edited_document(first),
        effective_date=datetime.date(2026, 12, 1),
        change_note="Video relay duty; regraded.",
        created_by=analyst,
        created_at=EDITED_AT,
    )
    assert version.number == 2 and version.created_by == analyst
    assert version.effective_date == datetime.date(2026, 12, 1)
    assert version.document["effective_date"] == "2026-12-01"
    assert version.levels.get(slug="2").grade == 15
    assert version.change_note == "Video relay duty; regraded."
    first.refresh_from_db()
    assert first.levels.get(slug="2").grade == 14  # the old version never changes


def test_service_refuses_invalid_unchanged_or_foreign_documents(loaded_standards, analyst):
    first = loaded_standards[NYS]
    bad = _edited_document(first)
    bad["levels"][0]["grade"] = "nine"
    kwargs = dict(effective_date=None, change_note="x", created_by=analyst, created_at=EDITED_AT)
    with pytest.raises(StandardFileError) as problem:
        standard_version_edit(series=first.series, document=bad, **kwargs)
    assert any(p.startswith("levels[0].grade") for p in problem.value.problems)
    with pytest.raises(StandardUnchanged):
        standard_version_edit(series=first.series, document=first.document, **kwargs)
    foreign = dict(first.document, series=UNI)
    with pytest.raises(StandardFileError):
        standard_version_edit(series=first.series, document=foreign, **kwargs)
    assert StandardVersion.objects.filter(series=first.series).count() == 1


def test_edit_page_needs_a_signed_in_analyst(client, loaded_standards, analyst):
    response = client.get(EDIT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(_user("olga", PLACEMENT_OFFICER))
    assert client.get(EDIT).status_code == 403
    client.force_login(analyst)
    response = client.get(EDIT)
    assert response.status_code == 200
    document = yaml.safe_load(response.context["form"]["document"].value())
    assert parse_standard(document).digest == loaded_standards[NYS].digest


def test_edit_page_shows_every_problem_and_stores_nothing(client, loaded_standards, analyst):
    client.force_login(analyst)
    document = _edited_document(loaded_standards[NYS])
    document["levels"][0]["grade"] = "nine"
    document["levels"][2]["probationary_period_months"] = -1
    response = client.post(
        EDIT, {"document": yaml.safe_dump(document), "change_note": "oops", "effective_date": ""}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["document"]
    assert any("levels[0].grade" in e for e in errors)
    assert any("levels[2].probationary_period_months" in e for e in errors)
    assert "The standard was not saved" in response.content.decode()
    broken = client.post(EDIT, {"document": "levels: [", "change_note": "x"})
    assert "YAML syntax error" in str(broken.context["form"].errors["document"])
    unchanged = client.post(
        EDIT, {"document": yaml.safe_dump(loaded_standards[NYS].document), "change_note": "x"}
    )
    assert "the same as version 1: there is nothing to publish" in str(
        unchanged.context["form"].errors["document"]
    )
    bad_date = client.post(
        EDIT,
        {"document": yaml.safe_dump(document), "change_note": "x", "effective_date": "2026-02-30"},
    )
    assert "effective_date" in bad_date.context["form"].errors
    assert StandardVersion.objects.filter(series__slug=NYS).count() == 1


def test_an_edit_then_history_and_diff_tell_what_changed(client, loaded_standards, analyst):
    client.force_login(analyst)
    document = _edited_document(loaded_standards[NYS])
    response = client.post(
        EDIT,
        {
            "document": yaml.safe_dump(document, allow_unicode=True),
            "effective_date": "2026-11-20",
            "change_note": "Adds the video relay duty.",
        },
    )
    # The edit is a draft waiting for review: nothing is published until another analyst
    # approves it.
    draft = StandardDraft.objects.get(author=analyst)
    assert response["Location"] == reverse("classification:draft-detail", args=[draft.public_id])
    assert draft.status == StandardDraft.Status.SUBMITTED
    assert StandardVersion.objects.filter(series__slug=NYS).count() == 1
    client.force_login(_user("bob", HR_ANALYST))
    response = client.post(reverse("classification:draft-approve", args=[draft.public_id]))
    assert response["Location"] == reverse("classification:version-history", args=[NYS])
    history = client.get(response["Location"]).content.decode()
    assert "Version 2" in history and "Adds the video relay duty." in history and "ann" in history
    assert "in force today" in history
    diff = client.get(reverse("classification:version-diff", args=[NYS]))
    text = diff.content.decode()
    assert diff.context["old"].number == 1 and diff.context["new"].number == 2
    assert "Level 2: Call Center Representative 2" in text
    assert "Answers the new video relay line." in text and "<ins>" in text
    assert "Added: " in text and "Removed: " in text  # the grade 14 → 15
    # both versions stay readable at their own URL
    old = client.get(reverse("classification:level-version", args=[NYS, 1, "2"])).content.decode()
    assert "video relay" not in old
    new = client.get(reverse("classification:level-detail", args=[NYS, "2"])).content.decode()
    assert "video relay" in new


def test_document_diff_is_field_by_field(loaded_standards):
    old = loaded_standards[UNI].document
    new = json.loads(json.dumps(old))
    new["levels"][0]["duties"][0] = "Answers every call."
    new["levels"][3]["qualifications"]["routes"][0]["rule"]["all"][1]["any"][1]["experience"][
        "months"
    ] = 18
    new["definitions"] = []
    del new["levels"][4]
    sections = {section.title: section for section in document_diff(old, new)}
    operator = sections["Level operator: Call Center Operator"]
    duties = next(c for c in operator.changes if c.label == "Duties")
    assert {line.op for line in duties.lines} >= {ADDED, REMOVED}
    supervisor = sections["Level supervisor: Call Center Supervisor"]
    rule = next(c for c in supervisor.changes if c.label.endswith(": rule"))
    assert [line.text.strip() for line in rule.lines if line.op == ADDED] == ["months: 18"]
    assert sections["Level manager: Call Center Manager"].status == "removed"
    assert document_diff(old, old) == []


def test_diff_page_choices_and_bad_input(client, loaded_standards):
    url = reverse("classification:version-diff", args=[NYS])
    assert "single version" in client.get(url).content.decode()
    assert client.get(url, {"from": "1", "to": "7"}).status_code == 200
    assert client.get(url, {"from": "x"}).status_code == 200
    assert client.get(reverse("classification:version-diff", args=["nope"])).status_code == 404


def test_export_is_the_document_and_reloads_to_the_same_digest(client, loaded_standards):
    version = loaded_standards[NYS]
    response = client.get(reverse("classification:version-export", args=[NYS, 1]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="{NYS}-v1.json"'
    exported = json.loads(response.content)
    assert exported == version.document
    assert parse_standard(exported, source="export").digest == version.digest
    missing = client.get(reverse("classification:version-export", args=[NYS, 5]))
    assert missing.status_code == 404


@pytest.mark.django_db
def test_as_of_shows_the_standard_in_force_on_a_date(client, standard_files):
    from classification.services import series_load

    nys = standard_files[NYS]
    series_load(standard=nys, created_at=LOADED_AT)
    document = nys.to_document()
    document["effective_date"] = "2027-07-01"
    document["narrative"] = ["The narrative of July 2027."]
    series_load(standard=parse_standard(document, source="edit"), created_at=LOADED_AT)
    url = reverse("classification:series-detail", args=[NYS])
    today = client.get(url).content.decode()
    later = client.get(url, {"as_of": "2027-08-01"}).content.decode()
    assert "The narrative of July 2027." not in today
    assert "The narrative of July 2027." in later and "1 August 2027" in later
    bad = client.get(url, {"as_of": "2027-13-45"})
    assert bad.status_code == 200 and "not a valid date" in bad.content.decode()
    assert 'type="text" id="as-of" name="as_of" value="2027-13-45"' in bad.content.decode()
    before = client.get(url, {"as_of": "2001-01-01"})
    assert before.status_code == 404 and "No version of this standard" in before.content.decode()
    listing = client.get(reverse("classification:series-list"), {"as_of": "2027-08-01"})
    assert listing.context["versions"][0].number == 2
    assert (
        "not a valid date"
        in client.get(reverse("classification:series-list"), {"as_of": "nope"}).content.decode()
    )
