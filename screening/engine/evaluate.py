"""Screening a profile: the screening-result/1 document with plain-language explanations."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date
from fractions import Fraction

import orjson

from .compiled import CREDENTIAL, HOURS, LEVEL, MONTHS, SERVICE, UNITS, Detail, Gap
from .counting import MET, REVIEW, UNMET, Context
from .predicates import CACHE_LIMIT
from .profile import Profile
from .screener import Screener
from .ways import explain_messages, level_ways

RESULT_FORMAT = "screening-result/1"
_EMPTY_PROFILE = Profile()
OUTCOMES = {MET: "qualified", REVIEW: "review", UNMET: "not_qualified"}
GAP_STATUS = {REVIEW: "review", UNMET: "unmet"}
_dumps = json.JSONEncoder(check_circular=False).encode  # json.dumps' defaults otherwise
_COMPACT = json.JSONEncoder(check_circular=False, ensure_ascii=False, separators=(",", ":")).encode


def _screen(profile: Profile, screener: Screener, levels, default_as_of: date):
    """(as_of, the Selection, [(level, LevelOutcome, verified)])."""
    selection = screener.selection(levels)
    as_of = profile.as_of or default_as_of
    as_of_month = as_of.year * 12 + as_of.month - 1
    ctx = Context(profile, as_of_month, screener.classify)
    verified_ctx = None
    all_verified = None
    rows = []
    values = [call(ctx) for call in selection.leaf_calls]
    ctx.memo.update(zip(selection.leaf_slots, values, strict=True))
    for level, pick in zip(selection.levels, selection.picks, strict=True):
        outcome = level.detail(ctx) if pick is None else level.outcome_of(ctx, pick(values))
        verified = False
        if outcome.overall.status == MET:
            if all_verified is None:
                all_verified = profile.all_verified
            if all_verified:
                verified = True
            else:
                if verified_ctx is None:
                    verified_ctx = verified_context(profile, as_of_month, screener)
                verified = level.status(verified_ctx) == MET
        rows.append((level, outcome, verified))
    return as_of, selection, rows


def verified_context(profile: Profile, as_of_month: int, screener: Screener) -> Context:
    """The profile as its verified entries alone show it. Without any, that is the empty
    profile, the same for every such profile: one context per month is kept on the screener,
    and the statuses memoized in it serve them all."""
    if profile.any_verified:
        return Context(profile, as_of_month, screener.classify, verified_only=True)
    shared = screener.empty_contexts.get(as_of_month)
    if shared is None:
        shared = screener.empty_contexts[as_of_month] = Context(
            _EMPTY_PROFILE, as_of_month, screener.classify
        )
    return shared


def screen_profile(
    profile: Profile,
    screener: Screener,
    *,
    levels: Collection[str] | None = None,
    default_as_of: date,
) -> dict:
    """Screen a validated profile against the screener's levels (all, or those asked for).

    `default_as_of` is the day used when the profile has no `as_of` (the caller's "today";
    the engine never reads the clock). Raises ValueError naming unknown level ids.
    """
    as_of, selection, rows = _screen(profile, screener, levels, default_as_of)
    return {
        "format": RESULT_FORMAT,
        "as_of": as_of.isoformat(),
        "standards": dict(selection.standards),
        "results": [
            {
                "level": level.id,
                "title": level.title,
                "outcome": OUTCOMES[outcome.overall.status],
                "verified": verified,
                "routes": _route_dicts(level, outcome.routes),
                "attributes": _attributes(level.keyboarding, profile),
                "ways": level_ways(level, outcome).dict_value(),
            }
            for level, outcome, verified in rows
        ],
    }


def screen_outcomes(
    profile: Profile,
    screener: Screener,
    *,
    levels: Collection[str] | None = None,
    default_as_of: date,
) -> list[tuple[str, str, bool, tuple[tuple[str, str], ...]]]:
    """Per level (level id, outcome, verified, ((route, route outcome), ...)), nothing else.

    The outcomes of `screen_profile` without explanations, gaps or attributes: only the
    nodes' cheap `status` is evaluated (the bulk re-evaluation of stored profiles).
    """
    as_of = profile.as_of or default_as_of
    as_of_month = as_of.year * 12 + as_of.month - 1
    ctx = Context(profile, as_of_month, screener.classify)
    verified_ctx = None
    all_verified = None
    rows = []
    for level in screener.selection(levels).levels:
        statuses = [node.status(ctx) for node in level.routes]
        overall = max(statuses, default=UNMET)
        verified = False
        if overall == MET:
            if all_verified is None:
                all_verified = profile.all_verified
            if all_verified:
                verified = True
            else:
                if verified_ctx is None:
                    verified_ctx = verified_context(profile, as_of_month, screener)
                verified = level.status(verified_ctx) == MET
        routes = tuple(
            [(name, OUTCOMES[s]) for name, s in zip(level.route_names, statuses, strict=True)]
        )
        rows.append((level.id, OUTCOMES[overall], verified, routes))
    return rows


def screen_profile_json(
    profile: Profile,
    screener: Screener,
    *,
    levels: Collection[str] | None = None,
    default_as_of: date,
    compact: bool = False,
) -> str:
    """`json.dumps(screen_profile(...))`, exactly, but much faster for bulk screening.

    With `compact`, exactly `json.dumps(…, ensure_ascii=False, separators=(",", ":"))`
    (one line of JSONL). A level's routes and ways depend only on its LevelOutcome (see
    levels.py), so their JSON is made once per outcome and reused; only the per-profile
    fields (verified, attributes) are joined in each time.
    """
    return "".join(_result_pieces(profile, screener, levels, default_as_of, compact))


def screen_profile_jsonl(
    profile: Profile,
    screener: Screener,
    *,
    levels: Collection[str] | None = None,
    default_as_of: date,
) -> bytes:
    """`screen_profile_json(…, compact=True)` as UTF-8 bytes: the same line, joined from
    pieces kept as bytes, so that a 25 KB result is not encoded again for each profile."""
    return b"".join(_result_pieces(profile, screener, levels, default_as_of, _BYTES))


_BYTES = "bytes"  # the style of screen_profile_jsonl's pieces (False, True: text, spaced or not)


def _result_pieces(profile, screener, levels, default_as_of, style) -> list:
    """The pieces of a result's JSON, most kept per level or per outcome, in `style`."""
    as_of, selection, rows = _screen(profile, screener, levels, default_as_of)
    compact = style is not False
    encode = str.encode if style is _BYTES else str
    kept = selection.result_heads
    head = kept.get((style, as_of))
    if head is None:
        dumps = _COMPACT if compact else _dumps
        comma, colon = (",", ":") if compact else (", ", ": ")
        if len(kept) >= CACHE_LIMIT:
            kept.clear()
        head = kept[(style, as_of)] = encode(
            f'{{"format"{colon}"{RESULT_FORMAT}"{comma}"as_of"{colon}"{as_of.isoformat()}"'
            f'{comma}"standards"{colon}{dumps(selection.standards)}{comma}"results"{colon}['
        )
    parts = [head]
    append = parts.append
    true, false, comma = encode("true"), encode("false"), encode("," if compact else ", ")
    wpm = profile.assessments.keyboarding_wpm
    for level, outcome, verified in rows:
        texts = outcome.texts.get(style)
        if texts is None:
            texts = outcome.texts[style] = tuple(
                map(encode, _outcome_texts(level, outcome, compact))
            )
        cache = level.json_cache
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        key = (style, wpm)
        level_head = cache.get(key)
        if level_head is None:
            level_head = cache[key] = tuple(map(encode, _level_texts(level, profile, compact)))
        append(level_head[0])
        append(texts[0])
        append(true if verified else false)
        append(texts[1])
        append(level_head[1])
        append(texts[2])
        append(comma)
    if rows:
        parts.pop()  # the last comma
    append(encode("]}"))
    return parts


