"""A draft's document, part by part: blank parts, the problems of one section. Pure Python."""

from __future__ import annotations

import copy
import re

from classification.standard_file import StandardFileError, parse_standard

FORMAT = "class-standard/1"
_LEVEL_PATH_RE = re.compile(r"^levels\[(\d+)\]")


def blank_level(order: int) -> dict:
    """A new level: every key of the format, nothing stated yet."""
    return {
        "id": "",
        "order": order,
        "label": None,
        "title": "",
        "parenthetic": None,
        "code": None,
        "code_as_printed": None,
        "grade": None,
        "probationary_period_months": None,
        "effective_date": None,
        "effective_date_as_printed": None,
        "occupational_area": None,
        "work_area": None,
        "supervision_received": None,
        "distinguishing_characteristics": [],
        "duties_heading": None,
        "duties": [],
        "qualifications": {"heading": None, "text": [], "routes": []},
        "attributes_heading": None,
        "attributes": [],
        "promotes_to": [],
    }


def blank_document(*, series: str, title: str) -> dict:
    """A new series with one empty level, for the analyst to fill in."""
    return {
        "format": FORMAT,
        "series": series,
        "title": title,
        "issuer": None,
        "document_type": None,
        "occupational_code": None,
        "effective_date": None,
        "effective_date_as_printed": None,
        "narrative": [],
        "promotional_line": None,
        "notes": [],
        "source": {"file": "standard editor", "transcribed": None},
        "definitions": [],
        "predicates": {},
        "parenthetics": [],
        "levels": [blank_level(1)],
    }


def copied_document(document: dict, *, series: str, title: str) -> dict:
    """A copy of another series' document under a new slug and title."""
    copied = copy.deepcopy(document)
    copied.update(series=series, title=title)
    return copied


def rule_levels_renamed(rule, renamed: dict[str, str], *, series: str = ""):
    """The rule with its references to renamed levels (`level: <id>`, or `<series>/<id>`)
    following the new ids, so renaming a level in the list does not break another's rule."""
    if isinstance(rule, list):
        return [rule_levels_renamed(part, renamed, series=series) for part in rule]
    if not isinstance(rule, dict):
        return rule
    new = {key: rule_levels_renamed(value, renamed, series=series) for key, value in rule.items()}
    target = rule.get("level")
    if isinstance(target, str):
        own, _, level_id = target.rpartition("/")
        if own in ("", series) and level_id in renamed:
            new["level"] = f"{own}/{renamed[level_id]}" if own else renamed[level_id]
    return new


def document_problems(document: dict) -> list[str]:
    """Every problem of the whole document as "path: message" (empty: it is a valid standard)."""
    try:
        parse_standard(document)
    except StandardFileError as exc:
        return list(exc.problems)
    return []


def level_of(problem: str) -> int | None:
    """The level index a problem is about (`levels[2].grade: …` -> 2), or None."""
    match = _LEVEL_PATH_RE.match(problem)
    return int(match.group(1)) if match else None


def series_problems(problems: list[str]) -> list[str]:
    return [p for p in problems if level_of(p) is None]


def levels_problems(problems: list[str]) -> list[str]:
    """The problems of the level list: ids, order, titles, parenthetics, levels missing."""
    keys = (".id:", ".order:", ".title:", ".parenthetic:", "levels:")
    return [p for p in problems if p.startswith("levels") and any(k in p for k in keys)]


def level_problems(problems: list[str], index: int) -> list[str]:
    return [p for p in problems if level_of(p) == index]


def level_title(level: dict) -> str:
    """A level's name as shown in the editor: a parenthetic level says so ("… (HESC)")."""
    title = str(level.get("title") or level.get("id") or "Untitled level")
    parenthetic = level.get("parenthetic")
    return with_parenthetic(title, parenthetic)


def with_parenthetic(title: str, parenthetic) -> str:
    """ "Call Center Representative 1" + HESC -> "… (HESC)" (unless the title says it already)."""
    if not parenthetic or f"({parenthetic})" in title:
        return title
    return f"{title} ({parenthetic})"
