"""Hostile input at the web edge: huge cells, broken quoting, formulas, odd dates.

Each case is one a tester saw: a clear error naming the line and column (or the field), nothing
half-stored, never a traceback.
"""

import csv
import io
import json

import pytest
from django.urls import reverse

from screening import exports
from screening.importers import CELL_MAX_CHARS, IMPORT_MAX_BYTES, applicants_import
from screening.models import ApplicantProfile
from tests.factories import CASEY, CASEY_CSV_ROWS, NOW, TODAY, document, officer_user
from tests.screening.test_import_export import _csv


def _import(text: str, kind: str = "csv"):
    return applicants_import(upload=text.encode(), kind=kind, by=None, now=NOW, today=TODAY)


def _problems(report) -> list[tuple[int, str]]:
    return [(error.line, error.column) for error in report.errors]


# --- CSV cells and quoting ----------------------------------------------------------------------


def test_a_million_character_cell_is_a_row_error_naming_line_and_column(loaded_standards):
    rows = [CASEY_CSV_ROWS[0], {**CASEY_CSV_ROWS[1], "employer": "x" * 1_000_000}]
    report = _import(_csv(*rows))
    assert _problems(report) == [(3, "employer")]
    assert report.errors[0].message == (f"the cell is longer than {CELL_MAX_CHARS:,} characters")
    assert not ApplicantProfile.objects.exists()


def test_a_cell_just_within_the_bound_is_read(loaded_standards):
    rows = [CASEY_CSV_ROWS[0], {**CASEY_CSV_ROWS[1], "employer": "x" * CELL_MAX_CHARS}]
    report = _import(_csv(*rows))
    # The engine's own limit on an employer's name then speaks, by line and column.
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (3, "employer", f"must be at most 200 characters (got {CELL_MAX_CHARS})")
    ]


def test_an_unterminated_quote_is_an_error_on_its_line_and_nothing_is_stored(loaded_standards):
    good = _csv(*CASEY_CSV_ROWS).splitlines()
    broken = 'R-1,"Robin Park,robin@example.org,2026-10-01,,education,,high_school_diploma'
    text = "\n".join([good[0], broken, *good[1:]]) + "\n"
    report = _import(text)
    assert _problems(report) == [(2, "")]
    assert "never closed" in report.errors[0].message
    assert not ApplicantProfile.objects.exists()


def test_a_quote_closed_in_the_middle_of_a_cell_is_an_error(loaded_standards):
    text = _csv(*CASEY_CSV_ROWS).replace("Casey Lee", '"Casey" Lee')
    report = _import(text)
    assert _problems(report) == [(2, "")]
    assert "middle of a cell" in report.errors[0].message
    assert not ApplicantProfile.objects.exists()


def test_a_broken_header_is_reported_on_line_one(loaded_standards):
    report = _import('applicant_id,"name\nC-1,Casey\n')
    assert _problems(report) == [(1, "")]
    assert not ApplicantProfile.objects.exists()


def test_a_huge_unknown_column_is_named_by_its_start_only(loaded_standards):
    report = _import("applicant_id," + "z" * 1_000_000 + "\nC-1,x\n")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (1, "z" * 40 + "…", "unknown column")
    ]


def test_a_quoted_cell_over_several_lines_is_still_read(loaded_standards):
    rows = [{**CASEY_CSV_ROWS[0], "name": "Casey\nLee"}, CASEY_CSV_ROWS[1]]
    report = _import(_csv(*rows))
    # Read as one cell (the engine then refuses the line break in a name, if it does, by
    # line and column: never as a quoting problem).
    assert all(error.column == "name" for error in report.errors), report.errors


def test_an_upload_past_the_bound_is_refused_unread(db):
    class Endless:
        """A file that would never end; only the bound plus one byte may be read."""

        asked = 0

        def read(self, size=-1):
            assert size != -1, "the whole file was asked for"
            self.asked += size
            return b"x" * size

    upload = Endless()
    report = applicants_import(upload=upload, kind="csv", by=None)
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (1, "", f"the file is larger than {IMPORT_MAX_BYTES // 1024 // 1024} MB")
    ]
    assert upload.asked == IMPORT_MAX_BYTES + 1


def test_the_import_page_shows_the_cell_error_instead_of_a_server_error(
    client, loaded_standards, eager_tasks, django_capture_on_commit_callbacks
):
    client.force_login(officer_user())
    rows = [CASEY_CSV_ROWS[0], {**CASEY_CSV_ROWS[1], "title": "y" * 1_000_000}]
    upload = io.BytesIO(_csv(*rows).encode())
    upload.name = "applicants.csv"
    with django_capture_on_commit_callbacks(execute=True):  # a megabyte: a background import
        response = client.post(
            reverse("screening:officer-import"), {"file": upload, "format": "csv"}
        )
    assert response.status_code == 302
    page = client.get(response.url)
    assert f"the cell is longer than {CELL_MAX_CHARS:,} characters" in page.text
    assert not ApplicantProfile.objects.exists()


# --- JSON Lines ---------------------------------------------------------------------------------


def test_a_line_separator_inside_a_json_string_does_not_split_the_line(loaded_standards):
    casey = document(CASEY)
    casey["experience"][0]["employer"] = "NYS\u2028Department of Motor Vehicles"
    report = _import(json.dumps(casey, ensure_ascii=False) + "\n", kind="jsonl")
    assert report.ok, report.errors
    assert ApplicantProfile.objects.count() == 1


