"""Side-by-side comparison of two to five levels, aligned row by row.

Pure presentation logic over levels already fetched (with duties, routes and attributes
prefetched): no queries here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from classification.templatetags.standards import route_words

MIN_LEVELS = 2
MAX_LEVELS = 5


@dataclass(frozen=True)
class Item:
    text: str
    shared: bool  # the same text appears in every compared level


@dataclass(frozen=True)
class Cell:
    text: str = ""  # a single value ("" = not stated)
    items: tuple[Item, ...] = ()  # or a list of values
    is_list: bool = False


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # lazy: in the language of the page that shows it
    cells: tuple[Cell, ...]
    differs: bool

    @property
    def english(self) -> bool:
        """The cells quote the standard (English) rather than numbers and codes."""
        return self.key not in ("code", "grade", "probation", "parenthetic")


@dataclass
class Comparison:
    levels: list = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and len(self.levels) >= MIN_LEVELS


def parse_level_ids(values: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """`series/level` strings → unique (series, level) pairs, and a message per bad value."""
    pairs: list[tuple[str, str]] = []
    errors: list[str] = []
    for value in values:
        series, sep, level = (value or "").strip().partition("/")
        if not sep or not series or not level or "/" in level:
            errors.append(
                gettext("“%(value)s” is not a level id (expected series/level, e.g. “%(eg)s”).")
                % {"value": value, "eg": _EG}
            )
        elif (series, level) not in pairs:
            pairs.append((series, level))
    return pairs, errors


_EG = "nys-call-center-representative/2"


def check_count(count: int) -> list[str]:
    if count < MIN_LEVELS:
        return [
            gettext("Choose at least %(min)d levels to compare (you chose %(count)d).")
            % {"min": MIN_LEVELS, "count": count}
        ]
    if count > MAX_LEVELS:
        return [
            gettext("Choose at most %(max)d levels to compare (you chose %(count)d).")
            % {"max": MAX_LEVELS, "count": count}
        ]
    return []


def _months(value) -> str:
    if value is None:
        return ""
    return ngettext("%(n)s month", "%(n)s months", value) % {"n": value}


def _scalar_row(key: str, label: str, values: list[str]) -> Row:
    cells = tuple(Cell(text=value or "") for value in values)
    return Row(key=key, label=label, cells=cells, differs=len(set(values)) > 1)


def _list_row(key: str, label: str, lists: list[list[str]]) -> Row:
    in_all = set(lists[0]).intersection(*map(set, lists[1:])) if lists else set()
    cells = tuple(
        Cell(items=tuple(Item(text=text, shared=text in in_all) for text in texts), is_list=True)
        for texts in lists
    )
    differs = len({tuple(texts) for texts in lists}) > 1
    return Row(key=key, label=label, cells=cells, differs=differs)


def build_rows(levels) -> list[Row]:
    """The comparison table's rows, one per part of the standard, one cell per level."""
    grade = [str(level.grade) if level.grade is not None else "" for level in levels]
    return [
        _scalar_row("series", _("Series"), [level.version.title for level in levels]),
        _scalar_row("code", _("Code"), [level.code or "" for level in levels]),
        _scalar_row("grade", _("Grade"), grade),
        _scalar_row(
            "probation",
            _("Probationary period"),
            [_months(level.probationary_period_months) for level in levels],
        ),
        _scalar_row(
            "parenthetic",
            _("Parenthetic"),
            [level.parenthetic.code if level.parenthetic else "" for level in levels],
        ),
        _scalar_row(
            "supervision",
            _("Supervision received"),
            [level.supervision_received for level in levels],
        ),
        _list_row(
            "characteristics",
            _("Distinguishing characteristics"),
            [list(level.distinguishing_characteristics) for level in levels],
        ),
        _list_row(
            "duties", _("Duties"), [[d.text for d in level.duties.all()] for level in levels]
        ),
        _list_row(
            "qualifications",
            _("Minimum qualifications (as printed)"),
            [list(level.qualifications_text) for level in levels],
        ),
        _list_row(
            "rules",
            _("Minimum qualifications (plain language)"),
            [
                [f"{route_words(route)}: {route.rule_plain}" for route in level.routes.all()]
                for level in levels
            ],
        ),
        _list_row(
            "attributes",
            _("Personal attributes"),
            [[a.text for a in level.attributes.all()] for level in levels],
        ),
        _list_row(
            "promotes",
            _("Promotes to"),
            [[t.title for t in level.promotes_to.all()] for level in levels],
        ),
    ]


def comparison_build(*, requested: list[str], fetch) -> Comparison:
    """Validate the requested ids and build the comparison; `fetch(pairs)` returns the levels
    found (in order). Every problem becomes a message; nothing raises."""
    pairs, errors = parse_level_ids(requested)
    comparison = Comparison(errors=errors)
    if errors:
        return comparison
    comparison.errors = check_count(len(pairs))
    if comparison.errors:
        return comparison
    levels = fetch(pairs)
    found = {(level.version.series.slug, level.slug) for level in levels}
    missing = [f"{s}/{lv}" for s, lv in pairs if (s, lv) not in found]
    if missing:
        comparison.errors = [
            gettext("No level “%(level)s” is in force in any standard.") % {"level": level_id}
            for level_id in missing
        ]
        return comparison
    comparison.levels = levels
    comparison.rows = build_rows(levels)
    return comparison
