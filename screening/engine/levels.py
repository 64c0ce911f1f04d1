"""Compiled levels, and the outcome of a level memoized by the details of its requirements.

A level's routes (and its `ways`) depend only on the details of the requirements its ways
list (`way_leaves`: experience months, a credential's status, …), which are canonical
objects. So the tuple of those details is a key: a profile whose requirements come out as
an earlier one's gets that profile's LevelOutcome (its route details and, made once, their
JSON) without evaluating the requirement tree again.
"""

from __future__ import annotations

from .compiled import Detail, _any_of
from .counting import MET, UNMET, Context
from .predicates import CACHE_LIMIT


class LevelOutcome:
    """A level's result for one combination of its requirements' details (shared, read-only).

    `overall` is the "or" of the routes; `texts` and `ways` hold what evaluate.py and
    ways.py make of it once (its JSON, its `ways`).
    """

    __slots__ = ("key", "overall", "routes", "texts", "ways")

    def __init__(self, key: tuple[Detail, ...], overall: Detail, routes: tuple[Detail, ...]):
        self.key = key  # the details of the level's way leaves, in order
        self.overall = overall
        self.routes = routes
        self.texts: dict = {}  # style (see evaluate._result_pieces) -> its three JSON pieces
        self.ways = None  # ways.Ways, made on first use


class CompiledLevel:
    __slots__ = (
        "branch_cache",
        "branch_picks",
        "cache",
        "calls",
        "id",
        "index",
        "json_cache",
        "keyboarding",
        "outcomes",
        "route_names",
        "route_ways",
        "routes",
        "series",
        "title",
        "way_calls",
        "way_leaves",
    )

    def __init__(self, index: int, series: str, level_id: str, title: str, keyboarding):
        self.index = index
        self.series = series
        self.id = level_id
        self.title = title
        self.keyboarding = keyboarding
        self.route_names: tuple[str, ...] = ()
        self.routes: tuple = ()
        self.route_ways: tuple = ()  # per route, its branches (see Node.branches)
        self.way_leaves: tuple = ()  # the distinct nodes of those branches, in order
        self.way_calls: tuple = ()  # (memo slot, bound detail) of each of them
        self.calls: tuple = ()
        self.cache: dict = {}  # route details -> the canonical "or" of them
        self.outcomes: dict = {}  # way leaves' details -> LevelOutcome
        self.json_cache: dict = {}  # see evaluate.screen_profile_json
        self.branch_cache: dict = {}  # a branch's details -> ways.Branch
        self.branch_picks = None  # see ways._branch_picks

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

    def detail(self, ctx: Context) -> LevelOutcome:
        """The level's outcome for the context, memoized per context and across profiles."""
        found = ctx.level_cache.get(self.index)
        if found is None:
            memo = ctx.memo  # leaves shared with levels screened before are there already
            key = tuple([memo.get(slot) or detail(ctx) for slot, detail in self.way_calls])
            found = self.outcome_of(ctx, key)
        return found

    def outcome_of(self, ctx: Context, key: tuple[Detail, ...]) -> LevelOutcome:
        """The level's outcome given its key (the details of its way leaves, in order),
        remembered in the context as `detail` would."""
        found = self.outcomes.get(key)
        if found is None:
            found = self._outcome(ctx, key)
        ctx.level_cache[self.index] = found
        return found

    def _outcome(self, ctx: Context, key: tuple[Detail, ...]) -> LevelOutcome:
        routes = tuple([call(ctx) for call in self.calls])
        overall = self.cache.get(routes)
        if overall is None:
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            overall = self.cache[routes] = _any_of(routes)
        if len(self.outcomes) >= CACHE_LIMIT:
            self.outcomes.clear()  # all at once: a key never outlives the objects it names
        found = self.outcomes[key] = LevelOutcome(key, overall, routes)
        return found
