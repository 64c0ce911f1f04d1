"""Class standards as screening rules: reading class-standard/1 documents and resolving them.

`standard_rules_from_document` turns one parsed YAML document into `StandardRules`;
`screener.build_screener` resolves `ref` predicates and `level` references across standards and
compiles everything (see `compiled.py`) into a `Screener`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import RuleError
from .rules import (
    AllOf,
    AnyOf,
    Experience,
    LevelRef,
    OfWhich,
    PredAll,
    PredAny,
    Predicate,
    PredNot,
    Ref,
    Requirement,
    _predicate,
    _Problems,
    _requirement,
)

_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ROUTE_RE = re.compile(r"[a-z0-9]+([_-][a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class RouteRules:
    route: str
    rule: Requirement
    text: str | None = None


@dataclass(frozen=True, slots=True)
class LevelRules:
    id: str  # "<series>/<level id>"
    short_id: str
    title: str
    routes: tuple[RouteRules, ...]
    parenthetic: str | None = None
    keyboarding_wpm: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class StandardRules:
    series: str
    version: str
    levels: tuple[LevelRules, ...]
    predicates: Mapping[str, Predicate] = field(default_factory=dict)
    title: str | None = None

    def level(self, level_id: str) -> LevelRules:
        """The level with this full or short id (KeyError if none)."""
        for level in self.levels:
            if level_id in (level.id, level.short_id):
                return level
        raise KeyError(level_id)


def standard_rules_from_document(document: Mapping, *, version: str) -> StandardRules:
    """Read the screening rules of one class-standard/1 document (a dict from YAML/JSON).

    Checks what screening depends on (series, level ids, routes, rules, predicates,
    keyboarding attributes, same-series references) and raises RuleError with every problem.
    """
    problems = _Problems()
    if not isinstance(document, Mapping):
        raise RuleError(["$: a class standard must be a mapping"])
    series = document.get("series")
    if not isinstance(series, str) or not _SLUG_RE.fullmatch(series):
        problems.add("series", "must be a slug (lowercase letters, digits and hyphens)")
        series = str(series)
    predicates = _read_predicates(document.get("predicates"), problems)
    levels = _read_levels(document.get("levels"), series, problems)
    if not problems:
        standard = StandardRules(
            series, str(version), tuple(levels), predicates, _text(document.get("title"))
        )
        # Same-series references can be checked now; other series wait for build_screener.
        _Resolver([standard], problems, local_only=True).check_all()
    if problems:
        raise RuleError(problems)
    return standard


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _read_predicates(raw: object, problems: _Problems) -> dict[str, Predicate]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        problems.add("predicates", "must be a mapping of names to predicates")
        return {}
    out: dict[str, Predicate] = {}
    for name, body in raw.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]*", name):
            problems.add(f"predicates.{name}", "a predicate name must be a word")
            continue
        predicate = _predicate(body, f"predicates.{name}", problems)
        if predicate is not None:
            out[name] = predicate
    return out


def _read_levels(raw: object, series: str, problems: _Problems) -> list[LevelRules]:
    if not isinstance(raw, list) or not raw:
        problems.add("levels", "must be a non-empty list of levels")
        return []
    levels: list[LevelRules] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        path = f"levels[{i}]"
        if not isinstance(item, Mapping):
            problems.add(path, "must be a mapping")
            continue
        short = item.get("id")
        if isinstance(short, int) and not isinstance(short, bool):
            short = str(short)  # `id: 1` in YAML is the level "1"
        if not isinstance(short, str) or not _SLUG_RE.fullmatch(short):
            problems.add(f"{path}.id", "must be a slug (lowercase letters, digits and hyphens)")
            continue
        if short in seen:
            problems.add(f"{path}.id", f"repeats the level id {short!r}")
        seen.add(short)
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.add(f"{path}.title", "must be a non-empty string")
            title = short
        parenthetic = item.get("parenthetic")
        if parenthetic is not None and (not isinstance(parenthetic, str) or not parenthetic):
            problems.add(f"{path}.parenthetic", "must be null or a non-empty string")
            parenthetic = None
        routes = _read_routes(item.get("qualifications"), path, problems)
        wpm = _read_keyboarding(item.get("attributes"), path, problems)
        levels.append(
            LevelRules(f"{series}/{short}", short, title, tuple(routes), parenthetic, tuple(wpm))
        )
    return levels


def _read_routes(quals: object, path: str, problems: _Problems) -> list[RouteRules]:
    if not isinstance(quals, Mapping):
        problems.add(f"{path}.qualifications", "must be a mapping with 'routes'")
        return []
    raw = quals.get("routes")
    if not isinstance(raw, list) or not raw:
        problems.add(f"{path}.qualifications.routes", "must be a non-empty list of routes")
        return []
    routes: list[RouteRules] = []
    names: set[str] = set()
    for j, route in enumerate(raw):
        rpath = f"{path}.qualifications.routes[{j}]"
        if not isinstance(route, Mapping):
            problems.add(rpath, "must be a mapping with 'route' and 'rule'")
            continue
        name = route.get("route")
        if not isinstance(name, str) or not _ROUTE_RE.fullmatch(name):
            problems.add(f"{rpath}.route", "must be a route name such as entry or promotion")
            continue
        if name in names:
            problems.add(f"{rpath}.route", f"repeats the route {name!r}")
        names.add(name)
        if "rule" not in route:
            problems.add(f"{rpath}.rule", "is required")
            continue
        rule = _requirement(route["rule"], f"{rpath}.rule", problems)
        if rule is not None:
            routes.append(RouteRules(name, rule, _text(route.get("text"))))
    return routes


def _read_keyboarding(raw: object, path: str, problems: _Problems) -> list[int]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.add(f"{path}.attributes", "must be a list")
        return []
    wpm: list[int] = []
    for k, attribute in enumerate(raw):
        if not isinstance(attribute, Mapping) or attribute.get("keyboarding_wpm") is None:
            continue
        value = attribute["keyboarding_wpm"]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            problems.add(f"{path}.attributes[{k}].keyboarding_wpm", "must be a positive integer")
            continue
        wpm.append(value)
    return wpm


# ---------------------------------------------------------------------------
# Resolution of references, with the path of every reference for error messages.


def walk_refs(requirement: Requirement, path: str) -> Iterator[tuple[str, object]]:
    """Yield (path, node) for every LevelRef and predicate Ref in a requirement."""
    if isinstance(requirement, AllOf | AnyOf):
        key = "all" if isinstance(requirement, AllOf) else "any"
        for i, part in enumerate(requirement.parts):
            yield from walk_refs(part, f"{path}.{key}[{i}]")
    elif isinstance(requirement, LevelRef):
        yield f"{path}.level", requirement
    elif isinstance(requirement, Experience):
        yield from walk_predicate_refs(requirement.where, f"{path}.experience.where")
        if isinstance(requirement.of_which, OfWhich):
            ow = requirement.of_which
            yield from walk_predicate_refs(ow.where, f"{path}.experience.of_which.where")


def walk_predicate_refs(predicate: Predicate, path: str) -> Iterator[tuple[str, Ref]]:
    if isinstance(predicate, PredAll | PredAny):
        key = "all" if isinstance(predicate, PredAll) else "any"
        for i, part in enumerate(predicate.parts):
            yield from walk_predicate_refs(part, f"{path}.{key}[{i}]")
    elif isinstance(predicate, PredNot):
        yield from walk_predicate_refs(predicate.part, f"{path}.not")
    elif isinstance(predicate, Ref):
        yield f"{path}.ref", predicate


class _Resolver:
    """Checks and resolves references of a set of standards; collects problems."""

    def __init__(
        self, standards: Sequence[StandardRules], problems: _Problems, *, local_only=False
    ):
        self.standards = standards
        self.problems = problems
        self.local_only = local_only
        self.levels = {lv.id: lv for s in standards for lv in s.levels}
        self.series = {s.series for s in standards}
        self.current: str | None = None

    def add(self, path: str, message: str) -> None:
        """Record a problem; with several standards, say which one it is in."""
        if len(self.standards) > 1 and self.current is not None:
            message = f"{message} (in {self.current})"
        self.problems.add(path, message)

    def full_id(self, ref: str, series: str) -> str:
        return ref if "/" in ref else f"{series}/{ref}"

    def check_all(self) -> None:
        for standard in self.standards:
            self.current = standard.series
            self._check_predicates(standard)
            for i, level in enumerate(standard.levels):
                for j, route in enumerate(level.routes):
                    path = f"levels[{i}].qualifications.routes[{j}].rule"
                    self._check_rule(standard, route.rule, path)
        if not self.problems:
            self._check_level_cycles()

    def _check_predicates(self, standard: StandardRules) -> None:
        names = standard.predicates
        for name, predicate in names.items():
            for path, ref in walk_predicate_refs(predicate, f"predicates.{name}"):
                if ref.name not in names:
                    self._missing_predicate(standard, path, ref.name)
        # A cycle of named predicates would never end: find one by depth-first search.
        state: dict[str, int] = {}

        def visit(name: str, trail: list[str]) -> None:
            state[name] = 1
            for path, ref in walk_predicate_refs(names[name], f"predicates.{name}"):
                if ref.name not in names:
                    continue
                if state.get(ref.name) == 1:
                    cycle = [*trail[trail.index(ref.name) :], ref.name]
                    self.add(path, f"cycle of predicate references: {' → '.join(cycle)}")
                elif ref.name not in state:
                    visit(ref.name, [*trail, ref.name])
            state[name] = 2

        for name in names:
            if name not in state:
                visit(name, [name])

    def _missing_predicate(self, standard: StandardRules, path: str, name: str) -> None:
        known = ", ".join(standard.predicates) or "none"
        self.add(path, f"no predicate {name!r} in this standard (known: {known})")

    def _check_rule(self, standard: StandardRules, rule: Requirement, path: str) -> None:
        for ref_path, node in walk_refs(rule, path):
            if isinstance(node, Ref):
                if node.name not in standard.predicates:
                    self._missing_predicate(standard, ref_path, node.name)
            elif isinstance(node, LevelRef):
                target = self.full_id(node.level, standard.series)
                if target in self.levels:
                    continue
                other_series = target.split("/", 1)[0]
                if self.local_only and other_series != standard.series:
                    continue  # another standard's level: checked by build_screener
                self.add(ref_path, f"no level {node.level!r} (looked for {target!r})")

    def level_edges(self) -> dict[str, list[tuple[str, str]]]:
        """For each level id, the (path, target id) of its level references."""
        edges: dict[str, list[tuple[str, str]]] = {}
        for standard in self.standards:
            for i, level in enumerate(standard.levels):
                out = edges.setdefault(level.id, [])
                for j, route in enumerate(level.routes):
                    path = f"levels[{i}].qualifications.routes[{j}].rule"
                    for ref_path, node in walk_refs(route.rule, path):
                        if isinstance(node, LevelRef):
                            target = self.full_id(node.level, standard.series)
                            if target in self.levels:
                                out.append((ref_path, target))
        return edges

    def _check_level_cycles(self) -> None:
        edges = self.level_edges()
        self.current = None  # a cycle's ids name their series
        state: dict[str, int] = {}

        def visit(level_id: str, trail: list[str]) -> None:
            state[level_id] = 1
            for path, target in edges.get(level_id, ()):
                if state.get(target) == 1:
                    cycle = [*trail[trail.index(target) :], target]
                    self.add(path, f"cycle of level references: {' → '.join(cycle)}")
                elif target not in state:
                    visit(target, [*trail, target])
            state[level_id] = 2

        for level_id in edges:
            if level_id not in state:
                visit(level_id, [level_id])
