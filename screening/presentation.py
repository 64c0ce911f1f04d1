"""A screening result arranged for people: grouped by series, outcomes in plain words."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from classification.models import Series, StandardVersion
from screening.words import VERIFICATION_WORDS, cip_field, fields_named, word

OUTCOME_WORDS = {
    "qualified": _("Qualified"),
    "review": _("May qualify (review)"),
    "not_qualified": _("Not yet"),
}
ROUTE_WORDS = {
    "entry": _("Entry"),
    "open_competitive": _("Open competitive"),
    "promotion": _("Promotion"),
}
ATTRIBUTE_WORDS = {"met": _("met"), "not_met": _("not met"), "unassessed": _("not measured yet")}
APPLICANT, OFFICER = "applicant", "officer"
# The engine writes to the applicant ("You meet this…"); an officer reads of the applicant.
_THIRD_PERSON = (
    ("You meet this", "The applicant meets this"),
    ("Whether you qualify", "Whether the applicant qualifies"),
    ("You have", "The applicant has"),
    ("You need", "The applicant needs"),
    ("you already have", "the applicant already has"),
    ("you have", "the applicant has"),
    ("your ", "the applicant's "),
    ("Your ", "The applicant's "),
)


@dataclass
class LevelView:
    level: str
    title: str
    outcome: str
    verified: bool
    routes: list
    attributes: list
    ways: list = field(default_factory=list)

    @property
    def way_count(self) -> int:
        return sum(len(route["branches"]) for route in self.ways)

    @property
    def css(self) -> str:
        if self.outcome == "qualified":
            return "verified" if self.verified else "qualified"
        return self.outcome.replace("_", "-")

    def label(self, officer: bool = False) -> str:
        if self.outcome == "qualified":
            if self.verified:
                return gettext("Verified qualified")
            return gettext("Qualified on the applicant's word") if officer else gettext("Qualified")
        return str(OUTCOME_WORDS[self.outcome])


@dataclass
class SeriesView:
    slug: str
    title: str
    levels: list[LevelView] = field(default_factory=list)


UNIT_WORDS = {"months": _("months"), "semester_hours": _("semester hours")}


def _english(text: str) -> str:
    """The standard's (English) words, marked so on a page in another language; escaped."""
    if get_language() == "en":
        return conditional_escape(text)
    return format_html('<span lang="en">{}</span>', text)


def _gap_text(gap: dict, audience: str) -> str:
    """What a route still lacks, in the page's language around the standard's own words
    (safe HTML: every part escaped)."""
    unit = gap.get("unit")
    have, need = gap.get("have"), gap.get("need")
    requirement = _english(fields_named(gap["requirement"]))
    if unit == "credential":
        text = gettext("needed: %(requirement)s") % {"requirement": requirement}
    else:
        values = {
            "requirement": requirement,
            "have": int(have) if float(have).is_integer() else have,
            "need": need,
            "unit": conditional_escape(UNIT_WORDS.get(unit, (unit or "").replace("_", " "))),
        }
        if audience == OFFICER:
            text = gettext("%(requirement)s: the applicant has %(have)s of %(need)s %(unit)s")
        else:
            text = gettext("%(requirement)s: you have %(have)s of %(need)s %(unit)s")
        text %= values
    if gap.get("status") == "review":
        reason = gap.get("reason")
        if reason:
            reason = _english(_spoken(reason, audience))
        else:
            reason = gettext("a placement officer must judge this")
        text += " " + gettext("(to be reviewed: %(reason)s)") % {"reason": reason}
    return mark_safe(text)


def _spoken(text: str, audience: str) -> str:
    """An engine sentence with fields named, in the third person for an officer."""
    text = fields_named(text)
    if audience == OFFICER:
        for you, they in _THIRD_PERSON:
            text = text.replace(you, they)
    return text


def _missing(way: dict) -> list[dict]:
    """The messages of what the closest way still needs (the route's `gaps`, in words the
    reader's language has)."""
    best = next((b for b in way["branches"] if b["closest"]), None)
    return [i["message"] for i in best["requirements"] if i["status"] != "met"] if best else []


def _route_name(route: str) -> str:
    return ROUTE_WORDS.get(route, route.replace("_", " "))


def _ways(ways: list[dict]) -> list[dict]:
    """The result's `ways` with each route named for people (results stored before `ways`
    existed have none: the page then shows the explanation and gaps alone)."""
    return [{**route, "name": _route_name(route["route"])} for route in ways]


