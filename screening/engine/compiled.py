"""Compiled rules: requirement trees turned into node objects evaluated against a Context.

Each node answers `status(ctx)` (MET/REVIEW/UNMET, cheap: used for the verified-only
re-evaluation) and `detail(ctx)` (status, gaps of the closest way, and the met items that
explanations cite). Predicates become plain functions of an experience entry; equal
predicates share one id so their month sums are memoized across levels.
"""

from __future__ import annotations

from collections.abc import Sequence

from .counting import MET, REVIEW, UNMET, Context
from .describe import describe, describe_predicate
from .predicates import CACHE_LIMIT, Classifier
from .rules import (
    AnyEntry,
    Credential,
    Experience,
    PredAll,
    Predicate,
    SemesterHours,
    Service,
    resolve_predicate,
)
from .vocab import REQUIRED_RANK
from .wording import what_credential, what_experience, what_hours, what_level, what_service

# Kinds of gap / met items (explanations word them differently).
MONTHS, HOURS, CREDENTIAL, SERVICE, LEVEL = "months", "hours", "credential", "service", "level"
UNITS = {MONTHS: "months", SERVICE: "months", HOURS: "semester hours", CREDENTIAL: "credential"}


class Gap:
    """One requirement of the closest way that is not met (UNMET, or REVIEW with a reason)."""

    __slots__ = ("have", "item", "kind", "label", "need", "reason", "status", "what")

    def __init__(self, status, kind, label, have, need, reason=None, what=None):
        self.status = status
        self.kind = kind
        self.label = label
        self.have = have
        self.need = need
        self.reason = reason
        self.what = what  # the requirement as a message (wording.py)
        self.item = None  # its result dict, made once (see evaluate.gap_item)


# A met item: (kind, label, have, need, what message).
Met = tuple


class Detail:
    __slots__ = ("gaps", "items_json", "messages", "met", "status", "text")

    def __init__(self, status: int, gaps: list[Gap], met: list[Met]):
        self.status = status
        self.gaps = gaps
        self.met = met
        self.text = None  # its explanation, made once (see evaluate.explain)
        self.messages = None  # the same as messages (see ways.explain_messages)
        self.items_json = None  # its `ways` items as JSON texts (see ways._items_text)


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
    ways_limit = 32  # past this many branches a node is one requirement in ways (ways.py)

    def branches(self) -> tuple[tuple[Node, ...], ...]:
        """The node's alternatives as "and"s of requirements (its disjunctive normal form)."""
        return ((self,),)

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
    if status == best.status:
        # The closest branch itself: its explanation and JSON, already made, serve again.
        return best
    return Detail(status, best.gaps, best.met)


class _PartsNode(Node):
    """A node over sub-requirements: the parts, and their bound `detail` methods."""

    __slots__ = ("calls", "parts")

    def __init__(self, parts):
        self.parts = parts
        self.calls = tuple(p.detail for p in parts)  # see _Builder.link
        self.cache = {}


class AllNode(_PartsNode):
    __slots__ = ()

    def branches(self):
        out: list[tuple] = [()]
        for part in self.parts:
            out = [a + b for a in out for b in part.branches()]
            if len(out) > self.ways_limit:
                return ((self,),)
        return tuple(out)

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
        calls = self.calls
        if len(calls) == 2:
            key = (calls[0](ctx), calls[1](ctx))
        else:
            key = tuple([call(ctx) for call in calls])
        d = self.cache.get(key)
        return d if d is not None else self._canonical(key, lambda: _all_of(key))


class AnyNode(_PartsNode):
    __slots__ = ()

    def branches(self):
        out = tuple(b for part in self.parts for b in part.branches())
        return out if len(out) <= self.ways_limit else ((self,),)

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
    __slots__ = ("cip", "fields", "label", "met", "otherwise_review", "rank", "unmet", "what")

    def __init__(self, req: Credential):
        self.rank = REQUIRED_RANK[req.credential]
        self.cip = req.cip
        self.otherwise_review = req.otherwise_review
        self.label = req.label or describe(req)
        codes = ", ".join(req.cip or ())
        self.fields = f"one of the listed fields (CIP {codes})"
        self.cache = {}
        self.what = what_credential(req)
        self.met = Detail(MET, [], [(CREDENTIAL, self.label, 1, 1, self.what)])
        self.unmet = Detail(UNMET, [Gap(UNMET, CREDENTIAL, self.label, 0, 1, None, self.what)], [])

    def status(self, ctx: Context) -> int:
        return ctx.credential(self.rank, self.cip, self.otherwise_review, self.fields)[0]

    def _detail(self, ctx: Context) -> Detail:
        status, reason = ctx.credential(self.rank, self.cip, self.otherwise_review, self.fields)
        if status == MET:
            return self.met
        if status == UNMET:
            return self.unmet
        return self._canonical(
            reason,
            lambda: Detail(
                REVIEW, [Gap(REVIEW, CREDENTIAL, self.label, 1, 1, reason, self.what)], []
            ),
        )


