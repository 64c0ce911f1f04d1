"""Bulk import of applicants: CSV (one row per entry) or JSON Lines of screening-profile/1.

All or nothing: every row is checked first (the engine validates each applicant's document, and
its error paths are mapped back to line and column); when anything is wrong, every problem is
reported and nothing is stored. Otherwise one transaction stores everything with bulk writes,
screens each applicant and records the audit trail explicitly (bulk writes send no signals).

CSV columns (header row required; any order; unknown columns are an error):
    applicant_id  required: the applicant's external id; rows with the same id are one applicant
    name, email, as_of, keyboarding_wpm      the applicant (given on any of their rows, once)
    entry         education | experience | civil_service, or empty for an applicant-only row
    verified      true/false: the entry was checked against documents (recorded as verified by
                  the importing officer)
    education:    credential, semester_hours, quarter_hours, field, cip, institution, country,
                  completed
    experience:   title, employer, employer_type, government_level, occupation, start, end,
                  hours_per_week, paid, settings, duties, disciplines_scheduled
    civil_service: title, class_code, parenthetic, status, jurisdiction, start, end
  Lists (settings, duties) are separated by ";". Months are YYYY-MM; an empty end is "still there".
"""

import codecs
import csv
import datetime
import io
import json
from dataclasses import dataclass, field

from django.utils import timezone

from screening.engine import ProfileInvalid, validate_profile
from screening.engine.vocab import EDUCATION_FIELDS, EXPERIENCE_FIELDS, SERVICE_FIELDS
from screening.models import ApplicantProfile, Determination
from screening.services import PROFILE_MAX_BYTES, ScreeningRefused, profiles_create

APPLICANT_COLUMNS = ("applicant_id", "name", "email", "as_of", "keyboarding_wpm")
# An entry's columns are its profile fields; `verified` is a column of every row.
ENTRY_COLUMNS = {
    kind: tuple(name for name in fields if name != "verified")
    for kind, fields in (
        ("education", EDUCATION_FIELDS),
        ("experience", EXPERIENCE_FIELDS),
        ("civil_service", SERVICE_FIELDS),
    )
}
CSV_COLUMNS = tuple(
    dict.fromkeys(
        [*APPLICANT_COLUMNS, "entry", "verified", *(c for cs in ENTRY_COLUMNS.values() for c in cs)]
    )
)
NUMBERS = {"semester_hours", "quarter_hours", "hours_per_week"}
INTEGERS = {"keyboarding_wpm", "disciplines_scheduled"}
BOOLEANS = {"paid", "verified"}
LISTS = {"settings", "duties"}
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n"}
MAX_ROWS = 200_000
# Bounds on hostile input: the whole upload (as the import form says), one CSV cell (the
# longest value of a profile is 254 characters; lists of duties stay well under this) and one
# JSON Lines line (a profile's own limit).
IMPORT_MAX_BYTES = 20 * 1024 * 1024
CELL_MAX_CHARS = 1_000
JSONL_LINE_MAX_BYTES = PROFILE_MAX_BYTES


class ImportTooLarge(ValueError):
    """The upload is past IMPORT_MAX_BYTES; the message says so in words."""


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Applicant:
    line: int  # the first line naming this applicant
    document: dict
    # (entry key, index) -> (line, {document field: column})
    places: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)  # applicant-level path -> (line, column)


def _text(upload) -> str:
    """The upload as text; ImportTooLarge past IMPORT_MAX_BYTES, without reading the rest."""
    raw = upload.read(IMPORT_MAX_BYTES + 1) if hasattr(upload, "read") else upload
    if len(raw) > IMPORT_MAX_BYTES:
        raise ImportTooLarge(f"the file is larger than {IMPORT_MAX_BYTES // 1024 // 1024} MB")
    if isinstance(raw, str):
        return raw
    return codecs.decode(raw, "utf-8-sig")


def _value(column: str, text: str):
    """The CSV cell as the profile format wants it; ValueError with a message if it is not."""
    if column in LISTS:
        return [word.strip() for word in text.split(";") if word.strip()]
    if column in BOOLEANS:
        if text.lower() not in TRUE | FALSE:
            raise ValueError(f"not true or false: {text!r}")
        return text.lower() in TRUE
    if column in INTEGERS:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"not a whole number: {text!r}") from None
    if column in NUMBERS:
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"not a number: {text!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"not a number: {text!r}")
        return int(number) if number.is_integer() else number
    return text