def results_by_series(result: dict, *, audience: str = APPLICANT) -> list[SeriesView]:
    """The result's levels grouped by series, in the order the result lists them; the
    explanations are addressed to `audience` (the applicant, or an officer reading of them)."""
    titles = dict(Series.objects.values_list("slug", "title"))
    groups: dict[str, SeriesView] = {}
    for item in result.get("results", []):
        slug = item["level"].split("/", 1)[0]
        group = groups.setdefault(slug, SeriesView(slug=slug, title=titles.get(slug, slug)))
        ways = item.get("ways") or []
        routes = [
            {
                "name": _route_name(route["route"]),
                "outcome": OUTCOME_WORDS.get(route["outcome"], route["outcome"]),
                "explanation": _spoken(route.get("explanation", ""), audience),
                "messages": route.get("messages"),
                "gaps": [_gap_text(gap, audience) for gap in route.get("gaps") or []],
                "missing": _missing(ways[index]) if index < len(ways) and route.get("gaps") else [],
            }
            for index, route in enumerate(item.get("routes") or [])
        ]
        attributes = [
            gettext("Keyboarding: %(wpm)s words a minute needed, %(status)s")
            % {
                "wpm": a.get("minimum_wpm"),
                "status": ATTRIBUTE_WORDS.get(a.get("status"), a.get("status")),
            }
            for a in item.get("attributes") or []
        ]
        group.levels.append(
            LevelView(
                level=item["level"],
                title=item.get("title") or item["level"],
                outcome=item["outcome"],
                verified=bool(item.get("verified")),
                routes=routes,
                attributes=attributes,
                ways=_ways(item.get("ways") or []),
            )
        )
    return list(groups.values())


def standards_checked(result: dict) -> list[dict]:
    """The standards a result was checked against, as people name them: the series' title
    and the version's effective date (its number when the standard states no date)."""
    checked = []
    for slug, label in (result.get("standards") or {}).items():
        number = label.split("-", 1)[0]
        version = (
            StandardVersion.objects.filter(series__slug=slug, number=number)
            .only("title", "effective_date", "number")
            .first()
        )
        if version is not None:
            checked.append(
                {"title": version.title, "date": version.effective_date, "number": version.number}
            )
    return checked


def _month(text: str) -> str:
    """ "2020-03" as a month people read ("March 2020", "marzo de 2020")."""
    if not text:
        return ""
    year, month = text.split("-")
    return date_format(date(int(year), int(month), 1), "YEAR_MONTH_FORMAT")


def entry_view(entry) -> dict:
    """An entry as a heading and a few facts, for the applicant and officer pages."""
    kind = entry.kind
    if kind == "education":
        heading = word(entry.credential)
        facts = [
            (_("Semester hours"), entry.semester_hours),
            (_("Quarter hours"), entry.quarter_hours),
            (_("Field"), entry.field),
            (_("Field of study"), cip_field(entry.cip) if entry.cip else ""),
            (_("Institution"), entry.institution),
            (_("Country"), entry.country),
            (_("Completed"), _month(entry.completed)),
        ]
    elif kind == "experience":
        heading = entry.title + (f", {entry.employer}" if entry.employer else "")
        facts = [
            (_("Employer type"), word(entry.employer_type)),
            (_("Government level"), word(entry.government_level)),
            (_("Occupation"), word(entry.occupation)),
            (_("From"), _month(entry.start)),
            (_("To"), _month(entry.end) or gettext("still there")),
            (_("Hours a week"), entry.hours_per_week or 40),
            (_("Paid"), gettext("yes") if entry.paid else gettext("no")),
            (_("Settings"), ", ".join(word(s) for s in entry.settings)),
            (_("Duties"), ", ".join(d.replace("_", " ") for d in entry.duties)),
            (_("Disciplines scheduled"), entry.disciplines_scheduled or ""),
        ]
    else:
        heading = (entry.title or gettext("Civil service")) + f" ({entry.class_code})"
        facts = [
            (_("Parenthetic"), entry.parenthetic or ""),
            (_("Status"), word(entry.status)),
            (_("Jurisdiction"), word(entry.jurisdiction)),
            (_("From"), _month(entry.start)),
            (_("To"), _month(entry.end) or gettext("still there")),
        ]
    return {
        "entry": entry,
        "key": f"{kind}-{entry.pk}",
        "heading": heading,
        "verification": VERIFICATION_WORDS.get(entry.verification, entry.verification),
        "facts": [(label, value) for label, value in facts if value not in (None, "")],
    }


ENTRY_HEADINGS = {
    "education": _("Education"),
    "experience": _("Work experience"),
    "civil_service": _("Civil service"),
}


def entries_view(entries: dict[str, list]) -> list[dict]:
    return [
        {"key": key, "heading": ENTRY_HEADINGS[key], "items": [entry_view(e) for e in items]}
        for key, items in entries.items()
    ]