def test_a_json_line_past_a_profiles_limit_is_refused_by_line(loaded_standards):
    huge = json.dumps({**CASEY, "padding": "x" * 1_000_001})
    report = _import("\n".join([json.dumps(CASEY), huge]), kind="jsonl")
    assert _problems(report) == [(2, "$")]
    assert "1,000,000 bytes" in report.errors[0].message
    assert not ApplicantProfile.objects.exists()


# --- The eligible list: no cell a spreadsheet would run ------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x")',
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        '\n=HYPERLINK("http://x")',
        "  =1+1",
        "\n\n  @SUM(A1)",
        "\uff1d1+1",
        "\x01anything",
    ],
)
def test_a_cell_a_spreadsheet_would_read_as_a_formula_is_quoted(value):
    assert exports.spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Casey Lee", "casey@example.org", "2026-10-01", "", "Ann-Marie"])
def test_ordinary_cells_are_exported_as_they_are(value):
    assert exports.spreadsheet_safe(value) == value


def test_a_name_starting_with_a_newline_and_equals_is_exported_quoted(loaded_standards):
    casey = document(CASEY)
    casey["applicant"]["name"] = '\n=HYPERLINK("http://evil.example","Casey")'
    report = _import(json.dumps(casey), kind="jsonl")
    assert report.ok, report.errors
    out = io.StringIO()
    exports.eligible_csv(level="nys-call-center-representative/1", out=out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["name"] == "'" + casey["applicant"]["name"]


# --- Dates outside the portal's window (1900-01-01 to 2100-12-31) ---------------------------------

WINDOW = "must be between 1900-01-01 and 2100-12-31"


@pytest.mark.parametrize(
    ("field", "label", "value"),
    [
        ("screened_from", "Screened from", "0001-01-01"),
        ("screened_to", "Screened to", "9999-12-31"),
        ("screened_from", "Screened from", "1899-12-31"),
        ("screened_to", "Screened to", "2101-01-01"),
    ],
)
def test_the_queue_refuses_a_date_filter_outside_the_window_naming_it(
    client, loaded_standards, field, label, value
):
    from tests.factories import saved_profile

    saved_profile(CASEY)
    client.force_login(officer_user())
    response = client.get(reverse("casework:queue"), {field: value})
    assert response.status_code == 200
    assert f"“{label}” {WINDOW}." in response.text
    assert f'id="id_{field}_error"' in response.text
    assert "Casey Lee" in response.text  # an invalid filter filters nothing


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31"])
def test_the_window_includes_its_ends(client, loaded_standards, value):
    client.force_login(officer_user())
    response = client.get(reverse("casework:queue"), {"screened_from": value})
    assert WINDOW not in response.text


@pytest.mark.parametrize(
    "url", ["/standards/", "/standards/nys-call-center-representative/", "/standards/compare/"]
)
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_standards_pages_refuse_an_as_of_outside_the_window(client, loaded_standards, url, value):
    response = client.get(url, {"as_of": value})
    assert response.status_code == 200
    assert f"“Show the standard in force on” {WINDOW}." in response.text
    assert "Showing the standards in force today." in response.text


def test_search_refuses_an_as_of_outside_the_window(client, loaded_standards):
    response = client.get(reverse("classification:search"), {"q": "call", "as_of": "9999-12-31"})
    assert f"“In force on (empty: today)” {WINDOW}." in response.text


def test_the_date_pickers_carry_the_window(client, loaded_standards):
    client.force_login(officer_user())
    response = client.get(reverse("casework:queue"))
    assert 'min="1900-01-01"' in response.text and 'max="2100-12-31"' in response.text


def test_the_self_check_refuses_an_as_of_outside_the_window_naming_it(client, loaded_standards):
    from screening import selfcheck

    _profile, formsets = selfcheck.forms_bind()
    data = {"as_of": "0001-01-01"}
    for formset in formsets.values():
        data |= {
            f"{formset.prefix}-{key}": value
            for key, value in formset.management_form.initial.items()
        }
    response = client.post(reverse("screening:selfcheck"), data)
    assert response.status_code == 400
    assert f"“Check as of” {WINDOW}." in response.text


# --- Request bodies past the bound --------------------------------------------------------------


def test_an_upload_past_the_bound_is_refused_before_it_is_read(client, loaded_standards):
    from django.conf import settings

    client.force_login(officer_user())
    upload = io.BytesIO(_csv(*CASEY_CSV_ROWS).encode())
    upload.name = "applicants.csv"
    declared = str(settings.REQUEST_BODY_MAX_BYTES + 1)
    response = client.post(
        reverse("screening:officer-import"),
        {"file": upload, "format": "csv"},
        CONTENT_LENGTH=declared,
    )
    assert response.status_code == 413
    assert "larger than 21 MB" in response.text and "nothing was saved" in response.text
    assert not ApplicantProfile.objects.exists()


def test_the_api_answers_a_huge_body_with_its_own_refusal(client, loaded_standards):
    from django.conf import settings

    body = b" " * (settings.REQUEST_BODY_MAX_BYTES + 1)
    response = client.post(
        reverse("screening:api-screenings"), body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["errors"] == [
        {"path": "$", "message": "the profile is larger than 1,000,000 bytes"}
    ]
