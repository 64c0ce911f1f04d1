"""Text and rule in step: warnings where a level's printed qualification text and its
machine rule disagree (years, months, semester hours, credentials, "or" against any-of).

Pure functions over the class-standard/1 document; no Django. The document may be a draft
that is still incomplete, so every part is read defensively (a missing part gives no warning).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class TextRuleWarning:
    level: str  # the level's id in its series
    route: str  # the qualification route's name as printed ("" for the level as a whole)
    message: str  # in words, for an analyst


_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1,
    "an": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER = r"(\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)"
_DURATION_RE = re.compile(rf"\b{_NUMBER}[ -](years?|months?)\b", re.IGNORECASE)
_HOURS_RE = re.compile(rf"\b{_NUMBER} (?:college )?semester (?:credit )?hours\b", re.IGNORECASE)
# Alternatives in the printed text: "…; or …", or "Or" alone on its line.
_ALTERNATIVE_RE = re.compile(r";\s*or\b|^\s*or\s*$", re.IGNORECASE | re.MULTILINE)
_CREDENTIAL_RES = {
    "high_school": re.compile(r"high school", re.IGNORECASE),
    "associate": re.compile(r"\bassociate'?s?\s+degree", re.IGNORECASE),
    "bachelor": re.compile(r"\bbachelor'?s?\b", re.IGNORECASE),
    "master": re.compile(r"\bmaster'?s?\s+degree", re.IGNORECASE),
    "doctorate": re.compile(r"\bdoctora(te|l)\b", re.IGNORECASE),
}
_CREDENTIAL_WORDS = {
    "high_school": "a high school diploma",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}


def number_of(word: str) -> Fraction | None:
    """ "three" -> 3, "twenty-four" -> 24, "12" -> 12, "1.5" -> 3/2; None when not a number."""
    word = word.lower()
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return Fraction(word)
    if word in _UNITS:
        return Fraction(_UNITS[word])
    if word in _TENS:
        return Fraction(_TENS[word])
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return Fraction(_TENS[tens] + _UNITS[unit])
    return None


def text_months(text: str) -> dict[Fraction, str]:
    """Every period the text states, in months, with the words that state it."""
    found: dict[Fraction, str] = {}
    for match in _DURATION_RE.finditer(text):
        count = number_of(match.group(1))
        if count is None:
            continue
        months = count * 12 if match.group(2).lower().startswith("year") else count
        found.setdefault(months, match.group(0))
    return found


def text_hours(text: str) -> set[Fraction]:
    return {n for m in _HOURS_RE.finditer(text) if (n := number_of(m.group(1))) is not None}


def text_credentials(text: str) -> set[str]:
    return {name for name, pattern in _CREDENTIAL_RES.items() if pattern.search(text)}


def _requirements(rule) -> Iterator[dict]:
    """Every requirement of a rule (not following references to other levels)."""
    if not isinstance(rule, dict):
        return
    yield rule
    for key in ("all", "any"):
        for part in rule.get(key) or () if isinstance(rule.get(key), list) else ():
            yield from _requirements(part)


def _number(value) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)


def rule_months(rule) -> set[Fraction]:
    """Every period a rule asks for: experience, "of which", service."""
    months = set()
    for req in _requirements(rule):
        for key in ("experience", "service"):
            body = req.get(key)
            if isinstance(body, dict):
                months.add(_number(body.get("months")))
                if isinstance(body.get("of_which"), dict):
                    months.add(_number(body["of_which"].get("months")))
    return months - {None}


def rule_hours(rule) -> set[Fraction]:
    hours = {
        _number(req["education"].get("semester_hours"))
        for req in _requirements(rule)
        if isinstance(req.get("education"), dict)
    }
    return hours - {None}


def rule_credentials(rule) -> set[str]:
    return {
        req["education"]["credential"]
        for req in _requirements(rule)
        if isinstance(req.get("education"), dict)
        and isinstance(req["education"].get("credential"), str)
    }


def rule_has_alternatives(rule) -> bool:
    return any("any" in req for req in _requirements(rule))


def _n(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def _said(words: str, months: Fraction) -> str:
    if words.lower().rstrip("s").endswith("month"):
        return words
    return f"{words} ({_n(months)} months)"


def _period_messages(text: str, rule: dict) -> Iterator[str]:
    in_text, in_rule = text_months(text), rule_months(rule)
    text_only = [m for m in sorted(in_text) if m not in in_rule]
    rule_only = [m for m in sorted(in_rule) if m not in in_text]
    for said, asked in zip(text_only, rule_only, strict=False):
        yield (
            f"the text says {_said(in_text[said], said)} but the rule asks for {_n(asked)} months"
        )
    for said in text_only[len(rule_only) :]:
        yield f"the text says {_said(in_text[said], said)} but the rule asks for no such period"
    for asked in rule_only[len(text_only) :]:
        yield f"the rule asks for {_n(asked)} months but the text does not say so"


def _hours_messages(text: str, rule: dict) -> Iterator[str]:
    in_text, in_rule = text_hours(text), rule_hours(rule)
    for hours in sorted(in_text - in_rule):
        yield f"the text says {_n(hours)} semester hours but the rule does not ask for them"
    for hours in sorted(in_rule - in_text):
        yield f"the rule asks for {_n(hours)} semester hours but the text does not say so"


def _credential_messages(text: str, rule: dict) -> Iterator[str]:
    in_text, in_rule = text_credentials(text), rule_credentials(rule)
    for name in sorted(in_text - in_rule):
        yield f"the text names {_CREDENTIAL_WORDS[name]} but the rule does not ask for it"
    for name in sorted(in_rule - in_text):
        words = _CREDENTIAL_WORDS.get(name, name)
        yield f"the rule asks for {words} but the text does not name it"


def _alternative_messages(text: str, rule: dict) -> Iterator[str]:
    printed, ruled = bool(_ALTERNATIVE_RE.search(text)), rule_has_alternatives(rule)
    if printed and not ruled:
        yield 'the text gives alternatives ("or") but the rule has no "any of" group'
    elif ruled and not printed:
        yield 'the rule has an "any of" group but the text gives no alternatives ("or")'


def route_messages(text: str, rule: dict) -> list[str]:
    """The disagreements between one route's printed text and its rule, in words."""
    if not isinstance(text, str) or not isinstance(rule, dict):
        return []
    checks = (_period_messages, _hours_messages, _credential_messages, _alternative_messages)
    return [message for check in checks for message in check(text, rule)]


def route_words(name: str) -> str:
    """`open_competitive` -> "Open Competitive"."""
    return str(name).replace("_", " ").replace("-", " ").title()


def text_rule_warnings(document: dict) -> list[TextRuleWarning]:
    """Every disagreement between a level's printed text and its rule (empty: in step)."""
    warnings = []
    levels = document.get("levels") if isinstance(document, dict) else None
    for level in levels if isinstance(levels, list) else ():
        if not isinstance(level, dict):
            continue
        qualifications = level.get("qualifications")
        routes = qualifications.get("routes") if isinstance(qualifications, dict) else None
        for route in routes if isinstance(routes, list) else ():
            if not isinstance(route, dict):
                continue
            where = (
                f"Level '{level.get('title') or level.get('id')}', "
                f"route '{route_words(route.get('route') or '')}'"
            )
            for message in route_messages(route.get("text"), route.get("rule")):
                warnings.append(
                    TextRuleWarning(
                        level=str(level.get("id") or ""),
                        route=str(route.get("route") or ""),
                        message=f"{where}: {message}",
                    )
                )
    return warnings
