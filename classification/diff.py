"""What changed between two versions of a standard, field by field (difflib over the canonical
class-standard/1 documents): the series' own fields, definitions, parenthetics, predicates,
then each level (matched by id): its facts, characteristics, duties, qualifications, every
route's text and rule, attributes and promotion line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

ADDED, REMOVED, SAME = "added", "removed", "same"

SERIES_SCALARS = (
    ("title", "Title"),
    ("issuer", "Issuer"),
    ("document_type", "Document type"),
    ("occupational_code", "Occupational code"),
    ("effective_date", "Effective date"),
    ("effective_date_as_printed", "Effective date as printed"),
    ("promotional_line", "Promotional line"),
)
SERIES_LISTS = (("narrative", "Narrative"), ("notes", "Notes"))
LEVEL_SCALARS = (
    ("order", "Order"),
    ("label", "Label"),
    ("title", "Class title"),
    ("parenthetic", "Parenthetic"),
    ("code", "Code"),
    ("code_as_printed", "Code as printed"),
    ("grade", "Grade"),
    ("probationary_period_months", "Probationary period (months)"),
    ("effective_date", "Effective date"),
    ("effective_date_as_printed", "Effective date as printed"),
    ("occupational_area", "Occupational area"),
    ("work_area", "Work area"),
    ("supervision_received", "Supervision received"),
    ("duties_heading", "Duties heading"),
    ("attributes_heading", "Attributes heading"),
)


@dataclass(frozen=True)
class Line:
    op: str  # added | removed | same
    text: str


@dataclass(frozen=True)
class FieldChange:
    label: str
    lines: tuple[Line, ...]

    @property
    def added(self) -> int:
        return sum(1 for line in self.lines if line.op == ADDED)

    @property
    def removed(self) -> int:
        return sum(1 for line in self.lines if line.op == REMOVED)


@dataclass
class Section:
    title: str
    status: str = "changed"  # changed | added | removed
    changes: list[FieldChange] = field(default_factory=list)


def _text(value) -> str:
    if value is None:
        return "(not stated)"
    return str(value)


def line_diff(old: list[str], new: list[str]) -> tuple[Line, ...]:
    """Every line of old and new, each marked same, removed or added (difflib's opcodes)."""
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            lines.extend(Line(SAME, text) for text in old[a1:a2])
            continue
        lines.extend(Line(REMOVED, text) for text in old[a1:a2])
        lines.extend(Line(ADDED, text) for text in new[b1:b2])
    return tuple(lines)


def _yaml_lines(value) -> list[str]:
    if value in (None, {}, []):
        return []
    dumped = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)
    return dumped.rstrip("\n").split("\n")


def _change(label: str, old: list[str], new: list[str]) -> FieldChange | None:
    if old == new:
        return None
    return FieldChange(label=label, lines=line_diff(old, new))


def _scalars(pairs, old: dict, new: dict) -> list[FieldChange]:
    changes = []
    for key, label in pairs:
        change = _change(label, [_text(old.get(key))], [_text(new.get(key))])
        if change:
            changes.append(change)
    return changes


def _definition_lines(definition: dict | None) -> list[str]:
    if definition is None:
        return []
    marker = definition.get("marker") or ""
    return [f"{marker} {definition['term']}: {definition['text']}".strip()]


def _keyed(items, key: str) -> dict:
    return {item[key]: item for item in items or []}


def _level_lines(level: dict) -> dict[str, tuple[str, list[str]]]:
    qualifications = level.get("qualifications") or {}
    parts = {
        "characteristics": (
            "Distinguishing characteristics",
            list(level.get("distinguishing_characteristics") or []),
        ),
        "duties": ("Duties", list(level.get("duties") or [])),
        "qualifications_heading": (
            "Qualifications heading",
            [_text(qualifications.get("heading"))],
        ),
        "qualifications": ("Minimum qualifications (as printed)", qualifications.get("text") or []),
    }
    for route in qualifications.get("routes") or []:
        name = route.get("route", "")
        parts[f"route-text-{name}"] = (
            f"Route “{name}”: text",
            str(route.get("text") or "").split("\n"),
        )
        parts[f"route-rule-{name}"] = (f"Route “{name}”: rule", _yaml_lines(route.get("rule")))
    parts["attributes"] = (
        "Personal attributes",
        [
            a.get("text", "")
            + (f" [keyboarding {a['keyboarding_wpm']} wpm]" if a.get("keyboarding_wpm") else "")
            for a in level.get("attributes") or []
        ],
    )
    parts["promotes_to"] = ("Promotes to", list(level.get("promotes_to") or []))
    return parts


def _level_section(old: dict | None, new: dict | None) -> Section | None:
    level = new or old
    title = f"Level {level.get('id')}: {level.get('title')}"
    if old is None or new is None:
        status = "added" if old is None else "removed"
        section = Section(title=title, status=status)
        present = _level_lines(level)
        for label, lines in present.values():
            if lines:
                section.changes.append(
                    FieldChange(
                        label=label,
                        lines=tuple(Line(ADDED if old is None else REMOVED, t) for t in lines),
                    )
                )
        return section
    section = Section(title=title)
    section.changes.extend(_scalars(LEVEL_SCALARS, old, new))
    old_parts, new_parts = _level_lines(old), _level_lines(new)
    for key in list(dict.fromkeys([*old_parts, *new_parts])):
        label = (new_parts.get(key) or old_parts.get(key))[0]
        change = _change(
            label, (old_parts.get(key) or ("", []))[1], (new_parts.get(key) or ("", []))[1]
        )
        if change:
            section.changes.append(change)
    return section if section.changes else None


def document_diff(old: dict, new: dict) -> list[Section]:
    """The sections that changed from `old` to `new` (canonical documents); [] when equal."""
    sections: list[Section] = []
    series = Section(title="The series")
    series.changes.extend(_scalars(SERIES_SCALARS, old, new))
    for key, label in SERIES_LISTS:
        change = _change(label, list(old.get(key) or []), list(new.get(key) or []))
        if change:
            series.changes.append(change)
    if series.changes:
        sections.append(series)

    definitions = Section(title="Definitions")
    old_defs, new_defs = (
        _keyed(old.get("definitions"), "key"),
        _keyed(new.get("definitions"), "key"),
    )
    for key in dict.fromkeys([*old_defs, *new_defs]):
        change = _change(
            f"Definition “{key}”",
            _definition_lines(old_defs.get(key)),
            _definition_lines(new_defs.get(key)),
        )
        if change:
            definitions.changes.append(change)
    if definitions.changes:
        sections.append(definitions)

    other = Section(title="Parenthetics and predicates")
    for label, key in (("Parenthetics", "parenthetics"), ("Predicates", "predicates")):
        change = _change(label, _yaml_lines(old.get(key)), _yaml_lines(new.get(key)))
        if change:
            other.changes.append(change)
    if other.changes:
        sections.append(other)

    old_levels, new_levels = _keyed(old.get("levels"), "id"), _keyed(new.get("levels"), "id")
    for level_id in dict.fromkeys([*new_levels, *old_levels]):
        section = _level_section(old_levels.get(level_id), new_levels.get(level_id))
        if section:
            sections.append(section)
    return sections