class HoursNode(Node):
    __slots__ = ("label", "need", "what")

    def __init__(self, req: SemesterHours):
        self.need = req.hours
        self.label = req.label or "college semester credit hours"
        self.what = what_hours(req)
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
            return Detail(MET, [], [(HOURS, self.label, countable, need, self.what)])
        what = self.what
        if claimed >= need:
            gap = Gap(REVIEW, HOURS, self.label, claimed, need, reason, what)
            return Detail(REVIEW, [gap], [])
        return Detail(UNMET, [Gap(UNMET, HOURS, self.label, claimed, need, None, what)], [])


class ExperienceNode(Node):
    __slots__ = ("key", "label", "match", "need", "ow", "paid", "what")

    def __init__(self, req: Experience, names, classifier: Classifier):
        where = resolve_predicate(req.where, names)
        self.match = classifier.bit(where)
        self.paid = req.paid
        self.key = self.match * 2 + self.paid  # the memo key of these months in a context
        self.need = req.months
        self.label = req.label or _experience_label(req.where, req.paid)
        self.what = what_experience(where, req.paid, req.label)
        self.ow = None
        self.cache = {}
        if req.of_which is not None:
            ow = req.of_which
            both = PredAll((where, resolve_predicate(ow.where, names)))
            match = classifier.bit(both)
            label = ow.label or _experience_label(ow.where, req.paid)
            what = what_experience(resolve_predicate(ow.where, names), req.paid, ow.label)
            self.ow = (match * 2 + self.paid, match, ow.months, label, what)

    def status(self, ctx: Context) -> int:
        if ctx.experience_months(self.key, self.match, self.paid) < self.need:
            return UNMET
        if self.ow is not None:
            key, match, need, _, _ = self.ow
            if ctx.experience_months(key, match, self.paid) < need:
                return UNMET
        return MET

    def _detail(self, ctx: Context) -> Detail:
        have = ctx.exp_cache.get(self.key)
        if have is None:
            have = ctx.experience_months(self.key, self.match, self.paid)
        if self.ow is None:
            d = self.cache.get(have)
            return d if d is not None else self._canonical(have, lambda: self._make(have, None))
        key, match, _, _, _ = self.ow
        part = ctx.experience_months(key, match, self.paid)
        pair = (have, part)
        d = self.cache.get(pair)
        return d if d is not None else self._canonical(pair, lambda: self._make(have, part))

    def _make(self, have, part) -> Detail:
        gaps: list[Gap] = []
        met: list[Met] = []
        if have >= self.need:
            met.append((MONTHS, self.label, have, self.need, self.what))
        else:
            gaps.append(Gap(UNMET, MONTHS, self.label, have, self.need, None, self.what))
        if self.ow is not None:
            _, _, need, label, what = self.ow
            if part >= need:
                met.append((MONTHS, label, part, need, what))
            else:
                gaps.append(Gap(UNMET, MONTHS, label, part, need, None, what))
        return Detail(UNMET if gaps else MET, gaps, met)


def _experience_label(where: Predicate, paid: bool) -> str:
    kind = "paid experience" if paid else "experience"
    if isinstance(where, AnyEntry):
        return kind
    return f"{kind} in which {describe_predicate(where)}"


class ServiceNode(Node):
    __slots__ = ("key", "label", "match", "need", "what")

    def __init__(self, req: Service, key: int):
        self.key = key
        self.need = req.months
        self.label = req.label or describe(req).replace(f"at least {req.months} months of ", "")
        self.what = what_service(req, req.label)
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
            return Detail(MET, [], [(SERVICE, self.label, have, self.need, self.what)])
        gap = Gap(UNMET, SERVICE, self.label, have, self.need, None, self.what)
        return Detail(UNMET, [gap], [])


class LevelNode(Node):
    """A `level` reference: met as the level is; its gaps are the level's closest route's."""

    __slots__ = ("label", "level", "met")

    def __init__(self, level, label: str | None):  # level: a levels.CompiledLevel
        self.level = level
        self.label = label or f"the minimum qualifications of {level.title}"
        self.cache = {}
        self.met = Detail(MET, [], [(LEVEL, self.label, 1, 1, what_level(level.title, label))])

    def status(self, ctx: Context) -> int:
        return self.level.status(ctx)

    def _detail(self, ctx: Context) -> Detail:
        d = self.level.detail(ctx).overall
        return self.met if d.status == MET else d