def _level_texts(level, profile: Profile, compact: bool) -> tuple[str, str]:
    """A level result's opening (id, title) and its attributes' JSON (these depend on the
    profile's keyboarding speed alone)."""
    dumps = _COMPACT if compact else _dumps
    comma, colon = (",", ":") if compact else (", ", ": ")
    return (
        f'{{"level"{colon}{dumps(level.id)}{comma}"title"{colon}{dumps(level.title)}'
        f'{comma}"outcome"{colon}',
        dumps(_attributes(level.keyboarding, profile)),
    )


def _outcome_texts(level, outcome, compact: bool) -> tuple[str, str, str]:
    """A level result's JSON around its `verified` and `attributes` values, which the
    outcome does not decide: made once per outcome."""
    dumps = _COMPACT if compact else _dumps
    comma, colon = (",", ":") if compact else (", ", ": ")
    routes_json = _routes_json(level, outcome.routes, compact)
    ways_json = level_ways(level, outcome).json(dumps, compact)
    return (
        f'"{OUTCOMES[outcome.overall.status]}"{comma}"verified"{colon}',
        f'{comma}"routes"{colon}{routes_json}{comma}"attributes"{colon}',
        f'{comma}"ways"{colon}{ways_json}}}',
    )


def _routes_json(level, routes: tuple[Detail, ...], compact: bool) -> str:
    """The JSON array of a level's routes, joined from each route's JSON (made once per
    route and canonical detail: a new combination of known routes costs only the join)."""
    cache = level.json_cache
    parts = []
    for index, d in enumerate(routes):
        key = (compact, index, d)
        text = cache.get(key)
        if text is None:
            name = level.route_names[index]
            route = _route_dict(name, d)
            text = cache[key] = _dumps_compact(route) if compact else _dumps(route)
        parts.append(text)
    return f"[{(',' if compact else ', ').join(parts)}]"


