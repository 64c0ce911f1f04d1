"""The audit trail in words: each record (and each outcome a re-evaluation moved) a sentence.

"Officer lee verified “High school diploma” with document “Records letter 2231”." Records
name what they concern in `additional_data["what"]`: a code for newer kinds (documents, cases,
notices, lists), a short text for the older ones ("education entry verified"); both are read
here, and a kind nobody taught this module still reads as a sentence, never a code or a dict.
Everything a page of sentences needs (entries, determinations, jobs, people) is fetched in a
few queries for the whole page.
"""

import re

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from screening.job_words import day_words
from screening.models import ENTRY_MODELS, Determination, ReevaluationJob
from screening.presentation import OUTCOME_WORDS, entry_view

# kind code -> its name in the trail's filter
KINDS = {
    "entry_verified": gettext_lazy("Entry verified"),
    "entry_rejected": gettext_lazy("Entry rejected"),
    "document_uploaded": gettext_lazy("Document put on file"),
    "document_viewed": gettext_lazy("Document viewed or downloaded"),
    "document_removed": gettext_lazy("Document removed"),
    "determination": gettext_lazy("Screened (determination)"),
    "outcome_changed": gettext_lazy("Outcome moved by a re-evaluation"),
    "profile_saved": gettext_lazy("Profile saved"),
    "profile_imported": gettext_lazy("Applicant imported"),
    "case_assigned": gettext_lazy("Case assigned"),
    "case_status_changed": gettext_lazy("Case status changed"),
    "case_due_date_changed": gettext_lazy("Case due date changed"),
    "notice_issued": gettext_lazy("Notice issued"),
    "notice_viewed": gettext_lazy("Notice opened or downloaded"),
    "list_established": gettext_lazy("Eligible list established"),
    "list_certified": gettext_lazy("Eligible list certified"),
    "job_changed": gettext_lazy("Re-evaluation job cancelled or resumed"),
    "standard_stored": gettext_lazy("Class standard version stored"),
}
CODES = {"document_uploaded", "document_viewed", "document_removed", "case_assigned"} | {
    "case_status_changed",
    "case_due_date_changed",
    "notice_issued",
    "notice_viewed",
    "list_established",
    "list_certified",
}
# An entry the trail names that is no longer on the profile (whole phrases: "an education
# entry", never "a education entry", and each language words its own).
ENTRY_GONE_WORDS = {
    "education": gettext_lazy("an education entry"),
    "experience": gettext_lazy("an experience entry"),
    "civil_service": gettext_lazy("a civil service entry"),
}
REASON_WORDS = {
    Determination.Reason.SAVED: gettext_lazy("after the profile was saved"),
    Determination.Reason.IMPORTED: gettext_lazy("after the applicant was imported"),
    Determination.Reason.VERIFICATION: gettext_lazy("after an entry was verified or rejected"),
    Determination.Reason.RESCREEN: gettext_lazy("on request"),
    Determination.Reason.STANDARD_CHANGED: gettext_lazy("after a class standard changed"),
}
ACTION_VERBS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
    LogEntry.Action.ACCESS: gettext_lazy("opened"),
}
_CODE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")


def _what(record) -> str:
    return str((record.additional_data or {}).get("what") or "")


def audit_kind(record) -> str:
    """The kind of a record, a key of KINDS (or "other")."""
    what = _what(record)
    if what in CODES:
        return what
    for suffix, kind in (
        (" entry verified", "entry_verified"),
        (" entry rejected", "entry_rejected"),
    ):
        if what.endswith(suffix):
            return kind
    if what.startswith("determination"):
        return "determination"
    if what in ("profile saved", "profile imported"):
        return "profile_" + what.split()[1]
    if what.startswith("re-evaluation job"):
        return "job_changed"
    if not what and record.content_type.model == "standardversion":
        return "standard_stored"
    return "other"


def kind_filter(kind: str) -> Q | None:
    """The records of one kind, as a filter on LogEntry (None: not a kind of record)."""
    key = "additional_data__what"
    if kind in CODES:
        return Q(**{key: kind})
    simple = {
        "entry_verified": Q(**{f"{key}__endswith": " entry verified"}),
        "entry_rejected": Q(**{f"{key}__endswith": " entry rejected"}),
        "determination": Q(**{f"{key}__startswith": "determination"}),
        "profile_saved": Q(**{key: "profile saved"}),
        "profile_imported": Q(**{key: "profile imported"}),
        "job_changed": Q(**{f"{key}__startswith": "re-evaluation job"}),
        "standard_stored": Q(content_type__model="standardversion", action=LogEntry.Action.CREATE),
    }
    return simple.get(kind)


