"""The queue's rows written in Python (casework/queue_rows.py) are the markup the row template
wrote (kept in tests/casework/reference/queue_table.html), on data of every kind, and so are
the counts above them and the bulk form's officer field; the kept fixed parts of the page
(casework/fragments.py) hold nothing personal."""

import datetime
import re
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from casework import fragments
from casework.forms_cases import BulkAssigneeForm
from casework.models import Case, CaseStatus
from casework.queue_rows import assignee_field_html, left_to_check_html
from casework.selectors_cases import level_choices_light, officer_rows, officers
from casework.services.cases import case_assign
from screening.models import ApplicantProfile
from screening.selectors import level_choices
from tests.factories import CASEY, officer_user, saved_profile

REFERENCE = Path(__file__).parent / "reference" / "queue_table.html"
LEFT_TO_CHECK = Path(__file__).parent / "reference" / "left_to_check.html"
RECEIVED = datetime.datetime(2026, 11, 16, 3, 30, tzinfo=datetime.UTC)  # the 15th in New York
TODAY = datetime.date(2026, 12, 1)
OUTCOMES = [
    {"level": "a", "title": 'Representative <1> & "2"', "outcome": "qualified", "verified": True},
    {"level": "b", "title": "Operator", "outcome": "qualified", "verified": False},
    {"level": "c", "title": "Representative 2", "outcome": "review", "verified": False},
]


def _officer(number: int, **names):
    return get_user_model()(pk=number, username=f"officer<{number}>&", **names)


def _case(number: int, *, status, assignee, name, external_id, outcomes, overdue, age):
    profile = ApplicantProfile(
        pk=number, public_id=uuid.UUID(int=number + 1), name=name, external_id=external_id
    )
    case = Case(
        profile=profile,
        status=status,
        assignee=assignee,
        received_at=RECEIVED - datetime.timedelta(days=age),
        due_date=TODAY - datetime.timedelta(days=1 if overdue else -5),
    )
    case.unverified, case.outcomes = number % 3, outcomes
    case.age_days, case.overdue = age, overdue
    return case


def _varied_rows() -> list:
    names = ['Zoë <script>alert("x")</script> & Co', "O'Brien & Sons", "", "Ana Núñez"]
    external_ids = ["", 'X-<1>&"', "EXT-3", ""]
    assignees = [
        None,
        _officer(2, first_name="Dana", last_name='<Ruiz> & "Lee"'),
        _officer(3),  # no full name: the user name
    ]
    rows = []
    for number in range(24):
        rows.append(
            _case(
                number,
                status=list(CaseStatus)[number % 4],
                assignee=assignees[number % 3],
                name=names[number % 4],
                external_id=external_ids[(number // 4) % 4],
                outcomes=OUTCOMES[: number % 4],
                overdue=number % 5 == 0,
                age=[0, 1, 2, 21, 365][number % 5],
            )
        )
    return rows


def _context(rows, *, select_all: bool) -> dict:
    headers = {
        name: {
            "heading": name.title(),
            "query": f"sort={name}&amp;x=<1>",
            "aria_sort": "",
            "direction": "",
        }
        for name in ("name", "received", "due")
    }
    headers["received"].update(aria_sort="ascending", direction="ascending (in words)")
    return {
        "page": {"rows": rows},
        "headers": headers,
        "select_all": select_all,
        "select_all_query": "select=all",
        "clear_query": "",
    }


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("select_all", [False, True])
def test_rows_written_in_python_are_the_templates_markup(language, select_all):
    context = _context(_varied_rows(), select_all=select_all)
    with translation.override(language):
        reference = engines["django"].from_string(REFERENCE.read_text()).render(context)
        written = render_to_string("casework/cases/partials/queue_table.html", context)
    assert written == reference
    assert "&lt;script&gt;" in written and "<script>" not in written
    assert "Ruiz" in written and "officer&lt;3&gt;&amp;" in written


def test_no_rows_is_an_empty_table_body():
    context = _context([], select_all=False)
    reference = engines["django"].from_string(REFERENCE.read_text()).render(context)
    assert render_to_string("casework/cases/partials/queue_table.html", context) == reference


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_officer_field_written_in_python_is_the_templates_markup(language, count):
    chosen = [_officer(2, first_name="Dana", last_name='<Ruiz> & "Lee"'), _officer(3)]
    chosen += [_officer(4, first_name="Ana", last_name="Núñez")]
    field = BulkAssigneeForm(officers=chosen[:count])["assignee"]
    fragments.kept_clear()
    with translation.override(language):
        reference = render_to_string("screening/partials/field.html", {"field": field})
        for _ in range(2):  # the kept field's markup rendered, then the kept one
            assert assignee_field_html(chosen[:count]) == reference
    assert ("Ruiz" in reference) == (count > 0)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("number", [0, 1, 2, 1234567])
def test_the_counts_written_in_python_are_the_templates_markup(language, number):
    reference = engines["django"].from_string(LEFT_TO_CHECK.read_text())
    first = {"unverified": number, "open": 1, "mine": number, "unassigned": 0, "overdue": 2}
    for counts in (first, {**first, "unverified": 1, "open": number}):
        with translation.override(language):
            expected = reference.render({"counts": counts})
            assert left_to_check_html(counts) == expected


def test_the_officers_rows_are_the_officers(loaded_standards):
    officer_user(username="zed", first_name="Zed", last_name="<Z>")
    officer_user(username="amy")
    expected = [(u.pk, u.get_full_name() or u.get_username()) for u in officers()]
    rows = [(row.pk, row.get_full_name() or row.get_username()) for row in officer_rows()]
    assert rows == expected and len(rows) >= 2


def test_the_light_level_choices_are_screenings(loaded_standards):
    assert level_choices_light() == level_choices() and len(level_choices()) > 5


def test_no_applicant_or_officer_name_enters_the_kept_fragments(client, loaded_standards):
    officer = officer_user(first_name="Quentin", last_name="Officerly")
    client.force_login(officer)
    casey = saved_profile(CASEY)
    case_assign(profile_ids=[casey.pk], assignee=officer, by=officer)
    fragments.kept_clear()
    for query in ("", "?assigned=mine", "?select=all"):
        for prefix in ("", "/es"):
            page = client.get(f"{prefix}/officer/applicants/{query}").text
            assert casey.name in page and "Quentin Officerly" in page
    kept = "\n".join(fragments.kept_values())
    assert "queue-filters" in kept and "bulk-after-officers" in kept
    for personal in (casey.name, casey.external_id, str(casey.public_id), "Quentin", "Officerly"):
        assert personal not in kept
    assert officer.username not in kept


def test_kept_fragments_are_the_page_rendered_afresh(client, loaded_standards):
    client.force_login(officer_user())
    saved_profile(CASEY)
    fragments.kept_clear()
    first = client.get("/officer/applicants/").text  # rendered, then kept
    again = client.get("/officer/applicants/").text  # from what was kept
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", first) == token.sub("", again)