def csv_documents(text: str, errors: list[RowError]) -> list[_Applicant]:
    """Parse CSV rows into one document per applicant, noting where each part came from.

    Quoting is strict: a quote left open or closed mid-cell is an error on the line where the
    row starts, never a cell that swallows the rest of the file.
    """
    # The csv module's own limit (131,072) would stop the file with no line or column; with
    # it raised past the whole text, every cell reaches the check below, which names both.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as problem:
        errors.append(RowError(1, "", _csv_problem(problem)))
        return []
    unknown = [column for column in header if column not in CSV_COLUMNS]
    for column in unknown:
        # Named as written, but a long one only by its start: the report echoes it.
        shown = column if len(column) <= 40 else column[:40] + "…"
        errors.append(RowError(1, shown, "unknown column"))
    if "applicant_id" not in header:
        errors.append(RowError(1, "applicant_id", "the column is missing"))
    if errors:
        return []
    applicants: dict[str, _Applicant] = {}
    while True:
        starts = reader.line_num + 1  # the line this row begins on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as problem:
            errors.append(RowError(starts, "", _csv_problem(problem)))
            break  # past a broken quote no later line can be trusted
        line = reader.line_num
        if line > MAX_ROWS:
            errors.append(RowError(line, "", f"more than {MAX_ROWS} rows"))
            break
        if None in row:
            errors.append(RowError(line, "", "more cells than columns"))
            continue
        long_cells = [key for key, value in row.items() if value and len(value) > CELL_MAX_CHARS]
        for column in long_cells:
            errors.append(
                RowError(line, column, f"the cell is longer than {CELL_MAX_CHARS:,} characters")
            )
        if long_cells:
            continue
        cells = {key: (value or "").strip() for key, value in row.items()}
        if not any(cells.values()):
            continue
        _csv_row(line, cells, applicants, errors)
    return list(applicants.values())


def _csv_problem(problem: csv.Error) -> str:
    """The csv module's complaint in an officer's words."""
    text = str(problem)
    if "unexpected end of data" in text:
        return 'a quoted cell is never closed: a " opens it but no " ends it'
    if "expected after" in text:
        return 'a quote ends in the middle of a cell (inside quotes, write a " as "")'
    return f"not readable as CSV: {text}"


def _csv_row(line: int, cells: dict, applicants: dict, errors: list[RowError]) -> None:
    key = cells.get("applicant_id", "")
    if not key:
        errors.append(RowError(line, "applicant_id", "required"))
        return
    applicant = applicants.get(key)
    if applicant is None:
        document = {"format": "screening-profile/1", "applicant": {"external_id": key}}
        applicant = applicants[key] = _Applicant(line=line, document=document)
        applicant.columns["applicant.external_id"] = (line, "applicant_id")
    _applicant_cells(line, cells, applicant, errors)
    kind = cells.get("entry", "")
    if not kind:
        stray = [c for cs in ENTRY_COLUMNS.values() for c in cs if cells.get(c)]
        for column in dict.fromkeys(stray):
            errors.append(RowError(line, column, "a row without an entry type has no entry"))
        return
    if kind not in ENTRY_COLUMNS:
        errors.append(RowError(line, "entry", "must be education, experience or civil_service"))
        return
    item, columns = {}, {}
    for column in CSV_COLUMNS:
        text = cells.get(column, "")
        if not text or column in APPLICANT_COLUMNS or column == "entry":
            continue
        if column != "verified" and column not in ENTRY_COLUMNS[kind]:
            errors.append(RowError(line, column, f"not a column of {kind} entries"))
            continue
        try:
            item[column] = _value(column, text)
        except ValueError as problem:
            errors.append(RowError(line, column, str(problem)))
            continue
        columns[column] = column
    entries = applicant.document.setdefault(kind, [])
    applicant.places[(kind, len(entries))] = (line, columns)
    entries.append(item)


def _applicant_cells(line, cells, applicant: _Applicant, errors) -> None:
    document = applicant.document
    for column, path in (
        ("name", ("applicant", "name")),
        ("email", ("applicant", "email")),
        ("as_of", ("as_of",)),
        ("keyboarding_wpm", ("assessments", "keyboarding_wpm")),
    ):
        text = cells.get(column, "")
        if not text:
            continue
        try:
            value = _value(column, text)
        except ValueError as problem:
            errors.append(RowError(line, column, str(problem)))
            continue
        parent = document if len(path) == 1 else document.setdefault(path[0], {})
        dotted = ".".join(path)
        if path[-1] in parent and parent[path[-1]] != value:
            first = applicant.columns[dotted][0]
            errors.append(RowError(line, column, f"differs from line {first} of this applicant"))
            continue
        parent[path[-1]] = value
        applicant.columns.setdefault(dotted, (line, column))


