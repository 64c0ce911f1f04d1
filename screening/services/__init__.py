"""Screening's writes and screenings, a module per job:

- `screening`: screen a document without storing it; the bounds every way in shares;
- `profiles`: a saved profile's document, and `profiles_screen`, the one write path that
  stores and screens profiles (self-check, import and officers' actions alike);
- `determinations`: one kept screening of a profile;
- `outcomes`: the applicants' standing outcomes, written only where they change;
- `verification`: officers' decisions on entries;
- `reevaluation`: bulk re-evaluation jobs when a standard changes or takes effect.
"""

from screening.services.profile_edit import (
    ProfileStale,
    profile_editable_document,
    profile_entries_change,
)
from screening.services.profiles import (
    profile_create,
    profile_document,
    profiles_create,
    profiles_screen,
)
from screening.services.screening import (
    PROFILE_MAX_BYTES,
    ScreeningRefused,
    levels_check,
    profile_read,
    profile_result,
    profile_validate,
    screening_run,
    screening_run_jsonl,
)
from screening.services.verification import (
    STALE,
    DecisionNeedsReason,
    EntryChoice,
    EntryStale,
    decision_needs_reason,
    entries_decide,
    entry_decide,
    profile_rescreen,
)

__all__ = [
    "PROFILE_MAX_BYTES",
    "STALE",
    "DecisionNeedsReason",
    "EntryChoice",
    "EntryStale",
    "ProfileStale",
    "ScreeningRefused",
    "decision_needs_reason",
    "entries_decide",
    "entry_decide",
    "levels_check",
    "profile_create",
    "profile_document",
    "profile_editable_document",
    "profile_entries_change",
    "profile_read",
    "profile_rescreen",
    "profile_result",
    "profile_validate",
    "profiles_create",
    "profiles_screen",
    "screening_run",
    "screening_run_jsonl",
]
