"""A screening result arranged for people: grouped by series, outcomes in plain words."""

from dataclasses import dataclass, field

from classification.models import Series

OUTCOME_WORDS = {
    "qualified": "Qualified",
    "review": "May qualify (review)",
    "not_qualified": "Not yet",
}
ROUTE_WORDS = {
    "entry": "Entry",
    "open_competitive": "Open competitive",
    "promotion": "Promotion",
}
ATTRIBUTE_WORDS = {"met": "met", "not_met": "not met", "unassessed": "not measured yet"}


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
                return "Verified qualified"
            return "Qualified on the applicant's word" if officer else "Qualified"
        return OUTCOME_WORDS[self.outcome]


@dataclass
class SeriesView:
    slug: str
    title: str
    levels: list[LevelView] = field(default_factory=list)


def _gap_text(gap: dict) -> str:
    unit = gap.get("unit")
    have, need = gap.get("have"), gap.get("need")
    if unit == "credential":
        text = f"needed: {gap['requirement']}"
    else:
        shown = int(have) if float(have).is_integer() else have
        words = "months" if unit == "months" else (unit or "").replace("_", " ")
        text = f"{gap['requirement']}: you have {shown} of {need} {words}"
    if gap.get("status") == "review":
        reason = gap.get("reason") or "a placement officer must judge this"
        text += f" (to be reviewed: {reason})"
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


def results_by_series(result: dict) -> list[SeriesView]:
    """The result's levels grouped by series, in the order the result lists them."""
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
                "explanation": route.get("explanation", ""),
                "messages": route.get("messages"),
                "gaps": [_gap_text(gap) for gap in route.get("gaps") or []],
                "missing": _missing(ways[index]) if index < len(ways) and route.get("gaps") else [],
            }
            for index, route in enumerate(item.get("routes") or [])
        ]
        attributes = [
            f"Keyboarding: {a.get('minimum_wpm')} words a minute needed, "
            f"{ATTRIBUTE_WORDS.get(a.get('status'), a.get('status'))}"
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


def _month(text: str) -> str:
    if not text:
        return ""
    year, month = text.split("-")
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(month) - 1]} {year}"


def entry_view(entry) -> dict:
    """An entry as a heading and a few facts, for the applicant and officer pages."""
    kind = entry.kind
    if kind == "education":
        heading = entry.get_credential_display()
        facts = [
            ("Semester hours", entry.semester_hours),
            ("Quarter hours", entry.quarter_hours),
            ("Field", entry.field),
            ("CIP code", entry.cip),
            ("Institution", entry.institution),
            ("Country", entry.country),
            ("Completed", _month(entry.completed)),
        ]
    elif kind == "experience":
        heading = entry.title + (f", {entry.employer}" if entry.employer else "")
        facts = [
            ("Employer type", entry.get_employer_type_display()),
            ("Government level", entry.get_government_level_display()),
            ("Occupation", entry.get_occupation_display()),
            ("From", _month(entry.start)),
            ("To", _month(entry.end) or "still there"),
            ("Hours a week", entry.hours_per_week or 40),
            ("Paid", "yes" if entry.paid else "no"),
            ("Settings", ", ".join(s.replace("_", " ") for s in entry.settings)),
            ("Duties", ", ".join(d.replace("_", " ") for d in entry.duties)),
            ("Disciplines scheduled", entry.disciplines_scheduled or ""),
        ]
    else:
        heading = (entry.title or "Civil service") + f" ({entry.class_code})"
        facts = [
            ("Parenthetic", entry.parenthetic or ""),
            ("Status", entry.get_status_display()),
            ("Jurisdiction", entry.get_jurisdiction_display()),
            ("From", _month(entry.start)),
            ("To", _month(entry.end) or "still there"),
        ]
    return {
        "entry": entry,
        "key": f"{kind}-{entry.pk}",
        "heading": heading,
        "facts": [(label, value) for label, value in facts if value not in (None, "")],
    }


ENTRY_HEADINGS = {
    "education": "Education",
    "experience": "Work experience",
    "civil_service": "Civil service",
}


def entries_view(entries: dict[str, list]) -> list[dict]:
    return [
        {"key": key, "heading": ENTRY_HEADINGS[key], "items": [entry_view(e) for e in items]}
        for key, items in entries.items()
    ]
