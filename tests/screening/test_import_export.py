"""Bulk import (CSV, JSON Lines), all or nothing with every problem by line and column; export."""

import csv
import io
import json

from auditlog.models import LogEntry
from django.urls import reverse

from screening import exports
from screening.importers import CSV_COLUMNS, applicants_import
from screening.models import ApplicantProfile, Determination, EducationEntry, Verification
from tests.factories import CASEY, CASEY_CSV_ROWS, NOW, ROBIN, TODAY, officer_user

HEADER = ",".join(CSV_COLUMNS)


def _csv(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# Casey's rows with her diploma marked verified by the importing officer.
CASEY_ROWS = [{**CASEY_CSV_ROWS[0], "verified": "true"}, *CASEY_CSV_ROWS[1:]]


def _import(text: str, kind: str = "csv", by=None):
    return applicants_import(upload=text.encode(), kind=kind, by=by, now=NOW, today=TODAY)


def test_a_csv_row_per_entry_makes_one_applicant(loaded_standards):
    officer = officer_user()
    report = _import(_csv(*CASEY_ROWS), by=officer)
    assert report.ok, report.errors
    assert report.created == 1
    profile = ApplicantProfile.objects.get()
    from screening.services import profile_document

    expected = json.loads(json.dumps(CASEY))
    expected["education"][0]["verified"] = True
    assert profile_document(profile=profile) == expected
    diploma = EducationEntry.objects.get()
    assert (diploma.verification, diploma.verified_by) == (Verification.VERIFIED, officer)
    determination = profile.current_determination
    assert determination.reason == Determination.Reason.IMPORTED
    assert determination.profile_document == expected
    assert determination.standard_versions.count() == 2
    assert profile.outcomes.count() == 10
    assert profile.outcome_changes.filter(determination=determination).count() == 10


def test_imports_are_audited_explicitly(loaded_standards):
    officer = officer_user()
    _import(_csv(*CASEY_ROWS), by=officer)
    records = LogEntry.objects.filter(actor=officer)
    whats = sorted(record.additional_data["what"] for record in records)
    assert whats == ["determination: imported", "profile imported"]
    imported = records.get(additional_data__what="profile imported")
    assert imported.changes["verified entries"] == [None, 1]


def test_every_bad_row_is_reported_by_line_and_column_and_nothing_is_stored(loaded_standards):
    rows = [
        *CASEY_ROWS,
        {"applicant_id": "R-1", "entry": "experience", "title": "Clerk",
         "employer_type": "private", "start": "2025-01", "end": "2024-01"},
        {"applicant_id": "R-1", "entry": "education", "credential": "phd"},
        {"applicant_id": "R-2", "entry": "experience", "title": "Clerk",
         "employer_type": "private", "start": "2025-01", "hours_per_week": "lots"},
        {"applicant_id": "", "entry": "education", "credential": "bachelor"},
        {"applicant_id": "R-3", "entry": "education", "credential": "bachelor",
         "class_code": "2546100"},
    ]  # fmt: skip
    report = _import(_csv(*rows))
    assert not report.ok
    found = {(error.line, error.column) for error in report.errors}
    assert found == {
        (4, "end"),
        (5, "credential"),
        (6, "hours_per_week"),
        (7, "applicant_id"),
        (8, "class_code"),
    }
    assert not ApplicantProfile.objects.exists()
    assert not LogEntry.objects.filter(additional_data__what="profile imported").exists()


def test_an_applicant_imported_before_is_refused(loaded_standards):
    assert _import(_csv(*CASEY_ROWS)).ok
    report = _import(_csv(*CASEY_ROWS))
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (2, "applicant_id", "already imported")
    ]
    assert ApplicantProfile.objects.count() == 1


def test_unknown_columns_are_refused(loaded_standards):
    report = _import("applicant_id,colour\nA,blue\n")
    assert [(e.line, e.column) for e in report.errors] == [(1, "colour")]


def test_json_lines_import_reports_the_json_path(loaded_standards):
    bad = {**ROBIN, "applicant": {"external_id": "R-9"}, "colour": "blue"}
    text = "\n".join([json.dumps(CASEY), json.dumps(bad), "not json"])
    report = _import(text, kind="jsonl")
    assert {(e.line, e.column) for e in report.errors} == {(2, "colour"), (3, "$")}
    assert not ApplicantProfile.objects.exists()
    report = _import("\n".join([json.dumps(CASEY), json.dumps(ROBIN)]), kind="jsonl")
    assert report.ok and report.created == 2


def test_json_lines_of_odd_shapes_are_row_errors_not_crashes(loaded_standards):
    lines = [
        json.dumps({"format": "screening-profile/1", "applicant": "x"}),
        json.dumps({"format": "screening-profile/1", "applicant": {"external_id": ["a"]}}),
        "[" * 100_000,
    ]
    report = _import("\n".join(lines), kind="jsonl")
    assert {(e.line, e.column) for e in report.errors} == {
        (1, "applicant"),
        (2, "applicant.external_id"),
        (3, "$"),
    }
    assert "nested too deeply" in report.errors[-1].message
    assert not ApplicantProfile.objects.exists()


def test_a_nul_character_is_refused_by_line_and_column(loaded_standards):
    rows = [{**CASEY_ROWS[0], "name": "Casey\x00Lee"}, CASEY_ROWS[1]]
    report = _import(_csv(*rows))
    assert [(e.line, e.column) for e in report.errors] == [(2, "name")]
    assert "NUL" in report.errors[0].message
    assert not ApplicantProfile.objects.exists()


def test_the_eligible_list_exports_outcome_verified_flag_and_date(loaded_standards):
    _import("\n".join([json.dumps(CASEY), json.dumps(ROBIN)]), kind="jsonl")
    out = io.StringIO()
    exports.eligible_csv(level="nys-call-center-representative/1", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["external_id"], r["outcome"], r["verified"]) for r in rows] == [
        ("C-1", "qualified", "false")
    ]
    assert rows[0]["determination_date"] == NOW.date().isoformat()


def test_the_officer_imports_and_exports_through_the_pages(client, loaded_standards):
    client.force_login(officer_user())
    upload = io.BytesIO(_csv(*CASEY_ROWS).encode())
    upload.name = "applicants.csv"
    response = client.post(reverse("screening:officer-import"), {"file": upload, "format": "csv"})
    assert response.status_code == 302
    assert ApplicantProfile.objects.count() == 1
    bad = io.BytesIO(b"applicant_id,entry\nX,diploma\n")
    bad.name = "bad.csv"
    response = client.post(reverse("screening:officer-import"), {"file": bad, "format": "csv"})
    assert response.status_code == 400
    assert "must be education, experience or civil_service" in response.text
    export = client.get(
        reverse("screening:officer-export"), {"level": "nys-call-center-representative/1"}
    )
    assert export["Content-Type"].startswith("text/csv")
    assert b"C-1" in export.content
