"""Every way to qualify for a level, and explanations as messages (keys with parameters).

`ways` (an extra field of each level in screening-result/1) lists, per route, each of its
alternatives: the route's rule as "or"s of "and"s of requirements (a `level` reference is
one requirement). Each branch says whether it is met, which one is the closest (the branch
`gaps` describe, or the first met one), and every requirement with have/need numbers and a
message. They are made from the details the screening already computed (the nodes' details
are memoized per profile), and their JSON is cached per combination of those details.
"""

from __future__ import annotations

from fractions import Fraction
from operator import itemgetter

import orjson

from .compiled import CREDENTIAL, HOURS, LEVEL, MONTHS, SERVICE, UNITS, Detail, _all_of, closest
from .counting import MET, REVIEW, UNMET
from .messages import message
from .predicates import CACHE_LIMIT
from .wording import reason_message

STATUS = {MET: "met", REVIEW: "review", UNMET: "unmet"}
OUTCOMES = {MET: "qualified", REVIEW: "review", UNMET: "not_qualified"}
ITEM_UNITS = {**UNITS, LEVEL: "level"}


def shown(value: int | Fraction) -> int | float:
    """A quantity as the result shows it: an int, or rounded down to 2 decimals."""
    if isinstance(value, int):
        return value
    hundredths = (value.numerator * 100) // value.denominator
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def short_of(have: int | Fraction, need: int | Fraction) -> int | float:
    """need - have rounded *up* to 2 decimals (what is missing is never understated)."""
    if type(have) is int and type(need) is int:
        return need - have
    # Plain ints (as Fraction arithmetic, ten times faster): x = need - have, over den.
    num = need.numerator * have.denominator - have.numerator * need.denominator
    den = need.denominator * have.denominator
    hundredths = -((-num * 100) // den)
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


# ---------------------------------------------------------------------------
# Explanations as messages: the sentences of evaluate.explain, one message each.


def explain_messages(d: Detail) -> list[dict]:
    """The route's explanation as a list of messages (made once per detail, shared: results
    hand out the same read-only object, as copying them would cost more than the rest)."""
    if d.messages is None:
        d.messages = _explain(d)
    return d.messages


def _phrase(met: tuple, *, with_need: bool) -> dict:
    kind, _, have, need, what = met
    if kind in (MONTHS, SERVICE):
        key = "phrase.months_need" if with_need else "phrase.months"
    elif kind == HOURS:
        key = "phrase.hours_need" if with_need else "phrase.hours"
    else:  # CREDENTIAL, LEVEL
        return what
    return message(key, have=shown(have), need=shown(need), what=what)


def _explain(d: Detail) -> list[dict]:
    if d.status == MET:
        items = [_phrase(m, with_need=True) for m in d.met]
        return [message("explain.met_with", items=items) if items else message("explain.met")]
    context = [_phrase(m, with_need=False) for m in d.met]
    out = []
    for gap in d.gaps:
        if gap.status == UNMET:
            out.append(_unmet(gap, context))
            context = []  # what the applicant has is said once, in the first sentence
    for gap in d.gaps:
        if gap.status == REVIEW:
            out.append(message("explain.review", what=gap.what, reason=reason_message(gap.reason)))
    if d.status == REVIEW:
        out.append(message("explain.depends"))
    return out


def _unmet(gap, context: list) -> dict:
    params = {"what": gap.what}
    if context:
        params["context"] = context
    suffix = "_with" if context else ""
    if gap.kind in (MONTHS, SERVICE, HOURS):
        params.update(
            have=shown(gap.have), need=shown(gap.need), short=short_of(gap.have, gap.need)
        )
        kind = "hours" if gap.kind == HOURS else "months"
        return message(f"explain.{kind}{suffix}", **params)
    return message(f"explain.need{suffix}", **params)


# ---------------------------------------------------------------------------
# Ways.


class Ways:
    """A level's `ways` for one LevelOutcome: their shape, made once; the value (shared and
    read-only) and its JSON texts are made from it on first use."""

    __slots__ = ("routes", "texts", "value")

    def __init__(self, routes: list[tuple]):
        self.routes = routes  # [(route name, outcome, [(Branch, closest?)])]
        self.value = None
        self.texts: dict[bool, str] = {}

    def dict_value(self) -> list[dict]:
        if self.value is None:
            self.value = [
                {
                    "route": name,
                    "outcome": outcome,
                    "branches": [
                        {
                            "status": STATUS[branch.whole.status],
                            "closest": best,
                            "requirements": [item for d in branch.part for item in _items(d)],
                        }
                        for branch, best in branches
                    ],
                }
                for name, outcome, branches in self.routes
            ]
        return self.value

    def json(self, dumps, compact: bool) -> str:
        """The JSON of the value, exactly, joined from the texts of each requirement's items
        (made once per canonical detail, so a new combination costs only the joins)."""
        text = self.texts.get(compact)
        if text is None:
            text = self.texts[compact] = _ways_text(self.routes, dumps, compact)
        return text


def level_ways(level, outcome) -> Ways:
    """The level's `ways` for a LevelOutcome (made once per outcome, from its key: the
    details of the level's way leaves)."""
    ways = outcome.ways
    if ways is None:
        ways = outcome.ways = Ways(_ways(level, outcome.key))
    return ways


class Branch:
    """One branch of a route for one tuple of its requirements' details: their "and", and
    its JSON around the `closest` flag (which the other branches decide)."""

    __slots__ = ("part", "texts", "whole")

    def __init__(self, part: tuple[Detail, ...]):
        self.part = part
        self.whole = _all_of(part)
        self.texts: dict = {}  # compact? -> (text before `closest`, text after it)


def _ways(level, key: tuple[Detail, ...]) -> list[tuple]:
    cache = level.branch_cache
    out = []
    for name, picks in zip(level.route_names, _branch_picks(level), strict=True):
        branches = []
        for pick in picks:
            part = pick(key)
            branch = cache.get(part)
            if branch is None:
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()  # all at once: a key never outlives the objects it names
                branch = cache[part] = Branch(part)
            branches.append(branch)
        wholes = [b.whole for b in branches]
        best = closest(wholes)
        # The first branch that is the closest (equal branches share one Branch object).
        first = wholes.index(best)  # Details compare by identity
        outcome = OUTCOMES[max(whole.status for whole in wholes)]
        out.append((name, outcome, [(b, i == first) for i, b in enumerate(branches)]))
    return out


def _branch_picks(level) -> tuple:
    """Per route, per branch, a function of the level's key giving the branch's details."""
    if level.branch_picks is None:
        position = {leaf: i for i, leaf in enumerate(level.way_leaves)}
        level.branch_picks = tuple(
            tuple(_getter([position[leaf] for leaf in branch]) for branch in branches)
            for branches in level.route_ways
        )
    return level.branch_picks


def _getter(indexes: list[int]):
    if len(indexes) == 1:  # itemgetter of one index gives the item, not a tuple
        index = indexes[0]
        return lambda values: (values[index],)
    return itemgetter(*indexes)


def _ways_text(routes: list[tuple], dumps, compact: bool) -> str:
    comma, colon = (",", ":") if compact else (", ", ": ")
    texts = []
    for name, outcome, branches in routes:
        shown_branches = []
        for branch, best in branches:
            before, after = _branch_texts(branch, dumps, compact)
            shown_branches.append(f"{before}{'true' if best else 'false'}{after}")
        texts.append(
            f'{{"route"{colon}{dumps(name)}{comma}"outcome"{colon}"{outcome}"{comma}'
            f'"branches"{colon}[{comma.join(shown_branches)}]}}'
        )
    return f"[{comma.join(texts)}]"


def _branch_texts(branch: Branch, dumps, compact: bool) -> tuple[str, str]:
    texts = branch.texts.get(compact)
    if texts is None:
        comma, colon = (",", ":") if compact else (", ", ": ")
        items = [text for d in branch.part if (text := _items_text(d, dumps, compact))]
        texts = branch.texts[compact] = (
            f'{{"status"{colon}"{STATUS[branch.whole.status]}"{comma}"closest"{colon}',
            f'{comma}"requirements"{colon}[{comma.join(items)}]}}',
        )
    return texts


def _items_text(d: Detail, dumps, compact: bool) -> str:
    """The JSON of a detail's items, without brackets (made once per detail and mode)."""
    texts = d.items_json
    if texts is None:
        texts = d.items_json = {}
    text = texts.get(compact)
    if text is None:
        encode = (lambda item: orjson.dumps(item).decode()) if compact else dumps
        text = texts[compact] = ("," if compact else ", ").join(
            [encode(item) for item in _items(d)]
        )
    return text


def _items(d: Detail) -> list[dict]:
    return [_met_item(m) for m in d.met] + [_gap_item(g) for g in d.gaps]


def _met_item(met: tuple) -> dict:
    kind, label, have, need, what = met
    item = _item(label, "met", have, need, kind)
    if kind in (MONTHS, SERVICE):
        msg = message("item.months_met", have=item["have"], need=item["need"], what=what)
    elif kind == HOURS:
        msg = message("item.hours_met", have=item["have"], need=item["need"])
    elif kind == CREDENTIAL:
        msg = message("item.credential_met", what=what)
    else:
        msg = message("item.level_met", what=what)
    item["message"] = msg
    return item


def _gap_item(gap) -> dict:
    item = _item(gap.label, STATUS[gap.status], gap.have, gap.need, gap.kind)
    if gap.status == REVIEW:
        if gap.reason is not None:
            item["reason"] = str(gap.reason)
        reason = reason_message(gap.reason)
        item["message"] = message("explain.review", what=gap.what, reason=reason)
        return item
    if gap.kind == CREDENTIAL:
        item["message"] = message("item.credential_missing", what=gap.what)
        return item
    short = short_of(gap.have, gap.need)
    key = "item.hours_more" if gap.kind == HOURS else "item.months_more"
    params = {"have": item["have"], "need": item["need"], "short": short}
    if gap.kind != HOURS:
        params["what"] = gap.what
    item["message"] = message(key, **params)
    return item


def _item(label: str, status: str, have, need, kind: str) -> dict:
    return {
        "requirement": label,
        "status": status,
        "have": shown(have),
        "need": shown(need),
        "unit": ITEM_UNITS[kind],
    }
