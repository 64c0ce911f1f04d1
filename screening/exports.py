"""Exports: the eligible list of one level as CSV, from each applicant's current determination."""

import csv

from screening.selectors import eligible_list

ELIGIBLE_COLUMNS = (
    "applicant",
    "external_id",
    "name",
    "email",
    "level",
    "outcome",
    "verified",
    "determination_date",
    "as_of",
)


def eligible_rows(*, level: str, include_review: bool = False):
    for outcome in eligible_list(level=level, include_review=include_review):
        profile = outcome.profile
        determination = profile.current_determination
        yield {
            "applicant": str(profile.public_id),
            "external_id": profile.external_id,
            "name": profile.name,
            "email": profile.email,
            "level": outcome.level,
            "outcome": outcome.outcome,
            "verified": "true" if outcome.verified else "false",
            "determination_date": outcome.changed_at.date().isoformat(),
            "as_of": determination.as_of.isoformat() if determination else "",
        }


def eligible_csv(*, level: str, out, include_review: bool = False) -> None:
    writer = csv.DictWriter(out, fieldnames=ELIGIBLE_COLUMNS)
    writer.writeheader()
    for row in eligible_rows(level=level, include_review=include_review):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @ first,
# also in their full-width forms, which some spreadsheets fold to the ASCII ones.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def spreadsheet_safe(value: str) -> str:
    """The cell with a leading ' when a spreadsheet could take it for a formula.

    Leading whitespace and control characters (tab, CR, LF, ...) are looked through, since
    spreadsheets skip them before looking for a formula; a cell that starts with a control
    character is quoted whatever follows, as OWASP advises for tab and CR.
    """
    if not value:
        return value
    if not value[0].isprintable() or _first_visible(value) in FORMULA_STARTS:
        return "'" + value
    return value


def _first_visible(value: str) -> str:
    return next((c for c in value if c.isprintable() and not c.isspace()), "")