def _dumps_compact(value) -> str:
    """The text of json.dumps(value, ensure_ascii=False, separators=(",", ":")), by orjson
    (the same text for the strings, ints and short floats of a result)."""
    return orjson.dumps(value).decode()


def _route_dict(name: str, d: Detail) -> dict:
    return {
        "route": name,
        "outcome": OUTCOMES[d.status],
        "explanation": explain(d),
        "gaps": [gap_item(g) for g in d.gaps] if d.status != MET else [],
        "messages": explain_messages(d),
    }


def _route_dicts(level, routes) -> list[dict]:
    return [_route_dict(name, d) for name, d in zip(level.route_names, routes, strict=True)]


def _attributes(keyboarding: tuple[int, ...], profile: Profile) -> list[dict]:
    """Keyboarding minimums beside the outcome (never part of it)."""
    if not keyboarding:
        return []
    wpm = profile.assessments.keyboarding_wpm
    return [
        {
            "attribute": "keyboarding",
            "minimum_wpm": minimum,
            "status": "unassessed" if wpm is None else "met" if wpm >= minimum else "not_met",
        }
        for minimum in keyboarding
    ]


def round_down(value: int | Fraction) -> float:
    """A quantity rounded down to 2 decimals, so an unmet 11.996 never shows as 12."""
    if isinstance(value, int):
        return float(value)
    return ((value.numerator * 100) // value.denominator) / 100


def _need(value: int | Fraction) -> int | float:
    return value if isinstance(value, int) else float(value)


def gap_item(gap: Gap) -> dict:
    """The gap as a result dict (made once per gap, copied for each place it appears)."""
    if gap.item is not None:
        return dict(gap.item)
    item = gap.item = {
        "requirement": gap.label,
        "status": GAP_STATUS[gap.status],
        "have": round_down(gap.have),
        "need": _need(gap.need),
        "unit": UNITS[gap.kind],
    }
    if gap.reason is not None:
        item["reason"] = str(gap.reason)  # plain text in the result (wording.Reason is a str)
    return dict(item)


# ---------------------------------------------------------------------------
# Explanations an applicant understands.


def fmt(value: int | Fraction) -> str:
    """12 -> "12", 12.5 -> "12.5", 11.996 -> "11.99" (rounded down, like `have`)."""
    if isinstance(value, int):
        return str(value)
    hundredths = (value.numerator * 100) // value.denominator
    whole, frac = divmod(hundredths, 100)
    return str(whole) if frac == 0 else f"{whole}.{frac:02d}".rstrip("0")


def _months(value) -> str:
    return "month" if value == 1 else "months"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _met_phrase(item: tuple, *, with_need: bool) -> str:
    kind, label, have, need, _ = item
    if kind in (MONTHS, SERVICE):
        text = f"{fmt(have)} {_months(have)} of {label}"
    elif kind == HOURS:
        text = f"{fmt(have)} college semester credit hours"
    else:  # CREDENTIAL, LEVEL
        return label
    return f"{text} ({fmt(need)} needed)" if with_need else text


def explain(d: Detail) -> str:
    """One or more sentences on how the route is met, or what it still needs."""
    if d.text is None:
        d.text = _explain(d)
    return d.text


def _explain(d: Detail) -> str:
    if d.status == MET:
        met = [_met_phrase(m, with_need=True) for m in d.met]
        return f"You meet this with {_join(met)}." if met else "You meet this."
    context = _join([_met_phrase(m, with_need=False) for m in d.met])
    with_ = f" with {context}" if context else ""
    sentences = []
    for gap in d.gaps:
        if gap.status == UNMET:
            sentences.append(_unmet_sentence(gap, with_, context))
            with_ = context = ""  # what the applicant has is said once, in the first sentence
    for gap in d.gaps:
        if gap.status == REVIEW:
            reason = gap.reason or "a placement officer must judge it"
            sentences.append(f"For {gap.label}, {reason}.")
    if d.status == REVIEW:
        sentences.append("Whether you qualify this way depends on that judgment.")
    return " ".join(sentences)


def _unmet_sentence(gap: Gap, with_: str, context: str) -> str:
    have, need = fmt(gap.have), fmt(gap.need)
    if gap.kind in (MONTHS, SERVICE):
        return f"You have {have} of the {need} {_months(gap.need)} of {gap.label} needed{with_}."
    if gap.kind == HOURS:
        return f"You have {have} of the {need} college semester credit hours needed{with_}."
    if gap.kind == CREDENTIAL:
        if context:
            return f"You need {gap.label}; you already have {context}."
        return f"You need {gap.label}."
    assert gap.kind == LEVEL
    return f"You need {gap.label}."
