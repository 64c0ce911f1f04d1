"""Screening listens to what classification announces."""

from screening.models import ReevaluationJob
from screening.services.reevaluation import job_request


def reevaluation_on_version_stored(sender, *, version, **kwargs) -> None:
    """A stored version re-evaluates every applicant it may move (in the same transaction)."""
    job_request(
        series=version.series,
        reason=ReevaluationJob.Reason.VERSION_STORED,
        version=version,
        by=version.created_by,
        now=version.created_at,
    )
