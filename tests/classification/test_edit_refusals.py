"""The edit page refuses the tester's harmful standards on the page (200, not 500), storing nothing.

Each case was accepted (or crashed, or took seconds) before: an alias bomb under `predicates:`,
`[` nested 10,000 deep, 200,000 items under an unknown key, a version back-dated to year 1.
"""

import pytest
import yaml
from django.contrib.auth.models import Group, User
from django.urls import reverse

from classification import yaml_safe
from classification.forms import document_to_yaml
from classification.models import StandardDraft, StandardVersion
from classification.standard_file import load_yaml
from portal.roles import HR_ANALYST
from tests.classification.test_standard_bounds import alias_bomb

NYS = "nys-call-center-representative"
EDIT = reverse("classification:standard-edit", args=[NYS])


@pytest.fixture
def analyst_client(client, loaded_standards):
    user = User.objects.create_user(username="ann", password="a long test password 42")
    user.groups.add(Group.objects.get(name=HR_ANALYST))
    client.force_login(user)
    return client


@pytest.fixture
def nys_yaml(loaded_standards) -> str:
    return document_to_yaml(loaded_standards[NYS].document)


@pytest.fixture
def nothing_built(monkeypatch):
    def construct(text):
        raise AssertionError("the YAML was constructed: it should have been refused before")

    monkeypatch.setattr(yaml_safe, "_construct", construct)


def _post(client, document: str, effective_date: str = "") -> list[str]:
    """POST an edit; the page must answer 200 with errors. Returns the document's errors."""
    response = client.post(
        EDIT, {"document": document, "effective_date": effective_date, "change_note": "test"}
    )
    assert response.status_code == 200
    assert "The standard was not saved" in response.content.decode()
    return response.context["form"].errors.get("document", [])


def _versions() -> int:
    return StandardVersion.objects.filter(series__slug=NYS).count()


def test_an_alias_bomb_is_refused_on_the_page(analyst_client, nys_yaml, nothing_built):
    text = nys_yaml.replace("predicates:\n", "predicates:\n" + alias_bomb(), 1)
    line = text.splitlines().index("  bomb0: &bomb0 {duty: reception}") + 1
    errors = _post(analyst_client, text)
    assert errors == [
        f"document: line {line}: aliases (&name / *name) are not allowed in a standard"
        " (at predicates.bomb0)"
    ]
    assert _versions() == 1


def test_deep_nesting_is_refused_on_the_page(analyst_client, nothing_built):
    errors = _post(analyst_client, "[" * 10_000)
    assert errors == ["document: line 1: nested deeper than 40 levels"]
    assert _versions() == 1


def test_many_items_under_an_unknown_key_are_refused_on_the_page(
    analyst_client, nys_yaml, nothing_built
):
    block = _post(analyst_client, nys_yaml + "colour:\n" + "- 1\n" * 200_000)
    (too_big,) = block  # about 780 KB of items on top of the standard's own
    assert too_big.startswith("document: the YAML text is 8")
    assert too_big.endswith(" KB; a standard may be at most 512 KB")
    flow = _post(analyst_client, nys_yaml + "colour: [" + ",".join(["1"] * 200_000) + "]\n")
    assert any(": colour: unknown key (expected format, series," in e for e in flow)
    assert any("a list may hold at most 1,000 items (at colour[1000])" in e for e in flow)
    assert _versions() == 1


def test_a_back_dated_version_is_refused_by_field(analyst_client, loaded_standards):
    document = dict(loaded_standards[NYS].document, notes=["A new note."])
    response = analyst_client.post(
        EDIT,
        {
            "document": yaml.safe_dump(document),
            "effective_date": "0001-01-01",
            "change_note": "Back-dated",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["effective_date"] == [
        "“Effective date of the new version” must be between 1900-01-01 and 2100-12-31."
    ]
    text = yaml.safe_dump(dict(document, effective_date="0001-01-01"))
    line = text.splitlines().index("effective_date: '0001-01-01'") + 1
    in_yaml = _post(analyst_client, text)
    # In words, on its line, with the path for whoever edits the YAML.
    assert in_yaml == [
        f"line {line} — Effective date must be between 1900-01-01 and 2100-12-31 "
        "(not 0001-01-01) (effective_date)"
    ]
    assert _versions() == 1


def test_a_date_inside_the_window_is_kept_for_review(analyst_client, loaded_standards):
    document = dict(loaded_standards[NYS].document, notes=["A new note."])
    response = analyst_client.post(
        EDIT,
        {
            "document": yaml.safe_dump(document),
            "effective_date": "1900-01-01",
            "change_note": "Earliest date the portal accepts",
        },
    )
    assert response.status_code == 302
    draft = StandardDraft.objects.get(series__slug=NYS)
    assert draft.status == StandardDraft.Status.SUBMITTED
    assert draft.effective_date.year == 1900


def test_a_yaml_tag_or_a_huge_number_is_refused_on_the_page(analyst_client, nys_yaml):
    """Both reached a YAML constructor that crashed (a 500) before."""
    tagged = nys_yaml.replace("\ntitle: ", "\ntitle: !!timestamp ", 1)
    # The line the title is on (the stored document's key order is the database's).
    line = 1 + next(n for n, text in enumerate(tagged.splitlines()) if text.startswith("title: "))
    errors = _post(analyst_client, tagged)
    assert errors == [
        f"document: line {line}: YAML tags (!name, !!type) are not allowed in a standard (at title)"
    ]
    huge = nys_yaml.replace("  grade: 9\n", f"  grade: {'9' * 5_000}\n", 1)
    assert huge != nys_yaml
    (error,) = _post(analyst_client, huge)
    assert "a number may have at most 100 digits (at levels[0].grade)" in error
    assert _versions() == 1


def test_the_page_writes_a_repeated_value_out_again_not_as_an_alias(loaded_standards):
    """The edit page must never offer YAML its own loader refuses."""
    document = dict(loaded_standards[NYS].document)
    shared = {"duty": "reception"}
    document["predicates"] = {"first": shared, "second": shared}
    text = document_to_yaml(document)
    assert load_yaml(text, source="page")["predicates"] == {"first": shared, "second": shared}
