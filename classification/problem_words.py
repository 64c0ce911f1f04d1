"""A standard's validation problems in words an analyst recognises, and where they are in YAML.

`parse_standard` names each problem by its path in the document
(``levels[1].qualifications.routes[0].rule.any[0].all[1].experience.months: must be …``).
`problem_words` turns the path into names taken from the document itself ("Level 'Call Center
Representative 2', qualification route 'Open competitive': months must be …"); `yaml_line`
finds the line of the YAML text a path points to. No Django beyond translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_PART_RE = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_PROBLEM_RE = re.compile(r"^(?P<path>[A-Za-z_$][^:\s]*): (?P<message>.*)$", re.DOTALL)
_LINE_RE = re.compile(r"^line (\d+)")

# The checker's wording, said for someone who does not write code.
_MESSAGES = {
    "must be an integer": gettext_lazy("must be a whole number"),
    "must be an integer or null": gettext_lazy("must be a whole number, or left empty"),
    "must be a string": gettext_lazy("must be text"),
    "must be a string or null": gettext_lazy("must be text, or left empty"),
    "must be a list": gettext_lazy("must be a list"),
    "must be a mapping": gettext_lazy("must be a group of named fields"),
    "is required": gettext_lazy("is missing"),
}
_FIELD_WORDS = {
    "probationary_period_months": "probationary period (months)",
    "code_as_printed": "code as printed",
    "effective_date": "effective date",
    "effective_date_as_printed": "effective date as printed",
    "distinguishing_characteristics": "distinguishing characteristics",
    "keyboarding_wpm": "keyboarding speed (words a minute)",
    "semester_hours": "semester hours",
    "promotes_to": "promotes to",
    "occupational_code": "occupational code",
    "document_type": "document type",
    "promotional_line": "promotional line",
}


@dataclass(frozen=True)
class Problem:
    """One problem: where (names from the document), what, and the raw path for the YAML."""

    where: str
    message: str
    path: str = ""
    line: int | None = None

    @property
    def text(self) -> str:
        prefix = _("line %(line)d — ") % {"line": self.line} if self.line else ""
        return f"{prefix}{self.where}: {self.message}" if self.where else prefix + self.message


def path_parts(path: str) -> list[str | int]:
    """`levels[1].qualifications.routes[0]` → ["levels", 1, "qualifications", "routes", 0]."""
    parts: list[str | int] = []
    for index, key in _PART_RE.findall(path):
        parts.append(int(index) if index else key)
    return parts


def _at(node: Any, key: str | int) -> Any:
    try:
        return node[key]
    except (KeyError, IndexError, TypeError):
        return None


def _name(item: Any, *keys: str) -> str:
    for key in keys:
        value = _at(item, key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _words(key: str) -> str:
    return _FIELD_WORDS.get(key, key.replace("_", " "))


def _route_name(route: Any, index: int) -> str:
    name = _name(route, "route")
    return name.replace("_", " ").capitalize() if name else _("number %(n)d") % {"n": index + 1}


def _where(document: Any, parts: list[str | int]) -> tuple[list[str], list[str | int]]:
    """The named places along `parts` and the parts left over (a field inside the last one)."""
    places: list[str] = []
    node, i = document, 0
    while i < len(parts):
        key, nxt = parts[i], parts[i + 1] if i + 1 < len(parts) else None
        child = _at(node, key)
        if key == "levels" and isinstance(nxt, int):
            level = _at(child, nxt)
            title = _name(level, "title", "id") or _("number %(n)d") % {"n": nxt + 1}
            places.append(_("Level “%(name)s”") % {"name": title})
            node, i = level, i + 2
        elif key == "routes" and isinstance(nxt, int):
            route = _at(child, nxt)
            places.append(_("qualification route “%(name)s”") % {"name": _route_name(route, nxt)})
            node, i = route, i + 2
        elif key == "definitions" and isinstance(nxt, int):
            term = _name(_at(child, nxt), "term", "key") or str(nxt + 1)
            places.append(_("Definition “%(name)s”") % {"name": term})
            node, i = _at(child, nxt), i + 2
        elif key == "parenthetics" and isinstance(nxt, int):
            code = _name(_at(child, nxt), "code", "title") or str(nxt + 1)
            places.append(_("Parenthetic “%(name)s”") % {"name": code})
            node, i = _at(child, nxt), i + 2
        elif key == "predicates" and isinstance(nxt, str):
            places.append(_("Predicate “%(name)s”") % {"name": nxt})
            node, i = _at(child, nxt), i + 2
        elif key in ("qualifications",):
            node, i = child, i + 1
        elif key == "rule" and i + 1 < len(parts):
            places.append(_("its rule"))
            node, i = child, i + 1
        else:
            break
    return places, parts[i:]


def _field_words(rest: list[str | int]) -> str:
    """The field a problem is about: its last name, with an item's number ("duty 3")."""
    if not rest:
        return ""
    if isinstance(rest[-1], int) and len(rest) >= 2 and isinstance(rest[-2], str):
        return _("%(field)s, item %(n)d") % {"field": _words(rest[-2]), "n": rest[-1] + 1}
    names = [part for part in rest if isinstance(part, str)]
    return _words(names[-1]) if names else ""


def problem_words(problem: str, document: Any, *, yaml_text: str | None = None) -> Problem:
    """One "path: message" problem in words; with `yaml_text`, the line it is on."""
    line_match = _LINE_RE.match(problem)
    if line_match:  # the YAML reader's own problems already say where
        return Problem(where="", message=problem)
    match = _PROBLEM_RE.match(problem)
    if not match or match["path"] == "$":
        return Problem(where="", message=match["message"] if match else problem)
    path, message = match["path"], match["message"]
    parts = path_parts(path)
    places, rest = _where(document, parts)
    field = _field_words(rest)
    message = str(_MESSAGES.get(message, message))
    line = yaml_line(yaml_text, parts) if yaml_text else None
    if not places:
        return Problem(where="", message=f"{field.capitalize()} {message}", path=path, line=line)
    return Problem(
        where=", ".join(places),
        message=f"{field} {message}" if field else message,
        path=path,
        line=line,
    )


def problems_in_words(
    problems: list[str], document: Any, *, yaml_text: str | None = None
) -> list[Problem]:
    return [problem_words(p, document, yaml_text=yaml_text) for p in problems]


def yaml_line(text: str, parts: list[str | int]) -> int | None:
    """The line (1-based) of the deepest node of `text` along `parts` (None: not YAML).

    Only called on text the bounded loader has already read, so composing it is safe.
    """
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    line = None
    for part in parts:
        child = _child_node(node, part)
        if child is None:
            break
        line, node = child[0].start_mark.line + 1, child[1]
    return line


def _child_node(node, part):
    """(the node that names `part`, the node of its value), or None."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part], node.value[part]
    return None
