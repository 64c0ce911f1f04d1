"""The queue's rows written in Python (casework/queue_rows.py) are the markup the row template
wrote (kept in tests/casework/reference/queue_table.html), on data of every kind."""

import datetime
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from casework.models import Case, CaseStatus
from screening.models import ApplicantProfile

REFERENCE = Path(__file__).parent / "reference" / "queue_table.html"
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
        name: {"heading": name.title(), "query": f"sort={name}&amp;x=<1>", "aria_sort": ""}
        for name in ("name", "received", "due")
    }
    headers["received"]["aria_sort"] = "ascending"
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
