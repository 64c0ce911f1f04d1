"""An eligible list as CSV: formula-like cells quoted (screening.exports.spreadsheet_safe)."""

import csv

from casework.selectors import list_entries
from screening.exports import spreadsheet_safe

LIST_COLUMNS = (
    "level",
    "established_on",
    "expires_on",
    "certified_on",
    "rank",
    "standing",
    "name",
    "external_id",
    "application_date",
)


def list_rows(*, eligible_list):
    ranked, claimed = list_entries(eligible_list=eligible_list)
    certified = eligible_list.certified_at.date().isoformat() if eligible_list.certified_at else ""
    for entry in [*ranked, *claimed]:
        yield {
            "level": eligible_list.level,
            "established_on": eligible_list.established_on.isoformat(),
            "expires_on": eligible_list.expires_on.isoformat(),
            "certified_on": certified,
            "rank": str(entry.rank) if entry.rank else "",
            "standing": "verified qualified" if entry.verified else "qualified on own word",
            "name": entry.name,
            "external_id": entry.external_id,
            "application_date": entry.applied_on.isoformat(),
        }


def list_csv(*, eligible_list, out) -> None:
    writer = csv.DictWriter(out, fieldnames=LIST_COLUMNS)
    writer.writeheader()
    for row in list_rows(eligible_list=eligible_list):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
