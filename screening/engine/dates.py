"""The window of dates the portal accepts anywhere: profiles, imports, the API, standards.

One window, documented in the README, so that a year-1 or year-9999 date is a clear error
at the edge instead of a surprise deep inside (a back-dated standard in force for every
determination, an as-of date no calendar arithmetic expects).
"""

import datetime

DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


def date_in_window(value: datetime.date) -> bool:
    return DATE_MIN <= value <= DATE_MAX


def window_message() -> str:
    return f"must be between {DATE_MIN.isoformat()} and {DATE_MAX.isoformat()}"