def _place(applicant: _Applicant, path: str) -> tuple[int, str]:
    """Line and column of an engine error path such as `experience[2].end`."""
    head, _, rest = path.partition(".")
    if "[" in head:
        key, _, index = head.partition("[")
        place = applicant.places.get((key, int(index.rstrip("]") or 0)))
        if place is not None:
            line, columns = place
            column = rest.split("[", 1)[0].split(".", 1)[0]
            return line, columns.get(column, column or "entry")
    if path in applicant.columns:
        return applicant.columns[path]
    for dotted, place in applicant.columns.items():
        if path.startswith(dotted.split(".", 1)[0]):
            return place
    return applicant.line, path


def _validate(applicants: list[_Applicant], errors: list[RowError]) -> None:
    seen: dict[str, int] = {}
    for applicant in applicants:
        try:
            validate_profile(applicant.document)
        except ProfileInvalid as invalid:
            for problem in invalid.errors:
                line, column = _place(applicant, problem["path"])
                errors.append(RowError(line, column, problem["message"]))
            continue  # its external id, if any, may not even be a string
        external_id = (applicant.document.get("applicant") or {}).get("external_id")
        if external_id:
            if external_id in seen:
                errors.append(
                    RowError(applicant.line, "applicant_id", f"repeats line {seen[external_id]}")
                )
            seen[external_id] = applicant.line
    taken = set(
        ApplicantProfile.objects.filter(external_id__in=list(seen)).values_list(
            "external_id", flat=True
        )
    )
    for external_id in sorted(taken):
        errors.append(RowError(seen[external_id], "applicant_id", "already imported"))


def jsonl_documents(text: str, errors: list[RowError]) -> list[_Applicant]:
    applicants = []
    # Lines end at "\n" only: str.splitlines() would also break at U+2028 and other characters
    # a JSON string may hold as they are.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        if len(line) > JSONL_LINE_MAX_BYTES or len(line.encode()) > JSONL_LINE_MAX_BYTES:
            message = f"the line is longer than a profile's limit of {JSONL_LINE_MAX_BYTES:,} bytes"
            errors.append(RowError(number, "$", message))
            continue
        try:
            document = json.loads(line, parse_constant=_refuse_constant)
        except RecursionError:
            errors.append(RowError(number, "$", "not JSON: nested too deeply"))
            continue
        except ValueError as problem:
            errors.append(RowError(number, "$", f"not JSON: {problem}"))
            continue
        if not isinstance(document, dict):
            errors.append(RowError(number, "$", "not a JSON object"))
            continue
        applicants.append(_Applicant(line=number, document=document))
    return applicants


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number")


def applicants_import(
    *,
    upload,
    kind: str,
    by,
    now: datetime.datetime | None = None,
    today: datetime.date | None = None,
) -> ImportReport:
    """Import applicants from a CSV or JSON Lines upload; all of them or none."""
    report = ImportReport()
    try:
        text = _text(upload)
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "", "the file is not UTF-8 text"))
        return report
    except ImportTooLarge as too_large:
        report.errors.append(RowError(1, "", str(too_large)))
        return report
    if kind == "csv":
        applicants = csv_documents(text, report.errors)
    else:
        applicants = jsonl_documents(text, report.errors)
        for applicant in applicants:
            applicant.places, applicant.columns = {}, {}
    # Every applicant is validated even when some cells could not be read: all problems at once.
    _validate(applicants, report.errors)
    if report.errors:
        unique = {(e.line, e.column): e for e in reversed(report.errors)}  # the first per cell
        report.errors = sorted(unique.values(), key=lambda error: (error.line, error.column))
        return report
    try:
        report.created = _store(applicants, by=by, now=now or timezone.now(), today=today)
    except ScreeningRefused as refused:  # e.g. no standard in force on an applicant's date
        report.errors = [RowError(1, e["path"], e["message"]) for e in refused.errors]
    return report


def _store(applicants: list[_Applicant], *, by, now, today) -> int:
    profiles = profiles_create(
        documents=[applicant.document for applicant in applicants],
        by=by,
        reason=Determination.Reason.IMPORTED,
        verified_by=by,
        now=now,
        today=today,
    )
    return len(profiles)