def value_words(value) -> str:
    """A recorded value for people: codes in words, nothing as a dict or a list."""
    if value is None or value == "":
        return _("nothing")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return "; ".join(f"{value_words(k)}: {value_words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_words(item) for item in value)
    text = str(value)
    if text in OUTCOME_WORDS:
        return str(OUTCOME_WORDS[text])
    return text.replace("_", " ") if _CODE.fullmatch(text) else text


class TrailContext:
    """What the sentences of one page need, fetched once: people, entries, screenings, jobs."""

    def __init__(self, records):
        self.records = list(records)
        self.people = self._people()
        self.entries = self._entries()
        self.determinations = self._by_pk(Determination, "determination", "standard_versions")
        self.jobs = self._by_pk(ReevaluationJob, "reevaluationjob", None, "version", "series")
        self._titles = None

    def _people(self) -> dict:
        """{user pk: "Officer lee"} for the actors and the people named in changes."""
        ids = {r.actor_id for r in self.records if r.actor_id}
        for record in self.records:  # a case's assignee may be recorded by primary key
            change = (record.changes or {}).get("assigned_to") or []
            ids |= {v for v in _pair(change) if isinstance(v, int) or str(v).isdigit()}
        users = get_user_model().objects.filter(pk__in={int(i) for i in ids})
        return {
            user.pk: _person(user, {group.name for group in user.groups.all()})
            for user in users.prefetch_related("groups")
        }

    def _entries(self) -> dict:
        wanted: dict[str, set] = {}
        for record in self.records:
            kind, pk = _entry_key(record)
            if kind in ENTRY_MODELS:
                wanted.setdefault(kind, set()).add(pk)
        return {
            (kind, entry.pk): entry_view(entry)["heading"]
            for kind, pks in wanted.items()
            for entry in ENTRY_MODELS[kind].objects.filter(pk__in=pks)
        }

    def _by_pk(self, model, name: str, prefetch, *related) -> dict:
        pks = [r.object_id for r in self.records if r.content_type.model == name and r.object_id]
        query = model.objects.filter(pk__in=pks).select_related(*related)
        return {obj.pk: obj for obj in (query.prefetch_related(prefetch) if prefetch else query)}

    def who(self, record) -> str:
        if record.actor_id is None:
            return _("The portal")
        return self.people.get(record.actor_id) or _("A former user")

    def person(self, value) -> str:
        if value is None or value == "":
            return _("nobody")
        if isinstance(value, int) or str(value).isdigit():
            return self.people.get(int(value), _("a former user"))
        return str(value)

    def entry(self, record) -> str:
        kind, pk = _entry_key(record)
        heading = self.entries.get((kind, pk))
        if heading:
            return heading
        return str(ENTRY_GONE_WORDS.get(kind, _("an entry")))

    def titles(self) -> dict:
        if self._titles is None:
            from screening.selectors_jobs import level_titles

            self._titles = level_titles()
        return self._titles


def _pair(change) -> list:
    return list(change) if isinstance(change, list | tuple) else [change]


def _after(record, field: str):
    change = (record.changes or {}).get(field)
    return _pair(change)[-1] if change is not None else None


def _person(user, roles) -> str:
    from portal.roles import APPLICANT, HR_ANALYST, PLACEMENT_OFFICER

    name = user.get_full_name() or user.get_username()
    if PLACEMENT_OFFICER in roles:
        return _("Officer %(name)s") % {"name": name}
    if HR_ANALYST in roles:
        return _("Analyst %(name)s") % {"name": name}
    if APPLICANT in roles:
        return _("Applicant %(name)s") % {"name": name}
    return name


def _entry_key(record) -> tuple[str, int | None]:
    data = record.additional_data or {}
    if "entry_kind" in data:
        return data["entry_kind"], data.get("entry_id")
    what = _what(record)
    if " entry " in what:
        return what.split(" entry ")[0].replace(" ", "_"), record.object_id
    return "", None


def _quoted(text) -> str:
    return f"“{text}”"


def _entry_decided(record, ctx: TrailContext) -> str:
    sentence = _entry_decision(record, ctx)
    reason = _after(record, "reason")
    if reason:  # a decision changed: the officer's reason for changing it
        sentence += " " + _("Reason for the change: %(reason)s") % {"reason": reason}
    return sentence


def _entry_decision(record, ctx: TrailContext) -> str:
    values = {"who": ctx.who(record), "entry": _quoted(ctx.entry(record))}
    reference = _after(record, "document_reference")
    if audit_kind(record) == "entry_rejected":
        note = _after(record, "verification_note")
        if note:
            values["note"] = note
            return _("%(who)s rejected %(entry)s: %(note)s") % values
        return _("%(who)s rejected %(entry)s.") % values
    if reference:
        values["document"] = _quoted(reference)
        return _("%(who)s verified %(entry)s with document %(document)s.") % values
    return _("%(who)s verified %(entry)s.") % values


def _version_words(version) -> str:
    if version.effective_date:
        return _("%(title)s (version of %(day)s)") % {
            "title": version.title,
            "day": day_words(version.effective_date),
        }
    return _("%(title)s (version %(number)d)") % {"title": version.title, "number": version.number}


def _standing(words) -> str:
    if not words:
        return _("not screened")
    outcome, _sep, rest = str(words).partition(" ")
    if outcome == "qualified" and "verified" in rest:
        return _("Verified qualified")
    return value_words(outcome)


def _determination(record, ctx: TrailContext) -> str:
    determination = ctx.determinations.get(record.object_id)
    values = {"who": ctx.who(record)}
    if determination is None:
        text = _("%(who)s screened the applicant") % values
    else:
        versions = sorted(determination.standard_versions.all(), key=lambda v: v.title)
        values["standards"] = _(" and ").join(_version_words(v) for v in versions) or _(
            "no standard"
        )
        values["reason"] = REASON_WORDS.get(determination.reason, determination.reason)
        text = _("%(who)s screened the applicant against %(standards)s %(reason)s") % values
    titles = ctx.titles() if record.changes else {}
    moves = [
        _("%(level)s now %(after)s (was %(before)s)")
        % {
            "level": titles.get(level, level),
            "after": _standing(pair[-1]),
            "before": _standing(pair[0]),
        }
        for level, pair in (record.changes or {}).items()
        if isinstance(pair, list) and len(pair) == 2
    ]
    if not moves:
        return _("%(text)s; no outcome changed.") % {"text": text}
    return _("%(text)s: %(moves)s.") % {"text": text, "moves": "; ".join(moves)}


def _profile(record, ctx: TrailContext) -> str:
    changes = record.changes or {}
    verified = _after(record, "verified entries") or 0
    total = sum(int(_pair(v)[-1] or 0) for k, v in changes.items() if k != "verified entries")
    values = {"who": ctx.who(record), "n": total, "verified": verified}
    if audit_kind(record) == "profile_imported":
        text = ngettext(
            "%(who)s imported the applicant with %(n)d entry",
            "%(who)s imported the applicant with %(n)d entries",
            total,
        )
    else:
        text = ngettext(
            "%(who)s saved the profile with %(n)d entry",
            "%(who)s saved the profile with %(n)d entries",
            total,
        )
    return (text + _(" (%(verified)d verified).")) % values


def _job(record, ctx: TrailContext) -> str:
    job = ctx.jobs.get(record.object_id)
    values = {
        "who": ctx.who(record),
        "standard": job.series.title if job is not None else _("a class standard"),
    }
    after = _after(record, "status")
    if after == ReevaluationJob.Status.CANCELLED:
        return _("%(who)s cancelled the re-evaluation against %(standard)s.") % values
    values["status"] = (
        ReevaluationJob.Status(after).label
        if after in ReevaluationJob.Status
        else value_words(after)
    )
    return _("%(who)s resumed the re-evaluation against %(standard)s (now: %(status)s).") % values


def _document(record, ctx: TrailContext) -> str:
    data = record.additional_data or {}
    values = {
        "who": ctx.who(record),
        "title": _quoted(data.get("title") or _("untitled")),
        "entry": _quoted(ctx.entry(record)),
    }
    kind = audit_kind(record)
    if kind == "document_uploaded":
        return _("%(who)s put document %(title)s on file for %(entry)s.") % values
    if kind == "document_removed":
        return _document_removed(data, values)
    if data.get("download"):
        return _("%(who)s downloaded document %(title)s (for %(entry)s).") % values
    return _("%(who)s viewed document %(title)s (for %(entry)s).") % values


def _document_removed(data: dict, values: dict) -> str:
    if data.get("reason"):
        values = {**values, "reason": data["reason"]}
        return _("%(who)s removed document %(title)s from %(entry)s (reason: %(reason)s).") % values
    return _("%(who)s removed document %(title)s from %(entry)s.") % values


def _case_assigned(record, ctx: TrailContext) -> str:
    change = (record.changes or {}).get("assigned_to") or [None, None]
    before, after = _pair(change)[0], _pair(change)[-1]
    values = {"who": ctx.who(record), "before": ctx.person(before), "after": ctx.person(after)}
    if after in (None, ""):
        return _("%(who)s took the case off %(before)s's desk.") % values
    if before in (None, ""):
        return _("%(who)s assigned the case to %(after)s.") % values
    return _("%(who)s moved the case from %(before)s to %(after)s.") % values


def _case_status(record, ctx: TrailContext) -> str:
    change = (record.changes or {}).get("status") or [None, None]
    values = {
        "who": ctx.who(record),
        "before": _quoted(value_words(_pair(change)[0])),
        "after": _quoted(value_words(_pair(change)[-1])),
    }
    return _("%(who)s changed the case's status from %(before)s to %(after)s.") % values


def _case_due_date(record, ctx: TrailContext) -> str:
    change = (record.changes or {}).get("due_date") or [None, None]
    values = {
        "who": ctx.who(record),
        "before": value_words(_pair(change)[0]),
        "after": value_words(_pair(change)[-1]),
    }
    return _("%(who)s moved the case's due date from %(before)s to %(after)s.") % values


def _details(record) -> str:
    """The changes of a record without a sentence of its own: "status: open → closed"."""
    parts = [
        _("%(field)s: %(before)s → %(after)s")
        % {
            "field": value_words(field),
            "before": value_words(_pair(change)[0] if len(_pair(change)) > 1 else None),
            "after": value_words(_pair(change)[-1]),
        }
        for field, change in (record.changes or {}).items()
    ]
    return f" ({'; '.join(parts)})" if parts else ""


def _notice(record, ctx: TrailContext) -> str:
    values = {"who": ctx.who(record), "details": _details(record)}
    return _("%(who)s issued a notice to the applicant%(details)s.") % values


def _notice_viewed(record, ctx: TrailContext) -> str:
    data = record.additional_data or {}
    values = {"who": ctx.who(record), "reference": data.get("reference") or _("without a number")}
    if data.get("download"):
        return _("%(who)s downloaded notice %(reference)s.") % values
    return _("%(who)s opened notice %(reference)s.") % values


def _list(record, ctx: TrailContext) -> str:
    level = (record.additional_data or {}).get("level") or _after(record, "level")
    values = {"who": ctx.who(record), "details": _details(record)}
    if level:
        values["level"] = ctx.titles().get(level, value_words(level))
        return _("%(who)s established an eligible list for %(level)s%(details)s.") % values
    return _("%(who)s established an eligible list%(details)s.") % values


def _list_certified(record, ctx: TrailContext) -> str:
    level = (record.additional_data or {}).get("level") or _after(record, "level")
    values = {"who": ctx.who(record), "details": _details(record)}
    if level:
        values["level"] = ctx.titles().get(level, value_words(level))
        return _("%(who)s certified the eligible list for %(level)s%(details)s.") % values
    return _("%(who)s certified an eligible list%(details)s.") % values


def _standard(record, ctx: TrailContext) -> str:
    return _("%(who)s stored %(version)s.") % {
        "who": ctx.who(record),
        "version": _quoted(record.object_repr),
    }


def _generic(record, ctx: TrailContext) -> str:
    thing = record.content_type.model_class()
    name = thing._meta.verbose_name if thing is not None else _("record")
    values = {
        "who": ctx.who(record),
        "verb": ACTION_VERBS.get(record.action, _("recorded")),
        "thing": name,
        "details": _details(record),
    }
    return _("%(who)s: %(thing)s %(verb)s%(details)s.") % values


SENTENCES = {
    "entry_verified": _entry_decided,
    "entry_rejected": _entry_decided,
    "determination": _determination,
    "profile_saved": _profile,
    "profile_imported": _profile,
    "job_changed": _job,
    "document_uploaded": _document,
    "document_viewed": _document,
    "document_removed": _document,
    "case_assigned": _case_assigned,
    "case_status_changed": _case_status,
    "case_due_date_changed": _case_due_date,
    "notice_issued": _notice,
    "notice_viewed": _notice_viewed,
    "list_established": _list,
    "list_certified": _list_certified,
    "standard_stored": _standard,
}


def audit_sentence(record, ctx: TrailContext) -> str:
    return SENTENCES.get(audit_kind(record), _generic)(record, ctx)


def audit_sentences(records) -> list[dict]:
    """[{"record", "at", "who", "kind", "text"}] for audit records, in their order."""
    ctx = TrailContext(records)
    return [
        {
            "record": record,
            "at": record.timestamp,
            "who": ctx.who(record),
            "kind": audit_kind(record),
            "text": audit_sentence(record, ctx),
        }
        for record in ctx.records
    ]
