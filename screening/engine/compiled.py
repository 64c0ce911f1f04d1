"""Compiled rules: requirement trees turned into node objects evaluated against a Context.

Each node answers `status(ctx)` (MET/REVIEW/UNMET, cheap: used for the verified-only
re-evaluation) and `detail(ctx)` (status, gaps of the closest way, and the met items that
explanations cite). Predicates become plain functions of an experience entry; equal
predicates share one id so their month sums are memoized across levels.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from .counting import MET, REVIEW, UNMET, Context
from .rules import (
    AllOf,
    AnyEntry,
    AnyOf,
    Credential,
    DisciplinesAtLeast,
    Duty,
    EmployerType,
    Experience,
    GovernmentLevel,
    LevelRef,
    Occupation,
    PredAll,
    PredAny,
    Predicate,
    PredNot,
    Requirement,
    SemesterHours,
    Service,
    Setting,
    describe,
    describe_predicate,
)
from .standards import StandardRules, resolve_predicate, walk_refs
from .vocab import REQUIRED_RANK

CACHE_LIMIT = 20000  # entries kept per cache before it starts afresh

# Kinds of gap / met items (explanations word them differently).
MONTHS, HOURS, CREDENTIAL, SERVICE, LEVEL = "months", "hours", "credential", "service", "level"
UNITS = {MONTHS: "months", SERVICE: "months", HOURS: "semester hours", CREDENTIAL: "credential"}


class Gap:
    """One requirement of the closest way that is not met (UNMET, or REVIEW with a reason)."""

    __slots__ = ("have", "item", "kind", "label", "need", "reason", "status")

    def __init__(self, status, kind, label, have, need, reason=None):
        self.status = status
        self.kind = kind
        self.label = label
        self.have = have
        self.need = need
        self.reason = reason
        self.item = None  # its result dict, made once (see evaluate.gap_item)


# A met item: (kind, label, have, need).
Met = tuple


class Detail:
    __slots__ = ("gaps", "met", "status", "text")

    def __init__(self, status: int, gaps: list[Gap], met: list[Met]):
        self.status = status
        self.gaps = gaps
        self.met = met
        self.text = None  # its explanation, made once (see evaluate.explain)


def closest(details: Sequence[Detail]) -> Detail:
    """The "or" of details: the first met one, else the closest branch (SCREENING.md)."""
    for d in details:
        if d.status == MET:
            return d
    # Fewest unmet, then smallest sum of (1 - have/need) over them, then fewest in review,
    # then the first in the standard's order.
    best = None
    best_unmet = 0
    best_deficit = None
    for d in details:
        unmet = 0
        for g in d.gaps:
            if g.status == UNMET:
                unmet += 1
        if best is None or unmet < best_unmet:
            best, best_unmet, best_deficit = d, unmet, None
        elif unmet == best_unmet:
            if best_deficit is None:
                best_deficit = _deficit(best)
            deficit = _deficit(d)
            order = _compare(deficit, best_deficit)
            if order < 0 or (order == 0 and len(d.gaps) < len(best.gaps)):
                best, best_deficit = d, deficit
    assert best is not None
    return best


def _deficit(d: Detail) -> tuple[int, int]:
    """Σ(1 - have/need) over the unmet gaps, exactly, as (numerator, denominator) ints.

    Plain int arithmetic: Fraction objects are ten times slower, and ties are common.
    """
    num, den = 0, 1
    for g in d.gaps:
        if g.status == UNMET:
            need = g.need
            x = need - g.have  # int, or a Fraction for part-time months
            n_i = x.numerator * need.denominator
            d_i = x.denominator * need.numerator
            num = num * d_i + n_i * den
            den *= d_i
    return num, den


def _compare(a: tuple[int, int], b: tuple[int, int]) -> int:
    left, right = a[0] * b[1], b[0] * a[1]  # denominators are positive
    return (left > right) - (left < right)


# ---------------------------------------------------------------------------
# Predicates.


def compile_predicate(p: Predicate) -> Callable:
    """A function entry -> bool for a resolved predicate (no `ref` left)."""
    if isinstance(p, Duty):
        duty = p.duty
        return lambda e: duty in e.duties
    if isinstance(p, Setting):
        setting = p.setting
        return lambda e: setting in e.settings
    if isinstance(p, Occupation):
        occupations = frozenset(p.occupations)
        return lambda e: e.occupation in occupations
    if isinstance(p, EmployerType):
        types = frozenset(p.employer_types)
        return lambda e: e.employer_type in types
    if isinstance(p, GovernmentLevel):
        levels = frozenset(p.levels)
        return lambda e: e.government_level in levels
    if isinstance(p, DisciplinesAtLeast):
        minimum = p.minimum
        return lambda e: e.disciplines_scheduled >= minimum
    if isinstance(p, PredNot):
        inner = compile_predicate(p.part)
        return lambda e: not inner(e)
    if isinstance(p, PredAll | PredAny):
        fns = tuple(compile_predicate(q) for q in p.parts)
        if len(fns) == 1:
            return fns[0]
        if isinstance(p, PredAll):
            if len(fns) == 2:
                f, g = fns
                return lambda e: f(e) and g(e)
            return lambda e: all(f(e) for f in fns)
        if len(fns) == 2:
            f, g = fns
            return lambda e: f(e) or g(e)
        return lambda e: any(f(e) for f in fns)
    if isinstance(p, AnyEntry):
        return lambda e: True
    raise TypeError(f"unresolved predicate {p!r}")


class Classifier:
    """Gives each distinct resolved predicate a bit, and classifies experience entries.

    An entry's matches depend only on its features (duties, settings, occupation, employer
    type, government level, disciplines), so the bitmask of the predicates it matches is
    computed once per distinct set of features and then looked up.
    """

    def __init__(self):
        self.bits: dict[Predicate, int] = {}
        self.functions: list[Callable] = []
        self.masks: dict[tuple, int] = {}

    def bit(self, predicate: Predicate) -> int:
        found = self.bits.get(predicate)
        if found is None:
            found = self.bits[predicate] = len(self.functions)
            self.functions.append(compile_predicate(predicate))
        return found

    def __call__(self, entry) -> int:
        features = (
            entry.duties,
            entry.settings,
            entry.occupation,
            entry.employer_type,
            entry.government_level,
            entry.disciplines_scheduled,
        )
        mask = self.masks.get(features)
        if mask is None:
            mask = 0
            for i, fn in enumerate(self.functions):
                if fn(entry):
                    mask |= 1 << i
            if len(self.masks) >= CACHE_LIMIT:
                self.masks.clear()
            self.masks[features] = mask
        return mask


# ---------------------------------------------------------------------------
# Requirement nodes.


class Node:
    """A compiled requirement.

    Equal requirements of a standard compile to one node, whose detail is memoized per
    context under its `slot` (levels sharing rules compute them once per profile). Details
    are also hash-consed across profiles: a node's detail depends only on a few inputs (the
    months of a predicate, a credential's status, its parts' details), and each distinct
    input gets one canonical Detail whose explanation and gap dicts are then made only once.
    """

    __slots__ = ("cache", "slot")

    def detail(self, ctx: Context) -> Detail:
        memo = ctx.memo
        d = memo.get(self.slot)
        if d is None:
            d = memo[self.slot] = self._detail(ctx)
        return d

    def _canonical(self, key, make) -> Detail:
        cache = self.cache
        d = cache.get(key)
        if d is None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()  # all at once: a key never outlives the objects it names
            d = cache[key] = make()
        return d

    def _detail(self, ctx: Context) -> Detail:
        raise NotImplementedError

    def status(self, ctx: Context) -> int:
        raise NotImplementedError


def _all_of(details: tuple[Detail, ...]) -> Detail:
    status = MET
    gaps: list[Gap] = []
    met: list[Met] = []
    for d in details:
        if d.status < status:
            status = d.status
        if d.gaps:
            gaps.extend(d.gaps)
        if d.met:
            met.extend(d.met)
    return Detail(status, gaps, met)


def _any_of(details: tuple[Detail, ...]) -> Detail:
    best = closest(details)
    if best.status == MET:
        return best
    status = UNMET
    for d in details:
        if d.status > status:
            status = d.status
    return Detail(status, best.gaps, best.met)


class AllNode(Node):
    __slots__ = ("calls", "parts")

    def __init__(self, parts):
        self.parts = parts
        self.calls = tuple(p.detail for p in parts)  # see _Builder.link
        self.cache = {}

    def status(self, ctx: Context) -> int:
        result = MET
        for part in self.parts:
            s = part.status(ctx)
            if s == UNMET:
                return UNMET
            if s < result:
                result = s
        return result

    def _detail(self, ctx: Context) -> Detail:
        # The details of the parts are canonical objects, so the tuple of them is a key.
        key = tuple([call(ctx) for call in self.calls])
        d = self.cache.get(key)
        return d if d is not None else self._canonical(key, lambda: _all_of(key))


class AnyNode(Node):
    __slots__ = ("calls", "parts")

    def __init__(self, parts):
        self.parts = parts
        self.calls = tuple(p.detail for p in parts)  # see _Builder.link
        self.cache = {}

    def status(self, ctx: Context) -> int:
        result = UNMET
        for part in self.parts:
            s = part.status(ctx)
            if s == MET:
                return MET
            if s > result:
                result = s
        return result

    def _detail(self, ctx: Context) -> Detail:
        details = []
        for call in self.calls:
            d = call(ctx)
            if d.status == MET:
                return d
            details.append(d)
        key = tuple(details)
        d = self.cache.get(key)
        return d if d is not None else self._canonical(key, lambda: _any_of(key))


class CredentialNode(Node):
    __slots__ = ("cip", "fields", "label", "met", "otherwise_review", "rank", "unmet")

    def __init__(self, req: Credential):
        self.rank = REQUIRED_RANK[req.credential]
        self.cip = req.cip
        self.otherwise_review = req.otherwise_review
        self.label = req.label or describe(req)
        codes = ", ".join(req.cip or ())
        self.fields = f"one of the listed fields (CIP {codes})"
        self.cache = {}
        self.met = Detail(MET, [], [(CREDENTIAL, self.label, 1, 1)])
        self.unmet = Detail(UNMET, [Gap(UNMET, CREDENTIAL, self.label, 0, 1)], [])

    def status(self, ctx: Context) -> int:
        return ctx.credential(self.rank, self.cip, self.otherwise_review, self.fields)[0]

    def _detail(self, ctx: Context) -> Detail:
        status, reason = ctx.credential(self.rank, self.cip, self.otherwise_review, self.fields)
        if status == MET:
            return self.met
        if status == UNMET:
            return self.unmet
        return self._canonical(
            reason, lambda: Detail(REVIEW, [Gap(REVIEW, CREDENTIAL, self.label, 1, 1, reason)], [])
        )


class HoursNode(Node):
    __slots__ = ("label", "need")

    def __init__(self, req: SemesterHours):
        self.need = req.hours
        self.label = req.label or "college semester credit hours"
        self.cache = {}

    def status(self, ctx: Context) -> int:
        countable, claimed, _ = ctx.semester_hours()
        if countable >= self.need:
            return MET
        return REVIEW if claimed >= self.need else UNMET

    def _detail(self, ctx: Context) -> Detail:
        hours = ctx.semester_hours()
        d = self.cache.get(hours)
        return d if d is not None else self._canonical(hours, lambda: self._make(*hours))

    def _make(self, countable, claimed, reason) -> Detail:
        need = self.need
        if countable >= need:
            return Detail(MET, [], [(HOURS, self.label, countable, need)])
        if claimed >= need:
            return Detail(REVIEW, [Gap(REVIEW, HOURS, self.label, claimed, need, reason)], [])
        return Detail(UNMET, [Gap(UNMET, HOURS, self.label, claimed, need)], [])


class ExperienceNode(Node):
    __slots__ = ("key", "label", "match", "need", "ow", "paid")

    def __init__(self, req: Experience, names, classifier: Classifier):
        where = resolve_predicate(req.where, names)
        self.match = classifier.bit(where)
        self.paid = req.paid
        self.key = self.match * 2 + self.paid  # the memo key of these months in a context
        self.need = req.months
        self.label = req.label or _experience_label(req.where, req.paid)
        self.ow = None
        self.cache = {}
        if req.of_which is not None:
            ow = req.of_which
            both = PredAll((where, resolve_predicate(ow.where, names)))
            match = classifier.bit(both)
            label = ow.label or _experience_label(ow.where, req.paid)
            self.ow = (match * 2 + self.paid, match, ow.months, label)

    def status(self, ctx: Context) -> int:
        if ctx.experience_months(self.key, self.match, self.paid) < self.need:
            return UNMET
        if self.ow is not None:
            key, match, need, _ = self.ow
            if ctx.experience_months(key, match, self.paid) < need:
                return UNMET
        return MET

    def _detail(self, ctx: Context) -> Detail:
        have = ctx.experience_months(self.key, self.match, self.paid)
        if self.ow is None:
            d = self.cache.get(have)
            return d if d is not None else self._canonical(have, lambda: self._make(have, None))
        key, match, _, _ = self.ow
        part = ctx.experience_months(key, match, self.paid)
        pair = (have, part)
        d = self.cache.get(pair)
        return d if d is not None else self._canonical(pair, lambda: self._make(have, part))

    def _make(self, have, part) -> Detail:
        gaps: list[Gap] = []
        met: list[Met] = []
        if have >= self.need:
            met.append((MONTHS, self.label, have, self.need))
        else:
            gaps.append(Gap(UNMET, MONTHS, self.label, have, self.need))
        if self.ow is not None:
            _, _, need, label = self.ow
            if part >= need:
                met.append((MONTHS, label, part, need))
            else:
                gaps.append(Gap(UNMET, MONTHS, label, part, need))
        return Detail(UNMET if gaps else MET, gaps, met)


def _experience_label(where: Predicate, paid: bool) -> str:
    kind = "paid experience" if paid else "experience"
    if isinstance(where, AnyEntry):
        return kind
    return f"{kind} in which {describe_predicate(where)}"


class ServiceNode(Node):
    __slots__ = ("key", "label", "match", "need")

    def __init__(self, req: Service, key: int):
        self.key = key
        self.need = req.months
        self.label = req.label or describe(req).replace(f"at least {req.months} months of ", "")
        self.cache = {}
        code, parenthetic = req.class_code, req.parenthetic
        statuses, jurisdictions = frozenset(req.statuses), frozenset(req.jurisdictions)

        def match(s) -> bool:
            # A parenthetic title is a title of its own: matched exactly, None = plain title.
            return (
                s.class_code == code
                and s.parenthetic == parenthetic
                and s.status in statuses
                and s.jurisdiction in jurisdictions
            )

        self.match = match

    def status(self, ctx: Context) -> int:
        return MET if ctx.service_months(self.key, self.match) >= self.need else UNMET

    def _detail(self, ctx: Context) -> Detail:
        have = ctx.service_months(self.key, self.match)
        d = self.cache.get(have)
        return d if d is not None else self._canonical(have, lambda: self._make(have))

    def _make(self, have: int) -> Detail:
        if have >= self.need:
            return Detail(MET, [], [(SERVICE, self.label, have, self.need)])
        return Detail(UNMET, [Gap(UNMET, SERVICE, self.label, have, self.need)], [])


class LevelNode(Node):
    """A `level` reference: met as the level is; its gaps are the level's closest route's."""

    __slots__ = ("label", "level", "met")

    def __init__(self, level: CompiledLevel, label: str | None):
        self.level = level
        self.label = label or f"the minimum qualifications of {level.title}"
        self.cache = {}
        self.met = Detail(MET, [], [(LEVEL, self.label, 1, 1)])

    def status(self, ctx: Context) -> int:
        return self.level.status(ctx)

    def _detail(self, ctx: Context) -> Detail:
        d = self.level.detail(ctx)[0]
        return self.met if d.status == MET else d


# ---------------------------------------------------------------------------
# Levels and the screener.


class CompiledLevel:
    __slots__ = (
        "cache",
        "calls",
        "id",
        "index",
        "keyboarding",
        "route_names",
        "routes",
        "series",
        "title",
    )

    def __init__(self, index: int, series: str, level_id: str, title: str, keyboarding):
        self.index = index
        self.series = series
        self.id = level_id
        self.title = title
        self.keyboarding = keyboarding
        self.route_names: tuple[str, ...] = ()
        self.routes: tuple = ()
        self.calls: tuple = ()
        self.cache: dict = {}

    def status(self, ctx: Context) -> int:
        key = -1 - self.index
        cached = ctx.level_cache.get(key)
        if cached is None:
            cached = UNMET
            for node in self.routes:
                s = node.status(ctx)
                if s > cached:
                    cached = s
                    if s == MET:
                        break
            ctx.level_cache[key] = cached
        return cached

    def detail(self, ctx: Context) -> tuple[Detail, tuple[Detail, ...]]:
        """(the level as the "or" of its routes, each route's detail), memoized per context."""
        cached = ctx.level_cache.get(self.index)
        if cached is None:
            routes = tuple([call(ctx) for call in self.calls])
            level = self.cache.get(routes)
            if level is None:
                if len(self.cache) >= CACHE_LIMIT:
                    self.cache.clear()
                level = self.cache[routes] = _any_of(routes)
            cached = (level, routes)
            ctx.level_cache[self.index] = cached
        return cached


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
    series_deps = {lid: series_of(lid, {lid}) for lid in refs}
    versions = {s.series: s.version for s in standards}
    return Screener(versions, levels, series_deps, builder.classifier)


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
