"""The Screener: the compiled levels of some standards, and how it is built."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from operator import itemgetter

from .compiled import (
    AllNode,
    AnyNode,
    CredentialNode,
    ExperienceNode,
    HoursNode,
    LevelNode,
    Node,
    ServiceNode,
)
from .errors import RuleError
from .levels import CompiledLevel
from .predicates import Classifier
from .rules import (
    AllOf,
    AnyOf,
    Credential,
    Experience,
    LevelRef,
    Requirement,
    SemesterHours,
    Service,
    _Problems,
)
from .standards import StandardRules, _Resolver, walk_refs


class Screener:
    """The compiled levels of some standards, in order (standards as given, levels by file)."""

    def __init__(
        self, versions: dict[str, str], levels: list[CompiledLevel], series_deps, classifier
    ):
        self.classify = classifier  # experience entry -> bitmask of the predicates it matches
        self.versions = versions
        self.levels = levels
        self.by_id = {level.id: level for level in levels}
        self.series_deps = series_deps  # level id -> series whose rules it uses
        self._selections: dict = {}  # see selection()
        self.empty_contexts: dict = {}  # as_of month -> Context of the empty profile

    @property
    def level_ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def select(self, ids: Collection[str] | None) -> list[CompiledLevel]:
        """The levels asked for, in screener order; ValueError naming unknown ids."""
        if ids is None:
            return self.levels
        wanted = set(ids)
        unknown = sorted(wanted - self.by_id.keys())
        if unknown:
            raise ValueError(f"unknown level id(s): {', '.join(unknown)}")
        return [level for level in self.levels if level.id in wanted]

    def selection(self, ids: Collection[str] | None) -> Selection:
        """The levels asked for and the standards their rules use; made once per set of ids,
        since neither depends on the profile (ValueError naming unknown ids)."""
        key = None if ids is None else frozenset(ids)
        found = self._selections.get(key)
        if found is None:
            levels = self.select(ids)
            used = set().union(*(self.series_deps[level.id] for level in levels))
            standards = {s: v for s, v in self.versions.items() if s in used}
            found = self._selections[key] = Selection(levels, standards)
        return found


class Selection:
    """Levels to screen, the standards (series: version) they use, and that dict's JSON.

    `leaf_calls` compute, once per profile, the details of every requirement the levels'
    ways list (but `level` references, which need the level screened first); `picks` give
    per level the tuple of its own out of them (its outcome's key), or None for a level
    with a `level` reference (CompiledLevel.detail finds those).
    """

    __slots__ = ("leaf_calls", "leaf_slots", "levels", "picks", "result_heads", "standards")

    def __init__(self, levels: list[CompiledLevel], standards: dict[str, str]):
        self.levels = levels
        self.standards = standards  # shared: a result gets a copy
        self.result_heads: dict = {}  # (style, as_of) -> the JSON before the results (evaluate)
        leaves = [
            leaf for level in levels for leaf in level.way_leaves if not isinstance(leaf, LevelNode)
        ]
        position = {leaf: i for i, leaf in enumerate(dict.fromkeys(leaves))}
        self.leaf_calls = tuple(leaf._detail for leaf in position)
        self.leaf_slots = tuple(leaf.slot for leaf in position)
        self.picks = tuple(_pick(level, position) for level in levels)


def _pick(level: CompiledLevel, position: dict[Node, int]):
    """A function of the leaves' details giving the level's outcome key, or None."""
    if any(isinstance(leaf, LevelNode) for leaf in level.way_leaves):
        return None
    indexes = [position[leaf] for leaf in level.way_leaves]
    if len(indexes) == 1:  # itemgetter of one index gives the item, not a tuple
        index = indexes[0]
        return lambda values: (values[index],)
    return itemgetter(*indexes)


def compile_standards(standards: Sequence[StandardRules]) -> Screener:
    """Compile resolved, checked standards (see standards.build_screener)."""
    levels: list[CompiledLevel] = []
    for standard in standards:
        for level in standard.levels:
            levels.append(
                CompiledLevel(
                    len(levels), standard.series, level.id, level.title, level.keyboarding_wpm
                )
            )
    by_id = {level.id: level for level in levels}
    builder = _Builder(by_id)
    refs: dict[str, set[str]] = {}
    position = 0
    for standard in standards:
        for rules in standard.levels:
            compiled = levels[position]
            position += 1
            compiled.route_names = tuple(r.route for r in rules.routes)
            compiled.routes = tuple(builder.build(r.rule, standard) for r in rules.routes)
            compiled.route_ways = tuple(node.branches() for node in compiled.routes)
            leaves = [leaf for ways in compiled.route_ways for way in ways for leaf in way]
            compiled.way_leaves = tuple(dict.fromkeys(leaves))
            compiled.way_calls = tuple((leaf.slot, leaf.detail) for leaf in compiled.way_leaves)
            refs[compiled.id] = {
                _full_id(node.level, standard.series)
                for r in rules.routes
                for _, node in walk_refs(r.rule, "")
                if isinstance(node, LevelRef)
            }

    def series_of(level_id: str, seen: set[str]) -> set[str]:
        out = {level_id.split("/", 1)[0]}
        for target in refs[level_id]:
            if target not in seen:
                seen.add(target)
                out |= series_of(target, seen)
        return out

    builder.link(levels)
    _share_outcomes(levels)
    series_deps = {lid: series_of(lid, {lid}) for lid in refs}
    versions = {s.series: s.version for s in standards}
    return Screener(versions, levels, series_deps, builder.classifier)


def _share_outcomes(levels: list[CompiledLevel]) -> None:
    """Levels with the same routes (the same nodes under the same names) get one memo of
    outcomes: what one level learns from a profile serves the other."""
    first: dict[tuple, CompiledLevel] = {}
    for level in levels:
        twin = first.setdefault((level.route_names, level.routes), level)
        if twin is not level:
            level.outcomes, level.cache = twin.outcomes, twin.cache


def _full_id(ref: str, series: str) -> str:
    return ref if "/" in ref else f"{series}/{ref}"


class _Builder:
    """Builds nodes, giving equal requirements of one standard one node (and one slot)."""

    def __init__(self, by_id: dict[str, CompiledLevel]):
        self.by_id = by_id
        self.classifier = Classifier()
        self.nodes: dict[tuple[str, Requirement], Node] = {}
        self.service_keys: dict[tuple, int] = {}
        self.slots = 0

    def build(self, req: Requirement, standard: StandardRules) -> Node:
        key = (standard.series, req)
        node = self.nodes.get(key)
        if node is None:
            node = self._make(req, standard)
            if _unset(node):  # a one-part all/any is its part, which has its slot
                node.slot = self.slots
                self.slots += 1
            self.nodes[key] = node
        return node

    def link(self, levels: list[CompiledLevel]) -> None:
        """Let each node call its parts' details directly, through the per-context memo
        only for parts reached from more than one place (the memo costs more than it saves
        on a node evaluated once)."""
        uses: dict[int, int] = {}
        seen: set[int] = set()

        def count(node: Node) -> None:
            uses[id(node)] = uses.get(id(node), 0) + 1
            if id(node) in seen:
                return
            seen.add(id(node))
            for part in getattr(node, "parts", ()):
                count(part)

        for level in levels:
            for node in level.routes:
                count(node)
            for leaf in level.way_leaves:  # the level's ways read them again (ways.py)
                uses[id(leaf)] = uses.get(id(leaf), 0) + 1

        def call(node: Node):
            return node.detail if uses[id(node)] > 1 else node._detail

        for node in self.nodes.values():
            if isinstance(node, AllNode | AnyNode):
                node.calls = tuple(call(p) for p in node.parts)
        for level in levels:
            level.calls = tuple(call(n) for n in level.routes)

    def _make(self, req: Requirement, standard: StandardRules) -> Node:
        if isinstance(req, AllOf | AnyOf):
            parts = tuple(self.build(p, standard) for p in req.parts)
            if len(parts) == 1:
                return parts[0]
            return AllNode(parts) if isinstance(req, AllOf) else AnyNode(parts)
        if isinstance(req, Credential):
            return CredentialNode(req)
        if isinstance(req, SemesterHours):
            return HoursNode(req)
        if isinstance(req, Experience):
            return ExperienceNode(req, standard.predicates, self.classifier)
        if isinstance(req, Service):
            what = (req.months, req.class_code, req.parenthetic, req.statuses, req.jurisdictions)
            return ServiceNode(req, self.service_keys.setdefault(what, len(self.service_keys)))
        if isinstance(req, LevelRef):
            return LevelNode(self.by_id[_full_id(req.level, standard.series)], req.label)
        raise TypeError(f"not a requirement: {req!r}")


def _unset(node: Node) -> bool:
    try:
        node.slot  # noqa: B018 - probing a slot that may not be set yet
    except AttributeError:
        return True
    return False


def build_screener(standards: Sequence[StandardRules]):
    """Resolve and compile the standards (in the order given) into a Screener."""
    problems = _Problems()
    seen: set[str] = set()
    for standard in standards:
        if standard.series in seen:
            problems.add("series", f"the series {standard.series!r} is given twice")
        seen.add(standard.series)
    if not problems:
        _Resolver(standards, problems).check_all()
    if problems:
        raise RuleError(problems)
    return compile_standards(standards)
