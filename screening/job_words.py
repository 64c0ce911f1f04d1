"""Bulk re-evaluation in words: progress, the impact report's headings, what a change did."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from screening.models import Determination, OutcomeChange, ReevaluationJob
from screening.presentation import OUTCOME_WORDS

Job = ReevaluationJob

IMPACT_HEADINGS = {
    "became_qualified": gettext_lazy("Became qualified"),
    "stopped_qualified": gettext_lazy("Stopped being qualified"),
    "to_review": gettext_lazy("Moved to review"),
    "from_review": gettext_lazy("Moved out of review"),
    "new": gettext_lazy("Screened for the first time"),
    "verified_changed": gettext_lazy("Verification changed"),
    "same": gettext_lazy("Stayed the same"),
}
# The states in which a job's figures move soon (its page polls; a scheduled job waits days).
LIVE = set(Job.ACTIVE)


def day_words(day) -> str:
    """A date as people write it: 1 January 2027."""
    return formats.date_format(day, "j F Y")


def time_left_words(seconds: int | None) -> str:
    if seconds is None:
        return ""
    if seconds < 90:
        return ngettext("about %(n)d second left", "about %(n)d seconds left", seconds) % {
            "n": seconds
        }
    minutes = round(seconds / 60)
    return ngettext("about %(n)d minute left", "about %(n)d minutes left", minutes) % {"n": minutes}


def progress_text(progress: dict) -> str:
    """E.g. "1,200 of 10,000 applicants processed (12%), 350 a second, about 25 seconds left"."""
    parts = [
        _("%(processed)s of %(total)s applicants processed (%(percent)d%%)")
        % {
            "processed": formats.number_format(progress["processed"], force_grouping=True),
            "total": formats.number_format(progress["total"], force_grouping=True),
            "percent": progress["percent"],
        }
    ]
    if progress["rate"]:
        rate = formats.number_format(round(progress["rate"]), force_grouping=True)
        parts.append(_("%(rate)s a second") % {"rate": rate})
    left = time_left_words(progress["seconds_left"])
    if left:
        parts.append(left)
    return ", ".join(parts)


def status_text(job: ReevaluationJob) -> str:
    """What the job is doing, in a sentence."""
    if job.status == Job.Status.QUEUED:
        return _(
            "Waiting for the queue: the job starts as soon as a worker takes it. If the queue "
            "cannot be reached, the job waits and is sent again; it is never lost."
        )
    if job.status == Job.Status.SCHEDULED:
        return _("Scheduled: it starts on %(day)s, the day the version takes effect.") % {
            "day": day_words(job.run_on)
        }
    if job.status == Job.Status.SUPERSEDED:
        return _("A newer job of this standard took over its work.")
    return job.get_status_display()


def _outcome(outcome: str, verified: bool) -> str:
    if outcome == "qualified" and verified:
        return _("Verified qualified")
    return str(OUTCOME_WORDS.get(outcome, outcome))


def movement_words(change: OutcomeChange, title: str) -> tuple[str, str]:
    """What moved for one level, and the other side of the move in brackets:
    ("No longer qualified for Call Center Representative 1", "now: Not yet")."""
    values = {"level": title, "before": "", "after": ""}
    if change.before:
        values["before"] = _outcome(change.before, change.before_verified)
    if change.after:
        values["after"] = _outcome(change.after, change.after_verified)
    was = _("was: %(before)s") % values
    if not change.after:
        return _("%(level)s is no longer in the standard") % values, was
    if not change.before:
        return _("%(after)s for %(level)s") % values, _("first screening")
    if change.after == change.before:
        if change.after_verified:
            return _("Qualification for %(level)s now verified") % values, ""
        return _("Qualification for %(level)s no longer verified") % values, ""
    if change.after == "qualified":
        return _("Now qualified for %(level)s") % values, was
    if change.before == "qualified":
        return _("No longer qualified for %(level)s") % values, _("now: %(after)s") % values
    return _("%(after)s for %(level)s") % values, was


DETERMINATION_CAUSES = {
    Determination.Reason.SAVED: gettext_lazy("after the profile was saved on %(day)s"),
    Determination.Reason.IMPORTED: gettext_lazy("after the profile was imported on %(day)s"),
    Determination.Reason.VERIFICATION: gettext_lazy("after the profile was verified on %(day)s"),
    Determination.Reason.RESCREEN: gettext_lazy("after the profile was screened again on %(day)s"),
    Determination.Reason.STANDARD_CHANGED: gettext_lazy(
        "after a class standard changed on %(day)s"
    ),
}


def cause_words(change: OutcomeChange) -> str:
    """Why it moved: the version that took effect or was published, or the profile's event."""
    job = change.job
    if job is not None and job.version is not None:
        version = job.version
        if job.reason == Job.Reason.VERSION_EFFECTIVE:
            return _("since version %(number)d took effect on %(day)s") % {
                "number": version.number,
                "day": day_words(version.effective_date or timezone.localdate(change.at)),
            }
        return _("since version %(number)d was published on %(day)s") % {
            "number": version.number,
            "day": day_words(timezone.localdate(version.created_at)),
        }
    if job is not None:
        return _("after a re-evaluation on %(day)s") % {
            "day": day_words(timezone.localdate(change.at))
        }
    determination = change.determination
    at = determination.created_at if determination is not None else change.at
    cause = DETERMINATION_CAUSES.get(
        determination.reason if determination is not None else "", gettext_lazy("on %(day)s")
    )
    return str(cause) % {"day": day_words(timezone.localdate(at))}


def change_sentence(change: OutcomeChange, titles: dict[str, str]) -> str:
    """One change in a sentence: "No longer qualified for … since version 4 took effect on …"."""
    main, other_side = movement_words(change, titles.get(change.level, change.level))
    bracket = f" ({other_side})" if other_side else ""
    return f"{main} {cause_words(change)}{bracket}."
