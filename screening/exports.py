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
        # A cell starting with = + - @ would be a formula in a spreadsheet: quote it.
        writer.writerow({k: _safe(v) for k, v in row.items()})


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
