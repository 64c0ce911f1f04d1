"""The invariant of bulk re-evaluation, asserted by the service tests and the workers' tests."""

import datetime

from screening.models import ApplicantProfile, CurrentOutcome
from screening.services import screening_run


def standings(profile) -> dict:
    """{level: (outcome, verified)} as stored for one applicant."""
    return {
        level: (outcome, verified)
        for level, outcome, verified in CurrentOutcome.objects.filter(profile=profile).values_list(
            "level", "outcome", "verified"
        )
    }


def assert_one_truth(at: datetime.date) -> int:
    """Every applicant and level has exactly one standing outcome, the one the versions in force
    on its as-of date give (undated applicants: as of `at`); none lost, none duplicated.
    Returns how many applicant-level outcomes were checked."""
    stored: dict[int, dict] = {}
    for profile_id, level, outcome, verified in CurrentOutcome.objects.values_list(
        "profile_id", "level", "outcome", "verified"
    ):
        assert level not in stored.setdefault(profile_id, {}), (profile_id, level)
        stored[profile_id][level] = (outcome, verified)
    checked, screeners = 0, {}
    for pk, document in ApplicantProfile.objects.values_list("pk", "document"):
        result = screening_run(document=document, today=at, screeners=screeners)
        expected = {i["level"]: (i["outcome"], bool(i["verified"])) for i in result["results"]}
        assert stored.get(pk, {}) == expected, f"applicant {pk}"
        checked += len(expected)
    return checked
